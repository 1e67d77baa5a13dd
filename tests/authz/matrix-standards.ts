import { requirementStandardLinks } from "../../db/schema/standards";
import { addStandardVersion, createStandard } from "~/models/standards.server";
import { db } from "~/utils/db.server";

import { signedIn, type Actor, type FeatureMatrix, type MatrixRow } from "./matrix-helpers";

/**
 * Authorization matrix rows for the standards routes (see matrix-helpers.ts).
 *
 * The catalogue is reference data every signed-in user reads; standard.manage is for platform
 * admins and region admins (adminA), marking a standard common for the steering group of the
 * collaboration (steeringAB on AB), recording adoption for the admins of the user's current
 * region (adminA for A). What differs between readers is the requirements that refer to a
 * standard: "standards:linked" is cited, pinned to an older version or not, by the requirement
 * of each of the four fixture sets, and each reader sees (and counts) only those of the sets
 * they may read.
 */

const LINKED_CODE = "MX-LINKED";
const SYSTEM_REQUEST = { requestId: "matrix-fixture", ipAddress: null, userAgent: null };

/** Filled by featureTargets; forms are built when a cell runs, after the fixture exists. */
let collaborationAB = "";

async function featureTargets({
  users,
  sets,
  collaborationIds,
}: Parameters<NonNullable<FeatureMatrix["featureTargets"]>>[0]) {
  collaborationAB = collaborationIds.AB;
  const created = await createStandard({
    input: {
      code: LINKED_CODE,
      name: "Standard i behörighetsmatrisen",
      ownerBody: "Testmyndigheten",
      category: "interoperability",
      link: "",
      description: "",
      lifecycle: "current",
    },
    firstVersion: "1.0",
    actorUserId: users.platformAdmin,
    request: SYSTEM_REQUEST,
  });
  if (created.status !== "created") throw new Error(`matrix standard not created: ${created.status}`);
  const standardId = created.standardId;
  // setA and setSharedB cite 1.0, which "2.0" replaces; setB cites 2.0; setPortalC names no version.
  const pins = { setA: "1.0", setB: "2.0", setSharedB: "1.0", setPortalC: null } as const;
  await db.insert(requirementStandardLinks).values(
    (Object.keys(pins) as Array<keyof typeof pins>).map((target) => {
      const requirementId = sets[target].requirementId;
      if (!requirementId) throw new Error(`set target ${target} has no requirement`);
      return { requirementId, standardId, standardVersion: pins[target] };
    }),
  );
  const added = await addStandardVersion({
    standardId,
    baseVersion: 1,
    label: "2.0",
    releasedOn: null,
    note: "",
    actorUserId: users.platformAdmin,
    request: SYSTEM_REQUEST,
  });
  if (added.status !== "added") throw new Error(`matrix standard version not added: ${added.status}`);
  return {
    "standards:linked": { standardId },
    "standards:unknown": { standardId: "00000000-0000-4000-8000-00000000f00d" },
  } as const;
}

function linkedOf(body: unknown): { requirements: unknown[]; outdated: number } | null {
  if (typeof body !== "object" || body === null || !("linked" in body)) return null;
  const linked = (body as { linked: unknown }).linked;
  if (typeof linked !== "object" || linked === null) return null;
  const { requirements, outdated } = linked as { requirements?: unknown; outdated?: unknown };
  return Array.isArray(requirements) && typeof outdated === "number" ? { requirements, outdated } : null;
}

/** The catalogue row of the matrix standard, as the loader sends it. */
function catalogueRow(body: unknown): { requirementCount: number; outdatedCount: number } | null {
  if (typeof body !== "object" || body === null || !("standards" in body)) return null;
  const rows = (body as { standards: unknown }).standards;
  if (!Array.isArray(rows)) return null;
  const row: unknown = rows.find((candidate: { code?: unknown }) => candidate.code === LINKED_CODE);
  return row && typeof row === "object" ? (row as { requirementCount: number; outdatedCount: number }) : null;
}

/** The matrix page's rows of matrix-fixture standards (other features may add standards of their own). */
function matrixRows(body: unknown): number {
  if (typeof body !== "object" || body === null || !("matrix" in body)) return -1;
  const rows = (body as { matrix: { rows?: Array<{ standard: { code: string } }> } }).matrix.rows;
  return rows ? rows.filter((row) => row.standard.code.startsWith("MX-")).length : -1;
}

/** What each reader sees of the four citing requirements: A's own, B's own, the AB set, the portal set. */
const LINKED_VISIBLE: Partial<Record<Actor, number>> = {
  viewerA: 3,
  editorA: 3,
  adminA: 3,
  editorB: 3,
  steeringAB: 2,
  platformAdmin: 1,
};
/** Of those, the ones pinned to 1.0: setA and setSharedB. */
const LINKED_OUTDATED: Partial<Record<Actor, number>> = {
  viewerA: 2,
  editorA: 2,
  adminA: 2,
  editorB: 1,
  steeringAB: 1,
  platformAdmin: 0,
};

const manage = (allowed: number, handler: "loader" | "action"): Record<Actor, number> => ({
  ...signedIn(403, handler),
  adminA: allowed,
  platformAdmin: allowed,
});

function rows(): MatrixRow[] {
  const page = "standards.$standardId._index";
  return [
    {
      route: "standards._index",
      handler: "loader",
      target: "none",
      expect: signedIn(200, "loader"),
      visibleCount: { read: (body) => catalogueRow(body)?.requirementCount ?? -1, expect: LINKED_VISIBLE },
    },
    {
      route: "standards._index",
      handler: "loader",
      target: "none",
      expect: signedIn(200, "loader"),
      visibleCount: { read: (body) => catalogueRow(body)?.outdatedCount ?? -1, expect: LINKED_OUTDATED },
    },
    { route: "standards.new", handler: "loader", target: "none", expect: manage(200, "loader") },
    { route: "standards.new", handler: "action", target: "none", form: {}, expect: manage(400, "action") },
    {
      route: page,
      handler: "loader",
      target: "standards:linked",
      expect: signedIn(200, "loader"),
      visibleCount: { read: (body) => linkedOf(body)?.requirements.length ?? -1, expect: LINKED_VISIBLE },
    },
    {
      route: page,
      handler: "loader",
      target: "standards:linked",
      expect: signedIn(200, "loader"),
      visibleCount: { read: (body) => linkedOf(body)?.outdated ?? -1, expect: LINKED_OUTDATED },
    },
    { route: page, handler: "loader", target: "standards:unknown", expect: signedIn(404, "loader") },
    {
      route: page,
      handler: "action",
      target: "standards:linked",
      form: { intent: "add-version" },
      expect: manage(400, "action"),
    },
    {
      // Only the steering group of the collaboration marks a standard common for it.
      route: page,
      handler: "action",
      target: "standards:linked",
      form: () => ({ intent: "mark-common", collaborationId: collaborationAB }),
      expect: { ...signedIn(403, "action"), steeringAB: 400 },
    },
    {
      route: page,
      handler: "action",
      target: "standards:linked",
      form: () => ({ intent: "remove-common", collaborationId: collaborationAB }),
      expect: { ...signedIn(403, "action"), steeringAB: 400 },
    },
    {
      // Adoption is recorded for the current region by its admins: adminA for region A. The
      // platform admin belongs to no region.
      route: page,
      handler: "action",
      target: "standards:linked",
      form: { intent: "adopt" },
      expect: { ...signedIn(403, "action"), adminA: 400 },
    },
    {
      route: page,
      handler: "action",
      target: "standards:linked",
      form: { intent: "no-such-intent" },
      expect: signedIn(400, "action"),
    },
    {
      route: page,
      handler: "action",
      target: "standards:unknown",
      form: { intent: "add-version" },
      expect: signedIn(404, "action"),
    },
    {
      route: "standards.$standardId.edit",
      handler: "loader",
      target: "standards:linked",
      expect: manage(200, "loader"),
    },
    {
      route: "standards.$standardId.edit",
      handler: "loader",
      target: "standards:unknown",
      expect: signedIn(404, "loader"),
    },
    {
      route: "standards.$standardId.edit",
      handler: "action",
      target: "standards:linked",
      form: {},
      expect: manage(400, "action"),
    },
    {
      route: "standards.matrix",
      handler: "loader",
      target: "none",
      expect: signedIn(200, "loader"),
      visibleCount: {
        read: matrixRows,
        expect: { viewerA: 1, editorA: 1, adminA: 1, editorB: 1, steeringAB: 1, platformAdmin: 1 },
      },
    },
  ];
}

export const standardsMatrix: FeatureMatrix = { rows, featureTargets };
