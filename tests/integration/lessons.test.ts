import { count, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { z } from "zod";

import { lessons, lessonSetLinks, louPhaseEnum, requirementLessonLinks } from "../../db/schema/lessons";
import {
  changeLessonSetLink,
  createLesson,
  getVisibleLesson,
  listLessonRequirements,
  listLessons,
  listLessonSets,
  listLinkableSets,
  setLessonArchived,
  shareLesson,
  updateLesson,
  type LessonFilters,
} from "~/models/lessons.server";
import { action as lessonPageAction, loader as lessonPageLoader } from "~/routes/lessons.$lessonId._index";
import { action as editLessonAction, loader as editLessonLoader } from "~/routes/lessons.$lessonId.edit";
import { action as shareLessonAction } from "~/routes/lessons.$lessonId.share";
import { loader as lessonsLoader } from "~/routes/lessons._index";
import { action as newLessonAction, loader as newLessonLoader } from "~/routes/lessons.new";
import { db } from "~/utils/db.server";
import { LOU_PHASES } from "~/utils/lou-phases";
import type { LessonInput } from "~/utils/lesson-schemas";

import { createCollaboration, createMember, createRegion, signInAs } from "../support/factories";
import { buildRequest, callRoute } from "../support/requests";
import { createSetFixture } from "../support/set-factories";

import { auditRows, errorsOf, expectRedirect } from "./route-helpers";
import { principalFor, TEST_REQUEST } from "./set-helpers";

/**
 * Lessons (lärdomar): every model operation, and what the routes do with permissions, bad input,
 * concurrent edits and visibility. A lesson another region keeps private must never show: not in
 * the list, not in a count, not on its page (404).
 */

function lessonInput(overrides: Partial<LessonInput> = {}): LessonInput {
  return {
    title: "Otydligt ska-krav ledde till överprövning",
    whatHappened: "Ett anbud förkastades för ett krav som kunde läsas på två sätt.",
    lesson: "Ett ska-krav måste vara entydigt och går inte att förklara i efterhand.",
    recommendation: "Låt två personer läsa varje **ska-krav** före annonsering.",
    sourceKind: "court_ruling",
    sourceTitle: "Förvaltningsrätten",
    sourceDate: "2018-04-12",
    sourceUrl: "https://example.se/dom",
    unverified: false,
    phase: "evaluation",
    areas: ["IS"],
    severity: "high",
    ...overrides,
  };
}

/** A lesson as the form posts it. */
function lessonForm(input: LessonInput, extra: Record<string, string | string[]> = {}) {
  return {
    title: input.title,
    whatHappened: input.whatHappened,
    lesson: input.lesson,
    recommendation: input.recommendation,
    sourceKind: input.sourceKind,
    sourceTitle: input.sourceTitle,
    sourceDate: input.sourceDate ?? "",
    sourceUrl: input.sourceUrl,
    ...(input.unverified ? { unverified: "on" } : {}),
    phase: input.phase ?? "",
    areas: input.areas,
    severity: input.severity,
    ...extra,
  };
}

/** Regions A and B in a collaboration, region C outside it, and people in each. */
async function world() {
  const regionA = await createRegion();
  const regionB = await createRegion();
  const regionC = await createRegion();
  const collaboration = await createCollaboration([regionA.id, regionB.id]);
  const otherCollaboration = await createCollaboration([regionB.id, regionC.id]);
  const editorA = await createMember(regionA.id, "editor");
  const adminA = await createMember(regionA.id, "admin");
  const viewerA = await createMember(regionA.id, "viewer");
  const editorB = await createMember(regionB.id, "editor");
  const editorC = await createMember(regionC.id, "editor");
  return { regionA, regionB, regionC, collaboration, otherCollaboration, editorA, adminA, viewerA, editorB, editorC };
}
type World = Awaited<ReturnType<typeof world>>;

async function lessonOf(w: World, region: "A" | "B" | "C", overrides: Partial<LessonInput> = {}) {
  const regionId = { A: w.regionA.id, B: w.regionB.id, C: w.regionC.id }[region];
  const actor = { A: w.editorA.id, B: w.editorB.id, C: w.editorC.id }[region];
  return createLesson({ regionId, input: lessonInput(overrides), actorUserId: actor, request: TEST_REQUEST });
}

async function lessonRow(lessonId: string) {
  const [row] = await db.select().from(lessons).where(eq(lessons.id, lessonId));
  if (!row) throw new Error("no lesson");
  return row;
}

/** Audit events of one lesson: other tests in the file write their own. */
async function auditOf(action: string, lessonId: string) {
  return (await auditRows(action)).filter((row) => row.targetId === lessonId);
}

const noFilters: LessonFilters = { q: "", archived: false, sort: "date", page: 1 };

async function listed(userId: { id: string; isPlatformAdmin: boolean }, filters: Partial<LessonFilters> = {}) {
  return listLessons({ principal: await principalFor(userId), filters: { ...noFilters, ...filters } });
}

const ListBody = z.object({
  lessons: z.array(z.object({ id: z.string(), title: z.string(), requirementCount: z.number() })),
  total: z.number(),
  ignored: z.array(z.string()),
  facets: z.record(z.string(), z.array(z.object({ value: z.string(), count: z.number() }))),
});

test("the LOU phase list of the browser-safe module is the database enum, in order", () => {
  expect([...LOU_PHASES]).toEqual(louPhaseEnum.enumValues);
});

describe("the model", () => {
  test("a new lesson is private to its region and audited", async () => {
    const w = await world();
    const lessonId = await lessonOf(w, "A", { areas: ["IS", "BL"], unverified: true });
    const row = await lessonRow(lessonId);
    expect(row).toMatchObject({
      ownerRegionId: w.regionA.id,
      visibility: "private",
      areas: ["IS", "BL"],
      unverified: true,
      phase: "evaluation",
      version: 1,
      createdByUserId: w.editorA.id,
    });
    expect(await getVisibleLesson({ lessonId, principal: await principalFor(w.viewerA) })).toMatchObject({
      title: "Otydligt ska-krav ledde till överprövning",
      ownerRegionName: w.regionA.name,
    });
    expect(await getVisibleLesson({ lessonId, principal: await principalFor(w.editorB) })).toBeNull();
    expect(await getVisibleLesson({ lessonId, principal: null })).toBeNull();
    const audit = await auditOf("lesson.created", lessonId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: w.editorA.id, regionId: w.regionA.id });
  });

  test("an edit bumps the version; one made from an older version is a conflict that changes nothing", async () => {
    const w = await world();
    const lessonId = await lessonOf(w, "A");
    const first = await updateLesson({
      lessonId,
      baseVersion: 1,
      input: lessonInput({ title: "Första ändringen" }),
      actorUserId: w.editorA.id,
      request: TEST_REQUEST,
    });
    expect(first).toEqual({ status: "saved", version: 2 });
    const second = await updateLesson({
      lessonId,
      baseVersion: 1,
      input: lessonInput({ title: "Andra ändringen" }),
      actorUserId: w.adminA.id,
      request: TEST_REQUEST,
    });
    expect(second).toMatchObject({ status: "conflict", current: { title: "Första ändringen", version: 2 } });
    expect(await lessonRow(lessonId)).toMatchObject({ title: "Första ändringen", version: 2 });
    const audit = await auditOf("lesson.updated", lessonId);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toContain("title");
  });

  test("sharing changes who reads the lesson and is audited; an archived lesson can be neither edited nor shared", async () => {
    const w = await world();
    const lessonId = await lessonOf(w, "A");
    const shared = await shareLesson({
      lessonId,
      baseVersion: 1,
      visibility: "collaboration",
      collaborationId: w.collaboration.id,
      actorUserId: w.adminA.id,
      request: TEST_REQUEST,
    });
    expect(shared).toEqual({ status: "saved", version: 2 });
    expect(await getVisibleLesson({ lessonId, principal: await principalFor(w.editorB) })).not.toBeNull();
    expect(await getVisibleLesson({ lessonId, principal: await principalFor(w.editorC) })).toBeNull();
    const audit = await auditOf("lesson.shared", lessonId);
    expect(audit[0]?.details).toContain('"to":"collaboration"');

    expect(
      await setLessonArchived({
        lessonId,
        baseVersion: 2,
        archived: true,
        actorUserId: w.editorA.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "saved", version: 3 });
    expect(
      await updateLesson({
        lessonId,
        baseVersion: 3,
        input: lessonInput(),
        actorUserId: w.editorA.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "archived" });
    expect(
      await shareLesson({
        lessonId,
        baseVersion: 3,
        visibility: "portal",
        collaborationId: null,
        actorUserId: w.adminA.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "archived" });
    expect(
      await setLessonArchived({
        lessonId,
        baseVersion: 3,
        archived: false,
        actorUserId: w.editorA.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "saved", version: 4 });
    expect(await auditOf("lesson.archived", lessonId)).toHaveLength(1);
    expect(await auditOf("lesson.restored", lessonId)).toHaveLength(1);
    expect((await lessonRow(lessonId)).archivedAt).toBeNull();
  });

  test("the list shows what the principal may read, with facet counts that leave hidden lessons out", async () => {
    const w = await world();
    const own = await lessonOf(w, "A", { severity: "high", areas: ["IS"], phase: "evaluation" });
    const ownLow = await lessonOf(w, "A", { title: "Låg", severity: "low", areas: ["BL"], phase: "cancelled" });
    const sharedB = await lessonOf(w, "B", {
      title: "Delad",
      severity: "medium",
      areas: ["IS"],
      sourceKind: "decision",
    });
    await shareLesson({
      lessonId: sharedB,
      baseVersion: 1,
      visibility: "collaboration",
      collaborationId: w.collaboration.id,
      actorUserId: w.editorB.id,
      request: TEST_REQUEST,
    });
    // Region C keeps a high-severity IS lesson to itself, and shares one only with collaboration BC.
    await lessonOf(w, "C", { title: "Hemlig", severity: "high", areas: ["IS"] });
    const bc = await lessonOf(w, "C", { title: "BC", severity: "high", areas: ["IS"] });
    await shareLesson({
      lessonId: bc,
      baseVersion: 1,
      visibility: "collaboration",
      collaborationId: w.otherCollaboration.id,
      actorUserId: w.editorC.id,
      request: TEST_REQUEST,
    });
    const archived = await lessonOf(w, "A", { title: "Arkiverad" });
    await setLessonArchived({
      lessonId: archived,
      baseVersion: 1,
      archived: true,
      actorUserId: w.editorA.id,
      request: TEST_REQUEST,
    });
    // Requirements written because of `own`: one in A's set, one in C's private set (hidden from A).
    const setA = await createSetFixture({ ownerRegionId: w.regionA.id, authorId: w.editorA.id });
    const setC = await createSetFixture({ ownerRegionId: w.regionC.id, authorId: w.editorC.id });
    await db.insert(requirementLessonLinks).values([
      { requirementId: setA.requirementId, lessonId: own },
      { requirementId: setC.requirementId, lessonId: own },
    ]);

    const forA = await listed(w.viewerA);
    expect(forA.lessons.map((lesson) => lesson.id).sort()).toEqual([own, ownLow, sharedB].sort());
    expect(forA.lessons.find((lesson) => lesson.id === own)?.requirementCount).toBe(1);
    expect(forA.total).toBe(3);
    expect(forA.facets.severity).toEqual(
      expect.arrayContaining([
        { value: "high", label: null, count: 1 },
        { value: "medium", label: null, count: 1 },
        { value: "low", label: null, count: 1 },
      ]),
    );
    expect(forA.facets.area).toEqual(
      expect.arrayContaining([
        { value: "IS", label: null, count: 2 },
        { value: "BL", label: null, count: 1 },
      ]),
    );
    expect(forA.facets.region.map((facet) => facet.value).sort()).toEqual([w.regionA.id, w.regionB.id].sort());

    // A facet leaves out its own filter: choosing "high" still counts the other severities.
    const high = await listed(w.viewerA, { severity: "high" });
    expect(high.lessons.map((lesson) => lesson.id)).toEqual([own]);
    expect(high.total).toBe(1);
    expect(high.facets.severity.reduce((sum, facet) => sum + facet.count, 0)).toBe(3);
    expect(high.facets.area).toEqual([{ value: "IS", label: null, count: 1 }]);

    expect((await listed(w.viewerA, { area: "IS" })).lessons.map((lesson) => lesson.id).sort()).toEqual(
      [own, sharedB].sort(),
    );
    expect((await listed(w.viewerA, { phase: "cancelled" })).lessons.map((lesson) => lesson.id)).toEqual([ownLow]);
    expect((await listed(w.viewerA, { sourceKind: "decision" })).lessons.map((lesson) => lesson.id)).toEqual([sharedB]);
    expect((await listed(w.viewerA, { regionId: w.regionB.id })).lessons.map((lesson) => lesson.id)).toEqual([sharedB]);
    // Hidden regions' lessons give nothing, not even when asked for by region.
    expect((await listed(w.viewerA, { regionId: w.regionC.id })).total).toBe(0);
    expect((await listed(w.viewerA, { archived: true })).lessons.map((lesson) => lesson.id)).toEqual([archived]);
    expect((await listed(w.editorB)).lessons.map((lesson) => lesson.id).sort()).toEqual([sharedB, bc].sort());
    expect((await listed(w.editorC)).total).toBe(2);
    const severityOrder = (await listed(w.viewerA, { sort: "severity" })).lessons.map((lesson) => lesson.id);
    expect(severityOrder).toEqual([own, sharedB, ownLow]);
  });

  test("free text finds Swedish word forms and parts of words; wildcards are literal", async () => {
    const w = await world();
    const lessonId = await lessonOf(w, "A", {
      title: "Överprövning efter otydligt krav",
      recommendation: "Skriv PDL-scenarier.",
    });
    await lessonOf(w, "A", { title: "Något helt annat", whatHappened: "", lesson: "Annat.", recommendation: "" });
    const ids = async (q: string) => (await listed(w.viewerA, { q })).lessons.map((lesson) => lesson.id);
    expect(await ids("överprövningar")).toEqual([lessonId]);
    expect(await ids("PDL")).toEqual([lessonId]);
    expect(await ids("Överpröv")).toEqual([lessonId]);
    expect(await ids("%")).toEqual([]);
  });

  test("set links: only sets the principal may read, audited; the lists show only readable ones", async () => {
    const w = await world();
    const lessonId = await lessonOf(w, "A");
    const setA = await createSetFixture({ ownerRegionId: w.regionA.id, authorId: w.editorA.id });
    const setB = await createSetFixture({ ownerRegionId: w.regionB.id, authorId: w.editorB.id });
    const principal = await principalFor(w.editorA);
    const change = (setId: string, link: boolean) =>
      changeLessonSetLink({ lessonId, setId, link, principal, actorUserId: w.editorA.id, request: TEST_REQUEST });
    expect(await change(setB.setId, true)).toEqual({ status: "unknown-set" });
    expect(await change(setA.setId, true)).toEqual({ status: "linked" });
    expect(await change(setA.setId, true)).toEqual({ status: "unchanged" });
    expect((await listLessonSets({ lessonId, principal })).map((set) => set.id)).toEqual([setA.setId]);
    expect((await listLinkableSets({ lessonId, principal })).map((set) => set.id)).not.toContain(setA.setId);
    expect((await listLinkableSets({ lessonId, principal })).map((set) => set.id)).not.toContain(setB.setId);
    // A link to a set the reader cannot see (written by someone who could) stays out of their list.
    await db.insert(lessonSetLinks).values({ lessonId, setId: setB.setId });
    expect((await listLessonSets({ lessonId, principal })).map((set) => set.id)).toEqual([setA.setId]);
    expect(await change(setA.setId, false)).toEqual({ status: "unlinked" });
    expect(await auditOf("lesson.set_linked", lessonId)).toHaveLength(1);
    expect(await auditOf("lesson.set_unlinked", lessonId)).toHaveLength(1);

    // Requirements written because of the lesson: only those in readable sets, and not deleted ones.
    await db.insert(requirementLessonLinks).values([
      { requirementId: setA.requirementId, lessonId },
      { requirementId: setB.requirementId, lessonId },
    ]);
    expect((await listLessonRequirements({ lessonId, principal })).map((row) => row.id)).toEqual([setA.requirementId]);

    await setLessonArchived({
      lessonId,
      baseVersion: 1,
      archived: true,
      actorUserId: w.editorA.id,
      request: TEST_REQUEST,
    });
    expect(await change(setA.setId, true)).toEqual({ status: "archived" });
  });
});

describe("the routes", () => {
  test("the list page: visible lessons only, counts, and bad filter values ignored, not an error", async () => {
    const w = await world();
    await lessonOf(w, "A");
    await lessonOf(w, "C", { title: "Hemlig C" });
    const { cookie } = await signInAs(w.viewerA.id);
    const result = await callRoute(lessonsLoader, buildRequest("/lessons?severity=extreme&area=IS", { cookie }));
    expect(result.status).toBe(200);
    const body = ListBody.parse(result.body);
    expect(body.lessons.map((lesson) => lesson.title)).toEqual(["Otydligt ska-krav ledde till överprövning"]);
    expect(body.total).toBe(1);
    expect(body.ignored).toEqual(["severity"]);
    expect(JSON.stringify(body)).not.toContain("Hemlig C");
  });

  test("creating: validation errors next to the fields and nothing saved; a valid form saves a private lesson", async () => {
    const w = await world();
    const { cookie } = await signInAs(w.editorA.id, w.regionA.id);
    const [before] = await db.select({ n: count() }).from(lessons);
    const bad = await callRoute(
      newLessonAction,
      buildRequest("/lessons/new", {
        method: "POST",
        cookie,
        form: lessonForm(lessonInput({ title: "" }), {
          lesson: "",
          sourceUrl: "javascript:alert(1)",
          sourceDate: "2016-02-30",
          areas: ["IS", "XX"],
          severity: "extreme",
          sourceKind: "",
        }),
      }),
    );
    expect(bad.status).toBe(400);
    expect(errorsOf(bad.body, "title")).toEqual(["validation.required"]);
    expect(errorsOf(bad.body, "lesson")).toEqual(["validation.required"]);
    expect(errorsOf(bad.body, "sourceUrl")).toEqual(["lessons.urlInvalid"]);
    expect(errorsOf(bad.body, "sourceDate")).toEqual(["lessons.dateInvalid"]);
    expect(errorsOf(bad.body, "severity")).toEqual(["lessons.severityInvalid"]);
    expect(errorsOf(bad.body, "sourceKind")).toEqual(["lessons.sourceKindInvalid"]);
    expect(errorsOf(bad.body, "areas[1]")).toEqual(["lessons.areasInvalid"]);
    const [after] = await db.select({ n: count() }).from(lessons);
    expect(after?.n).toBe(before?.n);

    const saved = await callRoute(
      newLessonAction,
      buildRequest("/lessons/new", {
        method: "POST",
        cookie,
        form: lessonForm(lessonInput({ unverified: true, areas: ["BL", "IS"] })),
      }),
    );
    expectRedirect(saved);
    const lessonId = (saved.headers.get("Location") ?? "").replace("/lessons/", "");
    expect(await lessonRow(lessonId)).toMatchObject({
      ownerRegionId: w.regionA.id,
      visibility: "private",
      unverified: true,
      areas: ["BL", "IS"],
      sourceUrl: "https://example.se/dom",
    });
  });

  test("creating needs an editor of the region chosen in the header", async () => {
    const w = await world();
    const viewer = await signInAs(w.viewerA.id, w.regionA.id);
    expect((await callRoute(newLessonLoader, buildRequest("/lessons/new", { cookie: viewer.cookie }))).status).toBe(
      403,
    );
    const editor = await signInAs(w.editorA.id, w.regionA.id);
    expect((await callRoute(newLessonLoader, buildRequest("/lessons/new", { cookie: editor.cookie }))).status).toBe(
      200,
    );
  });

  test("a lesson another region keeps private is 404 on every page, a bad id too", async () => {
    const w = await world();
    const lessonId = await lessonOf(w, "C");
    const { cookie } = await signInAs(w.editorA.id);
    for (const path of [`/lessons/${lessonId}`, "/lessons/not-a-uuid"]) {
      const id = path.replace("/lessons/", "");
      expect((await callRoute(lessonPageLoader, buildRequest(path, { cookie }), { lessonId: id })).status).toBe(404);
      expect(
        (await callRoute(editLessonLoader, buildRequest(`${path}/edit`, { cookie }), { lessonId: id })).status,
      ).toBe(404);
      expect(
        (
          await callRoute(
            lessonPageAction,
            buildRequest(path, { method: "POST", cookie, form: { intent: "archive", baseVersion: "1" } }),
            { lessonId: id },
          )
        ).status,
      ).toBe(404);
    }
    expect((await lessonRow(lessonId)).archivedAt).toBeNull();
  });

  test("an edit conflict answers 409 with the other person's version and keeps every word typed", async () => {
    const w = await world();
    const lessonId = await lessonOf(w, "A");
    await updateLesson({
      lessonId,
      baseVersion: 1,
      input: lessonInput({ lesson: "Deras lärdom." }),
      actorUserId: w.adminA.id,
      request: TEST_REQUEST,
    });
    const { cookie } = await signInAs(w.editorA.id);
    const result = await callRoute(
      editLessonAction,
      buildRequest(`/lessons/${lessonId}/edit`, {
        method: "POST",
        cookie,
        form: lessonForm(lessonInput({ lesson: "Min lärdom, noga formulerad." }), { baseVersion: "1" }),
      }),
      { lessonId },
    );
    expect(result.status).toBe(409);
    const body = z
      .object({
        result: z.object({ initialValue: z.record(z.string(), z.unknown()) }),
        conflict: z.object({ theirs: z.object({ lesson: z.string() }), version: z.number() }),
      })
      .parse(result.body);
    expect(body.result.initialValue.lesson).toBe("Min lärdom, noga formulerad.");
    expect(body.conflict).toMatchObject({ theirs: { lesson: "Deras lärdom." }, version: 2 });
    expect((await lessonRow(lessonId)).lesson).toBe("Deras lärdom.");

    // Saving again on top of their version goes through.
    const again = await callRoute(
      editLessonAction,
      buildRequest(`/lessons/${lessonId}/edit`, {
        method: "POST",
        cookie,
        form: lessonForm(lessonInput({ lesson: "Min lärdom, noga formulerad." }), { baseVersion: "2" }),
      }),
      { lessonId },
    );
    expectRedirect(again, `/lessons/${lessonId}`);
    expect(await lessonRow(lessonId)).toMatchObject({ lesson: "Min lärdom, noga formulerad.", version: 3 });
  });

  test("sharing: admins only, a deliberate confirmation, a collaboration of the owner region", async () => {
    const w = await world();
    const lessonId = await lessonOf(w, "A");
    const share = async (userId: string, form: Record<string, string>) =>
      callRoute(
        shareLessonAction,
        buildRequest(`/lessons/${lessonId}/share`, { method: "POST", cookie: (await signInAs(userId)).cookie, form }),
        { lessonId },
      );
    const form = { visibility: "collaboration", collaborationId: w.collaboration.id, baseVersion: "1" };
    expect((await share(w.editorA.id, { ...form, confirmPublicRecord: "on" })).status).toBe(403);
    const unconfirmed = await share(w.adminA.id, form);
    expect(unconfirmed.status).toBe(400);
    expect(errorsOf(unconfirmed.body, "confirmPublicRecord")).toEqual(["share.confirmRequired"]);
    const foreign = await share(w.adminA.id, {
      ...form,
      collaborationId: w.otherCollaboration.id,
      confirmPublicRecord: "on",
    });
    expect(foreign.status).toBe(400);
    expect(errorsOf(foreign.body, "collaborationId")).toEqual(["share.collaborationRequired"]);
    expect((await lessonRow(lessonId)).visibility).toBe("private");
    expectRedirect(await share(w.adminA.id, { ...form, confirmPublicRecord: "on" }), `/lessons/${lessonId}`);
    expect(await lessonRow(lessonId)).toMatchObject({
      visibility: "collaboration",
      collaborationId: w.collaboration.id,
    });
    const stale = await share(w.adminA.id, { ...form, visibility: "portal", confirmPublicRecord: "on" });
    expect(stale.status).toBe(409);
  });

  test("archive and restore from the lesson page; a stale version is a conflict", async () => {
    const w = await world();
    const lessonId = await lessonOf(w, "A");
    const { cookie } = await signInAs(w.editorA.id);
    const post = (form: Record<string, string>) =>
      callRoute(lessonPageAction, buildRequest(`/lessons/${lessonId}`, { method: "POST", cookie, form }), { lessonId });
    const viewer = await signInAs(w.viewerA.id);
    expect(
      (
        await callRoute(
          lessonPageAction,
          buildRequest(`/lessons/${lessonId}`, {
            method: "POST",
            cookie: viewer.cookie,
            form: { intent: "archive", baseVersion: "1" },
          }),
          { lessonId },
        )
      ).status,
    ).toBe(403);
    expectRedirect(await post({ intent: "archive", baseVersion: "1" }), `/lessons/${lessonId}`);
    expect((await lessonRow(lessonId)).archivedAt).not.toBeNull();
    expect((await post({ intent: "restore", baseVersion: "1" })).status).toBe(409);
    expectRedirect(await post({ intent: "restore", baseVersion: "2" }));
    expect((await lessonRow(lessonId)).archivedAt).toBeNull();
    expect((await post({ intent: "link-set", setId: "nope" })).status).toBe(400);
  });

  test("the lesson page lists the linked requirements the reader may see, and links a readable set", async () => {
    const w = await world();
    const lessonId = await lessonOf(w, "A");
    await shareLesson({
      lessonId,
      baseVersion: 1,
      visibility: "portal",
      collaborationId: null,
      actorUserId: w.adminA.id,
      request: TEST_REQUEST,
    });
    const setA = await createSetFixture({ ownerRegionId: w.regionA.id, authorId: w.editorA.id });
    const setC = await createSetFixture({ ownerRegionId: w.regionC.id, authorId: w.editorC.id });
    await db.insert(requirementLessonLinks).values([
      { requirementId: setA.requirementId, lessonId },
      { requirementId: setC.requirementId, lessonId },
    ]);
    const readAs = async (userId: string) => {
      const { cookie } = await signInAs(userId);
      const result = await callRoute(lessonPageLoader, buildRequest(`/lessons/${lessonId}`, { cookie }), { lessonId });
      expect(result.status).toBe(200);
      return z
        .object({
          requirements: z.array(z.object({ id: z.string() })),
          permissions: z.object({ edit: z.boolean(), share: z.boolean() }),
        })
        .parse(result.body);
    };
    const forA = await readAs(w.editorA.id);
    expect(forA.requirements.map((row) => row.id)).toEqual([setA.requirementId]);
    expect(forA.permissions).toEqual({ edit: true, share: false });
    const forC = await readAs(w.editorC.id);
    expect(forC.requirements.map((row) => row.id)).toEqual([setC.requirementId]);
    expect(forC.permissions).toEqual({ edit: false, share: false });

    const { cookie } = await signInAs(w.editorA.id);
    const hidden = await callRoute(
      lessonPageAction,
      buildRequest(`/lessons/${lessonId}`, { method: "POST", cookie, form: { intent: "link-set", setId: setC.setId } }),
      { lessonId },
    );
    expect(hidden.status).toBe(400);
    expect(hidden.body).toMatchObject({ setErrors: ["lessons.setRequired"] });
    const linked = await callRoute(
      lessonPageAction,
      buildRequest(`/lessons/${lessonId}`, { method: "POST", cookie, form: { intent: "link-set", setId: setA.setId } }),
      { lessonId },
    );
    expectRedirect(linked, `/lessons/${lessonId}`);
    const rows = await db.select().from(lessonSetLinks).where(eq(lessonSetLinks.lessonId, lessonId));
    expect(rows.map((row) => row.setId)).toEqual([setA.setId]);
  });
});
