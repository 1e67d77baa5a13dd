import { randomUUID } from "node:crypto";

import type { Actor, FeatureMatrix, MatrixRow } from "./matrix-helpers";

/**
 * Authorization matrix rows for the steering group's overview (see matrix-helpers.ts). Its
 * readers are the collaboration's member regions' people and its steering group; anyone else
 * gets 404, anonymous visitors are sent to sign in. Targets: collaborationAB (A + B; steeringAB
 * steers it from region C), overview:BC (B + C, so steeringAB reads it as a member of C), an
 * unknown collaboration and a malformed id.
 */

const ROUTE = "collaborations.$collaborationId_.overview";

/** How many requirement sets the overview counts: its sets panel, summed over the member regions. */
function countedSets(body: unknown): number {
  if (typeof body !== "object" || body === null || !("sets" in body)) return -1;
  const sets = body.sets;
  if (typeof sets !== "object" || sets === null || !("byRegion" in sets) || !Array.isArray(sets.byRegion)) return -1;
  return sets.byRegion.reduce(
    (sum: number, entry: unknown) =>
      sum + (typeof entry === "object" && entry !== null && "total" in entry ? Number(entry.total) : 0),
    0,
  );
}

const nobody = (status: number): Record<Actor, number> => ({
  anonymous: 302,
  viewerA: status,
  editorA: status,
  adminA: status,
  editorB: status,
  steeringAB: status,
  platformAdmin: status,
});

function rows(): MatrixRow[] {
  return [
    {
      route: ROUTE,
      handler: "loader",
      target: "collaborationAB",
      expect: { ...nobody(200), platformAdmin: 404 },
      // A's people count setA and setSharedB, editorB counts setB and setSharedB; the steering
      // member, in none of A and B, only setSharedB. setPortalC belongs to C, not a member.
      visibleCount: {
        read: countedSets,
        expect: { viewerA: 2, editorA: 2, adminA: 2, editorB: 2, steeringAB: 1 },
      },
    },
    {
      route: ROUTE,
      handler: "loader",
      target: "overview:BC",
      expect: { ...nobody(404), editorB: 200, steeringAB: 200 },
      // editorB: setB, setSharedB and setPortalC; steeringAB (viewer of C): setSharedB (AB) and setPortalC.
      visibleCount: { read: countedSets, expect: { editorB: 3, steeringAB: 2 } },
    },
    { route: ROUTE, handler: "loader", target: "overview:unknown", expect: nobody(404) },
    { route: ROUTE, handler: "loader", target: "overview:malformed", expect: nobody(404) },
  ];
}

export const overviewMatrix: FeatureMatrix = {
  rows,
  featureTargets: async ({ collaborationIds }) => ({
    "overview:BC": { collaborationId: collaborationIds.BC },
    "overview:unknown": { collaborationId: randomUUID() },
    "overview:malformed": { collaborationId: "not-a-uuid" },
  }),
};
