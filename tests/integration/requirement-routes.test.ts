import { describe, expect, test } from "vitest";
import { z } from "zod";

import { createManualBaseline, getWorkingSnapshot } from "~/models/baselines.server";
import {
  listRequirementsPage,
  setRequirementDeleted,
  updateRequirement,
  type RequirementInput,
} from "~/models/requirements.server";
import { loader as setPageLoader } from "~/routes/sets.$setId._index";
import { loader as diffLoader } from "~/routes/sets.$setId.diff";
import { action as editAction } from "~/routes/sets.$setId.requirements.$requirementId.edit";
import { action as newRequirementAction } from "~/routes/sets.$setId.requirements.new";
import { action as shareAction } from "~/routes/sets.$setId.share";

import { createCollaboration, createMember, createRegion, signInAs } from "../support/factories";
import { buildRequest, callRoute } from "../support/requests";
import { createSetFixture, requirementInput } from "../support/set-factories";

import { auditRows, errorsOf, expectRedirect } from "./route-helpers";
import { changesOf, inputFrom, newRequirement, newSection, requirementRow, setRow } from "./set-helpers";

/** A requirement as the form posts it: every value as text. */
function requirementForm(input: RequirementInput, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ref: input.ref,
    title: input.title,
    text: input.text,
    obligation: input.obligation,
    type: input.type,
    area: input.area,
    rationale: input.rationale,
    verification: input.verification,
    weight: input.weight === null ? "" : String(input.weight),
    ambition: input.ambition ?? "",
    tags: input.tags.join(", "),
    ...extra,
  };
}

async function ownedSet() {
  const region = await createRegion();
  const admin = await createMember(region.id, "admin");
  const editor = await createMember(region.id, "editor");
  const fixture = await createSetFixture({ ownerRegionId: region.id, authorId: editor.id });
  return { region, admin, editor, ...fixture };
}

const ConflictBody = z.object({
  result: z.object({ initialValue: z.record(z.string(), z.unknown()) }),
  conflict: z.object({
    theirs: z.record(z.string(), z.string()),
    version: z.number(),
    changedByName: z.string().nullable(),
    changedAt: z.string(),
    deleted: z.boolean(),
  }),
});

describe("edit requirement route", () => {
  test("a stale save is a 409 that keeps my text and shows theirs; saving again from their version lands", async () => {
    const { region, setId, requirementId } = await ownedSet();
    const me = await createMember(region.id, "editor");
    const them = await createMember(region.id, "editor");
    const { cookie } = await signInAs(me.id, region.id);
    const base = await requirementRow(requirementId);
    const path = `/sets/${setId}/requirements/${requirementId}/edit`;

    // They save first, from the same version I opened.
    const theirs = await updateRequirement({
      setId,
      requirementId,
      baseVersion: base.version,
      input: inputFrom(base, { text: "Deras formulering av kravet.", title: "Deras rubrik" }),
      actorUserId: them.id,
    });
    expect(theirs.status).toBe("saved");

    const mine = inputFrom(base, { text: "Min formulering, som inte får försvinna.", title: "Min rubrik" });
    const stale = await callRoute(
      editAction,
      buildRequest(path, {
        method: "POST",
        cookie,
        form: requirementForm(mine, { baseVersion: String(base.version) }),
      }),
      { setId, requirementId },
    );
    expect(stale.status).toBe(409);
    const body = ConflictBody.parse(stale.body);
    expect(body.conflict.theirs).toMatchObject({ text: "Deras formulering av kravet.", title: "Deras rubrik" });
    expect(body.conflict).toMatchObject({ version: base.version + 1, changedByName: them.name, deleted: false });
    expect(body.result.initialValue).toMatchObject({
      text: "Min formulering, som inte får försvinna.",
      title: "Min rubrik",
      ref: base.ref,
      baseVersion: String(base.version),
    });
    // Nothing of mine was written.
    expect(await requirementRow(requirementId)).toMatchObject({
      text: "Deras formulering av kravet.",
      version: base.version + 1,
    });

    const again = await callRoute(
      editAction,
      buildRequest(path, {
        method: "POST",
        cookie,
        form: requirementForm(mine, { baseVersion: String(body.conflict.version) }),
      }),
      { setId, requirementId },
    );
    expectRedirect(again, `/sets/${setId}/requirements/${requirementId}`);
    expect(await requirementRow(requirementId)).toMatchObject({
      text: "Min formulering, som inte får försvinna.",
      title: "Min rubrik",
      version: base.version + 2,
      updatedByUserId: me.id,
    });
  });

  test("a conflict with a deleted requirement says so; the edit is a 404 once it is gone", async () => {
    const { region, setId, requirementId, editor } = await ownedSet();
    const { cookie } = await signInAs(editor.id, region.id);
    const base = await requirementRow(requirementId);
    await setRequirementDeleted({ setId, requirementId, baseVersion: 1, deleted: true, actorUserId: editor.id });
    const result = await callRoute(
      editAction,
      buildRequest(`/sets/${setId}/requirements/${requirementId}/edit`, {
        method: "POST",
        cookie,
        form: requirementForm(inputFrom(base, { text: "Sent" }), { baseVersion: "1" }),
      }),
      { setId, requirementId },
    );
    expect(result.status).toBe(404);
    expect((await requirementRow(requirementId)).text).toBe(base.text);
  });
});

describe("new requirement route", () => {
  async function post(setId: string, cookie: string, form: Record<string, string>) {
    return callRoute(
      newRequirementAction,
      buildRequest(`/sets/${setId}/requirements/new`, { method: "POST", cookie, form }),
      { setId },
    );
  }

  async function setForNewRequirements() {
    const fixture = await ownedSet();
    const { cookie } = await signInAs(fixture.editor.id, fixture.region.id);
    const existing = await requirementRow(fixture.requirementId);
    return { ...fixture, cookie, existing };
  }

  async function expectNothingSaved(setId: string) {
    const snapshot = await getWorkingSnapshot(setId);
    expect(snapshot.requirements).toHaveLength(1);
    expect(await changesOf(setId, "created")).toHaveLength(1);
  }

  test.each([
    ["an empty title", { title: "  " }, "title", "validation.required"],
    ["a 100 kB text", { text: "x".repeat(100_000) }, "text", "requirement.textTooLong"],
    ["an unknown obligation", { obligation: "kanske" }, "obligation", "requirement.obligationInvalid"],
    ["a weight on a ska-krav", { obligation: "ska", weight: "10" }, "weight", "requirement.weightOnlyForBor"],
    ["a malformed ref", { ref: "IS 001!" }, "ref", "requirement.refInvalid"],
  ])("%s is a 400 with a field error, and nothing is saved", async (_name, overrides, field, key) => {
    const { setId, cookie } = await setForNewRequirements();
    const form = { ...requirementForm(requirementInput({ ref: "IS-500" })), ...overrides };
    const result = await post(setId, cookie, form);
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, field)).toContain(key);
    await expectNothingSaved(setId);
  });

  test("a taken ref is a 409 with requirement.refTaken, and nothing is saved", async () => {
    const { setId, cookie, existing } = await setForNewRequirements();
    const result = await post(
      setId,
      cookie,
      requirementForm(requirementInput({ ref: existing.ref, text: "En dubblett." })),
    );
    expect(result.status).toBe(409);
    expect(errorsOf(result.body, "ref")).toEqual(["requirement.refTaken"]);
    await expectNothingSaved(setId);
    expect((await getWorkingSnapshot(setId)).requirements.map((row) => row.text)).toEqual([existing.text]);
  });

  test("valid input is saved in the chosen section and redirects back to it", async () => {
    const { setId, cookie, sectionId, editor } = await setForNewRequirements();
    const result = await post(setId, cookie, {
      ...requirementForm(requirementInput({ ref: "is-500", obligation: "bor", weight: 15, tags: ["a", "b"] })),
      sectionId,
    });
    expectRedirect(result, `/sets/${setId}?section=${sectionId}`);
    const created = (await getWorkingSnapshot(setId)).requirements.find((row) => row.ref === "IS-500");
    expect(created).toMatchObject({ sectionId, obligation: "bor", weight: 15, tags: ["a", "b"], position: 2 });
    expect((await changesOf(setId, "created")).at(-1)?.changedByUserId).toBe(editor.id);
  });

  test("a viewer may not add requirements", async () => {
    const { setId, region } = await setForNewRequirements();
    const viewer = await createMember(region.id, "viewer");
    const { cookie } = await signInAs(viewer.id, region.id);
    const result = await post(setId, cookie, requirementForm(requirementInput({ ref: "IS-501" })));
    expect(result.status).toBe(403);
    await expectNothingSaved(setId);
  });
});

describe("share route", () => {
  function share(setId: string, cookie: string, form: Record<string, string>) {
    return callRoute(shareAction, buildRequest(`/sets/${setId}/share`, { method: "POST", cookie, form }), { setId });
  }

  test("without the confirm checkbox: 400 share.confirmRequired, and nothing changes", async () => {
    const { region, admin, setId } = await ownedSet();
    const { cookie } = await signInAs(admin.id, region.id);
    const before = await setRow(setId);
    const result = await share(setId, cookie, { visibility: "portal", baseVersion: String(before.version) });
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "confirmPublicRecord")).toEqual(["share.confirmRequired"]);
    expect(await setRow(setId)).toMatchObject({ visibility: "private", version: before.version });
    expect((await auditRows("set.shared")).filter((row) => row.targetId === setId)).toEqual([]);
    expect(await changesOf(setId, "shared")).toEqual([]);
  });

  test("with it: redirect to the settings, visibility changed and audited", async () => {
    const { region, admin, setId } = await ownedSet();
    const { cookie } = await signInAs(admin.id, region.id);
    const before = await setRow(setId);
    const result = await share(setId, cookie, {
      visibility: "portal",
      confirmPublicRecord: "on",
      baseVersion: String(before.version),
    });
    expectRedirect(result, `/sets/${setId}/settings`);
    expect(await setRow(setId)).toMatchObject({ visibility: "portal", version: before.version + 1 });
    const audit = (await auditRows("set.shared")).filter((row) => row.targetId === setId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: admin.id, regionId: region.id });
  });

  test("a collaboration the region is not part of is refused", async () => {
    const { region, admin, setId } = await ownedSet();
    const { cookie } = await signInAs(admin.id, region.id);
    const elsewhere = await createCollaboration([(await createRegion()).id]);
    const result = await share(setId, cookie, {
      visibility: "collaboration",
      collaborationId: elsewhere.id,
      confirmPublicRecord: "on",
      baseVersion: String((await setRow(setId)).version),
    });
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "collaborationId")).toEqual(["share.collaborationRequired"]);
    expect(await setRow(setId)).toMatchObject({ visibility: "private", collaborationId: null });
  });

  test("an editor (not admin) may not share", async () => {
    const { region, editor, setId } = await ownedSet();
    const { cookie } = await signInAs(editor.id, region.id);
    const result = await share(setId, cookie, {
      visibility: "portal",
      confirmPublicRecord: "on",
      baseVersion: String((await setRow(setId)).version),
    });
    expect(result.status).toBe(403);
    expect((await setRow(setId)).visibility).toBe("private");
  });
});

const DiffBody = z.object({
  comparison: z.object({
    summary: z.object({
      added: z.number(),
      removed: z.number(),
      changed: z.number(),
      moved: z.number(),
      unchanged: z.number(),
      sections: z.record(z.string(), z.number()),
    }),
    filteredCount: z.number(),
    entries: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        ref: z.string(),
        fields: z.array(z.object({ field: z.string() }).passthrough()),
      }),
    ),
  }),
});

describe("diff route", () => {
  test("counts one added, one removed and one changed requirement, and filters by kind", async () => {
    const { region, editor, setId, sectionId, requirementId: unchanged } = await ownedSet();
    const toDelete = await newRequirement(setId, sectionId, editor.id);
    const toEdit = await newRequirement(setId, sectionId, editor.id);
    const baselineId = await createManualBaseline({ setId, name: "Före ändringarna", actorUserId: editor.id });

    const added = await newRequirement(setId, sectionId, editor.id);
    await setRequirementDeleted({
      setId,
      requirementId: toDelete,
      baseVersion: 1,
      deleted: true,
      actorUserId: editor.id,
    });
    const editRow = await requirementRow(toEdit);
    const edited = await updateRequirement({
      setId,
      requirementId: toEdit,
      baseVersion: 1,
      input: inputFrom(editRow, { text: "En ny lydelse av kravet." }),
      actorUserId: editor.id,
    });
    expect(edited.status).toBe("saved");

    const { cookie } = await signInAs(editor.id, region.id);
    const load = (query: string) =>
      callRoute(diffLoader, buildRequest(`/sets/${setId}/diff?${query}`, { cookie }), { setId });

    const all = await load(`from=${baselineId}&to=working`);
    expect(all.status).toBe(200);
    const body = DiffBody.parse(all.body);
    expect(body.comparison.summary).toEqual({
      added: 1,
      removed: 1,
      changed: 1,
      moved: 0,
      unchanged: 1,
      sections: { added: 0, removed: 0, renamed: 0, moved: 0, unchanged: 1 },
    });
    expect(body.comparison.filteredCount).toBe(3);
    expect(body.comparison.entries.map((entry) => [entry.id, entry.kind]).sort()).toEqual(
      [
        [added, "added"],
        [toDelete, "removed"],
        [toEdit, "changed"],
      ].sort(),
    );
    expect(body.comparison.entries.some((entry) => entry.id === unchanged)).toBe(false);

    const changedOnly = DiffBody.parse((await load(`from=${baselineId}&to=working&kind=changed`)).body);
    expect(changedOnly.comparison.summary).toEqual(body.comparison.summary);
    expect(changedOnly.comparison.filteredCount).toBe(1);
    expect(changedOnly.comparison.entries.map((entry) => [entry.id, entry.kind])).toEqual([[toEdit, "changed"]]);
    expect(changedOnly.comparison.entries[0]?.fields.map((field) => field.field)).toEqual(["text"]);

    const addedAndRemoved = DiffBody.parse((await load(`from=${baselineId}&to=working&kind=added&kind=removed`)).body);
    expect(addedAndRemoved.comparison.filteredCount).toBe(2);
    expect(addedAndRemoved.comparison.entries.map((entry) => entry.kind).sort()).toEqual(["added", "removed"]);

    // The other way round, the same change reads as its mirror image.
    const reverse = DiffBody.parse((await load(`from=working&to=${baselineId}`)).body);
    expect(reverse.comparison.summary).toMatchObject({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(reverse.comparison.entries.find((entry) => entry.kind === "added")?.id).toBe(toDelete);
  });

  test("a baseline of another set compares as nothing", async () => {
    const { region, editor, setId } = await ownedSet();
    const other = await createSetFixture({ ownerRegionId: region.id, authorId: editor.id });
    const { cookie } = await signInAs(editor.id, region.id);
    const result = await callRoute(
      diffLoader,
      buildRequest(`/sets/${setId}/diff?from=${other.baselineId}&to=working`, { cookie }),
      { setId },
    );
    expect(result.status).toBe(200);
    expect((result.body as { comparison: unknown }).comparison).toBeNull();
  });
});

const SetPage = z.object({
  total: z.number(),
  page: z.number(),
  pageCount: z.number(),
  requirements: z.array(z.record(z.string(), z.unknown())),
});

describe("set page loader", () => {
  test("pages 50 requirements at a time with the full total, and never sends the text", async () => {
    const region = await createRegion();
    const editor = await createMember(region.id, "editor");
    const {
      setId,
      sectionId,
      requirementId: first,
    } = await createSetFixture({
      ownerRegionId: region.id,
      authorId: editor.id,
    });
    const second = await newSection(setId, null, "Andra avsnittet", editor.id);
    for (let index = 0; index < 24; index += 1) {
      await newRequirement(setId, sectionId, editor.id, { text: `HEMLIG-KRAVTEXT-${index}` });
    }
    for (let index = 24; index < 59; index += 1) {
      await newRequirement(setId, second, editor.id, { text: `HEMLIG-KRAVTEXT-${index}` });
    }
    const expectedOrder = (await listRequirementsPage({ setId, sectionId: null, offset: 0, limit: 100 })).rows.map(
      (row) => row.id,
    );
    expect(expectedOrder).toHaveLength(60);
    expect(expectedOrder[0]).toBe(first);

    const viewer = await createMember(region.id, "viewer");
    const { cookie } = await signInAs(viewer.id, region.id);
    const load = (query: string) =>
      callRoute(setPageLoader, buildRequest(`/sets/${setId}${query}`, { cookie }), { setId });

    const page1 = await load("");
    const page2 = await load("?page=2");
    const bodies = [page1, page2].map((result) => {
      expect(result.status).toBe(200);
      return SetPage.parse(result.body);
    });
    expect(bodies.map((body) => [body.page, body.total, body.pageCount, body.requirements.length])).toEqual([
      [1, 60, 2, 50],
      [2, 60, 2, 10],
    ]);
    expect(bodies.flatMap((body) => body.requirements.map((row) => row.id))).toEqual(expectedOrder);
    for (const body of bodies) {
      for (const row of body.requirements) expect(row).not.toHaveProperty("text");
    }
    expect(JSON.stringify([page1.body, page2.body])).not.toContain("HEMLIG-KRAVTEXT");
    expect(JSON.stringify([page1.body, page2.body])).not.toContain("Systemet ska logga all åtkomst");

    const inSecond = SetPage.parse((await load(`?section=${second}`)).body);
    expect(inSecond.total).toBe(35);
    expect(inSecond.requirements.map((row) => row.id)).toEqual(expectedOrder.slice(25));

    // Past the end (an old link after deletions): the model still counts, the page sends the
    // reader to the last page, keeping the section filter.
    expect(await listRequirementsPage({ setId, sectionId: null, offset: 500, limit: 50 })).toEqual({
      rows: [],
      total: 60,
    });
    const pastEnd = await load("?page=7");
    expect(pastEnd.status).toBe(302);
    expect(pastEnd.headers.get("Location")).toBe(`/sets/${setId}?page=2`);
    const pastEndInSection = await load(`?section=${second}&page=3`);
    expect(pastEndInSection.status).toBe(302);
    expect(pastEndInSection.headers.get("Location")).toBe(`/sets/${setId}?section=${second}`);
  });

  test("a private set is a 404 for another region", async () => {
    const { setId } = await ownedSet();
    const outsiderRegion = await createRegion();
    const outsider = await createMember(outsiderRegion.id, "admin");
    const { cookie } = await signInAs(outsider.id, outsiderRegion.id);
    const result = await callRoute(setPageLoader, buildRequest(`/sets/${setId}`, { cookie }), { setId });
    expect(result.status).toBe(404);
    expect(JSON.stringify(result.body)).not.toContain("Systemet ska logga");
  });
});
