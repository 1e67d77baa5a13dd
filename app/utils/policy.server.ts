import { and, eq, inArray, or, sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * The one authorization policy (DESIGN.md). `can()` answers for one object, `visibleTo()` builds
 * the SQL predicate for lists, search and exports from the same rules, and `authorize()` tells a
 * route whether a refusal is 404 (the user may not know the object exists) or 403 (a visible
 * object, too low a role). Unknown actions are denied.
 */

export type RegionRole = "viewer" | "editor" | "admin";
export type SteeringRole = "chair" | "member";
export type Visibility = "private" | "collaboration" | "portal";

export type Principal = {
  userId: string;
  isPlatformAdmin: boolean;
  /** regionId → role in that region */
  regionRoles: ReadonlyMap<string, RegionRole>;
  /** collaborationId → role in its steering group */
  steeringRoles: ReadonlyMap<string, SteeringRole>;
  /** collaborations the user takes part in: through a member region or the steering group */
  collaborationIds: ReadonlySet<string>;
};

export type Resource =
  | { type: "platform" }
  | { type: "region"; regionId: string }
  | { type: "collaboration"; collaborationId: string }
  | {
      type: "shareable";
      ownerRegionId: string;
      visibility: Visibility;
      collaborationId: string | null;
    }
  | {
      type: "set";
      ownerRegionId: string;
      visibility: Visibility;
      collaborationId: string | null;
      status: SetStatus;
      archived: boolean;
    }
  | {
      /** An upphandling: shareable, and readable by the participating regions whatever its visibility. */
      type: "procurement";
      ownerRegionId: string;
      visibility: Visibility;
      collaborationId: string | null;
      participantRegionIds: readonly string[];
      archived: boolean;
    }
  | {
      /** What a collaboration keeps to itself (the steering group's overview): its member regions and steering group. */
      type: "collaboration_internal";
      collaborationId: string;
    };

export type SetStatus = "draft" | "in_review" | "approved" | "published" | "superseded";

/** The statuses in which a set's content can be edited; approved and later are frozen. */
export const EDITABLE_SET_STATUSES: readonly SetStatus[] = ["draft", "in_review"];

const roleRank: Record<RegionRole, number> = { viewer: 1, editor: 2, admin: 3 };

function hasRegionRole(principal: Principal, regionId: string, minimum: RegionRole): boolean {
  const role = principal.regionRoles.get(regionId);
  return role !== undefined && roleRank[role] >= roleRank[minimum];
}

/** Whether the principal may know the resource exists at all (otherwise: 404). */
function canSee(principal: Principal | null, resource: Resource): boolean {
  switch (resource.type) {
    case "platform":
    case "collaboration":
      // Which regions collaborate is public knowledge; the platform itself is not a secret.
      return principal !== null;
    case "region":
      return principal !== null && (principal.isPlatformAdmin || principal.regionRoles.has(resource.regionId));
    case "collaboration_internal":
      return principal !== null && principal.collaborationIds.has(resource.collaborationId);
    case "procurement":
      if (principal === null) return false;
      if (resource.participantRegionIds.some((regionId) => principal.regionRoles.has(regionId))) return true;
      return canSee(principal, { ...resource, type: "shareable" });
    case "shareable":
    case "set":
      if (principal === null) return false;
      if (principal.regionRoles.has(resource.ownerRegionId)) return true;
      if (resource.visibility === "portal") return true;
      return (
        resource.visibility === "collaboration" &&
        resource.collaborationId !== null &&
        principal.collaborationIds.has(resource.collaborationId)
      );
  }
}

type Rule = (principal: Principal, resource: Resource) => boolean;

const isSet = (r: Resource): r is Extract<Resource, { type: "set" }> => r.type === "set";
const ownerRole = (p: Principal, r: Resource, minimum: RegionRole) =>
  isSet(r) && hasRegionRole(p, r.ownerRegionId, minimum);
const setIs = (r: Resource, ...statuses: SetStatus[]) => isSet(r) && !r.archived && statuses.includes(r.status);
/** Steering group members (chair or member) of the collaboration the set is shared with. */
const steersSet = (p: Principal, r: Resource) =>
  isSet(r) && r.visibility === "collaboration" && r.collaborationId !== null && p.steeringRoles.has(r.collaborationId);

const isProcurement = (r: Resource): r is Extract<Resource, { type: "procurement" }> => r.type === "procurement";
/** Editors of the lead region, on a procurement that is not archived. */
const leadsProcurement = (p: Principal, r: Resource, minimum: RegionRole) =>
  isProcurement(r) && !r.archived && hasRegionRole(p, r.ownerRegionId, minimum);
const hasAnyRegionRole = (p: Principal, minimum: RegionRole) =>
  [...p.regionRoles.values()].some((role) => roleRank[role] >= roleRank[minimum]);

const rules: Record<string, { resource: Resource["type"]; allow: Rule }> = {
  "platform.admin": { resource: "platform", allow: (p) => p.isPlatformAdmin },
  "region.read": { resource: "region", allow: () => true },
  "region.members.read": { resource: "region", allow: () => true },
  "region.members.manage": {
    resource: "region",
    allow: (p, r) => p.isPlatformAdmin || (r.type === "region" && hasRegionRole(p, r.regionId, "admin")),
  },
  "region.audit.read": {
    resource: "region",
    allow: (p, r) => p.isPlatformAdmin || (r.type === "region" && hasRegionRole(p, r.regionId, "admin")),
  },
  "region.write": {
    resource: "region",
    allow: (p, r) => r.type === "region" && hasRegionRole(p, r.regionId, "editor"),
  },
  "collaboration.list": { resource: "platform", allow: () => true },
  "collaboration.read": { resource: "collaboration", allow: () => true },
  "collaboration.manage": {
    resource: "collaboration",
    allow: (p, r) =>
      p.isPlatformAdmin || (r.type === "collaboration" && p.steeringRoles.get(r.collaborationId) === "chair"),
  },
  "item.read": { resource: "shareable", allow: () => true },
  "item.comment": { resource: "shareable", allow: () => true },
  "item.edit": {
    resource: "shareable",
    allow: (p, r) => r.type === "shareable" && hasRegionRole(p, r.ownerRegionId, "editor"),
  },
  "item.share": {
    resource: "shareable",
    allow: (p, r) => r.type === "shareable" && hasRegionRole(p, r.ownerRegionId, "admin"),
  },

  "set.read": { resource: "set", allow: () => true },
  "set.edit": {
    resource: "set",
    allow: (p, r) => ownerRole(p, r, "editor") && setIs(r, ...EDITABLE_SET_STATUSES),
  },
  "set.baseline": {
    resource: "set",
    allow: (p, r) => ownerRole(p, r, "editor") && isSet(r) && !r.archived,
  },
  "set.submit_review": {
    resource: "set",
    allow: (p, r) => ownerRole(p, r, "editor") && setIs(r, "draft"),
  },
  "set.return_to_draft": {
    resource: "set",
    allow: (p, r) => ownerRole(p, r, "editor") && setIs(r, "in_review", "approved"),
  },
  "set.approve": {
    resource: "set",
    allow: (p, r) => (ownerRole(p, r, "admin") || steersSet(p, r)) && setIs(r, "in_review"),
  },
  "set.publish": {
    resource: "set",
    allow: (p, r) => ownerRole(p, r, "admin") && setIs(r, "approved"),
  },
  "set.supersede": {
    resource: "set",
    allow: (p, r) => ownerRole(p, r, "admin") && setIs(r, "published"),
  },
  "set.new_version": {
    resource: "set",
    allow: (p, r) => ownerRole(p, r, "editor") && setIs(r, "published"),
  },
  "set.archive": {
    resource: "set",
    allow: (p, r) => ownerRole(p, r, "editor") && isSet(r) && !r.archived,
  },
  "set.restore": {
    resource: "set",
    allow: (p, r) => ownerRole(p, r, "editor") && isSet(r) && r.archived,
  },
  "set.share": {
    resource: "set",
    allow: (p, r) => ownerRole(p, r, "admin") && isSet(r) && !r.archived,
  },
  /** Copy requirements out of a set into one's own drafts (the target needs `set.edit`). */
  "set.reuse": { resource: "set", allow: (p) => p.regionRoles.size > 0 },
  /** Everyone who can see a set may comment on it, viewers and other regions included. */
  "set.comment": { resource: "set", allow: (_p, r) => isSet(r) && !r.archived },
  /** Resolve or reopen any thread; a thread's author may also do so (checked on the comment). */
  "set.comment_resolve": { resource: "set", allow: (p, r) => ownerRole(p, r, "editor") },
  /** Open a review round (sends the set to review) or cancel one. */
  "set.review_manage": { resource: "set", allow: (p, r) => ownerRole(p, r, "editor") && isSet(r) && !r.archived },
  /** Fastställa an approved set: the steering group of the collaboration it is shared with. */
  "set.establish": { resource: "set", allow: (p, r) => steersSet(p, r) && setIs(r, "approved", "published") },

  /** The standards catalogue is reference data every signed-in user reads. */
  "standard.read": { resource: "platform", allow: () => true },
  /** Add and edit catalogue entries and their versions: platform admins and the regions' admins. */
  "standard.manage": { resource: "platform", allow: (p) => p.isPlatformAdmin || hasAnyRegionRole(p, "admin") },
  /** Mark a standard as common to a collaboration (krav / rekommendation): its steering group. */
  "standard.mark_common": {
    resource: "collaboration",
    allow: (p, r) => r.type === "collaboration" && p.steeringRoles.has(r.collaborationId),
  },
  /** Record the region's adoption of a standard: the region's admins. */
  "standard.adopt": {
    resource: "region",
    allow: (p, r) => r.type === "region" && hasRegionRole(p, r.regionId, "admin"),
  },
  /** Write a lesson in a region's workspace (read, edit and share it with the item.* actions). */
  "lesson.create": {
    resource: "region",
    allow: (p, r) => r.type === "region" && hasRegionRole(p, r.regionId, "editor"),
  },
  /** Start a procurement led by a region. */
  "procurement.create": {
    resource: "region",
    allow: (p, r) => r.type === "region" && hasRegionRole(p, r.regionId, "editor"),
  },
  "procurement.read": { resource: "procurement", allow: () => true },
  /** Phase, RAG, milestones, decision log, status reports and links: the lead region's editors. */
  "procurement.edit": { resource: "procurement", allow: (p, r) => leadsProcurement(p, r, "editor") },
  "procurement.share": { resource: "procurement", allow: (p, r) => leadsProcurement(p, r, "admin") },
  "procurement.archive": {
    resource: "procurement",
    allow: (p, r) => isProcurement(r) && hasRegionRole(p, r.ownerRegionId, "admin"),
  },
  /** The steering group's overview: its member regions and its steering group (others: 404). */
  "collaboration.overview": { resource: "collaboration_internal", allow: () => true },
};

export type Action = keyof typeof rules;

export type Decision = "allow" | "forbidden" | "not-found" | "unauthenticated";

export function authorize(principal: Principal | null, action: string, resource: Resource): Decision {
  const rule = rules[action];
  if (!canSee(principal, resource)) return principal === null ? "unauthenticated" : "not-found";
  if (principal === null) return "unauthenticated";
  // An unknown action, or one asked about the wrong kind of resource, is denied.
  if (!rule || rule.resource !== resource.type) return "forbidden";
  return rule.allow(principal, resource) ? "allow" : "forbidden";
}

export function can(principal: Principal | null, action: string, resource: Resource): boolean {
  return authorize(principal, action, resource) === "allow";
}

export type ShareableColumns = {
  ownerRegionId: AnyColumn;
  visibility: AnyColumn;
  collaborationId: AnyColumn;
};

/**
 * SQL predicate for "rows of a shareable table this principal may read": the same rule as
 * `canSee` for `shareable` resources above, so lists, search and counts never disagree with `can`.
 */
export function visibleTo(principal: Principal | null, columns: ShareableColumns): SQL {
  if (principal === null) return sql`false`;
  const regionIds = [...principal.regionRoles.keys()];
  const collaborationIds = [...principal.collaborationIds];
  const clauses: SQL[] = [eq(columns.visibility, "portal")];
  if (regionIds.length > 0) clauses.push(inArray(columns.ownerRegionId, regionIds));
  if (collaborationIds.length > 0) {
    const shared = and(eq(columns.visibility, "collaboration"), inArray(columns.collaborationId, collaborationIds));
    if (shared) clauses.push(shared);
  }
  return or(...clauses) ?? sql`false`;
}

/**
 * SQL predicate for "the user `userId` may read rows of a shareable table", for statements that
 * run without a loaded principal (who should be notified, the unread count in the session
 * lookup). The same rule as `canSee` and `visibleTo`, written against the membership tables.
 */
export function visibleToUserSql(
  columns: ShareableColumns | { ownerRegionId: SQL; visibility: SQL; collaborationId: SQL },
  userId: SQL,
): SQL {
  return sql`(
    ${columns.visibility} = 'portal'
    or exists (select 1 from memberships vm where vm.user_id = ${userId} and vm.region_id = ${columns.ownerRegionId})
    or (${columns.visibility} = 'collaboration' and (
      exists (select 1 from memberships vm join collaboration_regions vcr on vcr.region_id = vm.region_id
        where vm.user_id = ${userId} and vcr.collaboration_id = ${columns.collaborationId})
      or exists (select 1 from steering_group_members vst
        where vst.user_id = ${userId} and vst.collaboration_id = ${columns.collaborationId}))))`;
}

/**
 * SQL predicate for "procurements this principal may read": the shareable rule of `visibleTo`,
 * or a participating region of the principal's (the same rule as `canSee` for procurements).
 * `procurementId` is the procurement's id column.
 */
export function procurementVisibleTo(
  principal: Principal | null,
  columns: ShareableColumns & { procurementId: AnyColumn },
): SQL {
  if (principal === null) return sql`false`;
  const regionIds = [...principal.regionRoles.keys()];
  if (regionIds.length === 0) return visibleTo(principal, columns);
  return sql`(${visibleTo(principal, columns)} or exists (select 1 from procurement_regions vpr
    where vpr.procurement_id = ${columns.procurementId} and vpr.region_id in (${sql.join(
      regionIds.map((id) => sql`${id}`),
      sql`, `,
    )})))`;
}
