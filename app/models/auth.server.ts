import { and, eq } from "drizzle-orm";

import { memberships, sessions, users } from "../../db/schema/accounts";
import { writeAuditEvent } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { getDummyPasswordHash, hashPassword, verifyPassword } from "~/utils/password.server";
import {
  accountKey,
  clearAccountFailures,
  getSignInRetryAfter,
  ipKey,
  recordSignInFailure,
} from "~/utils/rate-limit.server";
import type { RequestInfo } from "~/utils/request.server";
import {
  createSession,
  generateSessionToken,
  invalidateAllUserSessions,
  invalidateSession,
  type Session,
} from "~/utils/session.server";

export type SignInResult =
  | { status: "signed-in"; token: string; session: Session; userId: string }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number };

/**
 * Checks the throttle, the password, and on success starts a brand-new session (a new token at
 * every sign-in: no session fixation). Every outcome is audited.
 */
export async function signIn({
  email,
  password,
  request,
}: {
  email: string;
  password: string;
  request: RequestInfo;
}): Promise<SignInResult> {
  const normalizedEmail = email.trim().toLowerCase();
  const retryAfterSeconds = await getSignInRetryAfter([ipKey(request.ipAddress), accountKey(normalizedEmail)]);
  if (retryAfterSeconds > 0) {
    await writeAuditEvent(db, {
      action: "auth.sign_in_throttled",
      actorUserId: null,
      actorEmail: normalizedEmail,
      outcome: "denied",
      request,
    });
    return { status: "throttled", retryAfterSeconds };
  }
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, normalizedEmail))
    .limit(1);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await getDummyPasswordHash()), password);
  if (!user || !passwordOk) {
    await recordSignInFailure(request.ipAddress, normalizedEmail);
    await writeAuditEvent(db, {
      action: "auth.sign_in_failed",
      actorUserId: user?.id ?? null,
      actorEmail: normalizedEmail,
      outcome: "failure",
      request,
    });
    return { status: "invalid" };
  }
  await clearAccountFailures(normalizedEmail);
  const [firstMembership] = await db
    .select({ regionId: memberships.regionId })
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .limit(1);
  const token = generateSessionToken();
  const session = await db.transaction(async (tx) => {
    const created = await createSession({
      token,
      userId: user.id,
      currentRegionId: firstMembership?.regionId ?? null,
      ipAddress: request.ipAddress,
      userAgent: request.userAgent,
      tx,
    });
    await writeAuditEvent(tx, {
      action: "auth.sign_in",
      actorUserId: user.id,
      actorEmail: normalizedEmail,
      regionId: firstMembership?.regionId ?? null,
      request,
    });
    return created;
  });
  return { status: "signed-in", token, session, userId: user.id };
}

export async function signOut({
  sessionId,
  userId,
  request,
}: {
  sessionId: string;
  userId: string;
  request: RequestInfo;
}): Promise<void> {
  await db.transaction(async (tx) => {
    await invalidateSession(sessionId, tx);
    await writeAuditEvent(tx, { action: "auth.sign_out", actorUserId: userId, request });
  });
}

export type ChangePasswordResult =
  { status: "changed"; token: string; session: Session } | { status: "wrong-password" };

/**
 * Changes the password and ends every session of the user, this one included, then starts a
 * fresh one for this browser: a stolen session cannot survive a password change.
 */
export async function changePassword({
  userId,
  currentRegionId,
  currentPassword,
  newPassword,
  request,
}: {
  userId: string;
  currentRegionId: string | null;
  currentPassword: string;
  newPassword: string;
  request: RequestInfo;
}): Promise<ChangePasswordResult> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return { status: "wrong-password" };
  const passwordHash = await hashPassword(newPassword);
  const token = generateSessionToken();
  const session = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
    await invalidateAllUserSessions(userId, { tx });
    const created = await createSession({
      token,
      userId,
      currentRegionId,
      ipAddress: request.ipAddress,
      userAgent: request.userAgent,
      tx,
    });
    await writeAuditEvent(tx, { action: "auth.password_changed", actorUserId: userId, request });
    return created;
  });
  return { status: "changed", token, session };
}

export async function revokeOtherSession({
  userId,
  sessionId,
  request,
}: {
  userId: string;
  sessionId: string;
  request: RequestInfo;
}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .returning({ id: sessions.id });
    if (deleted.length === 0) return false;
    await writeAuditEvent(tx, {
      action: "auth.session_revoked",
      actorUserId: userId,
      targetType: "session",
      targetId: sessionId.slice(0, 12),
      request,
    });
    return true;
  });
}

export async function setUserLocale({ userId, locale }: { userId: string; locale: "sv" | "en" }): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export async function revokeAllOtherSessions({
  userId,
  currentSessionId,
  request,
}: {
  userId: string;
  currentSessionId: string;
  request: RequestInfo;
}): Promise<void> {
  await db.transaction(async (tx) => {
    await invalidateAllUserSessions(userId, { except: currentSessionId, tx });
    await writeAuditEvent(tx, {
      action: "auth.session_revoked",
      actorUserId: userId,
      targetType: "session",
      targetId: "all-others",
      request,
    });
  });
}
