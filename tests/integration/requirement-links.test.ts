import { randomUUID } from "node:crypto";

import { and, count, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { z } from "zod";

import { lessons, requirementLessonLinks } from "../../db/schema/lessons";
import { requirementSets, requirements } from "../../db/schema/requirements";
import { requirementStandardLinks, standards, standardVersions } from "../../db/schema/standards";
import { createLesson, setLessonArchived } from "~/models/lessons.server";
import {
  addLinksToNewRequirement,
  checkNewLinks,
  getRequirementLinks,
  linkLesson,
  linkStandard,
  listLessonOptions,
  listStandardOptions,
  SURFACED_AREA_LESSONS,
  unlinkLesson,
  unlinkStandard,
} from "~/models/requirement-links.server";
import { loader as lessonPageLoader } from "~/routes/lessons.$lessonId._index";
import { loader as requirementPageLoader } from "~/routes/sets.$setId.requirements.$requirementId._index";
import { action as editAction, loader as editLoader } from "~/routes/sets.$setId.requirements.$requirementId.edit";
import { action as newAction, loader as newLoader } from "~/routes/sets.$setId.requirements.new";
import { getAuthContext } from "~/utils/auth.server";
import { database, db } from "~/utils/db.server";
import type { LessonInput } from "~/utils/lesson-schemas";
import { requestStore } from "~/utils/request-store.server";
import { hasNewerVersion } from "~/utils/requirement-link-schemas";

import {
  addMembership,
  createCollaboration,
  createMember,
  createRegion,
  createUser,
  signInAs,
} from "../support/factories";
import { buildRequest, callRoute, testContext } from "../support/requests";
import { createSetFixture, requirementInput } from "../support/set-factories";

import { auditRows, errorsOf, expectRedirect } from "./route-helpers";
import { principalFor, TEST_REQUEST } from "./set-helpers";

/**
 * A requirement's links to standards (pinned to a version) and lessons, and the lessons that
 * surface on it: the model, the requirement page (one extra statement, never a hidden lesson),
 * and the link forms of the edit and new pages.
 */

async function standard(code: string, currentVersion: string, olderVersions: string[] = []) {
  const [row] = await db
    .insert(standards)
    .values({
      code: `${code} ${randomUUID().slice(0, 6)}`,
      name: `${code} namn`,
      category: "interoperability",
      currentVersion,
    })
    .returning({ id: standards.id, code: standards.code });
  if (!row) throw new Error("no standard");
  const versions: Record<string, string> = {};
  for (const [index, label] of [currentVersion, ...olderVersions].entries()) {
    const [version] = await db
      .insert(standardVersions)
      .values({ standardId: row.id, label, releasedOn: `${2024 - index}-01-01` })
      .returning({ id: standardVersions.id });
    if (version) versions[label] = version.id;
  }
  return { ...row, versions };
}

function lessonInput(overrides: Partial<LessonInput> = {}): LessonInput {
  return {
    title: "Otydligt ska-krav ledde till överprövning",
    whatHappened: "",
    lesson: "Ska-krav måste vara entydiga.",
    recommendation: "Låt två personer läsa varje ska-krav.",
    sourceKind: "court_ruling",
    sourceTitle: "",
    sourceDate: null,
    sourceUrl: "",
    unverified: false,
    phase: null,
    areas: ["IS"],
    severity: "medium",
    ...overrides,
  };
}

/** Region A's draft set with one IS requirement; B shares collaboration AB with A; C is outside. */
async function world() {
  const regionA = await createRegion();
  const regionB = await createRegion();
  const regionC = await createRegion();
  const collaboration = await createCollaboration([regionA.id, regionB.id]);
  const editor = await createMember(regionA.id, "editor");
  const viewer = await createMember(regionA.id, "viewer");
  const editorB = await createMember(regionB.id, "editor");
  const editorC = await createMember(regionC.id, "editor");
  const fixture = await createSetFixture({
    ownerRegionId: regionA.id,
    authorId: editor.id,
    sharing: { visibility: "collaboration", collaborationId: collaboration.id },
  });
  const fhir = await standard("HL7 FHIR", "R4 (4.0.1)", ["STU3"]);
  const iso = await standard("ISO/IEC 27001", "2022", ["2013"]);
  const lesson = async (region: "A" | "B" | "C", overrides: Partial<LessonInput> = {}) => {
    const regionId = { A: regionA.id, B: regionB.id, C: regionC.id }[region];
    const actor = { A: editor.id, B: editorB.id, C: editorC.id }[region];
    return createLesson({ regionId, input: lessonInput(overrides), actorUserId: actor, request: TEST_REQUEST });
  };
  return { regionA, regionB, regionC, collaboration, editor, viewer, editorB, editorC, fhir, iso, lesson, ...fixture };
}
type World = Awaited<ReturnType<typeof world>>;

function target(w: World) {
  return {
    setId: w.setId,
    ownerRegionId: w.regionA.id,
    requirementId: w.requirementId,
    actorUserId: w.editor.id,
    request: TEST_REQUEST,
  };
}

async function versions(w: World) {
  const [requirement] = await db
    .select({ version: requirements.version })
    .from(requirements)
    .where(eq(requirements.id, w.requirementId));
  const [set] = await db
    .select({ version: requirementSets.version, updatedAt: requirementSets.updatedAt })
    .from(requirementSets)
    .where(eq(requirementSets.id, w.setId));
  return { requirement: requirement?.version, set: set?.version, setUpdatedAt: set?.updatedAt.toISOString() };
}

/** Audit events of one requirement: other tests in the file write their own. */
async function auditOf(action: string, requirementId: string) {
  return (await auditRows(action)).filter((row) => row.targetId === requirementId);
}

async function standardLinksOf(requirementId: string) {
  return db.select().from(requirementStandardLinks).where(eq(requirementStandardLinks.requirementId, requirementId));
}

async function lessonLinksOf(requirementId: string) {
  return db.select().from(requirementLessonLinks).where(eq(requirementLessonLinks.requirementId, requirementId));
}

async function linksAs(w: World, user: { id: string; isPlatformAdmin: boolean }, area = "IS") {
  return getRequirementLinks({ requirementId: w.requirementId, area, principal: await principalFor(user) });
}

describe("standards", () => {
  test("a link pins the current version by default or a chosen one, is audited, and bumps nothing else", async () => {
    const w = await world();
    const before = await versions(w);
    expect(await linkStandard({ ...target(w), choice: { kind: "current", id: w.fhir.id } })).toEqual({
      status: "linked",
      name: w.fhir.code,
    });
    const stu3 = w.iso.versions["2013"] ?? "";
    expect(await linkStandard({ ...target(w), choice: { kind: "version", id: stu3 } })).toEqual({
      status: "linked",
      name: w.iso.code,
    });
    const links = await linksAs(w, w.viewer);
    expect(links.standards).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ standardId: w.fhir.id, pinnedVersion: "R4 (4.0.1)", currentVersion: "R4 (4.0.1)" }),
        expect.objectContaining({ standardId: w.iso.id, pinnedVersion: "2013", currentVersion: "2022" }),
      ]),
    );
    expect(links.standards.filter(hasNewerVersion).map((link) => link.standardId)).toEqual([w.iso.id]);
    expect(await versions(w)).toEqual(before);
    const audit = await auditOf("requirement.standard_linked", w.requirementId);
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ targetId: w.requirementId, regionId: w.regionA.id, actorUserId: w.editor.id });
    expect(audit[1]?.details).toContain('"version":"2013"');

    // Linking again with another version re-pins; the same version again changes nothing.
    expect(await linkStandard({ ...target(w), choice: { kind: "current", id: w.iso.id } })).toEqual({
      status: "repinned",
      name: w.iso.code,
    });
    expect(await linkStandard({ ...target(w), choice: { kind: "current", id: w.iso.id } })).toEqual({
      status: "unchanged",
    });
    expect((await linksAs(w, w.viewer)).standards.filter(hasNewerVersion)).toEqual([]);
    expect(await unlinkStandard({ ...target(w), standardId: w.fhir.id })).toEqual({
      status: "unlinked",
      name: w.fhir.code,
    });
    expect(await unlinkStandard({ ...target(w), standardId: w.fhir.id })).toEqual({ status: "unchanged" });
    expect(await auditOf("requirement.standard_unlinked", w.requirementId)).toHaveLength(1);
    expect(await auditOf("requirement.standard_linked", w.requirementId)).toHaveLength(3);
    expect(await versions(w)).toEqual(before);
  });

  test("unknown standards and versions are refused; a frozen set or a deleted requirement takes no links", async () => {
    const w = await world();
    expect(await linkStandard({ ...target(w), choice: { kind: "current", id: randomUUID() } })).toEqual({
      status: "unknown-standard",
    });
    expect(await linkStandard({ ...target(w), choice: { kind: "version", id: randomUUID() } })).toEqual({
      status: "unknown-standard",
    });
    // An approved set is frozen: a status change racing the link wins, and the link is refused.
    await db.update(requirementSets).set({ status: "approved" }).where(eq(requirementSets.id, w.setId));
    expect(await linkStandard({ ...target(w), choice: { kind: "current", id: w.fhir.id } })).toEqual({
      status: "not-editable",
    });
    expect(
      await linkStandard({ ...target(w), requirementId: randomUUID(), choice: { kind: "current", id: w.fhir.id } }),
    ).toEqual({
      status: "not-editable",
    });
    const [links] = await db
      .select({ n: count() })
      .from(requirementStandardLinks)
      .where(eq(requirementStandardLinks.requirementId, w.requirementId));
    expect(links?.n).toBe(0);
  });

  test("the picker offers each standard's current version first and its other versions", async () => {
    const w = await world();
    const options = await listStandardOptions();
    const fhir = options.find((option) => option.id === w.fhir.id);
    expect(fhir).toMatchObject({ currentVersion: "R4 (4.0.1)", versions: [{ label: "STU3" }] });
  });
});

describe("lessons", () => {
  test("linking needs a lesson the editor may read and that is live; audited; nothing else bumped", async () => {
    const w = await world();
    const principal = await principalFor(w.editor);
    const own = await w.lesson("A");
    const hidden = await w.lesson("C");
    const archived = await w.lesson("A", { title: "Arkiverad" });
    await setLessonArchived({
      lessonId: archived,
      baseVersion: 1,
      archived: true,
      actorUserId: w.editor.id,
      request: TEST_REQUEST,
    });
    const before = await versions(w);
    expect(await linkLesson({ ...target(w), lessonId: hidden, principal })).toEqual({ status: "unknown-lesson" });
    expect(await linkLesson({ ...target(w), lessonId: archived, principal })).toEqual({ status: "unknown-lesson" });
    expect(await linkLesson({ ...target(w), lessonId: own, principal })).toEqual({
      status: "linked",
      name: "Otydligt ska-krav ledde till överprövning",
    });
    expect(await linkLesson({ ...target(w), lessonId: own, principal })).toEqual({ status: "unchanged" });
    expect(await unlinkLesson({ ...target(w), lessonId: hidden, principal })).toEqual({ status: "unknown-lesson" });
    expect(await versions(w)).toEqual(before);
    expect(await auditOf("requirement.lesson_linked", w.requirementId)).toHaveLength(1);
    expect(await unlinkLesson({ ...target(w), lessonId: own, principal })).toMatchObject({ status: "unlinked" });
    expect(await auditOf("requirement.lesson_unlinked", w.requirementId)).toHaveLength(1);
  });

  test("surfacing: linked lessons first, then the area's most severe; never one the reader may not read", async () => {
    const w = await world();
    const linked = await w.lesson("A", { title: "Kopplad, annat område", areas: ["MG"], severity: "low" });
    const areaHigh = await w.lesson("A", { title: "Hög IS", severity: "high" });
    const areaLow = await w.lesson("A", { title: "Låg IS", severity: "low" });
    const otherArea = await w.lesson("A", { title: "Bara BL", areas: ["BL"] });
    const privateB = await w.lesson("B", { title: "B:s egen IS", severity: "high" });
    const privateC = await w.lesson("C", { title: "C:s egen IS", severity: "high" });
    const archived = await w.lesson("A", { title: "Arkiverad IS" });
    await setLessonArchived({
      lessonId: archived,
      baseVersion: 1,
      archived: true,
      actorUserId: w.editor.id,
      request: TEST_REQUEST,
    });
    // Links written earlier, by someone who could read them: C's private lesson is linked too.
    await db.insert(requirementLessonLinks).values([
      { requirementId: w.requirementId, lessonId: linked },
      { requirementId: w.requirementId, lessonId: privateC },
    ]);

    const forA = await linksAs(w, w.viewer);
    expect(forA.lessons.map((lesson) => [lesson.id, lesson.linked])).toEqual([
      [linked, true],
      [areaHigh, false],
      [areaLow, false],
    ]);
    expect(forA.areaLessonTotal).toBe(2);
    // Region B reads the shared set: its own private lesson surfaces for it, A's do not.
    const forB = await linksAs(w, w.editorB);
    expect(forB.lessons.map((lesson) => lesson.id)).toEqual([privateB]);
    const forC = await linksAs(w, w.editorC);
    expect(forC.lessons.map((lesson) => [lesson.id, lesson.linked])).toEqual([[privateC, true]]);
    expect(JSON.stringify(forA)).not.toContain("C:s egen");
    expect(JSON.stringify(forA)).not.toContain(otherArea);
    expect(JSON.stringify(forA)).not.toContain(archived);
  });

  test("only the first few of many area lessons surface; the total says how many there are", async () => {
    const w = await world();
    for (let index = 0; index < SURFACED_AREA_LESSONS + 2; index += 1) await w.lesson("A", { title: `IS ${index}` });
    const links = await linksAs(w, w.viewer);
    expect(links.lessons).toHaveLength(SURFACED_AREA_LESSONS);
    expect(links.areaLessonTotal).toBe(SURFACED_AREA_LESSONS + 2);
  });

  test("the lesson options: live lessons the reader may read, the area's first", async () => {
    const w = await world();
    const bl = await w.lesson("A", { title: "A BL", areas: ["BL"] });
    const is = await w.lesson("A", { title: "Z IS", areas: ["IS"] });
    await w.lesson("C", { title: "Dold" });
    const options = await listLessonOptions({ principal: await principalFor(w.editor), area: "IS" });
    expect(options.map((option) => [option.id, option.concernsArea])).toEqual([
      [is, true],
      [bl, false],
    ]);
  });
});

describe("the requirement page", () => {
  test("links and surfaced lessons cost one statement, however many there are", async () => {
    const w = await world();
    const count = async () => {
      const { cookie } = await signInAs(w.editor.id);
      const request = new Request(`http://localhost/sets/${w.setId}/requirements/${w.requirementId}`, {
        headers: { Cookie: cookie },
      });
      const before = database.queryCounter.count;
      let body: unknown;
      await requestStore.run({ requestId: "count" }, async () => {
        const [, result] = await Promise.all([
          getAuthContext(request),
          requirementPageLoader({
            request,
            params: { setId: w.setId, requirementId: w.requirementId },
            context: testContext(),
          }),
        ]);
        body = result;
      });
      return { statements: database.queryCounter.count - before, body };
    };
    // Session, set, requirement, sections (an editor may move it), provenance, open comments: 6,
    // and the links: 7.
    const empty = await count();
    expect(empty.statements).toBe(7);
    const principal = await principalFor(w.editor);
    await linkStandard({ ...target(w), choice: { kind: "version", id: w.fhir.versions.STU3 ?? "" } });
    await linkStandard({ ...target(w), choice: { kind: "current", id: w.iso.id } });
    for (const title of ["Ett", "Två", "Tre"]) {
      await linkLesson({ ...target(w), lessonId: await w.lesson("A", { title, areas: ["BL"] }), principal });
    }
    await w.lesson("A", { title: "Område" });
    const full = await count();
    expect(full.statements).toBe(7);
    const body = z
      .object({
        links: z.object({
          standards: z.array(z.object({ code: z.string(), pinnedVersion: z.string(), currentVersion: z.string() })),
          lessons: z.array(z.object({ title: z.string(), linked: z.boolean() })),
        }),
      })
      .parse(full.body);
    expect(body.links.standards.map((link) => link.pinnedVersion).sort()).toEqual(["2022", "STU3"]);
    expect(body.links.lessons.map((lesson) => lesson.title)).toEqual(["Ett", "Tre", "Två", "Område"]);
  });
});

describe("the edit form", () => {
  const post = async (w: World, form: Record<string, string>, userId = w.editor.id) =>
    callRoute(
      editAction,
      buildRequest(`/sets/${w.setId}/requirements/${w.requirementId}/edit`, {
        method: "POST",
        cookie: (await signInAs(userId)).cookie,
        form,
      }),
      { setId: w.setId, requirementId: w.requirementId },
      testContext(),
    );

  test("links and unlinks a standard and a lesson, each on its own, back to the form", async () => {
    const w = await world();
    const lessonId = await w.lesson("A", { areas: ["BL"] });
    const editPath = `/sets/${w.setId}/requirements/${w.requirementId}/edit`;
    expectRedirect(await post(w, { intent: "link-standard", standard: `version:${w.fhir.versions.STU3}` }), editPath);
    expectRedirect(await post(w, { intent: "link-lesson", lessonId }), editPath);
    const loaded = await callRoute(
      editLoader,
      buildRequest(editPath, { cookie: (await signInAs(w.editor.id)).cookie }),
      { setId: w.setId, requirementId: w.requirementId },
    );
    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({
      links: {
        standards: [{ standardId: w.fhir.id, pinnedVersion: "STU3", currentVersion: "R4 (4.0.1)" }],
        lessons: [{ id: lessonId, linked: true }],
      },
    });
    expectRedirect(await post(w, { intent: "link-standard", standard: `standard:${w.fhir.id}` }), editPath);
    expectRedirect(await post(w, { intent: "unlink-standard", standardId: w.fhir.id }), editPath);
    expectRedirect(await post(w, { intent: "unlink-lesson", lessonId }), editPath);
    expect(await standardLinksOf(w.requirementId)).toEqual([]);
    expect(await lessonLinksOf(w.requirementId)).toEqual([]);
  });

  test("bad choices are field errors and save nothing; a viewer is refused; the main form still saves", async () => {
    const w = await world();
    const hidden = await w.lesson("C");
    const empty = await post(w, { intent: "link-standard", standard: "" });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ linkErrors: { standard: ["requirementLinks.standardRequired"] } });
    const unknown = await post(w, { intent: "link-standard", standard: `standard:${randomUUID()}` });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ linkErrors: { standard: ["requirementLinks.standardUnknown"] } });
    const hiddenLesson = await post(w, { intent: "link-lesson", lessonId: hidden });
    expect(hiddenLesson.status).toBe(400);
    expect(hiddenLesson.body).toMatchObject({ linkErrors: { lesson: ["requirementLinks.lessonUnknown"] } });
    expect((await post(w, { intent: "link-lesson", lessonId: hidden }, w.viewer.id)).status).toBe(403);
    expect((await post(w, { intent: "bogus" })).status).toBe(400);
    expect(await lessonLinksOf(w.requirementId)).toEqual([]);
    expect(await standardLinksOf(w.requirementId)).toEqual([]);

    const input = requirementInput({ title: "Nytt namn" });
    const saved = await post(w, {
      ref: input.ref,
      title: input.title,
      text: input.text,
      obligation: input.obligation,
      type: input.type,
      area: input.area,
      rationale: input.rationale,
      verification: input.verification,
      baseVersion: "1",
    });
    expectRedirect(saved, `/sets/${w.setId}/requirements/${w.requirementId}`);
  });

  test("shows the lessons that surface while editing, never a hidden one", async () => {
    const w = await world();
    await w.lesson("A", { title: "Synlig IS-lärdom" });
    await w.lesson("C", { title: "Dold IS-lärdom" });
    const loaded = await callRoute(
      editLoader,
      buildRequest(`/sets/${w.setId}/requirements/${w.requirementId}/edit`, {
        cookie: (await signInAs(w.editor.id)).cookie,
      }),
      { setId: w.setId, requirementId: w.requirementId },
    );
    const text = JSON.stringify(loaded.body);
    expect(text).toContain("Synlig IS-lärdom");
    expect(text).not.toContain("Dold IS-lärdom");
  });
});

describe("the new-requirement form", () => {
  const form = (extra: Record<string, string | string[]>) => {
    const input = requirementInput({ ref: "IS-050" });
    return {
      ref: input.ref,
      title: input.title,
      text: input.text,
      obligation: input.obligation,
      type: input.type,
      area: input.area,
      rationale: input.rationale,
      verification: input.verification,
      ...extra,
    };
  };

  test("saves the chosen standards and lessons with the requirement", async () => {
    const w = await world();
    const lessonId = await w.lesson("A");
    const { cookie } = await signInAs(w.editor.id);
    const page = await callRoute(newLoader, buildRequest(`/sets/${w.setId}/requirements/new?area=IS`, { cookie }), {
      setId: w.setId,
    });
    expect(page.body).toMatchObject({ areaLessons: [{ id: lessonId }] });
    const result = await callRoute(
      newAction,
      buildRequest(`/sets/${w.setId}/requirements/new`, {
        method: "POST",
        cookie,
        form: form({ standards: [`standard:${w.fhir.id}`, `version:${w.iso.versions["2013"]}`], lessons: [lessonId] }),
      }),
      { setId: w.setId },
    );
    expectRedirect(result);
    const [created] = await db
      .select({ id: requirements.id })
      .from(requirements)
      .where(and(eq(requirements.setId, w.setId), eq(requirements.ref, "IS-050")));
    const links = await getRequirementLinks({
      requirementId: created?.id ?? null,
      area: "IS",
      principal: await principalFor(w.editor),
    });
    expect(links.standards.map((link) => link.pinnedVersion).sort()).toEqual(["2013", "R4 (4.0.1)"]);
    expect(links.lessons).toMatchObject([{ id: lessonId, linked: true }]);
    const audit = await auditOf("requirement.lesson_linked", created?.id ?? "");
    expect(audit).toHaveLength(1);
  });

  test("a bad choice is a field error, the choices come back, and no requirement is written", async () => {
    const w = await world();
    const hidden = await w.lesson("C");
    const { cookie } = await signInAs(w.editor.id);
    const result = await callRoute(
      newAction,
      buildRequest(`/sets/${w.setId}/requirements/new`, {
        method: "POST",
        cookie,
        form: form({ standards: [`standard:${w.fhir.id}`, "version:nonsense"], lessons: [hidden] }),
      }),
      { setId: w.setId },
    );
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      linkErrors: { standards: ["requirementLinks.standardUnknown"] },
      linkValues: { standards: [`standard:${w.fhir.id}`, "version:nonsense"], lessons: [hidden] },
    });
    const unknownLesson = await callRoute(
      newAction,
      buildRequest(`/sets/${w.setId}/requirements/new`, { method: "POST", cookie, form: form({ lessons: [hidden] }) }),
      { setId: w.setId },
    );
    expect(unknownLesson.status).toBe(400);
    expect(unknownLesson.body).toMatchObject({ linkErrors: { lessons: ["requirementLinks.lessonUnknown"] } });
    expect(errorsOf(unknownLesson.body, "ref")).toEqual([]);
    const written = await db
      .select()
      .from(requirements)
      .where(and(eq(requirements.setId, w.setId), eq(requirements.ref, "IS-050")));
    expect(written).toEqual([]);
  });

  test("the model checks choices before anything is written, and skips what vanished in between", async () => {
    const w = await world();
    const principal = await principalFor(w.editor);
    const lessonId = await w.lesson("A");
    expect(
      await checkNewLinks({ standardChoices: [{ kind: "current", id: w.fhir.id }], lessonIds: [lessonId], principal }),
    ).toEqual({ standardsOk: true, lessonsOk: true });
    expect(
      await checkNewLinks({
        standardChoices: [{ kind: "version", id: randomUUID() }],
        lessonIds: [randomUUID()],
        principal,
      }),
    ).toEqual({ standardsOk: false, lessonsOk: false });
    await db.update(lessons).set({ archivedAt: new Date() }).where(eq(lessons.id, lessonId));
    expect(
      await addLinksToNewRequirement({
        ...target(w),
        standardChoices: [{ kind: "current", id: w.fhir.id }],
        lessonIds: [lessonId],
        principal,
      }),
    ).toBe(1);
  });
});

test("the lesson page lists the requirement linked from the edit form", async () => {
  const w = await world();
  const lessonId = await w.lesson("A");
  await linkLesson({ ...target(w), lessonId, principal: await principalFor(w.editor) });
  const reader = await createUser();
  await addMembership(reader.id, w.regionA.id, "viewer");
  const result = await callRoute(
    lessonPageLoader,
    buildRequest(`/lessons/${lessonId}`, { cookie: (await signInAs(reader.id)).cookie }),
    { lessonId },
  );
  expect(result.body).toMatchObject({ requirements: [{ id: w.requirementId, setId: w.setId }] });
});
