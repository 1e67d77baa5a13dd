import {
  procurementMilestones,
  procurementRegions,
  procurements,
  procurementSetLinks,
} from "../../db/schema/procurements";
import { db } from "~/utils/db.server";

import {
  SET_TARGETS,
  signedIn,
  type Actor,
  type FeatureMatrix,
  type FeatureTarget,
  type MatrixFixtureContext,
  type MatrixRow,
} from "./matrix-helpers";

/**
 * Authorization matrix rows for the procurement routes (see matrix-helpers.ts).
 *
 * Four procurements of this feature's own, each with one milestone and linked to all four set
 * targets (so the page shows each actor only the sets they may read):
 *   privateA  led by region A, private
 *   ledByB    led by region B, private, with region A participating (A's members read it)
 *   sharedAB  led by region B, shared with collaboration AB
 *   portalC   led by region C, shared with all regions
 * Permissions: read (seeing it: 404 when hidden), edit (editors of the lead region), admin
 * (sharing and archiving: admins of the lead region).
 */
type ProcurementTarget = "privateA" | "ledByB" | "sharedAB" | "portalC";
const TARGETS: ProcurementTarget[] = ["privateA", "ledByB", "sharedAB", "portalC"];
const target = (name: ProcurementTarget): FeatureTarget => `procurements:${name}`;

type Permission = "read" | "edit" | "admin";
type Statuses = Record<Exclude<Actor, "anonymous">, number>;

const EXPECTATIONS: Record<Permission, Record<ProcurementTarget, Statuses>> = {
  read: {
    privateA: { viewerA: 200, editorA: 200, adminA: 200, editorB: 404, steeringAB: 404, platformAdmin: 404 },
    ledByB: { viewerA: 200, editorA: 200, adminA: 200, editorB: 200, steeringAB: 404, platformAdmin: 404 },
    sharedAB: { viewerA: 200, editorA: 200, adminA: 200, editorB: 200, steeringAB: 200, platformAdmin: 404 },
    portalC: { viewerA: 200, editorA: 200, adminA: 200, editorB: 200, steeringAB: 200, platformAdmin: 200 },
  },
  edit: {
    privateA: { viewerA: 403, editorA: 200, adminA: 200, editorB: 404, steeringAB: 404, platformAdmin: 404 },
    // A participating region reads the procurement but does not write it.
    ledByB: { viewerA: 403, editorA: 403, adminA: 403, editorB: 200, steeringAB: 404, platformAdmin: 404 },
    sharedAB: { viewerA: 403, editorA: 403, adminA: 403, editorB: 200, steeringAB: 403, platformAdmin: 404 },
    // steeringAB is a viewer of region C.
    portalC: { viewerA: 403, editorA: 403, adminA: 403, editorB: 403, steeringAB: 403, platformAdmin: 403 },
  },
  admin: {
    privateA: { viewerA: 403, editorA: 403, adminA: 200, editorB: 404, steeringAB: 404, platformAdmin: 404 },
    ledByB: { viewerA: 403, editorA: 403, adminA: 403, editorB: 403, steeringAB: 404, platformAdmin: 404 },
    sharedAB: { viewerA: 403, editorA: 403, adminA: 403, editorB: 403, steeringAB: 403, platformAdmin: 404 },
    portalC: { viewerA: 403, editorA: 403, adminA: 403, editorB: 403, steeringAB: 403, platformAdmin: 403 },
  },
};

/** A permitted loader answers 200; a permitted action gets as far as validating its (empty) form: 400. */
function expectation(
  permission: Permission,
  name: ProcurementTarget,
  handler: "loader" | "action",
): MatrixRow["expect"] {
  const allowed = handler === "loader" ? 200 : 400;
  const mapped = Object.fromEntries(
    Object.entries(EXPECTATIONS[permission][name]).map(([actor, status]) => [actor, status === 200 ? allowed : status]),
  ) as Statuses;
  return { anonymous: handler === "loader" ? 302 : 401, ...mapped };
}

/** How many of `count` rows each actor who may read the target sees. */
function readers(name: ProcurementTarget, count: (actor: Exclude<Actor, "anonymous">) => number) {
  return Object.fromEntries(
    Object.entries(EXPECTATIONS.read[name])
      .filter(([, status]) => status === 200)
      .map(([actor, _status]) => [actor, count(actor as Exclude<Actor, "anonymous">)]),
  );
}

/** The set targets each actor may read (setA: A's, setB: B's, setSharedB: AB, setPortalC: all). */
const READABLE_SETS: Record<Exclude<Actor, "anonymous">, number> = {
  viewerA: 3,
  editorA: 3,
  adminA: 3,
  editorB: 3,
  steeringAB: 2,
  platformAdmin: 1,
};

/** Ids of this feature's procurements, so list counts ignore procurements other features' fixtures make. */
const ownIds = new Set<string>();

function countOwn(body: unknown): number {
  if (typeof body !== "object" || body === null || !("procurements" in body)) return -1;
  const rows = (body as { procurements: unknown }).procurements;
  if (!Array.isArray(rows)) return -1;
  return rows.filter(
    (row: unknown) => typeof row === "object" && row !== null && "id" in row && ownIds.has(String(row.id)),
  ).length;
}

function lengthOfKey(key: string) {
  return (body: unknown): number => {
    if (typeof body === "object" && body !== null && key in body) {
      const value = (body as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value.length;
    }
    return -1;
  };
}

async function createTargets({ users, regionIds, collaborationIds, sets }: MatrixFixtureContext) {
  const specs: Record<
    ProcurementTarget,
    {
      owner: string;
      author: string;
      visibility: "private" | "collaboration" | "portal";
      collaborationId?: string;
      participants?: string[];
    }
  > = {
    privateA: { owner: regionIds.A, author: users.editorA, visibility: "private" },
    ledByB: { owner: regionIds.B, author: users.editorB, visibility: "private", participants: [regionIds.A] },
    sharedAB: {
      owner: regionIds.B,
      author: users.editorB,
      visibility: "collaboration",
      collaborationId: collaborationIds.AB,
    },
    portalC: { owner: regionIds.C, author: users.steeringAB, visibility: "portal" },
  };
  const targets: Record<FeatureTarget, Record<string, string>> = {};
  for (const name of TARGETS) {
    const spec = specs[name];
    const [row] = await db
      .insert(procurements)
      .values({
        ownerRegionId: spec.owner,
        title: `Matrisupphandling ${name}`,
        phase: "tender_documents",
        rag: "amber",
        ragReason: "Tidplanen är pressad.",
        visibility: spec.visibility,
        collaborationId: spec.collaborationId ?? null,
        createdByUserId: spec.author,
      })
      .returning({ id: procurements.id });
    if (!row) throw new Error("no procurement");
    ownIds.add(row.id);
    if (spec.participants) {
      await db
        .insert(procurementRegions)
        .values(spec.participants.map((regionId) => ({ procurementId: row.id, regionId })));
    }
    const [milestone] = await db
      .insert(procurementMilestones)
      .values({ procurementId: row.id, phase: "publication", label: "Annonsering", plannedOn: "2027-01-15" })
      .returning({ id: procurementMilestones.id });
    if (!milestone) throw new Error("no milestone");
    await db.insert(procurementSetLinks).values(
      SET_TARGETS.map((setTarget) => {
        const setId = sets[setTarget].setId;
        if (!setId) throw new Error(`set target ${setTarget} has no set`);
        return { procurementId: row.id, setId };
      }),
    );
    targets[target(name)] = { procurementId: row.id, milestoneId: milestone.id };
  }
  return targets;
}

const DETAIL_INTENTS = [
  "add-milestone",
  "remove-milestone",
  "add-decision",
  "remove-decision",
  "link-set",
  "unlink-set",
  "link-lesson",
  "unlink-lesson",
] as const;

function rows(): MatrixRow[] {
  const list: MatrixRow[] = [
    {
      route: "procurements._index",
      handler: "loader",
      target: "none",
      expect: signedIn(200, "loader"),
      // A: its own, the one it takes part in, the AB one and the portal one; B: not A's private one;
      // steeringAB: AB and portal; the platform admin (no region): portal only.
      visibleCount: {
        read: countOwn,
        expect: { viewerA: 4, editorA: 4, adminA: 4, editorB: 3, steeringAB: 2, platformAdmin: 1 },
      },
    },
    {
      route: "procurements.new",
      handler: "loader",
      target: "none",
      expect: {
        anonymous: 302,
        viewerA: 403,
        editorA: 200,
        adminA: 200,
        editorB: 200,
        steeringAB: 403,
        platformAdmin: 403,
      },
    },
    {
      route: "procurements.new",
      handler: "action",
      target: "none",
      form: {},
      expect: {
        anonymous: 401,
        viewerA: 403,
        editorA: 400,
        adminA: 400,
        editorB: 400,
        steeringAB: 403,
        platformAdmin: 403,
      },
    },
  ];
  for (const name of TARGETS) {
    const t = target(name);
    list.push(
      {
        route: "procurements.$procurementId._index",
        handler: "loader",
        target: t,
        expect: expectation("read", name, "loader"),
        visibleCount: { read: lengthOfKey("sets"), expect: readers(name, (actor) => READABLE_SETS[actor]) },
      },
      {
        route: "procurements.$procurementId._index",
        handler: "loader",
        target: t,
        expect: expectation("read", name, "loader"),
        visibleCount: { read: lengthOfKey("milestones"), expect: readers(name, () => 1) },
      },
      {
        route: "procurements.$procurementId._index",
        handler: "action",
        target: t,
        form: { intent: "no-such-intent" },
        expect: expectation("read", name, "action"),
      },
      ...DETAIL_INTENTS.map((intent): MatrixRow => ({
        route: "procurements.$procurementId._index",
        handler: "action",
        target: t,
        form: { intent },
        expect: expectation("edit", name, "action"),
      })),
      {
        route: "procurements.$procurementId.edit",
        handler: "loader",
        target: t,
        expect: expectation("edit", name, "loader"),
      },
      {
        route: "procurements.$procurementId.edit",
        handler: "action",
        target: t,
        form: { intent: "details" },
        expect: expectation("edit", name, "action"),
      },
      {
        route: "procurements.$procurementId.edit",
        handler: "action",
        target: t,
        form: { intent: "archive" },
        expect: expectation("admin", name, "action"),
      },
      {
        route: "procurements.$procurementId.share",
        handler: "loader",
        target: t,
        expect: expectation("admin", name, "loader"),
      },
      {
        route: "procurements.$procurementId.share",
        handler: "action",
        target: t,
        form: {},
        expect: expectation("admin", name, "action"),
      },
      {
        route: "procurements.$procurementId.reports.new",
        handler: "loader",
        target: t,
        expect: expectation("edit", name, "loader"),
      },
      {
        route: "procurements.$procurementId.reports.new",
        handler: "action",
        target: t,
        form: {},
        expect: expectation("edit", name, "action"),
      },
      {
        route: "procurements.$procurementId.milestones.$milestoneId",
        handler: "loader",
        target: t,
        expect: expectation("edit", name, "loader"),
      },
      {
        route: "procurements.$procurementId.milestones.$milestoneId",
        handler: "action",
        target: t,
        form: {},
        expect: expectation("edit", name, "action"),
      },
    );
  }
  return list;
}

export const procurementsMatrix: FeatureMatrix = {
  rows,
  featureTargets: createTargets,
};
