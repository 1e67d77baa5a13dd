import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, gt, ne } from "drizzle-orm";

import { sessions, users } from "../../db/schema/accounts";

import type { DbOrTransaction } from "./db-connect.server";
import { db } from "./db.server";
import { getEnv } from "./env.server";

/**
 * Sessions as Lucia's authors teach them now (https://lucia-auth.com/sessions/basic): a random
 * token in the cookie, only its SHA-256 in the database, so a leaked table cannot be replayed.
 */

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  locale: "sv" | "en" | null;
};

export type Session = {
  id: string;
  userId: string;
  currentRegionId: string | null;
  createdAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
};

export function sessionCookieName(): string {
  // The __Host- prefix pins the cookie to this host and path "/" with Secure: only in production,
  // since browsers refuse Secure cookies over plain http on anything but localhost.
  return getEnv().NODE_ENV === "production" ? "__Host-samkrav_session" : "samkrav_session";
}

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

function idleTimeoutMs(): number {
  return getEnv().SESSION_IDLE_TIMEOUT_SECONDS * 1000;
}

function absoluteTimeoutMs(): number {
  return getEnv().SESSION_ABSOLUTE_TIMEOUT_SECONDS * 1000;
}

export async function createSession({
  token,
  userId,
  currentRegionId,
  ipAddress,
  userAgent,
  tx = db,
}: {
  token: string;
  userId: string;
  currentRegionId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  tx?: DbOrTransaction;
}): Promise<Session> {
  const now = Date.now();
  const session: Session = {
    id: hashToken(token),
    userId,
    currentRegionId,
    createdAt: new Date(now),
    idleExpiresAt: new Date(Math.min(now + idleTimeoutMs(), now + absoluteTimeoutMs())),
    absoluteExpiresAt: new Date(now + absoluteTimeoutMs()),
  };
  await tx.insert(sessions).values({
    ...session,
    lastActiveAt: session.createdAt,
    ipAddress,
    userAgent: userAgent?.slice(0, 400) ?? null,
  });
  return session;
}

/** Writes of the sliding expiry are skipped when the last one is this recent. */
const EXTEND_GRANULARITY_MS = 15_000;

/**
 * Looks the token up, ends the session when it is past either limit, and slides the idle
 * expiry forward (never beyond the absolute limit).
 */
export async function validateSessionToken(
  token: string,
  { extend = true }: { extend?: boolean } = {},
): Promise<{ session: Session; user: SessionUser } | null> {
  const sessionId = hashToken(token);
  const [row] = await db
    .select({
      session: {
        id: sessions.id,
        userId: sessions.userId,
        currentRegionId: sessions.currentRegionId,
        createdAt: sessions.createdAt,
        idleExpiresAt: sessions.idleExpiresAt,
        absoluteExpiresAt: sessions.absoluteExpiresAt,
        lastActiveAt: sessions.lastActiveAt,
      },
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        isPlatformAdmin: users.isPlatformAdmin,
        locale: users.locale,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  if (!row) return null;
  const { lastActiveAt, ...session } = row.session;
  const live = await applySessionExpiry(session, lastActiveAt, { extend });
  return live ? { session: live, user: row.user } : null;
}

/**
 * Ends a session past either limit, and slides the idle expiry forward (never beyond the
 * absolute limit). Returns the live session, or null when it has ended.
 */
export async function applySessionExpiry(
  session: Session,
  lastActiveAt: Date,
  { extend = true }: { extend?: boolean } = {},
): Promise<Session | null> {
  const now = Date.now();
  if (now >= session.idleExpiresAt.getTime() || now >= session.absoluteExpiresAt.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, session.id));
    return null;
  }
  if (extend && now - lastActiveAt.getTime() >= EXTEND_GRANULARITY_MS) {
    const idleExpiresAt = new Date(Math.min(now + idleTimeoutMs(), session.absoluteExpiresAt.getTime()));
    await db
      .update(sessions)
      .set({ lastActiveAt: new Date(now), idleExpiresAt })
      .where(eq(sessions.id, session.id));
    return { ...session, idleExpiresAt };
  }
  return session;
}

/** "Stay signed in": slides the idle expiry now, whatever the 15-second write granularity says. */
export async function extendSession(session: Session): Promise<Session> {
  const now = Date.now();
  const idleExpiresAt = new Date(Math.min(now + idleTimeoutMs(), session.absoluteExpiresAt.getTime()));
  await db
    .update(sessions)
    .set({ lastActiveAt: new Date(now), idleExpiresAt })
    .where(eq(sessions.id, session.id));
  return { ...session, idleExpiresAt };
}

export async function invalidateSession(sessionId: string, tx: DbOrTransaction = db): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateAllUserSessions(
  userId: string,
  { except, tx = db }: { except?: string; tx?: DbOrTransaction } = {},
): Promise<void> {
  await tx
    .delete(sessions)
    .where(except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId));
}

export async function setSessionRegion(sessionId: string, regionId: string): Promise<void> {
  await db.update(sessions).set({ currentRegionId: regionId }).where(eq(sessions.id, sessionId));
}

export async function listUserSessions(userId: string) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastActiveAt: sessions.lastActiveAt,
      idleExpiresAt: sessions.idleExpiresAt,
      ipAddress: sessions.ipAddress,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.idleExpiresAt, new Date())))
    .orderBy(sessions.lastActiveAt);
}

function cookieAttributes(maxAgeSeconds: number): string {
  const secure = getEnv().NODE_ENV === "production" ? "; Secure" : "";
  return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export function serializeSessionCookie(token: string, session: Session): string {
  const maxAge = Math.max(0, Math.floor((session.absoluteExpiresAt.getTime() - Date.now()) / 1000));
  return `${sessionCookieName()}=${token}; ${cookieAttributes(maxAge)}`;
}

export function serializeBlankSessionCookie(): string {
  return `${sessionCookieName()}=; ${cookieAttributes(0)}`;
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      const value = rest.join("=");
      // Tokens are base32 lower-case: anything else is not ours and is ignored.
      return /^[a-z2-7]{32}$/.test(value) ? value : null;
    }
  }
  return null;
}
