import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { baselines } from "../../db/schema/requirements";
import { createManualBaseline, getBaseline, getWorkingSnapshot, listBaselines } from "~/models/baselines.server";
import {
  changeSetStatus,
  getVisibleSet,
  listRegionSets,
  setArchived,
  shareSet,
  updateSetDetails,
  type StatusTransition,
} from "~/models/requirement-sets.server";
import {
  createRequirement,
  getRequirement,
  listRequirementHistory,
  moveRequirement,
  setRequirementDeleted,
  updateRequirement,
} from "~/models/requirements.server";
import {
  MAX_SECTION_DEPTH,
  createSection,
  deleteSection,
  listSectionTree,
  moveSection,
  renameSection,
} from "~/models/sections.server";
import { db } from "~/utils/db.server";

import { createCollaboration, createMember, createRegion } from "../support/factories";
import { createSetFixture, requirementInput } from "../support/set-factories";

import { auditRows } from "./route-helpers";
import {
  TEST_REQUEST,
  baselinesOf,
  changesOf,
  expectDatabaseRefusal,
  newRequirement,
  newSection,
  newSet,
  principalFor,
  requirementRow,
  setRow,
  sortedSnapshot,
} from "./set-helpers";

async function regionWithEditor() {
  const region = await createRegion();
  const editor = await createMember(region.id, "editor");
  return { region, editor };
}

describe("createSet and listRegionSets", () => {
  test("a new set is a private draft at version 1 with a set-created change", async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id, "Journalsystem");
    const set = await setRow(setId);
    expect(set).toMatchObject({
      ownerRegionId: region.id,
      title: "Journalsystem",
      status: "draft",
      visibility: "private",
      version: 1,
      createdByUserId: editor.id,
    });
    const changes = await changesOf(setId);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: "set-created",
      version: 1,
      changedByUserId: editor.id,
      changes: { title: { old: null, new: "Journalsystem" } },
    });
  });

  test("counts ska, bör and total per set, leaving deleted requirements out", async () => {
    const { region, editor } = await regionWithEditor();
    const full = await newSet(region.id, editor.id, "Full");
    const empty = await newSet(region.id, editor.id, "Tom");
    await newRequirement(full, null, editor.id, { obligation: "ska" });
    await newRequirement(full, null, editor.id, { obligation: "ska" });
    await newRequirement(full, null, editor.id, { obligation: "bor", weight: 10 });
    const deletedSka = await newRequirement(full, null, editor.id, { obligation: "ska" });
    const deletedBor = await newRequirement(full, null, editor.id, { obligation: "bor" });
    for (const id of [deletedSka, deletedBor]) {
      const result = await setRequirementDeleted({
        setId: full,
        requirementId: id,
        baseVersion: 1,
        deleted: true,
        actorUserId: editor.id,
      });
      expect(result.status).toBe("saved");
    }
    // Another region's set never shows up in this workspace.
    const other = await regionWithEditor();
    await createSetFixture({ ownerRegionId: other.region.id, authorId: other.editor.id });

    const list = await listRegionSets({ regionId: region.id });
    expect(list.map((set) => set.id).sort()).toEqual([full, empty].sort());
    const byId = new Map(list.map((set) => [set.id, set]));
    expect(byId.get(full)).toMatchObject({ total: 3, ska: 2, bor: 1, title: "Full", ownerRegionName: region.name });
    expect(byId.get(empty)).toMatchObject({ total: 0, ska: 0, bor: 0 });
    expect(byId.get(full)?.updatedByName).toBe(editor.name);
  });

  test("archived sets are listed only when asked for, and the status filter narrows the list", async () => {
    const { region, editor } = await regionWithEditor();
    const active = await newSet(region.id, editor.id, "Aktiv");
    const archived = await newSet(region.id, editor.id, "Arkiverad");
    const archiving = await setArchived({ setId: archived, baseVersion: 1, archived: true, actorUserId: editor.id });
    expect(archiving.status).toBe("saved");

    expect((await listRegionSets({ regionId: region.id })).map((set) => set.id)).toEqual([active]);
    expect((await listRegionSets({ regionId: region.id, archived: true })).map((set) => set.id)).toEqual([archived]);

    const submitted = await changeSetStatus({
      setId: active,
      baseVersion: 1,
      transition: "submit_review",
      actorUserId: editor.id,
      language: "sv",
    });
    expect(submitted.status).toBe("saved");
    expect((await listRegionSets({ regionId: region.id, status: "in_review" })).map((set) => set.id)).toEqual([active]);
    expect(await listRegionSets({ regionId: region.id, status: "draft" })).toEqual([]);
  });
});

describe("getVisibleSet", () => {
  test("a private set is visible to its region only; sharing opens it as chosen", async () => {
    const regionA = await createRegion();
    const regionB = await createRegion();
    const regionC = await createRegion();
    const owner = await createMember(regionA.id, "admin");
    const viewerA = await createMember(regionA.id, "viewer");
    const memberB = await createMember(regionB.id, "editor");
    const memberC = await createMember(regionC.id, "editor");
    const collaboration = await createCollaboration([regionA.id, regionB.id]);
    const { setId } = await createSetFixture({ ownerRegionId: regionA.id, authorId: owner.id });

    const seenByViewerA = await getVisibleSet({ setId, principal: await principalFor(viewerA) });
    expect(seenByViewerA).toMatchObject({ id: setId, total: 1, ska: 1, bor: 0, visibility: "private" });
    expect(await getVisibleSet({ setId, principal: await principalFor(memberB) })).toBeNull();
    expect(await getVisibleSet({ setId, principal: await principalFor(memberC) })).toBeNull();
    expect(await getVisibleSet({ setId, principal: null })).toBeNull();

    const shared = await shareSet({
      setId,
      ownerRegionId: regionA.id,
      baseVersion: (await setRow(setId)).version,
      visibility: "collaboration",
      collaborationId: collaboration.id,
      actorUserId: owner.id,
      request: TEST_REQUEST,
    });
    expect(shared.status).toBe("saved");
    expect(await getVisibleSet({ setId, principal: await principalFor(memberB) })).toMatchObject({ id: setId });
    expect(await getVisibleSet({ setId, principal: await principalFor(memberC) })).toBeNull();
  });

  test("a missing set is null as well", async () => {
    const { editor } = await regionWithEditor();
    expect(
      await getVisibleSet({ setId: "00000000-0000-4000-8000-000000000000", principal: await principalFor(editor) }),
    ).toBeNull();
  });
});

describe("updateSetDetails", () => {
  test("saves from the current version and records only the fields that changed", async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id, "Före");
    const result = await updateSetDetails({
      setId,
      baseVersion: 1,
      title: "Efter",
      description: "Beskrivning",
      procurementReference: "RS 2025-17",
      actorUserId: editor.id,
    });
    expect(result).toEqual({ status: "saved", version: 2 });
    expect(await setRow(setId)).toMatchObject({ title: "Efter", procurementReference: "RS 2025-17", version: 2 });
    const [change] = await changesOf(setId, "set-updated");
    expect(change).toMatchObject({ version: 2, changedByUserId: editor.id });
    expect(change?.changes).toEqual({
      title: { old: "Före", new: "Efter" },
      procurementReference: { old: "", new: "RS 2025-17" },
    });
  });

  test("a stale version is a conflict carrying the stored details, and nothing is written", async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id, "Original");
    await updateSetDetails({
      setId,
      baseVersion: 1,
      title: "Först",
      description: "",
      procurementReference: "",
      actorUserId: editor.id,
    });
    const stale = await updateSetDetails({
      setId,
      baseVersion: 1,
      title: "Sent",
      description: "",
      procurementReference: "",
      actorUserId: editor.id,
    });
    expect(stale.status).toBe("conflict");
    if (stale.status !== "conflict") return;
    expect(stale.current).toMatchObject({ title: "Först", version: 2 });
    expect(stale.changedByName).toBe(editor.name);
    expect((await setRow(setId)).title).toBe("Först");
    expect(await changesOf(setId, "set-updated")).toHaveLength(1);
  });
});

describe("sections", () => {
  test("nest three levels deep and are numbered in tree order", async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id);
    const chapter1 = await newSection(setId, null, "Kapitel 1", editor.id);
    const chapter2 = await newSection(setId, null, "Kapitel 2", editor.id);
    const part = await newSection(setId, chapter1, "Avsnitt", editor.id);
    const subpart = await newSection(setId, part, "Delavsnitt", editor.id);
    const part2 = await newSection(setId, chapter1, "Avsnitt 2", editor.id);

    const tree = await listSectionTree({ setId });
    expect(tree.map(({ id, number, depth, parentId }) => ({ id, number, depth, parentId }))).toEqual([
      { id: chapter1, number: "1", depth: 1, parentId: null },
      { id: part, number: "1.1", depth: 2, parentId: chapter1 },
      { id: subpart, number: "1.1.1", depth: 3, parentId: part },
      { id: part2, number: "1.2", depth: 2, parentId: chapter1 },
      { id: chapter2, number: "2", depth: 1, parentId: null },
    ]);
    const created = await changesOf(setId, "section-created");
    expect(created.map((change) => change.sectionId).sort()).toEqual([chapter1, chapter2, part, subpart, part2].sort());
  });

  test(`refuse to nest deeper than ${MAX_SECTION_DEPTH} levels, or under another set's section`, async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id);
    let parentId: string | null = null;
    for (let level = 1; level <= MAX_SECTION_DEPTH; level += 1) {
      parentId = await newSection(setId, parentId, `Nivå ${level}`, editor.id);
    }
    const tooDeep = await createSection({ setId, parentId, title: "För djup", actorUserId: editor.id });
    expect(tooDeep).toEqual({ status: "too-deep" });
    const tree = await listSectionTree({ setId });
    expect(tree).toHaveLength(MAX_SECTION_DEPTH);
    expect(Math.max(...tree.map((node) => node.depth))).toBe(MAX_SECTION_DEPTH);
    expect(tree.at(-1)?.number).toBe(Array.from({ length: MAX_SECTION_DEPTH }, () => "1").join("."));

    const otherSet = await newSet(region.id, editor.id);
    const foreign = await createSection({
      setId: otherSet,
      parentId: tree[0]?.id ?? null,
      title: "X",
      actorUserId: editor.id,
    });
    expect(foreign).toEqual({ status: "not-found" });
    expect(await listSectionTree({ setId: otherSet })).toEqual([]);
  });

  test("rename is guarded by the version and recorded", async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id);
    const sectionId = await newSection(setId, null, "Gammal rubrik", editor.id);
    expect(
      await renameSection({ setId, sectionId, baseVersion: 1, title: "Ny rubrik", actorUserId: editor.id }),
    ).toEqual({ status: "saved" });
    expect(
      await renameSection({ setId, sectionId, baseVersion: 1, title: "Sen rubrik", actorUserId: editor.id }),
    ).toEqual({ status: "conflict", currentTitle: "Ny rubrik", currentVersion: 2 });
    const [node] = await listSectionTree({ setId });
    expect(node).toMatchObject({ title: "Ny rubrik", version: 2 });
    const renames = await changesOf(setId, "section-renamed");
    expect(renames).toHaveLength(1);
    expect(renames[0]?.changes).toEqual({ title: { old: "Gammal rubrik", new: "Ny rubrik" } });
  });

  test("move swaps a section with its sibling and renumbers; the edge is no move", async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id);
    const first = await newSection(setId, null, "Först", editor.id);
    const second = await newSection(setId, null, "Sedan", editor.id);
    const child = await newSection(setId, second, "Under", editor.id);
    expect(
      await moveSection({ setId, sectionId: first, baseVersion: 1, direction: "up", actorUserId: editor.id }),
    ).toEqual({ status: "no-move" });
    expect(
      await moveSection({ setId, sectionId: second, baseVersion: 1, direction: "up", actorUserId: editor.id }),
    ).toEqual({ status: "saved" });
    const tree = await listSectionTree({ setId });
    expect(tree.map(({ id, number }) => ({ id, number }))).toEqual([
      { id: second, number: "1" },
      { id: child, number: "1.1" },
      { id: first, number: "2" },
    ]);
    // The version moved on: a move from the old version is a conflict.
    expect(
      await moveSection({ setId, sectionId: second, baseVersion: 1, direction: "down", actorUserId: editor.id }),
    ).toMatchObject({ status: "conflict" });
  });

  test("delete is refused while the section holds requirements or subsections", async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id);
    const withRequirement = await newSection(setId, null, "Med krav", editor.id);
    const withChild = await newSection(setId, null, "Med underavsnitt", editor.id);
    const child = await newSection(setId, withChild, "Underavsnitt", editor.id);
    const requirementId = await newRequirement(setId, withRequirement, editor.id);

    const refuse = (sectionId: string) => deleteSection({ setId, sectionId, baseVersion: 1, actorUserId: editor.id });
    expect(await refuse(withRequirement)).toEqual({ status: "not-empty" });
    expect(await refuse(withChild)).toEqual({ status: "not-empty" });
    expect((await listSectionTree({ setId })).map((node) => node.id)).toEqual([withRequirement, withChild, child]);

    // Emptied (the requirement moved out, the child deleted), both go.
    const moved = await moveRequirement({
      setId,
      requirementId,
      baseVersion: 1,
      target: { kind: "section", sectionId: null },
      actorUserId: editor.id,
    });
    expect(moved.status).toBe("saved");
    expect(await refuse(child)).toEqual({ status: "saved" });
    expect(await refuse(withChild)).toEqual({ status: "saved" });
    expect(await refuse(withRequirement)).toEqual({ status: "saved" });
    expect(await listSectionTree({ setId })).toEqual([]);
    expect(await changesOf(setId, "section-deleted")).toHaveLength(3);
  });

  test("a deleted requirement does not keep its section from being deleted", async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id);
    const sectionId = await newSection(setId, null, "Avsnitt", editor.id);
    const requirementId = await newRequirement(setId, sectionId, editor.id);
    await setRequirementDeleted({ setId, requirementId, baseVersion: 1, deleted: true, actorUserId: editor.id });
    expect(await deleteSection({ setId, sectionId, baseVersion: 1, actorUserId: editor.id })).toEqual({
      status: "saved",
    });
  });
});

describe("baselines", () => {
  test("a manual baseline freezes the working copy as it is", async () => {
    const { region, editor } = await regionWithEditor();
    const { setId, sectionId, requirementId } = await createSetFixture({
      ownerRegionId: region.id,
      authorId: editor.id,
    });
    const subsection = await newSection(setId, sectionId, "Under", editor.id);
    await newRequirement(setId, subsection, editor.id, { obligation: "bor", weight: 5, tags: ["a", "b"] });
    await newRequirement(setId, null, editor.id, { ambition: "advanced" });

    const working = await getWorkingSnapshot(setId);
    const baselineId = await createManualBaseline({ setId, name: "Till referensgruppen", actorUserId: editor.id });
    const baseline = await getBaseline({ setId, baselineId });
    expect(baseline).toMatchObject({ name: "Till referensgruppen", kind: "manual", requirementCount: 3 });
    expect(sortedSnapshot(baseline?.snapshot ?? { sections: [], requirements: [] })).toEqual(sortedSnapshot(working));
    expect(working.requirements).toHaveLength(3);
    expect(working.sections).toHaveLength(2);

    // Later edits change the working copy, not the baseline.
    const requirement = await requirementRow(requirementId);
    await updateRequirement({
      setId,
      requirementId,
      baseVersion: requirement.version,
      input: { ...requirementInput({ ref: requirement.ref }), text: "Ändrad efter baslinjen." },
      actorUserId: editor.id,
    });
    const again = await getBaseline({ setId, baselineId });
    expect(sortedSnapshot(again?.snapshot ?? { sections: [], requirements: [] })).toEqual(sortedSnapshot(working));
    expect(again?.snapshot.requirements.find((row) => row.id === requirementId)?.text).toBe(requirement.text);
    // Another set's id does not find it.
    expect(await getBaseline({ setId: await newSet(region.id, editor.id), baselineId })).toBeNull();
  });

  test("the database refuses UPDATE and DELETE of a baseline", async () => {
    const { region, editor } = await regionWithEditor();
    const { setId, baselineId } = await createSetFixture({ ownerRegionId: region.id, authorId: editor.id });
    await expectDatabaseRefusal(
      db.update(baselines).set({ name: "Omskriven" }).where(eq(baselines.id, baselineId)),
      /baselines are immutable/,
    );
    await expectDatabaseRefusal(db.delete(baselines).where(eq(baselines.id, baselineId)), /baselines are immutable/);
    const [row] = await baselinesOf(setId);
    expect(row).toMatchObject({ id: baselineId, name: "Första baslinjen", requirementCount: 1 });
  });
});

describe("changeSetStatus", () => {
  const change = (setId: string, baseVersion: number, transition: StatusTransition, actorUserId: string) =>
    changeSetStatus({ setId, baseVersion, transition, actorUserId, language: "sv" });

  test("sending for review and approving each freeze a baseline of the working copy", async () => {
    const region = await createRegion();
    const editor = await createMember(region.id, "editor");
    const { setId } = await createSetFixture({ ownerRegionId: region.id, authorId: editor.id });
    await newRequirement(setId, null, editor.id);
    const startVersion = (await setRow(setId)).version;

    const review = await change(setId, startVersion, "submit_review", editor.id);
    expect(review).toEqual({ status: "saved", version: startVersion + 1 });
    expect(await setRow(setId)).toMatchObject({ status: "in_review", version: startVersion + 1 });
    let list = await listBaselines({ setId });
    const reviewBaseline = list.find((baseline) => baseline.kind === "review");
    expect(reviewBaseline).toMatchObject({ name: "Skickad på granskning", requirementCount: 2 });
    const frozen = await getBaseline({ setId, baselineId: reviewBaseline?.id ?? "" });
    expect(sortedSnapshot(frozen?.snapshot ?? { sections: [], requirements: [] })).toEqual(
      sortedSnapshot(await getWorkingSnapshot(setId)),
    );

    const approved = await changeSetStatus({
      setId,
      baseVersion: startVersion + 1,
      transition: "approve",
      actorUserId: editor.id,
      language: "en",
    });
    expect(approved).toEqual({ status: "saved", version: startVersion + 2 });
    expect((await setRow(setId)).status).toBe("approved");
    list = await listBaselines({ setId });
    expect(list.map((baseline) => baseline.kind).sort()).toEqual(["approved", "manual", "review"]);
    expect(list.find((baseline) => baseline.kind === "approved")).toMatchObject({
      name: "Approved",
      requirementCount: 2,
    });

    const statusChanges = await changesOf(setId, "status");
    expect(statusChanges.map((row) => row.changes)).toEqual([
      { status: { old: "draft", new: "in_review" } },
      { status: { old: "in_review", new: "approved" } },
    ]);
    expect(statusChanges.map((row) => row.version)).toEqual([startVersion + 1, startVersion + 2]);
  });

  test("returning to draft makes no baseline", async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id);
    await change(setId, 1, "submit_review", editor.id);
    expect(await change(setId, 2, "return_to_draft", editor.id)).toEqual({ status: "saved", version: 3 });
    expect((await setRow(setId)).status).toBe("draft");
    expect((await baselinesOf(setId)).map((baseline) => baseline.kind)).toEqual(["review"]);
  });

  test.each([
    ["publish", "draft"],
    ["approve", "draft"],
    ["new_version", "draft"],
    ["supersede", "draft"],
    ["return_to_draft", "draft"],
  ] as const)("%s from %s is refused and changes nothing", async (transition, from) => {
    const { region, editor } = await regionWithEditor();
    const { setId } = await createSetFixture({ ownerRegionId: region.id, authorId: editor.id });
    const before = await setRow(setId);
    expect(before.status).toBe(from);
    const baselinesBefore = await baselinesOf(setId);
    const changesBefore = await changesOf(setId);

    const result = await change(setId, before.version, transition, editor.id);
    expect(["conflict", "not-allowed"]).toContain(result.status);
    const after = await setRow(setId);
    expect(after).toMatchObject({ status: before.status, version: before.version });
    expect(await baselinesOf(setId)).toHaveLength(baselinesBefore.length);
    expect(await changesOf(setId)).toHaveLength(changesBefore.length);
  });

  test("an unknown transition is not allowed", async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id);
    const result = await change(setId, 1, "explode" as StatusTransition, editor.id);
    expect(result).toEqual({ status: "not-allowed" });
    expect(await setRow(setId)).toMatchObject({ status: "draft", version: 1 });
  });

  test("an archived set cannot change status", async () => {
    const { region, editor } = await regionWithEditor();
    const setId = await newSet(region.id, editor.id);
    await setArchived({ setId, baseVersion: 1, archived: true, actorUserId: editor.id });
    const result = await change(setId, 2, "submit_review", editor.id);
    expect(result.status).toBe("conflict");
    expect(await setRow(setId)).toMatchObject({ status: "draft", version: 2 });
    expect(await baselinesOf(setId)).toEqual([]);
  });

  test("an approved set's requirements cannot be written, and return to draft opens them again", async () => {
    const { region, editor } = await regionWithEditor();
    const { setId, sectionId, requirementId } = await createSetFixture({
      ownerRegionId: region.id,
      authorId: editor.id,
    });
    const second = await newRequirement(setId, sectionId, editor.id);
    await change(setId, (await setRow(setId)).version, "submit_review", editor.id);
    await change(setId, (await setRow(setId)).version, "approve", editor.id);
    expect((await setRow(setId)).status).toBe("approved");

    const before = await requirementRow(requirementId);
    const edit = await updateRequirement({
      setId,
      requirementId,
      baseVersion: before.version,
      input: { ...requirementInput({ ref: before.ref }), text: "Får inte sparas." },
      actorUserId: editor.id,
    });
    expect(["conflict", "not-found"]).toContain(edit.status);
    const after = await requirementRow(requirementId);
    expect(after).toMatchObject({ text: before.text, version: before.version });
    expect((await listRequirementHistory({ setId, requirementId })).map((row) => row.kind)).toEqual(["created"]);

    const created = await createRequirement({ setId, sectionId, input: requirementInput(), actorUserId: editor.id });
    expect(created).toEqual({ status: "not-editable" });
    const deleted = await setRequirementDeleted({
      setId,
      requirementId,
      baseVersion: before.version,
      deleted: true,
      actorUserId: editor.id,
    });
    expect(deleted.status).not.toBe("saved");
    expect((await requirementRow(requirementId)).deletedAt).toBeNull();
    const moved = await moveRequirement({
      setId,
      requirementId: second,
      baseVersion: 1,
      target: { kind: "up" },
      actorUserId: editor.id,
    });
    expect(moved.status).not.toBe("saved");
    // Nothing moved: not the requirement, and not the neighbour it would have swapped with.
    expect(await requirementRow(second)).toMatchObject({ position: 2, version: 1 });
    expect(await requirementRow(requirementId)).toMatchObject({ position: 1, version: before.version });
    expect(await changesOf(setId, "moved")).toEqual([]);
    expect((await getWorkingSnapshot(setId)).requirements).toHaveLength(2);

    await change(setId, (await setRow(setId)).version, "return_to_draft", editor.id);
    const reopened = await updateRequirement({
      setId,
      requirementId,
      baseVersion: before.version,
      input: { ...requirementInput({ ref: before.ref }), text: "Nu går det." },
      actorUserId: editor.id,
    });
    expect(reopened.status).toBe("saved");
    expect((await getRequirement({ setId, requirementId }))?.text).toBe("Nu går det.");
  });
});

describe("shareSet", () => {
  test("changes visibility, records a set change and writes a set.shared audit event", async () => {
    const region = await createRegion();
    const admin = await createMember(region.id, "admin");
    const { setId } = await createSetFixture({ ownerRegionId: region.id, authorId: admin.id });
    const before = await setRow(setId);
    const auditBefore = (await auditRows("set.shared")).length;

    const result = await shareSet({
      setId,
      ownerRegionId: region.id,
      baseVersion: before.version,
      visibility: "portal",
      collaborationId: null,
      actorUserId: admin.id,
      request: { ...TEST_REQUEST, requestId: "share-request" },
    });
    expect(result).toEqual({ status: "saved", version: before.version + 1 });
    expect(await setRow(setId)).toMatchObject({ visibility: "portal", collaborationId: null });

    const [shared] = await changesOf(setId, "shared");
    expect(shared).toMatchObject({ version: before.version + 1, changedByUserId: admin.id });
    expect(shared?.changes).toEqual({
      visibility: { old: "private", new: "portal" },
      collaborationId: { old: null, new: null },
    });
    const audit = await auditRows("set.shared");
    expect(audit).toHaveLength(auditBefore + 1);
    const event = audit.find((row) => row.targetId === setId);
    expect(event).toMatchObject({
      actorUserId: admin.id,
      regionId: region.id,
      targetType: "requirement_set",
      requestId: "share-request",
      outcome: "success",
    });
    expect(JSON.parse(event?.details ?? "{}")).toEqual({ from: "private", to: "portal", collaborationId: null });
  });

  test("a stale version shares nothing and audits nothing", async () => {
    const region = await createRegion();
    const admin = await createMember(region.id, "admin");
    const { setId } = await createSetFixture({ ownerRegionId: region.id, authorId: admin.id });
    const version = (await setRow(setId)).version;
    const result = await shareSet({
      setId,
      ownerRegionId: region.id,
      baseVersion: version - 1 || version + 5,
      visibility: "portal",
      collaborationId: null,
      actorUserId: admin.id,
      request: TEST_REQUEST,
    });
    expect(result.status).toBe("conflict");
    expect((await setRow(setId)).visibility).toBe("private");
    expect(await changesOf(setId, "shared")).toEqual([]);
    expect((await auditRows("set.shared")).filter((row) => row.targetId === setId)).toEqual([]);
  });
});
