import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, test } from "vitest";

import { comments } from "../../db/schema/comments";
import { lessons } from "../../db/schema/lessons";
import { libraryDeclines } from "../../db/schema/library";
import {
  procurementDecisions,
  procurementMilestones,
  procurementRegions,
  procurements,
  procurementStatusReports,
} from "../../db/schema/procurements";
import { baselines, requirements, requirementSets } from "../../db/schema/requirements";
import { reviewRounds } from "../../db/schema/reviews";
import { collaborationStandards, regionStandardAdoptions, standards } from "../../db/schema/standards";
import type { AdoptionStatus } from "~/utils/standard-fields";
import type { RagStatus } from "~/utils/procurement-fields";
import { type LouPhase } from "~/utils/lou-phases";
import { getCollaborationOverview, type CollaborationOverview } from "~/models/overview.server";
import { loader } from "~/routes/collaborations.$collaborationId_.overview";
import { buildPrincipal, loadAccess } from "~/utils/auth.server";
import { database, db } from "~/utils/db.server";
import type { Principal } from "~/utils/policy.server";
import type { RequirementContent, SetStatus } from "~/utils/requirement-fields";

import {
  addMembership,
  addSteeringMember,
  createCollaboration,
  createMember,
  createRegion,
  createUser,
  signInAs,
} from "../support/factories";
import { buildRequest, callRoute } from "../support/requests";

/**
 * The steering group's overview: every figure is compared with a count the test makes itself
 * from the fixture's description below, with its own statement of who may read what, for two
 * viewers: an editor of a member region (A) and a steering member whose own region (D) is
 * outside the collaboration. Private items of regions a viewer is not in must not be counted.
 */

const TODAY = "2026-06-15";

type RegionKey = "A" | "B" | "C" | "D" | "E";
type CollaborationKey = "X" | "Y";
type Sharing =
  { visibility: "private" } | { visibility: "portal" } | { visibility: "collaboration"; with: CollaborationKey };

const PRIVATE: Sharing = { visibility: "private" };
const PORTAL: Sharing = { visibility: "portal" };
const shared = (collaboration: CollaborationKey): Sharing => ({ visibility: "collaboration", with: collaboration });

/** X is the collaboration under test; Y joins A with the steering member's region D. */
const COLLABORATIONS: Record<CollaborationKey, RegionKey[]> = { X: ["A", "B", "C"], Y: ["A", "D"] };
const MEMBERS: readonly RegionKey[] = COLLABORATIONS.X;

type SetKey = "a1" | "a2" | "a3" | "a4" | "a5" | "a6" | "b1" | "b2" | "b3" | "c1" | "c2" | "d1" | "e1";
const SETS: Record<SetKey, { region: RegionKey; status: SetStatus; sharing: Sharing; archived?: boolean }> = {
  a1: { region: "A", status: "draft", sharing: PRIVATE },
  a2: { region: "A", status: "in_review", sharing: shared("X") },
  a3: { region: "A", status: "approved", sharing: PORTAL },
  a4: { region: "A", status: "published", sharing: PRIVATE },
  a5: { region: "A", status: "superseded", sharing: shared("Y") },
  a6: { region: "A", status: "draft", sharing: PRIVATE, archived: true },
  b1: { region: "B", status: "draft", sharing: PRIVATE },
  b2: { region: "B", status: "in_review", sharing: PRIVATE },
  b3: { region: "B", status: "published", sharing: shared("X") },
  c1: { region: "C", status: "draft", sharing: PORTAL },
  c2: { region: "C", status: "approved", sharing: PRIVATE },
  d1: { region: "D", status: "draft", sharing: PORTAL },
  e1: { region: "E", status: "draft", sharing: PRIVATE },
};

const ROUNDS: Array<{ set: SetKey; status: "open" | "approved"; due: string }> = [
  { set: "a2", status: "open", due: "2026-06-14" },
  { set: "a1", status: "open", due: "2026-06-01" },
  { set: "b2", status: "open", due: "2026-06-16" },
  { set: "b3", status: "approved", due: "2026-05-01" },
  // Due today is not overdue: the day has not passed.
  { set: "c1", status: "open", due: TODAY },
  { set: "d1", status: "open", due: "2026-06-01" },
  { set: "a6", status: "open", due: "2026-06-01" },
];

type Thread = { set: SetKey; resolved?: boolean; rootDeleted?: boolean; replies?: boolean[]; onRequirement?: boolean };
/** `replies` lists each reply's "deleted" flag. */
const THREADS: Thread[] = [
  { set: "a2" },
  { set: "a2", resolved: true },
  { set: "a2", rootDeleted: true, replies: [false] },
  { set: "a2", rootDeleted: true, replies: [true] },
  { set: "b1" },
  { set: "c1" },
  { set: "c1", onRequirement: true },
  { set: "c1", resolved: true, replies: [false] },
  { set: "a1", replies: [false, true] },
  { set: "d1" },
];

type SourceKey = "src1" | "src2" | "src3" | "src4" | "src5" | "src6" | "src7" | "src8";
const SOURCES: Record<SourceKey, SetKey> = {
  src1: "c1",
  src2: "c1",
  src3: "c1",
  src4: "a3",
  src5: "c1",
  src6: "e1",
  src7: "a1",
  src8: "d1",
};

const COPIES: Array<{ set: SetKey; source: SourceKey; adapted: boolean; deleted?: boolean }> = [
  { set: "a1", source: "src1", adapted: false },
  { set: "a1", source: "src2", adapted: true },
  { set: "a2", source: "src3", adapted: false },
  { set: "a2", source: "src1", adapted: true },
  { set: "a5", source: "src5", adapted: false },
  { set: "b3", source: "src4", adapted: true },
  { set: "b3", source: "src2", adapted: false },
  { set: "b3", source: "src3", adapted: true, deleted: true },
  { set: "b1", source: "src1", adapted: true },
  // A copy within the source's own region is not a use of the library.
  { set: "c2", source: "src1", adapted: true },
  { set: "c2", source: "src4", adapted: false },
  { set: "a6", source: "src3", adapted: true },
];

const DECLINES: Array<{ region: RegionKey; source: SourceKey; reason: string }> = [
  { region: "A", source: "src6", reason: "Avser en annan region." },
  { region: "B", source: "src7", reason: "Vi har egen loggning." },
  { region: "C", source: "src4", reason: "För långtgående för oss." },
  { region: "B", source: "src8", reason: "Ingår redan i avtalet." },
  { region: "A", source: "src8", reason: "Ej aktuellt i vår region." },
  { region: "D", source: "src4", reason: "Utanför samverkan." },
];

type StandardKey = "std1" | "std2" | "std3" | "std4";
const COMMON: Array<{ standard: StandardKey; collaboration: CollaborationKey; level: "required" | "recommended" }> = [
  { standard: "std1", collaboration: "X", level: "required" },
  { standard: "std2", collaboration: "X", level: "recommended" },
  { standard: "std3", collaboration: "Y", level: "required" },
];
const ADOPTIONS: Array<{ region: RegionKey; standard: StandardKey; status: AdoptionStatus }> = [
  { region: "A", standard: "std1", status: "adopted" },
  { region: "B", standard: "std1", status: "evaluating" },
  { region: "A", standard: "std2", status: "not_applicable" },
  { region: "B", standard: "std2", status: "planned" },
  { region: "C", standard: "std2", status: "adopted" },
  { region: "D", standard: "std1", status: "not_applicable" },
  { region: "A", standard: "std3", status: "evaluating" },
];

type LessonKey = "l1" | "l2" | "l3" | "l4" | "l5" | "l6" | "l7" | "l8" | "l9";
const LESSONS: Record<
  LessonKey,
  { region: RegionKey; sharing: Sharing; archived?: boolean; severity: "low" | "medium" | "high" }
> = {
  l1: { region: "A", sharing: PRIVATE, severity: "high" },
  l2: { region: "B", sharing: shared("X"), severity: "medium" },
  l3: { region: "C", sharing: PORTAL, severity: "low" },
  l4: { region: "D", sharing: shared("X"), severity: "high" },
  l5: { region: "D", sharing: PRIVATE, severity: "medium" },
  l6: { region: "E", sharing: PORTAL, severity: "medium" },
  l7: { region: "A", sharing: shared("X"), archived: true, severity: "low" },
  l8: { region: "B", sharing: shared("Y"), severity: "medium" },
  l9: { region: "C", sharing: PRIVATE, severity: "high" },
};

type ProcurementKey = "p1" | "p2" | "p3" | "p4" | "p5" | "p6" | "p7";
type ProcurementSpec = {
  region: RegionKey;
  sharing: Sharing;
  participants: RegionKey[];
  archived?: boolean;
  phase: LouPhase;
  rag: RagStatus;
};
const PROCUREMENTS: Record<ProcurementKey, ProcurementSpec> = {
  p1: { region: "A", sharing: PRIVATE, participants: [], phase: "evaluation", rag: "red" },
  p2: { region: "D", sharing: PRIVATE, participants: ["B"], phase: "tender_period", rag: "green" },
  p3: { region: "B", sharing: shared("X"), participants: ["C"], phase: "contract_management", rag: "amber" },
  p4: { region: "E", sharing: PORTAL, participants: [], phase: "needs_analysis", rag: "green" },
  p5: { region: "C", sharing: PRIVATE, participants: ["A"], phase: "cancelled", rag: "red" },
  p6: { region: "A", sharing: PORTAL, participants: [], archived: true, phase: "award", rag: "green" },
  p7: { region: "D", sharing: PRIVATE, participants: ["E"], phase: "review", rag: "amber" },
};

/** A viewer as the test sees it: the regions it is a member of and the collaborations it takes part in. */
type Viewer = { regions: readonly RegionKey[]; collaborations: readonly CollaborationKey[] };
const EDITOR_A: Viewer = { regions: ["A"], collaborations: ["X", "Y"] };
// Steering member of X; member of D, which takes part in Y.
const STEERING: Viewer = { regions: ["D"], collaborations: ["X", "Y"] };

/** The rule, restated for the test: own region, portal-wide, or shared with one of the viewer's collaborations. */
function canRead(viewer: Viewer, owner: RegionKey, sharing: Sharing): boolean {
  if (viewer.regions.includes(owner)) return true;
  if (sharing.visibility === "portal") return true;
  return sharing.visibility === "collaboration" && viewer.collaborations.includes(sharing.with);
}

type Fixture = {
  regionIds: Record<RegionKey, string>;
  collaborationIds: Record<CollaborationKey, string>;
  setIds: Record<SetKey, string>;
  sourceIds: Record<SourceKey, string>;
  standardIds: Record<StandardKey, string>;
  lessonIds: Record<LessonKey, string>;
  procurementIds: Record<ProcurementKey, string>;
  editorA: { id: string; principal: Principal };
  steering: { id: string; principal: Principal };
  outsider: { id: string };
};

let fixture: Fixture;

function content(ref: string, title: string): RequirementContent {
  return {
    ref,
    title,
    text: "Systemet ska logga all åtkomst till patientuppgifter.",
    obligation: "ska",
    type: "technical",
    area: "IS",
    rationale: "",
    verification: "yes_no",
    weight: null,
    ambition: null,
    tags: [],
  };
}

let position = 0;
async function insertRequirement(setId: string, values: Partial<typeof requirements.$inferInsert> = {}) {
  position += 1;
  const base = content(`R-${position}`, `Krav ${position}`);
  const [row] = await db
    .insert(requirements)
    .values({ ...base, setId, position, ...values })
    .returning({ id: requirements.id, title: requirements.title, ref: requirements.ref });
  if (!row) throw new Error("no requirement");
  return row;
}

function sharingColumns(sharing: Sharing, collaborationIds: Record<CollaborationKey, string>) {
  return {
    visibility: sharing.visibility,
    collaborationId: sharing.visibility === "collaboration" ? collaborationIds[sharing.with] : null,
  };
}

function entries<K extends string, V>(record: Record<K, V>): Array<[K, V]> {
  return Object.entries(record) as Array<[K, V]>;
}

async function principalOf(userId: string): Promise<Principal> {
  return buildPrincipal({ id: userId, isPlatformAdmin: false }, await loadAccess(userId));
}

beforeAll(async () => {
  const regionList = await Promise.all((["A", "B", "C", "D", "E"] as const).map(() => createRegion()));
  const regionIds = Object.fromEntries(
    (["A", "B", "C", "D", "E"] as const).map((key, index) => [key, regionList[index]?.id ?? ""]),
  ) as Record<RegionKey, string>;
  const collaborationIds = {} as Record<CollaborationKey, string>;
  for (const [key, members] of entries(COLLABORATIONS)) {
    collaborationIds[key] = (await createCollaboration(members.map((region) => regionIds[region]))).id;
  }
  const editorA = await createMember(regionIds.A, "editor");
  const steering = await createUser();
  await addMembership(steering.id, regionIds.D, "viewer");
  await addSteeringMember(collaborationIds.X, steering.id, "member");
  const outsider = await createMember(regionIds.E, "admin");

  const setIds = {} as Record<SetKey, string>;
  for (const [key, spec] of entries(SETS)) {
    const [row] = await db
      .insert(requirementSets)
      .values({
        ownerRegionId: regionIds[spec.region],
        title: `Uppsättning ${key}`,
        status: spec.status,
        ...sharingColumns(spec.sharing, collaborationIds),
        archivedAt: spec.archived ? new Date() : null,
      })
      .returning({ id: requirementSets.id });
    if (!row) throw new Error("no set");
    setIds[key] = row.id;
  }

  for (const round of ROUNDS) {
    const [baseline] = await db
      .insert(baselines)
      .values({
        setId: setIds[round.set],
        name: "Skickad på granskning",
        kind: "review",
        setVersion: 1,
        requirementCount: 0,
        snapshot: { sections: [], requirements: [] },
      })
      .returning({ id: baselines.id });
    if (!baseline) throw new Error("no baseline");
    await db.insert(reviewRounds).values({
      setId: setIds[round.set],
      baselineId: baseline.id,
      status: round.status,
      dueDate: round.due,
      closedAt: round.status === "open" ? null : new Date(),
    });
  }

  for (const thread of THREADS) {
    const requirement = thread.onRequirement ? await insertRequirement(setIds[thread.set]) : null;
    const [root] = await db
      .insert(comments)
      .values({
        setId: setIds[thread.set],
        requirementId: requirement?.id ?? null,
        authorUserId: editorA.id,
        body: "Hur ska detta verifieras?",
        resolvedAt: thread.resolved ? new Date() : null,
        deletedAt: thread.rootDeleted ? new Date() : null,
      })
      .returning({ id: comments.id });
    if (!root) throw new Error("no comment");
    for (const deleted of thread.replies ?? []) {
      await db.insert(comments).values({
        setId: setIds[thread.set],
        requirementId: requirement?.id ?? null,
        parentId: root.id,
        authorUserId: editorA.id,
        body: "Genom demonstration.",
        deletedAt: deleted ? new Date() : null,
      });
    }
  }

  const sourceIds = {} as Record<SourceKey, string>;
  const sourceContent = {} as Record<SourceKey, RequirementContent>;
  for (const [key, set] of entries(SOURCES)) {
    const row = await insertRequirement(setIds[set], { title: `Källkrav ${key}` });
    sourceIds[key] = row.id;
    sourceContent[key] = content(row.ref, row.title);
  }
  for (const copy of COPIES) {
    const source = sourceContent[copy.source];
    await insertRequirement(setIds[copy.set], {
      title: copy.adapted ? `${source.title} (anpassad)` : source.title,
      sourceRequirementId: sourceIds[copy.source],
      sourceSetId: setIds[SOURCES[copy.source]],
      sourceVersion: 1,
      sourceSnapshot: source,
      sourceSeenVersion: 1,
      deletedAt: copy.deleted ? new Date() : null,
    });
  }
  for (const decline of DECLINES) {
    await db.insert(libraryDeclines).values({
      regionId: regionIds[decline.region],
      requirementId: sourceIds[decline.source],
      reason: decline.reason,
      decidedByUserId: editorA.id,
    });
  }

  const standardIds = {} as Record<StandardKey, string>;
  for (const key of ["std1", "std2", "std3", "std4"] as const) {
    const [row] = await db
      .insert(standards)
      .values({ code: `STD-${randomUUID().slice(0, 8)}-${key}`, name: `Standard ${key}`, category: "interoperability" })
      .returning({ id: standards.id });
    if (!row) throw new Error("no standard");
    standardIds[key] = row.id;
  }
  for (const common of COMMON) {
    await db.insert(collaborationStandards).values({
      collaborationId: collaborationIds[common.collaboration],
      standardId: standardIds[common.standard],
      level: common.level,
      decisionReference: `Styrgruppen ${common.collaboration} 2026-01-15 § 3`,
      decidedOn: "2026-01-15",
    });
  }
  for (const adoption of ADOPTIONS) {
    await db.insert(regionStandardAdoptions).values({
      regionId: regionIds[adoption.region],
      standardId: standardIds[adoption.standard],
      status: adoption.status,
      statusDate: "2026-03-01",
    });
  }

  const lessonIds = {} as Record<LessonKey, string>;
  let day = 1;
  for (const [key, spec] of entries(LESSONS)) {
    day += 1;
    const [row] = await db
      .insert(lessons)
      .values({
        ownerRegionId: regionIds[spec.region],
        title: `Lärdom ${key}`,
        sourceKind: "court_ruling",
        severity: spec.severity,
        ...sharingColumns(spec.sharing, collaborationIds),
        archivedAt: spec.archived ? new Date() : null,
        createdAt: new Date(Date.UTC(2026, 0, day)),
      })
      .returning({ id: lessons.id });
    if (!row) throw new Error("no lesson");
    lessonIds[key] = row.id;
  }

  const procurementIds = {} as Record<ProcurementKey, string>;
  for (const [key, spec] of entries(PROCUREMENTS)) {
    const [row] = await db
      .insert(procurements)
      .values({
        ownerRegionId: regionIds[spec.region],
        title: `Upphandling ${key}`,
        phase: spec.phase,
        rag: spec.rag,
        ragReason: spec.rag === "red" ? "Leverantören är försenad." : "",
        ...sharingColumns(spec.sharing, collaborationIds),
        archivedAt: spec.archived ? new Date() : null,
      })
      .returning({ id: procurements.id });
    if (!row) throw new Error("no procurement");
    procurementIds[key] = row.id;
    for (const participant of spec.participants) {
      await db.insert(procurementRegions).values({ procurementId: row.id, regionId: regionIds[participant] });
    }
  }
  await db.insert(procurementMilestones).values([
    { procurementId: procurementIds.p1, phase: "needs_analysis", plannedOn: "2025-01-01", actualOn: "2025-02-01" },
    { procurementId: procurementIds.p1, phase: "award", label: "Beslut i regionstyrelsen", plannedOn: "2026-09-01" },
    { procurementId: procurementIds.p3, phase: "contract", plannedOn: "2024-03-01", actualOn: "2024-02-20" },
  ]);
  await db.insert(procurementStatusReports).values([
    {
      procurementId: procurementIds.p1,
      periodStart: "2026-01-01",
      periodEnd: "2026-03-31",
      rag: "amber",
      summary: "Första kvartalet.",
    },
    {
      procurementId: procurementIds.p1,
      periodStart: "2026-04-01",
      periodEnd: "2026-05-31",
      rag: "red",
      summary: `Utvärderingen är försenad. ${"Leverantörens demonstration fick flyttas. ".repeat(20)}`,
    },
    {
      procurementId: procurementIds.p3,
      periodStart: "2026-01-01",
      periodEnd: "2026-03-31",
      rag: "amber",
      summary: "Ok.",
    },
  ]);
  await db.insert(procurementDecisions).values([
    {
      procurementId: procurementIds.p1,
      body: "Regionstyrelsen",
      reference: "RS 2025-02-01 § 12",
      decidedOn: "2025-02-01",
    },
    {
      procurementId: procurementIds.p1,
      body: "Regionstyrelsen",
      reference: "RS 2026-04-20 § 7",
      decidedOn: "2026-04-20",
    },
  ]);

  fixture = {
    regionIds,
    collaborationIds,
    setIds,
    sourceIds,
    standardIds,
    lessonIds,
    procurementIds,
    editorA: { id: editorA.id, principal: await principalOf(editorA.id) },
    steering: { id: steering.id, principal: await principalOf(steering.id) },
    outsider: { id: outsider.id },
  };
});

async function overviewFor(principal: Principal): Promise<CollaborationOverview> {
  const overview = await getCollaborationOverview({
    collaborationId: fixture.collaborationIds.X,
    principal,
    today: TODAY,
  });
  if (!overview) throw new Error("no overview");
  return overview;
}

const VIEWERS = [
  { name: "an editor of member region A", viewer: EDITOR_A, principal: () => fixture.editorA.principal },
  { name: "a steering member from region D outside", viewer: STEERING, principal: () => fixture.steering.principal },
];

/** The live sets of member regions the viewer may read. */
function readableMemberSets(viewer: Viewer): SetKey[] {
  return entries(SETS)
    .filter(([, spec]) => !spec.archived && MEMBERS.includes(spec.region) && canRead(viewer, spec.region, spec.sharing))
    .map(([key]) => key);
}

function regionKeyOf(id: string): RegionKey {
  const found = entries(fixture.regionIds).find(([, regionId]) => regionId === id);
  if (!found) throw new Error(`unknown region ${id}`);
  return found[0];
}

describe.each(VIEWERS)("the overview as $name", ({ viewer, principal }) => {
  test("lists the member regions", async () => {
    const overview = await overviewFor(principal());
    expect(overview.regions.map((region) => regionKeyOf(region.id)).sort()).toEqual([...MEMBERS].sort());
    expect(overview.today).toBe(TODAY);
  });

  test("counts requirement sets per region and status over the sets the viewer may read", async () => {
    const overview = await overviewFor(principal());
    const readable = readableMemberSets(viewer);
    for (const region of MEMBERS) {
      const entry = overview.sets.byRegion.find((candidate) => candidate.regionId === fixture.regionIds[region]);
      const own = readable.filter((key) => SETS[key].region === region);
      expect(entry?.total, `total of ${region}`).toBe(own.length);
      for (const status of ["draft", "in_review", "approved", "published", "superseded"] as const) {
        expect(entry?.counts[status], `${status} in ${region}`).toBe(
          own.filter((key) => SETS[key].status === status).length,
        );
      }
    }
    // The private sets of regions the viewer is not in are not counted anywhere.
    const counted = overview.sets.byRegion.reduce((sum, entry) => sum + entry.total, 0);
    expect(counted).toBe(readable.length);
  });

  test("counts waiting and overdue review rounds and unresolved threads per region", async () => {
    const overview = await overviewFor(principal());
    const readable = readableMemberSets(viewer);
    const openRounds = ROUNDS.filter((round) => round.status === "open" && readable.includes(round.set));
    const unresolved = THREADS.filter(
      (thread) =>
        readable.includes(thread.set) &&
        !thread.resolved &&
        (!thread.rootDeleted || (thread.replies ?? []).some((deleted) => !deleted)),
    );
    for (const region of MEMBERS) {
      const entry = overview.sets.byRegion.find((candidate) => candidate.regionId === fixture.regionIds[region]);
      const inRegion = (set: SetKey) => SETS[set].region === region;
      expect(entry?.openRounds, `open rounds in ${region}`).toBe(openRounds.filter((r) => inRegion(r.set)).length);
      expect(entry?.overdueRounds, `overdue rounds in ${region}`).toBe(
        openRounds.filter((r) => inRegion(r.set) && r.due < TODAY).length,
      );
      expect(entry?.unresolvedThreads, `unresolved threads in ${region}`).toBe(
        unresolved.filter((thread) => inRegion(thread.set)).length,
      );
    }
    const attention = new Set([...openRounds.map((round) => round.set), ...unresolved.map((thread) => thread.set)]);
    expect(overview.sets.attention.map((set) => set.id).sort()).toEqual(
      [...attention].map((key) => fixture.setIds[key]).sort(),
    );
    for (const set of overview.sets.attention) {
      const key = entries(fixture.setIds).find(([, id]) => id === set.id)?.[0];
      const round = openRounds.find((candidate) => candidate.set === key);
      expect(set.openRoundDue).toBe(round?.due ?? null);
      expect(set.overdue).toBe(round !== undefined && round.due < TODAY);
    }
  });

  test("counts library requirements used as is, adapted and declined per region", async () => {
    const overview = await overviewFor(principal());
    for (const region of MEMBERS) {
      const uses = new Map<SourceKey, boolean>();
      for (const copy of COPIES) {
        const set = SETS[copy.set];
        const sourceRegion = SETS[SOURCES[copy.source]].region;
        if (set.region !== region || set.archived || copy.deleted || sourceRegion === region) continue;
        if (!canRead(viewer, set.region, set.sharing)) continue;
        uses.set(copy.source, (uses.get(copy.source) ?? false) || copy.adapted);
      }
      const declined = DECLINES.filter((decline) => {
        const set = SETS[SOURCES[decline.source]];
        return decline.region === region && !set.archived && canRead(viewer, set.region, set.sharing);
      });
      const entry = overview.deviations.byRegion.find((candidate) => candidate.regionId === fixture.regionIds[region]);
      expect(entry, `deviations of ${region}`).toEqual({
        regionId: fixture.regionIds[region],
        asIs: [...uses.values()].filter((adapted) => !adapted).length,
        adapted: [...uses.values()].filter((adapted) => adapted).length,
        declined: declined.length,
      });
      expect(
        overview.deviations.declines
          .filter((decline) => decline.regionId === fixture.regionIds[region])
          .map((decline) => decline.reason)
          .sort(),
      ).toEqual(declined.map((decline) => decline.reason).sort());
    }
  });

  test("shows each member region's adoption of the common standards and marks divergences", async () => {
    const overview = await overviewFor(principal());
    const common = COMMON.filter((entry) => entry.collaboration === "X");
    expect(overview.standards.map((standard) => standard.standardId)).toEqual(
      // Krav before rekommendation.
      [...common]
        .sort((a, b) => (a.level === b.level ? 0 : a.level === "required" ? -1 : 1))
        .map((entry) => fixture.standardIds[entry.standard]),
    );
    for (const entry of common) {
      const standard = overview.standards.find(
        (candidate) => candidate.standardId === fixture.standardIds[entry.standard],
      );
      for (const region of MEMBERS) {
        const adoption = ADOPTIONS.find((a) => a.region === region && a.standard === entry.standard);
        expect(standard?.adoptions[fixture.regionIds[region]]?.status, `${entry.standard} in ${region}`).toBe(
          adoption?.status,
        );
      }
      const divergent = MEMBERS.filter((region) => {
        const status = ADOPTIONS.find((a) => a.region === region && a.standard === entry.standard)?.status;
        return entry.level === "required" && status !== "adopted" && status !== "planned";
      });
      expect(standard?.divergentRegionIds.sort()).toEqual(divergent.map((region) => fixture.regionIds[region]).sort());
    }
    // Regions outside the collaboration do not appear in the adoption records.
    for (const standard of overview.standards) {
      expect(
        Object.keys(standard.adoptions)
          .map(regionKeyOf)
          .every((region) => MEMBERS.includes(region)),
      ).toBe(true);
    }
  });

  test("lists the newest lessons written by member regions or shared with the collaboration", async () => {
    const overview = await overviewFor(principal());
    const expected = entries(LESSONS)
      .filter(
        ([, spec]) =>
          !spec.archived &&
          (MEMBERS.includes(spec.region) ||
            (spec.sharing.visibility === "collaboration" && spec.sharing.with === "X")) &&
          canRead(viewer, spec.region, spec.sharing),
      )
      .map(([key]) => key)
      // Created one day apart in the order of LESSONS: newest first.
      .reverse();
    expect(overview.lessons.total).toBe(expected.length);
    expect(overview.lessons.items.map((lesson) => lesson.id)).toEqual(expected.map((key) => fixture.lessonIds[key]));
    expect(overview.lessons.items.map((lesson) => lesson.severity)).toEqual(
      expected.map((key) => LESSONS[key].severity),
    );
  });

  test("lists the procurements led by or with a member region that the viewer may read", async () => {
    const overview = await overviewFor(principal());
    const expected = entries(PROCUREMENTS)
      .filter(
        ([, spec]) =>
          !spec.archived &&
          (MEMBERS.includes(spec.region) || spec.participants.some((region) => MEMBERS.includes(region))) &&
          (canRead(viewer, spec.region, spec.sharing) ||
            spec.participants.some((region) => viewer.regions.includes(region))),
      )
      .map(([key]) => key);
    expect(overview.procurements.map((procurement) => procurement.id).sort()).toEqual(
      expected.map((key) => fixture.procurementIds[key]).sort(),
    );
    for (const procurement of overview.procurements) {
      const key = entries(fixture.procurementIds).find(([, id]) => id === procurement.id)?.[0];
      if (!key) throw new Error("unknown procurement");
      expect(procurement.rag).toBe(PROCUREMENTS[key].rag);
      expect(procurement.phase).toBe(PROCUREMENTS[key].phase);
    }
  });
});

test("each procurement carries its milestones, its latest status report (excerpted) and its decisions", async () => {
  const overview = await overviewFor(fixture.editorA.principal);
  const p1 = overview.procurements.find((procurement) => procurement.id === fixture.procurementIds.p1);
  expect(p1?.milestones).toEqual([
    { phase: "needs_analysis", label: "", plannedOn: "2025-01-01", actualOn: "2025-02-01", unverified: false },
    { phase: "award", label: "Beslut i regionstyrelsen", plannedOn: "2026-09-01", actualOn: null, unverified: false },
  ]);
  expect(p1?.latestReport).toMatchObject({
    periodStart: "2026-04-01",
    periodEnd: "2026-05-31",
    rag: "red",
    truncated: true,
  });
  expect(p1?.latestReport?.summary.startsWith("Utvärderingen är försenad.")).toBe(true);
  expect(p1?.latestReport?.summary.length).toBeLessThanOrEqual(220);
  expect(p1?.decisionCount).toBe(2);
  expect(p1?.latestDecisionOn).toBe("2026-04-20");
  const p5 = overview.procurements.find((procurement) => procurement.id === fixture.procurementIds.p5);
  expect(p5?.participants).toHaveLength(1);
  expect(p5?.latestReport).toBeNull();
  expect(p5?.milestones).toEqual([]);
});

test("the overview costs the same six statements whatever the collaboration holds", async () => {
  const before = database.queryCounter.count;
  await overviewFor(fixture.editorA.principal);
  const full = database.queryCounter.count - before;
  const empty = await createCollaboration([]);
  const beforeEmpty = database.queryCounter.count;
  await getCollaborationOverview({ collaborationId: empty.id, principal: fixture.editorA.principal, today: TODAY });
  expect(full).toBe(6);
  expect(database.queryCounter.count - beforeEmpty).toBe(6);
});

test("an unknown collaboration has no overview", async () => {
  await expect(
    getCollaborationOverview({ collaborationId: randomUUID(), principal: fixture.editorA.principal }),
  ).resolves.toBeNull();
});

describe("the overview page", () => {
  const path = () => `/collaborations/${fixture.collaborationIds.X}/overview`;
  const call = async (userId: string | null, url = path(), collaborationId = fixture.collaborationIds.X) => {
    const cookie = userId ? (await signInAs(userId)).cookie : undefined;
    return callRoute(loader, buildRequest(url, { cookie }), { collaborationId });
  };

  test("member regions' people and the steering group read it; the printable variant says so", async () => {
    const editor = await call(fixture.editorA.id);
    expect(editor.status).toBe(200);
    expect(editor.body).toMatchObject({ print: false, collaboration: { id: fixture.collaborationIds.X } });
    const steering = await call(fixture.steering.id, `${path()}?print=1`);
    expect(steering.status).toBe(200);
    expect(steering.body).toMatchObject({ print: true });
  });

  test("others get 404 and anonymous visitors are sent to sign in", async () => {
    expect((await call(fixture.outsider.id)).status).toBe(404);
    const admin = await createUser({ isPlatformAdmin: true });
    expect((await call(admin.id)).status).toBe(404);
    expect((await call(fixture.editorA.id, "/collaborations/x/overview", "not-a-uuid")).status).toBe(404);
    const unknown = randomUUID();
    expect((await call(fixture.editorA.id, `/collaborations/${unknown}/overview`, unknown)).status).toBe(404);
    expect((await call(null)).status).toBe(302);
  });
});
