import { describe, expect, test } from "vitest";

import { getWorkingSnapshot } from "~/models/baselines.server";
import {
  createRequirement,
  listDeletedRequirements,
  listRequirementHistory,
  listRequirementsPage,
  moveRequirement,
  setRequirementDeleted,
  suggestRef,
  updateRequirement,
} from "~/models/requirements.server";
import { deleteSection, moveSection } from "~/models/sections.server";
import { COMPARED_FIELDS } from "~/utils/requirement-fields";

import { createMember, createRegion } from "../support/factories";
import { requirementInput } from "../support/set-factories";

import { changesOf, inputFrom, newRequirement, newSection, newSet, requirementRow, setRow } from "./set-helpers";

async function editorAndSet() {
  const region = await createRegion();
  const editor = await createMember(region.id, "editor");
  const setId = await newSet(region.id, editor.id);
  return { region, editor, setId };
}

/** Every live requirement of a set in tree order, read one big page at a time. */
async function treeOrder(setId: string, sectionId: string | null = null): Promise<string[]> {
  const { rows } = await listRequirementsPage({ setId, sectionId, offset: 0, limit: 1000 });
  return rows.map((row) => row.id);
}

describe("suggestRef", () => {
  test("suggests the next number for the area and never reuses a deleted ref", async () => {
    const { editor, setId } = await editorAndSet();
    expect(await suggestRef({ setId, area: "IS" })).toBe("IS-001");
    await newRequirement(setId, null, editor.id, { ref: "IS-001" });
    expect(await suggestRef({ setId, area: "IS" })).toBe("IS-002");
    const second = await newRequirement(setId, null, editor.id, { ref: "IS-002" });
    expect(await suggestRef({ setId, area: "IS" })).toBe("IS-003");

    const deleted = await setRequirementDeleted({
      setId,
      requirementId: second,
      baseVersion: 1,
      deleted: true,
      actorUserId: editor.id,
    });
    expect(deleted.status).toBe("saved");
    expect(await suggestRef({ setId, area: "IS" })).toBe("IS-003");

    // Other areas count on their own; refs off the AREA-NNN pattern do not count.
    await newRequirement(setId, null, editor.id, { ref: "IS-009B" });
    expect(await suggestRef({ setId, area: "IS" })).toBe("IS-003");
    expect(await suggestRef({ setId, area: "TA" })).toBe("TA-001");
    await newRequirement(setId, null, editor.id, { ref: "TA-041", area: "TA" });
    expect(await suggestRef({ setId, area: "TA" })).toBe("TA-042");
    // Another set starts from one.
    expect(await suggestRef({ setId: await newSet((await setRow(setId)).ownerRegionId, editor.id), area: "IS" })).toBe(
      "IS-001",
    );
  });
});

describe("createRequirement", () => {
  test("stores the input at the end of its section and records a created change", async () => {
    const { editor, setId } = await editorAndSet();
    const sectionId = await newSection(setId, null, "Avsnitt", editor.id);
    const input = requirementInput({ ref: "IS-001", obligation: "bor", weight: 20, tags: ["logg", "spårbarhet"] });
    const result = await createRequirement({ setId, sectionId, input, actorUserId: editor.id });
    expect(result.status).toBe("created");
    if (result.status !== "created") return;
    const second = await newRequirement(setId, sectionId, editor.id);
    const atRoot = await newRequirement(setId, null, editor.id);

    const row = await requirementRow(result.requirementId);
    expect(row).toMatchObject({ ...input, setId, sectionId, position: 1, version: 1, deletedAt: null });
    expect((await requirementRow(second)).position).toBe(2);
    expect(await requirementRow(atRoot)).toMatchObject({ sectionId: null, position: 1 });

    const [created] = (await changesOf(setId, "created")).filter((c) => c.requirementId === result.requirementId);
    expect(created).toMatchObject({ version: 1, changedByUserId: editor.id });
    expect(created?.changes).toEqual(
      Object.fromEntries(COMPARED_FIELDS.map((field) => [field, { old: null, new: input[field] }])),
    );
    expect((await setRow(setId)).updatedByUserId).toBe(editor.id);
  });

  test("refuses a ref that a live requirement of the set already has", async () => {
    const { region, editor, setId } = await editorAndSet();
    await newRequirement(setId, null, editor.id, { ref: "IS-007", text: "Den första." });
    const duplicate = await createRequirement({
      setId,
      sectionId: null,
      input: requirementInput({ ref: "IS-007", text: "Den andra." }),
      actorUserId: editor.id,
    });
    expect(duplicate).toEqual({ status: "duplicate-ref" });
    const snapshot = await getWorkingSnapshot(setId);
    expect(snapshot.requirements.map((row) => [row.ref, row.text])).toEqual([["IS-007", "Den första."]]);
    expect(await changesOf(setId, "created")).toHaveLength(1);

    // The same ref in another set is fine.
    const otherSet = await newSet(region.id, editor.id);
    const elsewhere = await createRequirement({
      setId: otherSet,
      sectionId: null,
      input: requirementInput({ ref: "IS-007" }),
      actorUserId: editor.id,
    });
    expect(elsewhere.status).toBe("created");
  });
});

describe("updateRequirement", () => {
  test("records exactly the changed fields, old and new, in the history", async () => {
    const { editor, setId } = await editorAndSet();
    const other = await createMember((await setRow(setId)).ownerRegionId, "editor");
    const requirementId = await newRequirement(setId, null, editor.id, { ref: "IS-001" });
    const before = await requirementRow(requirementId);

    const result = await updateRequirement({
      setId,
      requirementId,
      baseVersion: 1,
      input: inputFrom(before, {
        text: "Systemet ska logga all läsning av journaluppgifter.",
        obligation: "bor",
        weight: 10,
        tags: ["logg"],
      }),
      actorUserId: other.id,
    });
    expect(result).toEqual({ status: "saved", version: 2 });
    const after = await requirementRow(requirementId);
    expect(after).toMatchObject({
      text: "Systemet ska logga all läsning av journaluppgifter.",
      obligation: "bor",
      weight: 10,
      tags: ["logg"],
      version: 2,
      updatedByUserId: other.id,
      title: before.title,
    });

    const history = await listRequirementHistory({ setId, requirementId });
    expect(history.map((entry) => entry.kind)).toEqual(["updated", "created"]);
    expect(history[0]).toMatchObject({ version: 2, changedByName: other.name });
    expect(history[0]?.changes).toEqual({
      text: { old: before.text, new: "Systemet ska logga all läsning av journaluppgifter." },
      obligation: { old: "ska", new: "bor" },
      weight: { old: null, new: 10 },
      tags: { old: [], new: ["logg"] },
    });
  });

  test("saving unchanged values writes no new version and no history", async () => {
    const { editor, setId } = await editorAndSet();
    const requirementId = await newRequirement(setId, null, editor.id);
    const row = await requirementRow(requirementId);
    expect(
      await updateRequirement({ setId, requirementId, baseVersion: 1, input: inputFrom(row), actorUserId: editor.id }),
    ).toEqual({ status: "saved", version: 1 });
    expect((await requirementRow(requirementId)).version).toBe(1);
    expect((await listRequirementHistory({ setId, requirementId })).map((entry) => entry.kind)).toEqual(["created"]);
  });

  test("a ref another live requirement has is refused and nothing changes", async () => {
    const { editor, setId } = await editorAndSet();
    await newRequirement(setId, null, editor.id, { ref: "IS-001" });
    const requirementId = await newRequirement(setId, null, editor.id, { ref: "IS-002" });
    const row = await requirementRow(requirementId);
    const result = await updateRequirement({
      setId,
      requirementId,
      baseVersion: 1,
      input: inputFrom(row, { ref: "IS-001", text: "Ny text" }),
      actorUserId: editor.id,
    });
    expect(result).toEqual({ status: "duplicate-ref" });
    expect(await requirementRow(requirementId)).toMatchObject({ ref: "IS-002", text: row.text, version: 1 });
  });

  test("a requirement of another set is not found", async () => {
    const { region, editor, setId } = await editorAndSet();
    const requirementId = await newRequirement(setId, null, editor.id);
    const otherSet = await newSet(region.id, editor.id);
    const row = await requirementRow(requirementId);
    const result = await updateRequirement({
      setId: otherSet,
      requirementId,
      baseVersion: 1,
      input: inputFrom(row, { text: "Fel uppsättning" }),
      actorUserId: editor.id,
    });
    expect(result).toEqual({ status: "not-found" });
    expect((await requirementRow(requirementId)).text).toBe(row.text);
  });
});

describe("soft delete and restore", () => {
  test("delete hides the requirement, restore brings it back, both guarded and recorded", async () => {
    const { editor, setId } = await editorAndSet();
    const keep = await newRequirement(setId, null, editor.id);
    const requirementId = await newRequirement(setId, null, editor.id);

    const deleted = await setRequirementDeleted({
      setId,
      requirementId,
      baseVersion: 1,
      deleted: true,
      actorUserId: editor.id,
    });
    expect(deleted).toEqual({ status: "saved", version: 2 });
    expect((await requirementRow(requirementId)).deletedAt).toBeInstanceOf(Date);
    expect(await treeOrder(setId)).toEqual([keep]);
    expect((await getWorkingSnapshot(setId)).requirements.map((row) => row.id)).toEqual([keep]);
    expect((await listDeletedRequirements({ setId })).map((row) => row.id)).toEqual([requirementId]);

    // Editing a deleted requirement is a conflict showing it deleted.
    const row = await requirementRow(requirementId);
    const edit = await updateRequirement({
      setId,
      requirementId,
      baseVersion: 2,
      input: inputFrom(row, { text: "Redigerad efter borttagning" }),
      actorUserId: editor.id,
    });
    expect(edit.status).toBe("conflict");
    if (edit.status === "conflict") expect(edit.current.deletedAt).not.toBeNull();

    // Deleting again from the same version does nothing.
    const again = await setRequirementDeleted({
      setId,
      requirementId,
      baseVersion: 2,
      deleted: true,
      actorUserId: editor.id,
    });
    expect(again.status).not.toBe("saved");
    expect((await requirementRow(requirementId)).version).toBe(2);

    const restoredStale = await setRequirementDeleted({
      setId,
      requirementId,
      baseVersion: 1,
      deleted: false,
      actorUserId: editor.id,
    });
    expect(restoredStale.status).toBe("conflict");
    expect((await requirementRow(requirementId)).deletedAt).not.toBeNull();

    const restored = await setRequirementDeleted({
      setId,
      requirementId,
      baseVersion: 2,
      deleted: false,
      actorUserId: editor.id,
    });
    expect(restored).toEqual({ status: "saved", version: 3 });
    expect(await requirementRow(requirementId)).toMatchObject({ deletedAt: null, text: row.text });
    expect(await treeOrder(setId)).toEqual([keep, requirementId]);
    expect(await listDeletedRequirements({ setId })).toEqual([]);
    expect((await listRequirementHistory({ setId, requirementId })).map((entry) => entry.kind)).toEqual([
      "restored",
      "deleted",
      "created",
    ]);
  });

  test("restore is refused while another live requirement has taken the ref", async () => {
    const { editor, setId } = await editorAndSet();
    const original = await newRequirement(setId, null, editor.id, { ref: "IS-010", text: "Original" });
    await setRequirementDeleted({
      setId,
      requirementId: original,
      baseVersion: 1,
      deleted: true,
      actorUserId: editor.id,
    });
    const replacement = await newRequirement(setId, null, editor.id, { ref: "IS-010", text: "Ersättare" });

    const restored = await setRequirementDeleted({
      setId,
      requirementId: original,
      baseVersion: 2,
      deleted: false,
      actorUserId: editor.id,
    });
    expect(restored).toEqual({ status: "duplicate-ref" });
    expect(await requirementRow(original)).toMatchObject({ version: 2 });
    expect((await requirementRow(original)).deletedAt).not.toBeNull();
    expect(await treeOrder(setId)).toEqual([replacement]);
    expect(await changesOf(setId, "restored")).toEqual([]);
  });
});

describe("moveRequirement", () => {
  test("up and down swap with the neighbour; the ends are no move", async () => {
    const { editor, setId } = await editorAndSet();
    const sectionId = await newSection(setId, null, "Avsnitt", editor.id);
    const a = await newRequirement(setId, sectionId, editor.id);
    const b = await newRequirement(setId, sectionId, editor.id);
    const c = await newRequirement(setId, sectionId, editor.id);
    const move = (requirementId: string, baseVersion: number, kind: "up" | "down") =>
      moveRequirement({ setId, requirementId, baseVersion, target: { kind }, actorUserId: editor.id });

    expect(await move(c, 1, "up")).toEqual({ status: "saved", version: 2 });
    expect(await treeOrder(setId)).toEqual([a, c, b]);
    // The neighbour's order changed too, so its version moved on.
    expect((await requirementRow(b)).version).toBe(2);
    expect(await move(a, 1, "up")).toEqual({ status: "no-move" });
    expect(await move(b, 2, "down")).toEqual({ status: "no-move" });
    expect(await move(a, 1, "down")).toEqual({ status: "saved", version: 2 });
    expect(await treeOrder(setId)).toEqual([c, a, b]);
    // From a stale version: a conflict, and the order stays.
    expect((await move(c, 1, "down")).status).toBe("conflict");
    expect(await treeOrder(setId)).toEqual([c, a, b]);

    const positions = await Promise.all([a, b, c].map(async (id) => (await requirementRow(id)).position));
    expect(new Set(positions).size).toBe(3);
    const moves = (await changesOf(setId, "moved")).filter((change) => change.requirementId === c);
    expect(moves[0]?.changes).toEqual({
      sectionId: { old: sectionId, new: sectionId },
      position: { old: 3, new: 2 },
    });
  });

  test("to another section goes to its end; to the same section is no move", async () => {
    const { region, editor, setId } = await editorAndSet();
    const first = await newSection(setId, null, "Först", editor.id);
    const second = await newSection(setId, null, "Sedan", editor.id);
    const moving = await newRequirement(setId, first, editor.id);
    const there1 = await newRequirement(setId, second, editor.id);
    const there2 = await newRequirement(setId, second, editor.id);
    const toSection = (sectionId: string | null, baseVersion: number) =>
      moveRequirement({
        setId,
        requirementId: moving,
        baseVersion,
        target: { kind: "section", sectionId },
        actorUserId: editor.id,
      });

    expect(await toSection(first, 1)).toEqual({ status: "no-move" });
    expect(await toSection(second, 1)).toEqual({ status: "saved", version: 2 });
    expect(await requirementRow(moving)).toMatchObject({ sectionId: second, position: 3 });
    expect(await treeOrder(setId, second)).toEqual([there1, there2, moving]);
    expect(await treeOrder(setId, first)).toEqual([]);

    expect(await toSection(null, 2)).toEqual({ status: "saved", version: 3 });
    expect(await requirementRow(moving)).toMatchObject({ sectionId: null });
    expect(await treeOrder(setId)).toEqual([moving, there1, there2]);

    // A section of another set, or a deleted one, is not a target.
    const otherSet = await newSet(region.id, editor.id);
    const foreign = await newSection(otherSet, null, "Annan", editor.id);
    expect(await toSection(foreign, 3)).toEqual({ status: "not-found" });
    const gone = await newSection(setId, null, "Borta", editor.id);
    await deleteSection({ setId, sectionId: gone, baseVersion: 1, actorUserId: editor.id });
    expect(await toSection(gone, 3)).toEqual({ status: "not-found" });
    expect(await requirementRow(moving)).toMatchObject({ sectionId: null, version: 3 });
  });
});

describe("listRequirementsPage", () => {
  /**
   * Root requirements, then 1, 1.1, 1.1.1, 2 — created out of order so that creation order
   * and tree order differ.
   */
  async function nestedSet() {
    const { editor, setId } = await editorAndSet();
    const s1 = await newSection(setId, null, "1", editor.id);
    const s2 = await newSection(setId, null, "2", editor.id);
    const s11 = await newSection(setId, s1, "1.1", editor.id);
    const s111 = await newSection(setId, s11, "1.1.1", editor.id);
    const add = (sectionId: string | null) => newRequirement(setId, sectionId, editor.id);
    const inS2a = await add(s2);
    const inS111 = await add(s111);
    const inS1a = await add(s1);
    const atRoot = await add(null);
    const inS11 = await add(s11);
    const inS1b = await add(s1);
    const inS2b = await add(s2);
    const deletedInS1 = await add(s1);
    await setRequirementDeleted({
      setId,
      requirementId: deletedInS1,
      baseVersion: 1,
      deleted: true,
      actorUserId: editor.id,
    });
    return {
      editor,
      setId,
      sections: { s1, s2, s11, s111 },
      expected: [atRoot, inS1a, inS1b, inS11, inS111, inS2a, inS2b],
      bySection: { s1: [inS1a, inS1b, inS11, inS111], s11: [inS11, inS111], s111: [inS111], s2: [inS2a, inS2b] },
    };
  }

  test("lists live requirements in tree order: root, then sections depth-first", async () => {
    const { setId, expected } = await nestedSet();
    const page = await listRequirementsPage({ setId, sectionId: null, offset: 0, limit: 100 });
    expect(page.total).toBe(expected.length);
    expect(page.rows.map((row) => row.id)).toEqual(expected);
    expect(page.rows[0]?.text).toBe("Systemet ska logga all åtkomst till patientuppgifter.");
  });

  test("offset and limit cut pages out of the same order, with the full total on each", async () => {
    const { setId, expected } = await nestedSet();
    const pages: string[][] = [];
    for (let offset = 0; offset < expected.length; offset += 3) {
      const page = await listRequirementsPage({ setId, sectionId: null, offset, limit: 3 });
      expect(page.total).toBe(expected.length);
      expect(page.rows.length).toBeLessThanOrEqual(3);
      pages.push(page.rows.map((row) => row.id));
    }
    expect(pages).toEqual([expected.slice(0, 3), expected.slice(3, 6), expected.slice(6)]);
    const middle = await listRequirementsPage({ setId, sectionId: null, offset: 2, limit: 2 });
    expect(middle.rows.map((row) => row.id)).toEqual(expected.slice(2, 4));
  });

  test("a section filter lists that section's subtree only", async () => {
    const { setId, sections, bySection } = await nestedSet();
    for (const key of ["s1", "s11", "s111", "s2"] as const) {
      const page = await listRequirementsPage({ setId, sectionId: sections[key], offset: 0, limit: 100 });
      expect(
        page.rows.map((row) => row.id),
        key,
      ).toEqual(bySection[key]);
      expect(page.total, key).toBe(bySection[key].length);
    }
    const paged = await listRequirementsPage({ setId, sectionId: sections.s1, offset: 1, limit: 2 });
    expect(paged.rows.map((row) => row.id)).toEqual(bySection.s1.slice(1, 3));
    expect(paged.total).toBe(bySection.s1.length);
  });

  test("reordering sections reorders the requirements with them", async () => {
    const { editor, setId, sections, bySection, expected } = await nestedSet();
    const moved = await moveSection({
      setId,
      sectionId: sections.s2,
      baseVersion: 1,
      direction: "up",
      actorUserId: editor.id,
    });
    expect(moved).toEqual({ status: "saved" });
    expect(await treeOrder(setId)).toEqual([expected[0], ...bySection.s2, ...bySection.s1]);
  });

  test("orders sections and positions as numbers, not text (2 before 10)", async () => {
    const { editor, setId } = await editorAndSet();
    const sectionIds: string[] = [];
    for (let index = 1; index <= 11; index += 1) sectionIds.push(await newSection(setId, null, `S${index}`, editor.id));
    const inTenth = await newRequirement(setId, sectionIds[9] ?? null, editor.id);
    const inSecond = await newRequirement(setId, sectionIds[1] ?? null, editor.id);
    const inFirst: string[] = [];
    for (let index = 0; index < 11; index += 1)
      inFirst.push(await newRequirement(setId, sectionIds[0] ?? null, editor.id));
    expect(await treeOrder(setId)).toEqual([...inFirst, inSecond, inTenth]);
  });

  test("a set with no requirements has no rows", async () => {
    const { setId } = await editorAndSet();
    expect(await listRequirementsPage({ setId, sectionId: null, offset: 0, limit: 50 })).toEqual({
      rows: [],
      total: 0,
    });
  });
});
