import { data, redirect } from "@remix-run/node";
import { sql, type SQL } from "drizzle-orm";

import { rowsOf } from "./db-connect.server";
import { db } from "./db.server";
import {
  authorize,
  visibleToUserSql,
  type Principal,
  type RegionRole,
  type Resource,
  type SteeringRole,
} from "./policy.server";
import { noteRequestUser, requestStore } from "./request-store.server";
import { applySessionExpiry, hashToken, readSessionToken, type Session, type SessionUser } from "./session.server";

export type RegionMembership = {
  regionId: string;
  regionName: string;
  regionShortName: string;
  role: RegionRole;
  isLegalCounsel: boolean;
};

export type SteeringMembership = { collaborationId: string; collaborationName: string; role: SteeringRole };

export type AuthContext = {
  user: SessionUser;
  session: Session;
  principal: Principal;
  memberships: RegionMembership[];
  steering: SteeringMembership[];
  /** The region chosen in the header, falling back to the first membership. */
  currentRegionId: string | null;
  /** Unread notifications visible now, about sets the user may still see (the header badge). */
  unreadNotifications: number;
};

type AccessRow = {
  memberships: RegionMembership[] | string;
  steering: SteeringMembership[] | string;
  collaboration_ids: string[] | string;
};

function parseJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/** The policy's inputs about one user, as three JSON columns of a select. */
function accessColumns(userId: SQL) {
  return sql`
    (select coalesce(json_agg(json_build_object(
        'regionId', m.region_id, 'regionName', r.name, 'regionShortName', r.short_name,
        'role', m.role, 'isLegalCounsel', m.is_legal_counsel) order by r.name), '[]'::json)
      from memberships m join regions r on r.id = m.region_id
      where m.user_id = ${userId}) as memberships,
    (select coalesce(json_agg(json_build_object(
        'collaborationId', st.collaboration_id, 'collaborationName', c.name, 'role', st.role) order by c.name), '[]'::json)
      from steering_group_members st join collaborations c on c.id = st.collaboration_id
      where st.user_id = ${userId}) as steering,
    (select coalesce(json_agg(distinct cr.collaboration_id), '[]'::json)
      from collaboration_regions cr join memberships m on m.region_id = cr.region_id
      where m.user_id = ${userId}) as collaboration_ids`;
}

type Access = { memberships: RegionMembership[]; steering: SteeringMembership[]; collaborationIds: string[] };

function parseAccess(row: AccessRow | undefined): Access {
  return {
    memberships: row ? parseJson(row.memberships) : [],
    steering: row ? parseJson(row.steering) : [],
    collaborationIds: row ? parseJson(row.collaboration_ids) : [],
  };
}

/** Everything the policy needs about one user, in one statement. */
export async function loadAccess(userId: string): Promise<Access> {
  const [row] = rowsOf<AccessRow>(await db.execute(sql`select ${accessColumns(sql`${userId}::uuid`)}`));
  return parseAccess(row);
}

export function buildPrincipal(user: Pick<SessionUser, "id" | "isPlatformAdmin">, access: Access): Principal {
  return {
    userId: user.id,
    isPlatformAdmin: user.isPlatformAdmin,
    regionRoles: new Map(access.memberships.map((m) => [m.regionId, m.role])),
    steeringRoles: new Map(access.steering.map((s) => [s.collaborationId, s.role])),
    collaborationIds: new Set([...access.collaborationIds, ...access.steering.map((s) => s.collaborationId)]),
  };
}

/**
 * The signed-in user of a request, or null. GET requests share one lookup between the root
 * loader and the route's loader; a POST looks again, since its action may change memberships.
 */
export function getAuthContext(request: Request): Promise<AuthContext | null> {
  const token = readSessionToken(request);
  if (!token) return Promise.resolve(null);
  const store = requestStore.getStore();
  if (!store || (request.method !== "GET" && request.method !== "HEAD")) return lookUpAuthContext(token);
  if (store.auth?.token !== token) store.auth = { token, result: lookUpAuthContext(token) };
  return store.auth.result as Promise<AuthContext | null>;
}

type SessionAccessRow = AccessRow & {
  session_id: string;
  user_id: string;
  current_region_id: string | null;
  created_at: string | Date;
  idle_expires_at: string | Date;
  absolute_expires_at: string | Date;
  last_active_at: string | Date;
  email: string;
  name: string;
  is_platform_admin: boolean;
  locale: "sv" | "en" | null;
  unread_notifications: number | string;
};

/**
 * The session, its user and everything the policy needs, in one statement: every page pays for
 * this, so it must not cost a round trip per table (PERFORMANCE.md: SQL per page load).
 */
async function lookUpAuthContext(token: string): Promise<AuthContext | null> {
  const [row] = rowsOf<SessionAccessRow>(
    await db.execute(sql`
      select s.id as session_id, s.user_id, s.current_region_id, s.created_at, s.idle_expires_at,
        s.absolute_expires_at, s.last_active_at, u.email, u.name, u.is_platform_admin, u.locale,
        ${accessColumns(sql`s.user_id`)},
        (select count(*)::int from notifications n join requirement_sets nrs on nrs.id = n.set_id
          where n.user_id = s.user_id and n.read_at is null and n.visible_from <= now()
            and ${visibleToUserSql(
              {
                ownerRegionId: sql`nrs.owner_region_id`,
                visibility: sql`nrs.visibility`,
                collaborationId: sql`nrs.collaboration_id`,
              },
              sql`s.user_id`,
            )}) as unread_notifications
      from sessions s join users u on u.id = s.user_id
      where s.id = ${hashToken(token)}`),
  );
  if (!row) return null;
  const session = await applySessionExpiry(
    {
      id: row.session_id,
      userId: row.user_id,
      currentRegionId: row.current_region_id,
      createdAt: new Date(row.created_at),
      idleExpiresAt: new Date(row.idle_expires_at),
      absoluteExpiresAt: new Date(row.absolute_expires_at),
    },
    new Date(row.last_active_at),
  );
  if (!session) return null;
  const user: SessionUser = {
    id: row.user_id,
    email: row.email,
    name: row.name,
    isPlatformAdmin: row.is_platform_admin,
    locale: row.locale,
  };
  noteRequestUser(user.id);
  const access = parseAccess(row);
  const currentRegionId =
    access.memberships.find((m) => m.regionId === session.currentRegionId)?.regionId ??
    access.memberships[0]?.regionId ??
    null;
  return {
    user,
    session,
    principal: buildPrincipal(user, access),
    memberships: access.memberships,
    steering: access.steering,
    currentRegionId,
    unreadNotifications: Number(row.unread_notifications),
  };
}

/** Field names never echoed back into a page, whatever form they came from. */
const SECRET_FIELD = /password|token|secret/i;

export type ReauthPayload = {
  reauth: true;
  action: string;
  fields: Array<[string, string]>;
};

/**
 * Signed-in user or a thrown response. A GET goes to the sign-in page and comes back; a form
 * posted after the session ended answers 401 with every value typed (but secrets), so the
 * error boundary can ask the person to sign in again and resend without losing a word.
 */
export async function requireUser(request: Request): Promise<AuthContext> {
  const auth = await getAuthContext(request);
  if (auth) return auth;
  const url = new URL(request.url);
  if (request.method === "GET" || request.method === "HEAD") {
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  const fields: Array<[string, string]> = [];
  try {
    const formData = await request.clone().formData();
    for (const [name, value] of formData) {
      if (typeof value === "string" && !SECRET_FIELD.test(name)) fields.push([name, value]);
    }
  } catch {
    // Not a form body: nothing to keep.
  }
  const payload: ReauthPayload = { reauth: true, action: `${url.pathname}${url.search}`, fields };
  throw data(payload, { status: 401 });
}

/** Throws the policy's answer as a response: 404 for what the user may not know about, 403 for too low a role. */
export function assertAllowed(auth: AuthContext | null, action: string, resource: Resource): void {
  const decision = authorize(auth?.principal ?? null, action, resource);
  if (decision === "allow") return;
  if (decision === "not-found") notFound();
  if (decision === "unauthenticated") throw data(errorBody("unauthenticated"), { status: 401 });
  throw data(errorBody("forbidden"), { status: 403 });
}

export async function requireAllowed(request: Request, action: string, resource: Resource): Promise<AuthContext> {
  const auth = await requireUser(request);
  assertAllowed(auth, action, resource);
  return auth;
}

function errorBody(message: string) {
  return { message, requestId: requestStore.getStore()?.requestId ?? null };
}

/** 404 for a missing object and for one the user may not know about: the two look the same. */
export function notFound(): never {
  throw data(errorBody("not-found"), { status: 404 });
}

export function forbidden(): never {
  throw data(errorBody("forbidden"), { status: 403 });
}
