import { lessons, lessonSetLinks, requirementLessonLinks } from "../../db/schema/lessons";
import { db } from "~/utils/db.server";
import type { Area, Visibility } from "~/utils/requirement-fields";

import {
  all,
  lengthOf,
  setRouteRows,
  signedIn,
  type Actor,
  type FeatureMatrix,
  type FeatureTarget,
  type MatrixFixtureContext,
  type MatrixRow,
} from "./matrix-helpers";

/**
 * Authorization matrix rows for the lessons routes and a requirement's links (see matrix-helpers.ts).
 *
 * The fixture's lessons, each with an area so that it surfaces on the fixture requirements (area IS):
 *   privateA   region A, private, IS; linked to the requirements of setPortalC and setB, and to setA and setB
 *   sharedB    region B, shared with collaboration AB, BL; linked to the requirements of setPortalC and setB
 *   portalC    region C, shared with all regions, IS
 *   privateB   region B, private, IS
 *   archivedA  region A, private, IS, archived (never listed or surfaced)
 * So a reader of region A sees privateA, sharedB and portalC; editorB sees privateB, sharedB and
 * portalC; steeringAB (steering AB, viewer in C) sees sharedB and portalC; the platform admin portalC.
 */
type LessonTarget = "privateA" | "sharedB" | "portalC" | "privateB" | "archivedA";
const LESSON_TARGETS: LessonTarget[] = ["privateA", "sharedB", "portalC", "privateB", "archivedA"];
const target = (name: LessonTarget): FeatureTarget => `lessons:${name}`;

type SignedInActor = Exclude<Actor, "anonymous">;
type Permission = "read" | "edit" | "share";

const A_MEMBERS: SignedInActor[] = ["viewerA", "editorA", "adminA"];

/** Who sees each lesson at all (others: 404), and who may edit and share it (others who see it: 403). */
const ACCESS: Record<LessonTarget, Record<Permission, SignedInActor[]>> = {
  privateA: { read: A_MEMBERS, edit: ["editorA", "adminA"], share: ["adminA"] },
  sharedB: { read: [...A_MEMBERS, "editorB", "steeringAB"], edit: ["editorB"], share: [] },
  portalC: { read: [...A_MEMBERS, "editorB", "steeringAB", "platformAdmin"], edit: [], share: [] },
  privateB: { read: ["editorB"], edit: ["editorB"], share: [] },
  archivedA: { read: A_MEMBERS, edit: ["editorA", "adminA"], share: ["adminA"] },
};

/** A permitted loader answers 200; a permitted action gets as far as validating its form: 400. */
function expectation(
  lesson: LessonTarget,
  permission: Permission,
  handler: "loader" | "action",
): Record<Actor, number> {
  const access = ACCESS[lesson];
  const allowed = handler === "loader" ? 200 : 400;
  const expect = all(404);
  expect.anonymous = handler === "loader" ? 302 : 401;
  for (const actor of access.read) expect[actor] = access[permission].includes(actor) ? allowed : 403;
  return expect;
}

/** The same count for everyone who may read the target. */
function countsFor(lesson: LessonTarget, count: number | ((actor: SignedInActor) => number)) {
  return Object.fromEntries(
    ACCESS[lesson].read.map((actor) => [actor, typeof count === "number" ? count : count(actor)]),
  ) as Partial<Record<Actor, number>>;
}

/** What each actor counts in a body's nested list, e.g. the requirement page's `links.lessons`. */
function nestedLength(outer: string, inner: string) {
  return (body: unknown): number => {
    if (typeof body !== "object" || body === null || !(outer in body)) return -1;
    return lengthOf(inner)((body as Record<string, unknown>)[outer]);
  };
}

async function featureTargets({ users, regionIds, collaborationIds, sets }: MatrixFixtureContext) {
  const insert = async (
    ownerRegionId: string,
    title: string,
    areas: Area[],
    visibility: Visibility,
    collaborationId: string | null = null,
    archived = false,
  ) => {
    const [row] = await db
      .insert(lessons)
      .values({
        ownerRegionId,
        title,
        lesson: "Skriv tydliga ska-krav.",
        sourceKind: "court_ruling",
        areas,
        visibility,
        collaborationId,
        archivedAt: archived ? new Date() : null,
      })
      .returning({ id: lessons.id });
    if (!row) throw new Error("no lesson");
    return row.id;
  };
  const ids: Record<LessonTarget, string> = {
    privateA: await insert(regionIds.A, "Privat lärdom A", ["IS"], "private"),
    sharedB: await insert(regionIds.B, "Delad lärdom B", ["BL"], "collaboration", collaborationIds.AB),
    portalC: await insert(regionIds.C, "Portallärdom C", ["IS"], "portal"),
    privateB: await insert(regionIds.B, "Privat lärdom B", ["IS"], "private"),
    archivedA: await insert(regionIds.A, "Arkiverad lärdom A", ["IS"], "private", null, true),
  };
  const requirementOf = (set: keyof typeof sets) => {
    const id = sets[set].requirementId;
    if (!id) throw new Error(`set target ${set} has no requirement`);
    return id;
  };
  const setOf = (set: keyof typeof sets) => {
    const id = sets[set].setId;
    if (!id) throw new Error(`set target ${set} has no set`);
    return id;
  };
  await db.insert(requirementLessonLinks).values([
    { requirementId: requirementOf("setPortalC"), lessonId: ids.privateA, createdByUserId: users.editorA },
    { requirementId: requirementOf("setB"), lessonId: ids.privateA, createdByUserId: users.editorB },
    { requirementId: requirementOf("setPortalC"), lessonId: ids.sharedB, createdByUserId: users.editorB },
    { requirementId: requirementOf("setB"), lessonId: ids.sharedB, createdByUserId: users.editorB },
  ]);
  await db.insert(lessonSetLinks).values([
    { lessonId: ids.privateA, setId: setOf("setA"), createdByUserId: users.editorA },
    { lessonId: ids.privateA, setId: setOf("setB"), createdByUserId: users.editorA },
  ]);
  return Object.fromEntries(LESSON_TARGETS.map((name) => [target(name), { lessonId: ids[name] }]));
}

function lessonRows(lesson: LessonTarget): MatrixRow[] {
  const t = target(lesson);
  // Linked requirements each reader may see: setB's requirement only for editorB.
  const linkedRequirements: Record<LessonTarget, (actor: SignedInActor) => number> = {
    privateA: () => 1,
    sharedB: (actor) => (actor === "editorB" ? 2 : 1),
    portalC: () => 0,
    privateB: () => 0,
    archivedA: () => 0,
  };
  // privateA is linked to setA and setB; its readers (region A) see setA only.
  const linkedSets = lesson === "privateA" ? 1 : 0;
  return [
    {
      route: "lessons.$lessonId._index",
      handler: "loader",
      target: t,
      expect: expectation(lesson, "read", "loader"),
      visibleCount: { read: lengthOf("requirements"), expect: countsFor(lesson, linkedRequirements[lesson]) },
    },
    {
      route: "lessons.$lessonId._index",
      handler: "loader",
      target: t,
      expect: expectation(lesson, "read", "loader"),
      visibleCount: { read: lengthOf("sets"), expect: countsFor(lesson, linkedSets) },
    },
    // An unknown intent is refused for everyone who can see the lesson.
    {
      route: "lessons.$lessonId._index",
      handler: "action",
      target: t,
      form: {},
      expect: expectation(lesson, "read", "action"),
    },
    {
      route: "lessons.$lessonId._index",
      handler: "action",
      target: t,
      form: { intent: "archive" },
      expect: expectation(lesson, "edit", "action"),
    },
    {
      route: "lessons.$lessonId._index",
      handler: "action",
      target: t,
      form: { intent: "link-set" },
      expect: expectation(lesson, "edit", "action"),
    },
    { route: "lessons.$lessonId.edit", handler: "loader", target: t, expect: expectation(lesson, "edit", "loader") },
    {
      route: "lessons.$lessonId.edit",
      handler: "action",
      target: t,
      form: {},
      expect: expectation(lesson, "edit", "action"),
    },
    { route: "lessons.$lessonId.share", handler: "loader", target: t, expect: expectation(lesson, "share", "loader") },
    {
      route: "lessons.$lessonId.share",
      handler: "action",
      target: t,
      form: {},
      expect: expectation(lesson, "share", "action"),
    },
  ];
}

/** Creating a lesson: editors of the region chosen in the header (the first membership here). */
const CREATE: Record<Actor, number> = {
  anonymous: 302,
  viewerA: 403,
  editorA: 200,
  adminA: 200,
  editorB: 200,
  steeringAB: 403,
  platformAdmin: 403,
};

function rows(): MatrixRow[] {
  return [
    {
      route: "lessons._index",
      handler: "loader",
      target: "none",
      expect: signedIn(200, "loader"),
      visibleCount: {
        read: lengthOf("lessons"),
        expect: { viewerA: 3, editorA: 3, adminA: 3, editorB: 3, steeringAB: 2, platformAdmin: 1 },
      },
    },
    { route: "lessons.new", handler: "loader", target: "none", expect: CREATE },
    {
      route: "lessons.new",
      handler: "action",
      target: "none",
      form: {},
      expect: { ...CREATE, anonymous: 401, editorA: 400, adminA: 400, editorB: 400 },
    },
    ...LESSON_TARGETS.flatMap(lessonRows),
    // The lessons that surface on a requirement (area IS): linked ones and the area's, visible ones only.
    {
      route: "sets.$setId.requirements.$requirementId._index",
      handler: "loader",
      target: "setPortalC",
      expect: signedIn(200, "loader"),
      visibleCount: {
        read: nestedLength("links", "lessons"),
        expect: { viewerA: 3, editorA: 3, adminA: 3, editorB: 3, steeringAB: 2, platformAdmin: 1 },
      },
    },
    {
      route: "sets.$setId.requirements.$requirementId._index",
      handler: "loader",
      target: "setB",
      expect: { ...all(404), anonymous: 302, editorB: 200 },
      // sharedB (linked), portalC and privateB (area); privateA is linked but hidden from region B.
      visibleCount: { read: nestedLength("links", "lessons"), expect: { editorB: 3 } },
    },
    // The link forms of the requirement edit page need set.edit, like the form itself.
    ...setRouteRows("sets.$setId.requirements.$requirementId.edit", "action", "edit", { intent: "link-standard" }),
    ...setRouteRows("sets.$setId.requirements.$requirementId.edit", "action", "edit", { intent: "unlink-standard" }),
    ...setRouteRows("sets.$setId.requirements.$requirementId.edit", "action", "edit", { intent: "link-lesson" }),
    ...setRouteRows("sets.$setId.requirements.$requirementId.edit", "action", "edit", { intent: "unlink-lesson" }),
    ...setRouteRows("sets.$setId.requirements.$requirementId.edit", "action", "edit", { intent: "no-such-intent" }),
  ];
}

export const lessonsMatrix: FeatureMatrix = { rows, featureTargets };
