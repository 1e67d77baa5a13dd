/**
 * The authorization matrix: route × handler × target × actor → expected status (and for lists,
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
export type Target = "none" | "regionA" | "regionB" | "collaborationAB" | "unknownInvite" | SetTarget;

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

const all = (status: number): Record<Actor, number> => ({
  anonymous: status,
  viewerA: status,
  editorA: status,
  adminA: status,
  editorB: status,
  steeringAB: status,
  platformAdmin: status,
});

/** Signed-in actors get `status`; anonymous visitors are sent to sign in (GET) or asked to sign in again (POST). */
const signedIn = (status: number, handler: "loader" | "action"): Record<Actor, number> => ({
  ...all(status),
  anonymous: handler === "loader" ? 302 : 401,
});

function lengthOf(key: string) {
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
type Permission = "read" | "edit" | "admin";
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

const SET_TARGETS: SetTarget[] = ["setA", "setB", "setSharedB", "setPortalC"];

/** A permitted loader answers 200; a permitted action gets as far as validating its (empty) form: 400. */
function setExpectation(
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

const SET_ROUTES: Array<{
  route: string;
  handler: "loader" | "action";
  permission: Permission;
  form?: Record<string, string>;
}> = [
  { route: "sets.$setId._index", handler: "loader", permission: "read" },
  { route: "sets.$setId._index", handler: "action", permission: "edit", form: { intent: "no-such-intent" } },
  { route: "sets.$setId.sections", handler: "loader", permission: "read" },
  { route: "sets.$setId.sections", handler: "action", permission: "edit", form: { intent: "no-such-intent" } },
  { route: "sets.$setId.settings", handler: "loader", permission: "read" },
  { route: "sets.$setId.settings", handler: "action", permission: "edit", form: { intent: "details" } },
  { route: "sets.$setId.share", handler: "loader", permission: "admin" },
  { route: "sets.$setId.share", handler: "action", permission: "admin", form: {} },
  { route: "sets.$setId.activity", handler: "loader", permission: "read" },
  { route: "sets.$setId.activity", handler: "action", permission: "edit", form: { intent: "no-such-intent" } },
  { route: "sets.$setId.diff", handler: "loader", permission: "read" },
  { route: "sets.$setId.baselines._index", handler: "loader", permission: "read" },
  { route: "sets.$setId.baselines._index", handler: "action", permission: "edit", form: {} },
  { route: "sets.$setId.baselines.$baselineId", handler: "loader", permission: "read" },
  { route: "sets.$setId.requirements.new", handler: "loader", permission: "edit" },
  { route: "sets.$setId.requirements.new", handler: "action", permission: "edit", form: {} },
  { route: "sets.$setId.requirements.$requirementId._index", handler: "loader", permission: "read" },
  { route: "sets.$setId.requirements.$requirementId._index", handler: "action", permission: "edit", form: {} },
  { route: "sets.$setId.requirements.$requirementId.edit", handler: "loader", permission: "edit" },
  { route: "sets.$setId.requirements.$requirementId.edit", handler: "action", permission: "edit", form: {} },
  { route: "sets.$setId.requirements.$requirementId.history", handler: "loader", permission: "read" },
  { route: "sets.$setId.requirements.$requirementId.delete", handler: "loader", permission: "edit" },
  { route: "sets.$setId.requirements.$requirementId.delete", handler: "action", permission: "edit", form: {} },
];

function setRows(): MatrixRow[] {
  const rows: MatrixRow[] = SET_ROUTES.flatMap(({ route, handler, permission, form }) =>
    SET_TARGETS.map((target) => ({
      route,
      handler,
      target,
      form,
      expect: setExpectation(permission, target, handler),
    })),
  );
  // The workspace list shows the actor's own region's sets: A owns one, B two, C (steeringAB's region) one.
  rows.push(
    {
      route: "sets._index",
      handler: "loader",
      target: "none",
      expect: { ...signedIn(200, "loader"), platformAdmin: 404 },
      visibleCount: {
        read: lengthOf("sets"),
        expect: { viewerA: 1, editorA: 1, adminA: 1, editorB: 2, steeringAB: 1 },
      },
    },
    {
      route: "sets._index",
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
        platformAdmin: 404,
      },
    },
  );
  return rows;
}

export const MATRIX: MatrixRow[] = [
  { route: "$", handler: "loader", target: "none", expect: all(404) },
  { route: "_index", handler: "loader", target: "none", expect: signedIn(200, "loader") },
  { route: "login", handler: "loader", target: "none", expect: { ...all(302), anonymous: 200 } },
  {
    route: "login",
    handler: "action",
    target: "none",
    // One unknown account per actor, so the sign-in throttle (5 failures per account) stays out of the way.
    form: (actor) => ({ email: `nobody-${actor}@example.se`, password: "wrong-password-123" }),
    expect: all(401),
  },
  { route: "logout", handler: "loader", target: "none", expect: all(302) },
  { route: "logout", handler: "action", target: "none", expect: all(302) },
  { route: "language", handler: "loader", target: "none", expect: all(302) },
  { route: "language", handler: "action", target: "none", form: { language: "xx" }, expect: all(400) },
  { route: "session.keepalive", handler: "loader", target: "none", expect: all(302) },
  { route: "session.keepalive", handler: "action", target: "none", expect: { ...all(200), anonymous: 401 } },
  { route: "account._index", handler: "loader", target: "none", expect: signedIn(200, "loader") },
  { route: "account.password", handler: "loader", target: "none", expect: signedIn(200, "loader") },
  { route: "account.password", handler: "action", target: "none", form: {}, expect: signedIn(400, "action") },
  { route: "account.sessions", handler: "loader", target: "none", expect: signedIn(200, "loader") },
  {
    route: "account.sessions",
    handler: "action",
    target: "none",
    form: { intent: "no-such-intent" },
    expect: signedIn(400, "action"),
  },
  { route: "regions.switch", handler: "loader", target: "none", expect: all(302) },
  {
    route: "regions.switch",
    handler: "action",
    target: "regionA",
    expect: {
      anonymous: 401,
      viewerA: 302,
      editorA: 302,
      adminA: 302,
      editorB: 404,
      steeringAB: 404,
      platformAdmin: 403,
    },
  },
  { route: "invite.$token", handler: "loader", target: "unknownInvite", expect: all(404) },
  { route: "invite.$token", handler: "action", target: "unknownInvite", form: {}, expect: all(404) },
  {
    route: "regions.$regionId.members",
    handler: "loader",
    target: "regionA",
    expect: {
      anonymous: 302,
      viewerA: 200,
      editorA: 200,
      adminA: 200,
      editorB: 404,
      steeringAB: 404,
      platformAdmin: 200,
    },
    // Region A has viewerA, editorA and adminA.
    visibleCount: { read: lengthOf("members"), expect: { viewerA: 3, editorA: 3, adminA: 3, platformAdmin: 3 } },
  },
  {
    route: "regions.$regionId.members",
    handler: "loader",
    target: "regionB",
    expect: {
      anonymous: 302,
      viewerA: 404,
      editorA: 404,
      adminA: 404,
      editorB: 200,
      steeringAB: 404,
      platformAdmin: 200,
    },
    visibleCount: { read: lengthOf("members"), expect: { editorB: 1, platformAdmin: 1 } },
  },
  {
    route: "regions.$regionId.members",
    handler: "action",
    target: "regionA",
    form: { intent: "no-such-intent" },
    expect: {
      anonymous: 401,
      viewerA: 403,
      editorA: 403,
      adminA: 400,
      editorB: 404,
      steeringAB: 404,
      platformAdmin: 400,
    },
  },
  {
    route: "regions.$regionId.members",
    handler: "action",
    target: "regionB",
    form: { intent: "no-such-intent" },
    expect: {
      anonymous: 401,
      viewerA: 404,
      editorA: 404,
      adminA: 404,
      editorB: 403,
      steeringAB: 404,
      platformAdmin: 400,
    },
  },
  {
    route: "regions.$regionId.audit",
    handler: "loader",
    target: "regionA",
    expect: {
      anonymous: 302,
      viewerA: 403,
      editorA: 403,
      adminA: 200,
      editorB: 404,
      steeringAB: 404,
      platformAdmin: 200,
    },
  },
  {
    route: "regions.$regionId.audit",
    handler: "loader",
    target: "regionB",
    expect: {
      anonymous: 302,
      viewerA: 404,
      editorA: 404,
      adminA: 404,
      editorB: 403,
      steeringAB: 404,
      platformAdmin: 200,
    },
  },
  {
    route: "collaborations._index",
    handler: "loader",
    target: "none",
    expect: signedIn(200, "loader"),
    // Which regions collaborate is public to every signed-in user: both fixture collaborations.
    visibleCount: {
      read: lengthOf("collaborations"),
      expect: { viewerA: 2, editorA: 2, adminA: 2, editorB: 2, steeringAB: 2, platformAdmin: 2 },
    },
  },
  {
    route: "collaborations.$collaborationId",
    handler: "loader",
    target: "collaborationAB",
    expect: signedIn(200, "loader"),
  },
  {
    route: "collaborations.$collaborationId",
    handler: "action",
    target: "collaborationAB",
    form: { intent: "no-such-intent" },
    expect: {
      anonymous: 401,
      viewerA: 403,
      editorA: 403,
      adminA: 403,
      editorB: 403,
      steeringAB: 403,
      platformAdmin: 400,
    },
  },
  {
    route: "admin._index",
    handler: "loader",
    target: "none",
    expect: { ...signedIn(403, "loader"), platformAdmin: 200 },
    visibleCount: { read: lengthOf("regions"), expect: { platformAdmin: 3 } },
  },
  {
    route: "admin._index",
    handler: "action",
    target: "none",
    form: { intent: "no-such-intent" },
    expect: { ...signedIn(403, "action"), platformAdmin: 400 },
  },
  {
    route: "admin.audit",
    handler: "loader",
    target: "none",
    expect: { ...signedIn(403, "loader"), platformAdmin: 200 },
  },
  ...setRows(),
];
