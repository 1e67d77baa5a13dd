import {
  setExpectation,
  setRouteRows,
  SET_TARGETS,
  type Actor,
  type FeatureMatrix,
  type MatrixRow,
  type SetTarget,
} from "./matrix-helpers";

/**
 * Authorization matrix rows for the reuse routes (see matrix-helpers.ts).
 *
 * `/library/copy` takes the requirements to copy from the query (loader) or the form (action),
 * not from route params: the action rows post each set target's requirement, captured here when
 * the fixture is built. Copying needs read access to the source (else 404) and an editor role in
 * some region (else 403); an empty target then fails validation (400).
 */

const requirementOf = new Map<SetTarget, string>();

/** Who may read each set target's source requirement and whether they can write anywhere. */
const COPY_EXPECTATIONS: Record<SetTarget, Record<Exclude<Actor, "anonymous">, number>> = {
  setA: { viewerA: 403, editorA: 400, adminA: 400, editorB: 404, steeringAB: 404, platformAdmin: 404 },
  setB: { viewerA: 404, editorA: 404, adminA: 404, editorB: 400, steeringAB: 404, platformAdmin: 404 },
  setSharedB: { viewerA: 403, editorA: 400, adminA: 400, editorB: 400, steeringAB: 403, platformAdmin: 404 },
  // steeringAB is a viewer in region C; the platform admin sees portal sets but has no region to copy into.
  setPortalC: { viewerA: 403, editorA: 400, adminA: 400, editorB: 400, steeringAB: 403, platformAdmin: 403 },
};

/** The reuse page needs `set.reuse` on the set: everyone who sees it and belongs to a region. */
function reuseExpectation(target: SetTarget, handler: "loader" | "action"): Record<Actor, number> {
  const expected = setExpectation("read", target, handler);
  return target === "setPortalC" ? { ...expected, platformAdmin: 403 } : expected;
}

export const reuseMatrix: FeatureMatrix = {
  extendSetTarget: async ({ target, params }) => {
    if (params.requirementId) requirementOf.set(target, params.requirementId);
    return {};
  },
  rows: () => [
    // Without any readable requirement chosen the page is 404, for everyone signed in.
    {
      route: "library.copy",
      handler: "loader",
      target: "none",
      expect: {
        anonymous: 302,
        viewerA: 404,
        editorA: 404,
        adminA: 404,
        editorB: 404,
        steeringAB: 404,
        platformAdmin: 404,
      },
    },
    ...SET_TARGETS.map((target): MatrixRow => ({
      route: "library.copy",
      handler: "action",
      target,
      form: () => ({ requirement: requirementOf.get(target) ?? "" }),
      expect: { anonymous: 401, ...COPY_EXPECTATIONS[target] },
    })),
    ...SET_TARGETS.map((target): MatrixRow => ({
      route: "sets.$setId.reuse",
      handler: "loader",
      target,
      expect: reuseExpectation(target, "loader"),
    })),
    ...SET_TARGETS.map((target): MatrixRow => ({
      route: "sets.$setId.reuse",
      handler: "action",
      target,
      form: { intent: "no-such-intent" },
      expect: reuseExpectation(target, "action"),
    })),
    // The fixture's requirements are not copies: the page says so (200) to those who may read the set.
    ...setRouteRows("sets.$setId.requirements.$requirementId.source", "loader", "read"),
    ...setRouteRows("sets.$setId.requirements.$requirementId.source", "action", "edit", { intent: "no-such-intent" }),
  ],
};
