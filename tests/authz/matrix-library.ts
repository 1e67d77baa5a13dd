import { lengthOf, setRouteRows, type FeatureMatrix, type MatrixRow } from "./matrix-helpers";

/**
 * Authorization matrix rows for the library routes (see matrix-helpers.ts).
 *
 * The library lists what other regions share with the actor: setSharedB (shared with
 * collaboration AB) and setPortalC (portal-wide), one requirement each, minus the sets the
 * actor's own regions own. Private sets never appear, not even to a platform admin.
 */
const LIBRARY_COUNTS = { viewerA: 2, editorA: 2, adminA: 2, editorB: 1, steeringAB: 1, platformAdmin: 1 };

const signedInLoader = {
  anonymous: 302,
  viewerA: 200,
  editorA: 200,
  adminA: 200,
  editorB: 200,
  steeringAB: 200,
  platformAdmin: 200,
};

/**
 * Declining is for editors of the current region, for a requirement they can see and that
 * another region owns: 404 when hidden, 403 for viewers, owners and users without a region,
 * otherwise the empty form gets as far as the unknown-intent check (400).
 */
const DECLINE_EXPECTATIONS: Record<"setA" | "setB" | "setSharedB" | "setPortalC", MatrixRow["expect"]> = {
  setA: { anonymous: 401, viewerA: 403, editorA: 403, adminA: 403, editorB: 404, steeringAB: 404, platformAdmin: 404 },
  setB: { anonymous: 401, viewerA: 404, editorA: 404, adminA: 404, editorB: 403, steeringAB: 404, platformAdmin: 404 },
  setSharedB: {
    anonymous: 401,
    viewerA: 403,
    editorA: 400,
    adminA: 400,
    editorB: 403,
    steeringAB: 403,
    platformAdmin: 404,
  },
  setPortalC: {
    anonymous: 401,
    viewerA: 403,
    editorA: 400,
    adminA: 400,
    editorB: 400,
    steeringAB: 403,
    platformAdmin: 403,
  },
};

export const libraryMatrix: FeatureMatrix = {
  rows: () => [
    {
      route: "library._index",
      handler: "loader",
      target: "none",
      expect: signedInLoader,
      visibleCount: { read: lengthOf("requirements"), expect: LIBRARY_COUNTS },
    },
    {
      route: "library._index",
      handler: "loader",
      target: "none",
      expect: signedInLoader,
      visibleCount: { read: lengthOf("sets"), expect: LIBRARY_COUNTS },
    },
    ...setRouteRows("library.requirements.$requirementId", "loader", "read"),
    ...(["setA", "setB", "setSharedB", "setPortalC"] as const).map((target): MatrixRow => ({
      route: "library.requirements.$requirementId",
      handler: "action",
      target,
      form: {},
      expect: DECLINE_EXPECTATIONS[target],
    })),
  ],
};
