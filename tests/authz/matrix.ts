/**
 * The authorization matrix: route × handler × target × actor → expected status (and for lists,
 * how many rows the actor sees). Data, walked by matrix.test.ts through the real handlers.
 * Actors, targets and the building blocks are described in matrix-helpers.ts; features added
 * later keep their rows in matrix-<feature>.ts and are listed in FEATURE_MATRICES below.
 */
import { commentsMatrix } from "./matrix-comments";
import {
  all,
  lengthOf,
  setExpectation,
  SET_TARGETS,
  signedIn,
  type FeatureMatrix,
  type MatrixRow,
  type Permission,
} from "./matrix-helpers";
import { libraryMatrix } from "./matrix-library";
import { notificationsMatrix } from "./matrix-notifications";
import { reuseMatrix } from "./matrix-reuse";
import { reviewsMatrix } from "./matrix-reviews";
import { standardsMatrix } from "./matrix-standards";
import { lessonsMatrix } from "./matrix-lessons";
import { procurementsMatrix } from "./matrix-procurements";
import { overviewMatrix } from "./matrix-overview";
import { exchangeMatrix } from "./matrix-exchange";

export const FEATURE_MATRICES: FeatureMatrix[] = [
  libraryMatrix,
  reuseMatrix,
  commentsMatrix,
  reviewsMatrix,
  notificationsMatrix,
  standardsMatrix,
  lessonsMatrix,
  procurementsMatrix,
  overviewMatrix,
  exchangeMatrix,
];

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
  ...FEATURE_MATRICES.flatMap((feature) => feature.rows()),
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
