import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { notifications } from "../../db/schema/notifications";
import { requirementSets, requirements, setSections } from "../../db/schema/requirements";
import { getVisibleSet } from "~/models/requirement-sets.server";
import { moveRequirement, setRequirementDeleted, updateRequirement } from "~/models/requirements.server";
import { copyRequirements, getProvenance, isAdapted, listChangedSourceCopies } from "~/models/reuse.server";
import { action as copyAction, loader as copyLoader } from "~/routes/library.copy";
import { loader as setPageLoader } from "~/routes/sets.$setId._index";
import { loader as requirementLoader } from "~/routes/sets.$setId.requirements.$requirementId._index";
import {
  action as sourceAction,
  loader as sourceLoader,
} from "~/routes/sets.$setId.requirements.$requirementId.source";
import { action as reuseAction, loader as reuseLoader } from "~/routes/sets.$setId.reuse";
import { getAuthContext } from "~/utils/auth.server";
import { database, db } from "~/utils/db.server";
import { requestStore } from "~/utils/request-store.server";

import { createCollaboration, createMember, createRegion, signInAs } from "../support/factories";
import { buildRequest, callRoute } from "../support/requests";
import { createSetFixture } from "../support/set-factories";

import { auditRows, expectRedirect } from "./route-helpers";
import {
  changesOf,
  inputFrom,
  newRequirement,
  newSection,
  principalFor,
  requirementRow,
  TEST_REQUEST,
} from "./set-helpers";

/**
 * Two regions in one collaboration: "source" shares a set with it, "target" copies from it into
 * its own draft. A third region outside the collaboration has a private set nobody else sees.
 */
async function world() {
  const sourceRegion = await createRegion();
  const targetRegion = await createRegion();
  const otherRegion = await createRegion();
  const collaboration = await createCollaboration([sourceRegion.id, targetRegion.id]);
  const sourceEditor = await createMember(sourceRegion.id, "editor");
  const targetEditor = await createMember(targetRegion.id, "editor");
  const targetViewer = await createMember(targetRegion.id, "viewer");
  const otherEditor = await createMember(otherRegion.id, "editor");
  const source = await createSetFixture({
    ownerRegionId: sourceRegion.id,
    authorId: sourceEditor.id,
    title: "Gemensam kravbild",
    sharing: { visibility: "collaboration", collaborationId: collaboration.id },
  });
  const second = await newRequirement(source.setId, source.sectionId, sourceEditor.id, {
    ref: "IS-050",
    title: "Behörighetsstyrning",
  });
  const target = await createSetFixture({
    ownerRegionId: targetRegion.id,
    authorId: targetEditor.id,
    title: "Vårt utkast",
  });
  const hidden = await createSetFixture({ ownerRegionId: otherRegion.id, authorId: otherEditor.id, title: "Hemlig" });
  return {
    sourceRegion,
    targetRegion,
    otherRegion,
    collaboration,
    sourceEditor,
    targetEditor,
    targetViewer,
    otherEditor,
    source: { ...source, second },
    target,
    hidden,
  };
}

type World = Awaited<ReturnType<typeof world>>;

async function copyOne(w: World, sourceRequirementId = w.source.requirementId) {
  const result = await copyRequirements({
    principal: await principalFor(w.targetEditor),
    sourceRequirementIds: [sourceRequirementId],
    targetSetId: w.target.setId,
    targetSectionId: null,
    request: TEST_REQUEST,
  });
  if (result.status !== "copied") throw new Error(`not copied: ${result.status}`);
  const copyId = result.copyIds[0];
  if (!copyId) throw new Error("no copy");
  return copyId;
}

async function editSource(w: World, requirementId: string, changes: { text?: string; title?: string }) {
  const row = await requirementRow(requirementId);
  const result = await updateRequirement({
    setId: w.source.setId,
    requirementId,
    baseVersion: row.version,
    input: inputFrom(row, changes),
    actorUserId: w.sourceEditor.id,
  });
  if (result.status !== "saved") throw new Error(`not saved: ${result.status}`);
  return result.version;
}

async function sourceChangedCount(w: World, user: { id: string; isPlatformAdmin: boolean }) {
  const set = await getVisibleSet({ setId: w.target.setId, principal: await principalFor(user) });
  return set?.sourceChanged ?? -1;
}

describe("copying one or several requirements", () => {
  test("a copy records its source, keeps the free ref, says 'created' in its history and is audited", async () => {
    const w = await world();
    const { cookie } = await signInAs(w.targetEditor.id);
    const sourceBefore = await requirementRow(w.source.requirementId);
    const result = await callRoute(
      copyAction,
      buildRequest("/library/copy", {
        method: "POST",
        cookie,
        form: {
          requirement: [w.source.requirementId],
          targetSetId: w.target.setId,
          targetSectionId: w.target.sectionId,
        },
      }),
    );
    expectRedirect(result, `/sets/${w.target.setId}`);
    const [copy] = await db
      .select()
      .from(requirements)
      .where(and(eq(requirements.setId, w.target.setId), eq(requirements.sourceRequirementId, w.source.requirementId)));
    expect(copy).toBeDefined();
    if (!copy) return;
    expect(copy.id).not.toBe(w.source.requirementId);
    expect(copy.sectionId).toBe(w.target.sectionId);
    expect(copy.sourceSetId).toBe(w.source.setId);
    expect(copy.sourceVersion).toBe(sourceBefore.version);
    expect(copy.sourceSeenVersion).toBe(sourceBefore.version);
    expect(copy.sourceSnapshot).toMatchObject({
      title: sourceBefore.title,
      text: sourceBefore.text,
      ref: sourceBefore.ref,
    });
    expect(copy.title).toBe(sourceBefore.title);
    expect(copy.version).toBe(1);
    // The target fixture's own requirement took IS-001-style refs from the shared counter; the source ref is free.
    expect(copy.ref).toBe(sourceBefore.ref);
    const created = (await changesOf(w.target.setId, "created")).filter((change) => change.requirementId === copy.id);
    expect(created).toHaveLength(1);
    const audit = (await auditRows("requirement.copied")).filter((row) => row.targetId === copy.id);
    expect(audit).toHaveLength(1);
  });

  test("several at once in one transaction; a taken ref gets the area's next free ref; twice is refused", async () => {
    const w = await world();
    const targetRef = (await requirementRow(w.target.requirementId)).ref;
    // Make the first source's ref collide with one already in the target.
    const source = await requirementRow(w.source.requirementId);
    await updateRequirement({
      setId: w.source.setId,
      requirementId: source.id,
      baseVersion: source.version,
      input: inputFrom(source, { ref: targetRef }),
      actorUserId: w.sourceEditor.id,
    });
    const { cookie } = await signInAs(w.targetEditor.id);
    const form = { requirement: [w.source.requirementId, w.source.second], targetSetId: w.target.setId };
    const result = await callRoute(copyAction, buildRequest("/library/copy", { method: "POST", cookie, form }));
    expectRedirect(result, `/sets/${w.target.setId}`);
    const copies = await db
      .select()
      .from(requirements)
      .where(and(eq(requirements.setId, w.target.setId), eq(requirements.sourceSetId, w.source.setId)));
    expect(copies).toHaveLength(2);
    const collided = copies.find((copy) => copy.sourceRequirementId === w.source.requirementId);
    expect(collided?.ref).not.toBe(targetRef);
    expect(collided?.ref).toMatch(/^IS-\d{3}$/);
    expect(copies.find((copy) => copy.sourceRequirementId === w.source.second)?.ref).toBe("IS-050");

    const again = await callRoute(copyAction, buildRequest("/library/copy", { method: "POST", cookie, form }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: "reuse.error.alreadyCopied" });
    const after = await db.select().from(requirements).where(eq(requirements.setId, w.target.setId));
    expect(after).toHaveLength(3);
  });

  test("the confirmation page lists only readable requirements and the user's editable drafts", async () => {
    const w = await world();
    const { cookie } = await signInAs(w.targetEditor.id);
    const query = new URLSearchParams([
      ["requirement", w.source.requirementId],
      ["requirement", w.hidden.requirementId],
      ["requirement", "not-a-uuid"],
    ]);
    const result = await callRoute(copyLoader, buildRequest(`/library/copy?${query}`, { cookie }));
    expect(result.status).toBe(200);
    const body = result.body as { requirements: Array<{ id: string }>; targets: Array<{ id: string }> };
    expect(body.requirements.map((row) => row.id)).toEqual([w.source.requirementId]);
    expect(body.targets.map((row) => row.id)).toEqual([w.target.setId]);

    const onlyHidden = await callRoute(
      copyLoader,
      buildRequest(`/library/copy?requirement=${w.hidden.requirementId}`, { cookie }),
    );
    expect(onlyHidden.status).toBe(404);
  });

  test("a viewer cannot copy, nobody copies into another region's set, a hidden source is 404", async () => {
    const w = await world();
    const viewer = await signInAs(w.targetViewer.id);
    const asViewer = await callRoute(
      copyAction,
      buildRequest("/library/copy", {
        method: "POST",
        cookie: viewer.cookie,
        form: { requirement: w.source.requirementId, targetSetId: w.target.setId },
      }),
    );
    expect(asViewer.status).toBe(403);

    const editor = await signInAs(w.targetEditor.id);
    const intoSource = await callRoute(
      copyAction,
      buildRequest("/library/copy", {
        method: "POST",
        cookie: editor.cookie,
        form: { requirement: w.target.requirementId, targetSetId: w.source.setId },
      }),
    );
    expect(intoSource.status).toBe(403);

    const hiddenSource = await callRoute(
      copyAction,
      buildRequest("/library/copy", {
        method: "POST",
        cookie: editor.cookie,
        form: { requirement: w.hidden.requirementId, targetSetId: w.target.setId },
      }),
    );
    expect(hiddenSource.status).toBe(404);
    expect(await db.select().from(requirements).where(eq(requirements.setId, w.target.setId))).toHaveLength(1);
  });
});

describe("copying sections and forking sets", () => {
  test("a section comes with its subsections and live requirements, each with provenance", async () => {
    const w = await world();
    const sub = await newSection(w.source.setId, w.source.sectionId, "Loggning", w.sourceEditor.id);
    const inSub = await newRequirement(w.source.setId, sub, w.sourceEditor.id, { ref: "IS-060" });
    const { cookie } = await signInAs(w.targetEditor.id);
    const result = await callRoute(
      reuseAction,
      buildRequest(`/sets/${w.source.setId}/reuse`, {
        method: "POST",
        cookie,
        form: { intent: "copy-sections", sectionId: [w.source.sectionId, sub], targetSetId: w.target.setId },
      }),
      { setId: w.source.setId },
    );
    expectRedirect(result, `/sets/${w.target.setId}`);
    const sections = await db.select().from(setSections).where(eq(setSections.setId, w.target.setId));
    // The fixture's own section, the copied one and its subsection (chosen twice, copied once).
    expect(sections).toHaveLength(3);
    const copied = sections.find(
      (section) => section.title === "Informationssäkerhet" && section.id !== w.target.sectionId,
    );
    const copiedSub = sections.find((section) => section.title === "Loggning");
    expect(copiedSub?.parentId).toBe(copied?.id);
    const copies = await db
      .select()
      .from(requirements)
      .where(and(eq(requirements.setId, w.target.setId), eq(requirements.sourceSetId, w.source.setId)));
    expect(copies.map((copy) => copy.sourceRequirementId).sort()).toEqual(
      [w.source.requirementId, w.source.second, inSub].sort(),
    );
    expect(copies.find((copy) => copy.sourceRequirementId === inSub)?.sectionId).toBe(copiedSub?.id);
  });

  test("a fork is a new draft in the current region with the same tree and copies of the live requirements", async () => {
    const w = await world();
    const deleted = await newRequirement(w.source.setId, null, w.sourceEditor.id, { ref: "IS-070" });
    await setRequirementDeleted({
      setId: w.source.setId,
      requirementId: deleted,
      baseVersion: 1,
      deleted: true,
      actorUserId: w.sourceEditor.id,
    });
    const { cookie } = await signInAs(w.targetEditor.id, w.targetRegion.id);
    const result = await callRoute(
      reuseAction,
      buildRequest(`/sets/${w.source.setId}/reuse`, {
        method: "POST",
        cookie,
        form: { intent: "fork", title: "Vår version av kravbilden" },
      }),
      { setId: w.source.setId },
    );
    expect(result.status).toBe(302);
    const forkId = result.headers.get("Location")?.split("/").pop() ?? "";
    const [fork] = await db.select().from(requirementSets).where(eq(requirementSets.id, forkId));
    expect(fork).toMatchObject({
      ownerRegionId: w.targetRegion.id,
      status: "draft",
      title: "Vår version av kravbilden",
    });
    const copies = await db.select().from(requirements).where(eq(requirements.setId, forkId));
    expect(copies.map((copy) => copy.sourceRequirementId).sort()).toEqual(
      [w.source.requirementId, w.source.second].sort(),
    );
    expect(copies.every((copy) => copy.sourceSetId === w.source.setId && copy.sectionId !== null)).toBe(true);
    expect((await auditRows("set.forked")).filter((row) => row.targetId === forkId)).toHaveLength(1);
    expect(await changesOf(forkId, "set-created")).toHaveLength(1);
  });

  test("bad input is a 400 with a translated message, and nothing is written", async () => {
    const w = await world();
    const { cookie } = await signInAs(w.targetEditor.id, w.targetRegion.id);
    const post = (form: Record<string, string | string[]>) =>
      callRoute(reuseAction, buildRequest(`/sets/${w.source.setId}/reuse`, { method: "POST", cookie, form }), {
        setId: w.source.setId,
      });
    const noSection = await post({ intent: "copy-sections", targetSetId: w.target.setId });
    expect(noSection.status).toBe(400);
    expect(noSection.body).toMatchObject({ error: "reuse.error.nothingChosen" });
    const noTitle = await post({ intent: "fork", title: "  " });
    expect(noTitle).toMatchObject({ status: 400, body: { error: "validation.required" } });
    const longTitle = await post({ intent: "fork", title: "x".repeat(201) });
    expect(longTitle).toMatchObject({ status: 400, body: { error: "validation.tooLong" } });
    const foreignSection = await post({
      intent: "copy-sections",
      sectionId: [w.hidden.sectionId],
      targetSetId: w.target.setId,
    });
    expect(foreignSection).toMatchObject({ status: 400, body: { error: "reuse.error.sectionNotFound" } });
    const badSection = await callRoute(
      copyAction,
      buildRequest("/library/copy", {
        method: "POST",
        cookie,
        form: { requirement: w.source.requirementId, targetSetId: w.target.setId, targetSectionId: w.source.sectionId },
      }),
    );
    expect(badSection).toMatchObject({ status: 400, body: { error: "reuse.error.sectionNotFound" } });
    expect(await db.select().from(requirements).where(eq(requirements.setId, w.target.setId))).toHaveLength(1);
    expect(
      await db.select().from(requirementSets).where(eq(requirementSets.ownerRegionId, w.targetRegion.id)),
    ).toHaveLength(1);
  });

  test("a viewer sees the reuse page but may not fork", async () => {
    const w = await world();
    const { cookie } = await signInAs(w.targetViewer.id, w.targetRegion.id);
    const page = await callRoute(reuseLoader, buildRequest(`/sets/${w.source.setId}/reuse`, { cookie }), {
      setId: w.source.setId,
    });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ writer: false, forkRegionName: null });
    const fork = await callRoute(
      reuseAction,
      buildRequest(`/sets/${w.source.setId}/reuse`, { method: "POST", cookie, form: { intent: "fork", title: "X" } }),
      { setId: w.source.setId },
    );
    expect(fork.status).toBe(403);
  });
});

describe("source changed", () => {
  test("a content edit of the source flags the copy; a move does not", async () => {
    const w = await world();
    const copyId = await copyOne(w);
    const source = await requirementRow(w.source.requirementId);
    await moveRequirement({
      setId: w.source.setId,
      requirementId: source.id,
      baseVersion: source.version,
      target: { kind: "section", sectionId: null },
      actorUserId: w.sourceEditor.id,
    });
    expect(await sourceChangedCount(w, w.targetEditor)).toBe(0);
    const version = await editSource(w, w.source.requirementId, {
      text: "Systemet ska logga all läsning och ändring.",
    });
    expect(await sourceChangedCount(w, w.targetEditor)).toBe(1);
    const provenance = await getProvenance({
      principal: await principalFor(w.targetEditor),
      setId: w.target.setId,
      requirementId: copyId,
    });
    expect(provenance).toMatchObject({ changed: true, state: "available" });
    expect(provenance?.source?.version).toBe(version);
    const { cookie } = await signInAs(w.targetEditor.id);
    const page = await callRoute(setPageLoader, buildRequest(`/sets/${w.target.setId}`, { cookie }), {
      setId: w.target.setId,
    });
    expect(page.body).toMatchObject({ set: { sourceChanged: 1 } });
  });

  test("the copy's creator is notified, grouped per copy set, with a link to the source page", async () => {
    const w = await world();
    const copyId = await copyOne(w);
    await editSource(w, w.source.requirementId, { title: "Ny titel" });
    await editSource(w, w.source.requirementId, { title: "Ännu en titel" });
    const rows = await db.select().from(notifications).where(eq(notifications.userId, w.targetEditor.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "source_changed",
      count: 2,
      groupKey: `source_changed:${w.target.setId}`,
      link: `/sets/${w.target.setId}/requirements/${copyId}/source`,
    });
    expect(rows[0]?.params).toMatchObject({ set: "Vårt utkast" });
    // The source's own editor (the actor) hears nothing.
    expect(await db.select().from(notifications).where(eq(notifications.userId, w.sourceEditor.id))).toHaveLength(0);
  });

  test("nobody hears of a change to a source they may no longer read", async () => {
    const w = await world();
    await copyOne(w);
    await db
      .update(requirementSets)
      .set({ visibility: "private", collaborationId: null })
      .where(eq(requirementSets.id, w.source.setId));
    await editSource(w, w.source.requirementId, { text: "Ändrad i det tysta." });
    expect(await db.select().from(notifications).where(eq(notifications.userId, w.targetEditor.id))).toHaveLength(0);
  });

  test("accept takes the source's content and clears the flag; a stale source version is a 409", async () => {
    const w = await world();
    const copyId = await copyOne(w);
    const newText = "Systemet ska logga all åtkomst, även administratörers.";
    const version = await editSource(w, w.source.requirementId, { text: newText });
    const { cookie } = await signInAs(w.targetEditor.id);
    const loaded = await callRoute(
      sourceLoader,
      buildRequest(`/sets/${w.target.setId}/requirements/${copyId}/source`, { cookie }),
      { setId: w.target.setId, requirementId: copyId },
    );
    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({ provenance: { summary: { changed: true }, sourceDiffs: [{ field: "text" }] } });
    const post = (form: Record<string, string>) =>
      callRoute(
        sourceAction,
        buildRequest(`/sets/${w.target.setId}/requirements/${copyId}/source`, { method: "POST", cookie, form }),
        { setId: w.target.setId, requirementId: copyId },
      );
    const stale = await post({ intent: "accept", baseVersion: "1", sourceVersion: String(version - 1) });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: "reuse.conflict" });
    const accepted = await post({ intent: "accept", baseVersion: "1", sourceVersion: String(version) });
    expectRedirect(accepted);
    const copy = await requirementRow(copyId);
    expect(copy).toMatchObject({ text: newText, sourceVersion: version, sourceSeenVersion: version, version: 2 });
    expect(copy.sourceSnapshot?.text).toBe(newText);
    expect(await sourceChangedCount(w, w.targetEditor)).toBe(0);
    expect(
      (await changesOf(w.target.setId, "updated")).filter((change) => change.requirementId === copyId),
    ).toHaveLength(1);
    const staleCopy = await post({ intent: "keep", baseVersion: "1", sourceVersion: String(version) });
    expect(staleCopy.status).toBe(409);
  });

  test("keep local text records the seen version in history and clears the flag until the next change", async () => {
    const w = await world();
    const copyId = await copyOne(w);
    const version = await editSource(w, w.source.requirementId, { text: "Ändrad källa." });
    const { cookie } = await signInAs(w.targetEditor.id);
    const kept = await callRoute(
      sourceAction,
      buildRequest(`/sets/${w.target.setId}/requirements/${copyId}/source`, {
        method: "POST",
        cookie,
        form: { intent: "keep", baseVersion: "1", sourceVersion: String(version) },
      }),
      { setId: w.target.setId, requirementId: copyId },
    );
    expectRedirect(kept);
    const copy = await requirementRow(copyId);
    expect(copy.text).not.toBe("Ändrad källa.");
    expect(copy).toMatchObject({ sourceSeenVersion: version, sourceVersion: 1 });
    expect(await changesOf(w.target.setId, "source-kept")).toHaveLength(1);
    expect(await sourceChangedCount(w, w.targetEditor)).toBe(0);
    await editSource(w, w.source.requirementId, { text: "Ändrad igen." });
    expect(await sourceChangedCount(w, w.targetEditor)).toBe(1);
  });

  test("a viewer of the copy's set cannot accept", async () => {
    const w = await world();
    const copyId = await copyOne(w);
    const version = await editSource(w, w.source.requirementId, { text: "Ändrad." });
    const { cookie } = await signInAs(w.targetViewer.id);
    const result = await callRoute(
      sourceAction,
      buildRequest(`/sets/${w.target.setId}/requirements/${copyId}/source`, {
        method: "POST",
        cookie,
        form: { intent: "accept", baseVersion: "1", sourceVersion: String(version) },
      }),
      { setId: w.target.setId, requirementId: copyId },
    );
    expect(result.status).toBe(403);
  });

  test("an unshared source is 'no longer shared', with no title and no flag; a deleted one says so", async () => {
    const w = await world();
    const copyId = await copyOne(w);
    const secondCopy = await copyOne(w, w.source.second);
    await editSource(w, w.source.requirementId, { text: "Ändrad." });
    await db
      .update(requirementSets)
      .set({ visibility: "private", collaborationId: null })
      .where(eq(requirementSets.id, w.source.setId));
    expect(await sourceChangedCount(w, w.targetEditor)).toBe(0);
    expect(
      await listChangedSourceCopies({ principal: await principalFor(w.targetEditor), setId: w.target.setId }),
    ).toEqual([]);
    const { cookie } = await signInAs(w.targetEditor.id);
    const page = await callRoute(
      requirementLoader,
      buildRequest(`/sets/${w.target.setId}/requirements/${copyId}`, { cookie }),
      { setId: w.target.setId, requirementId: copyId },
    );
    expect(page.body).toMatchObject({
      provenance: { state: "hidden", setTitle: null, sourceLink: null, changed: false },
    });
    expect(JSON.stringify(page.body)).not.toContain("Gemensam kravbild");
    const sourcePage = await callRoute(
      sourceLoader,
      buildRequest(`/sets/${w.target.setId}/requirements/${copyId}/source`, { cookie }),
      { setId: w.target.setId, requirementId: copyId },
    );
    expect(sourcePage.body).toMatchObject({ provenance: { summary: { state: "hidden" }, sourceDiffs: [] } });

    await db
      .update(requirementSets)
      .set({ visibility: "collaboration", collaborationId: w.collaboration.id })
      .where(eq(requirementSets.id, w.source.setId));
    const second = await requirementRow(w.source.second);
    await setRequirementDeleted({
      setId: w.source.setId,
      requirementId: second.id,
      baseVersion: second.version,
      deleted: true,
      actorUserId: w.sourceEditor.id,
    });
    const deleted = await getProvenance({
      principal: await principalFor(w.targetEditor),
      setId: w.target.setId,
      requirementId: secondCopy,
    });
    expect(deleted).toMatchObject({ state: "deleted", changed: false });
  });
});

describe("adapted copies", () => {
  test("a copy whose content differs from its snapshot is adapted and asks for a reason", async () => {
    const w = await world();
    const copyId = await copyOne(w);
    const copy = await requirementRow(copyId);
    expect(isAdapted(inputFrom(copy), copy.sourceSnapshot)).toBe(false);
    // A renumbered ref alone is not an adaptation.
    expect(isAdapted(inputFrom(copy, { ref: "IS-999" }), copy.sourceSnapshot)).toBe(false);
    await updateRequirement({
      setId: w.target.setId,
      requirementId: copyId,
      baseVersion: copy.version,
      input: inputFrom(copy, { text: "Vår regionala variant." }),
      actorUserId: w.targetEditor.id,
    });
    const { cookie } = await signInAs(w.targetEditor.id);
    const params = { setId: w.target.setId, requirementId: copyId };
    const page = await callRoute(
      requirementLoader,
      buildRequest(`/sets/${w.target.setId}/requirements/${copyId}`, { cookie }),
      params,
    );
    expect(page.body).toMatchObject({ provenance: { adapted: true, adaptationReason: "" } });
    const tooLong = await callRoute(
      sourceAction,
      buildRequest(`/sets/${w.target.setId}/requirements/${copyId}/source`, {
        method: "POST",
        cookie,
        form: { intent: "reason", baseVersion: "2", reason: "x".repeat(2001) },
      }),
      params,
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ error: "reuse.reasonTooLong" });
    const saved = await callRoute(
      sourceAction,
      buildRequest(`/sets/${w.target.setId}/requirements/${copyId}/source`, {
        method: "POST",
        cookie,
        form: { intent: "reason", baseVersion: "2", reason: "Vår journal kräver särskild loggning." },
      }),
      params,
    );
    expectRedirect(saved);
    expect((await requirementRow(copyId)).adaptationReason).toBe("Vår journal kräver särskild loggning.");
    expect(await changesOf(w.target.setId, "adaptation-reason")).toHaveLength(1);
    // Editing the source notifies the copy's last editor as well (here the same person).
    await editSource(w, w.source.requirementId, { text: "Ny källtext." });
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, w.targetEditor.id), eq(notifications.kind, "source_changed"))),
    ).toHaveLength(1);
  });
});

test("the set page stays at 4 SQL statements with the changed-source count", async () => {
  const w = await world();
  await copyOne(w);
  await editSource(w, w.source.requirementId, { text: "Ändrad." });
  const { cookie } = await signInAs(w.targetEditor.id);
  const request = new Request(`http://localhost/sets/${w.target.setId}`, { headers: { Cookie: cookie } });
  const context = { requestId: "count", clientIp: "127.0.0.1", cspNonce: "" };
  const before = database.queryCounter.count;
  let body: unknown;
  await requestStore.run({ requestId: "count" }, async () => {
    const [, result] = await Promise.all([
      getAuthContext(request),
      setPageLoader({ request, params: { setId: w.target.setId }, context }),
    ]);
    body = result;
  });
  expect(database.queryCounter.count - before).toBe(4);
  expect(body).toMatchObject({ set: { sourceChanged: 1 } });
});
