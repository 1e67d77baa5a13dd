/**
 * Building blocks of the authorization matrix (matrix.ts): route × handler × target × actor → expected status (and for lists,
 * how many rows the actor sees). Data, walked by matrix.test.ts through the real handlers.
 *
 * Actors (see fixture in matrix.test.ts):
 *   anonymous; viewerA, editorA, adminA (region A); editorB (region B);
 *   steeringAB: steering-group member of collaboration AB (A + B), member of region C only;
 *   platformAdmin: platform admin with no region membership.
 * Targets: regionA / regionB (own or other region, depending on the actor), collaborationAB
 *   (the actor's collaboration, or not), an unknown invite token, and four draft requirement
 *   sets, each with a section, a requirement and a baseline:
 *   setA       private, owned by region A
 *   setB       private, owned by region B
 *   setSharedB owned by region B, shared with collaboration AB
 *   setPortalC owned by region C, shared with all regions
 */

export const ACTORS = ["anonymous", "viewerA", "editorA", "adminA", "editorB", "steeringAB", "platformAdmin"] as const;
export type Actor = (typeof ACTORS)[number];

export type SetTarget = "setA" | "setB" | "setSharedB" | "setPortalC";
/** A target a feature sets up itself (FeatureMatrix.featureTargets), named "<feature>:<name>". */
export type FeatureTarget = `${string}:${string}`;
export type Target = "none" | "regionA" | "regionB" | "collaborationAB" | "unknownInvite" | SetTarget | FeatureTarget;

export type MatrixRow = {
  /** Route module file in app/routes, without extension. */
  route: string;
  handler: "loader" | "action";
  target: Target;
  /** Form fields for actions: chosen so that an authorized caller reaches validation (400) without changing anything. */
  form?: Record<string, string> | ((actor: Actor) => Record<string, string>);
  expect: Record<Actor, number>;
  /** For list pages: how many rows each actor sees, read from the loader's body. */
  visibleCount?: { read: (body: unknown) => number; expect: Partial<Record<Actor, number>> };
};

export const all = (status: number): Record<Actor, number> => ({
  anonymous: status,
  viewerA: status,
  editorA: status,
  adminA: status,
  editorB: status,
  steeringAB: status,
  platformAdmin: status,
});

/** Signed-in actors get `status`; anonymous visitors are sent to sign in (GET) or asked to sign in again (POST). */
export const signedIn = (status: number, handler: "loader" | "action"): Record<Actor, number> => ({
  ...all(status),
  anonymous: handler === "loader" ? 302 : 401,
});

export function lengthOf(key: string) {
  return (body: unknown): number => {
    if (typeof body === "object" && body !== null && key in body) {
      const value = (body as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value.length;
    }
    return -1;
  };
}

/**
 * Expected statuses for the requirement-set routes, by what the route needs:
 *   read:   seeing the set (404 when it is hidden from you)
 *   edit:   editor or admin of the owning region (403 for those who see it but do not own it)
 *   admin:  admin of the owning region (sharing)
 * Loaders send anonymous visitors to sign in (302); actions ask them to sign in again (401).
 */
export type Permission = "read" | "edit" | "admin";
const SET_EXPECTATIONS: Record<Permission, Record<SetTarget, Record<Exclude<Actor, "anonymous">, number>>> = {
  read: {
    setA: { viewerA: 200, editorA: 200, adminA: 200, editorB: 404, steeringAB: 404, platformAdmin: 404 },
    setB: { viewerA: 404, editorA: 404, adminA: 404, editorB: 200, steeringAB: 404, platformAdmin: 404 },
    setSharedB: { viewerA: 200, editorA: 200, adminA: 200, editorB: 200, steeringAB: 200, platformAdmin: 404 },
    setPortalC: { viewerA: 200, editorA: 200, adminA: 200, editorB: 200, steeringAB: 200, platformAdmin: 200 },
  },
  edit: {
    setA: { viewerA: 403, editorA: 200, adminA: 200, editorB: 404, steeringAB: 404, platformAdmin: 404 },
    setB: { viewerA: 404, editorA: 404, adminA: 404, editorB: 200, steeringAB: 404, platformAdmin: 404 },
    setSharedB: { viewerA: 403, editorA: 403, adminA: 403, editorB: 200, steeringAB: 403, platformAdmin: 404 },
    setPortalC: { viewerA: 403, editorA: 403, adminA: 403, editorB: 403, steeringAB: 403, platformAdmin: 403 },
  },
  admin: {
    setA: { viewerA: 403, editorA: 403, adminA: 200, editorB: 404, steeringAB: 404, platformAdmin: 404 },
    setB: { viewerA: 404, editorA: 404, adminA: 404, editorB: 403, steeringAB: 404, platformAdmin: 404 },
    setSharedB: { viewerA: 403, editorA: 403, adminA: 403, editorB: 403, steeringAB: 403, platformAdmin: 404 },
    setPortalC: { viewerA: 403, editorA: 403, adminA: 403, editorB: 403, steeringAB: 403, platformAdmin: 403 },
  },
};

export const SET_TARGETS: SetTarget[] = ["setA", "setB", "setSharedB", "setPortalC"];

/** A permitted loader answers 200; a permitted action gets as far as validating its (empty) form: 400. */
export function setExpectation(
  permission: Permission,
  target: SetTarget,
  handler: "loader" | "action",
): Record<Actor, number> {
  const table = SET_EXPECTATIONS[permission][target];
  const allowed = handler === "loader" ? 200 : 400;
  const mapped = Object.fromEntries(
    Object.entries(table).map(([actor, status]) => [actor, status === 200 ? allowed : status]),
  ) as Record<Exclude<Actor, "anonymous">, number>;
  return { anonymous: handler === "loader" ? 302 : 401, ...mapped };
}

/** Rows for one set route on all four set targets, expected as `permission` says. */
export function setRouteRows(
  route: string,
  handler: "loader" | "action",
  permission: Permission,
  form?: MatrixRow["form"],
): MatrixRow[] {
  return SET_TARGETS.map((target) => ({
    route,
    handler,
    target,
    form,
    expect: setExpectation(permission, target, handler),
  }));
}

export type MatrixUsers = Record<Exclude<Actor, "anonymous">, string>;

/**
 * One feature's part of the matrix, kept in its own file (matrix-<feature>.ts) so that features
 * built side by side do not edit the same lines. `extendSetTarget` adds route params (a comment
 * id, a review round id …) to each set target; it runs once in the fixture, after the sets exist.
 */
/** What the fixture holds when a feature builds its own targets. */
export type MatrixFixtureContext = {
  users: MatrixUsers;
  /** Regions A, B and C as in the header; collaborationAB (A + B) and collaborationBC (B + C). */
  regionIds: { A: string; B: string; C: string };
  collaborationIds: { AB: string; BC: string };
  /** Route params of the four set targets (setId, requirementId, …). */
  sets: Record<SetTarget, Record<string, string>>;
};

export type FeatureMatrix = {
  rows: () => MatrixRow[];
  /**
   * Objects of the feature's own (a private lesson of region A, a procurement led by B …), as
   * named targets ("lessons:privateA") with their route params; runs once, after the sets exist.
   */
  featureTargets?: (context: MatrixFixtureContext) => Promise<Record<FeatureTarget, Record<string, string>>>;
  extendSetTarget?: (args: {
    target: SetTarget;
    params: Record<string, string>;
    users: MatrixUsers;
  }) => Promise<Record<string, string>>;
};
