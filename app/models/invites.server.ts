import { and, desc, eq, gt, isNull } from "drizzle-orm";

import { invites, memberships, regions, users } from "../../db/schema/accounts";
import { writeAuditEvent } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { accountKey, getSignInRetryAfter, ipKey, recordSignInFailure } from "~/utils/rate-limit.server";
import type { RegionRole } from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";
import { createSession, generateSessionToken, hashToken, type Session } from "~/utils/session.server";

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export async function createInvite({
  regionId,
  email,
  role,
  actorUserId,
  request,
  now = new Date(),
}: {
  regionId: string;
  email: string;
  role: RegionRole;
  actorUserId: string;
  request: RequestInfo;
  now?: Date;
}): Promise<{ inviteId: string; token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_MS);
  const normalizedEmail = email.trim().toLowerCase();
  const inviteId = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(invites)
      .values({
        tokenHash: hashToken(token),
        email: normalizedEmail,
        regionId,
        role,
        invitedByUserId: actorUserId,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: invites.id });
    if (!created) throw new Error("insert returned no row");
    await writeAuditEvent(tx, {
      action: "invite.created",
      actorUserId,
      regionId,
      targetType: "invite",
      targetId: created.id,
      details: { email: normalizedEmail, role },
      request,
    });
    return created.id;
  });
  return { inviteId, token, expiresAt };
}

export async function listPendingInvites({ regionId }: { regionId: string }) {
  return db
    .select({
      id: invites.id,
      email: invites.email,
      role: invites.role,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
      invitedBy: users.name,
    })
    .from(invites)
    .leftJoin(users, eq(users.id, invites.invitedByUserId))
    .where(
      and(
        eq(invites.regionId, regionId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invites.createdAt));
}

export async function revokeInvite({
  regionId,
  inviteId,
  actorUserId,
  request,
}: {
  regionId: string;
  inviteId: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(invites)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invites.id, inviteId),
          eq(invites.regionId, regionId),
          isNull(invites.acceptedAt),
          isNull(invites.revokedAt),
        ),
      )
      .returning({ id: invites.id });
    if (revoked.length === 0) return false;
    await writeAuditEvent(tx, {
      action: "invite.revoked",
      actorUserId,
      regionId,
      targetType: "invite",
      targetId: inviteId,
      request,
    });
    return true;
  });
}

export type InviteLookup =
  | {
      status: "valid";
      inviteId: string;
      email: string;
      role: RegionRole;
      regionId: string;
      regionName: string;
      existingUserName: string | null;
    }
  | { status: "invalid" };

/** A usable invite: known token, not accepted, not revoked, not expired. Anything else looks the same. */
export async function findUsableInvite({
  token,
  now = new Date(),
}: {
  token: string;
  now?: Date;
}): Promise<InviteLookup> {
  const [invite] = await db
    .select({
      id: invites.id,
      email: invites.email,
      role: invites.role,
      regionId: invites.regionId,
      regionName: regions.name,
      expiresAt: invites.expiresAt,
      acceptedAt: invites.acceptedAt,
      revokedAt: invites.revokedAt,
    })
    .from(invites)
    .innerJoin(regions, eq(regions.id, invites.regionId))
    .where(eq(invites.tokenHash, hashToken(token)))
    .limit(1);
  if (!invite || invite.acceptedAt || invite.revokedAt || invite.expiresAt.getTime() <= now.getTime()) {
    return { status: "invalid" };
  }
  const [existing] = await db.select({ name: users.name }).from(users).where(eq(users.email, invite.email));
  return {
    status: "valid",
    inviteId: invite.id,
    email: invite.email,
    role: invite.role,
    regionId: invite.regionId,
    regionName: invite.regionName,
    existingUserName: existing?.name ?? null,
  };
}

export type AcceptInviteResult =
  | { status: "accepted"; token: string; session: Session; userId: string }
  | { status: "invalid" }
  | { status: "already-member" }
  | { status: "throttled"; retryAfterSeconds: number }
  | { status: "wrong-password" };

/**
 * Accepts an invite: a new person sets name and password; someone who already has an account
 * proves it with their password. The invite is claimed with a conditional UPDATE, so two
 * submissions of the same link cannot both succeed (single use).
 */
export async function acceptInvite({
  token,
  name,
  password,
  request,
  now = new Date(),
}: {
  token: string;
  name: string | null;
  password: string;
  request: RequestInfo;
  now?: Date;
}): Promise<AcceptInviteResult> {
  const invite = await findUsableInvite({ token, now });
  if (invite.status !== "valid") return { status: "invalid" };
  const [existing] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, invite.email));
  if (existing) {
    // Proving an existing account here is a sign-in: the same throttle guards it.
    const keys = [ipKey(request.ipAddress), accountKey(invite.email)];
    const retryAfterSeconds = await getSignInRetryAfter(keys);
    if (retryAfterSeconds > 0) return { status: "throttled", retryAfterSeconds };
    if (!(await verifyPassword(existing.passwordHash, password))) {
      await recordSignInFailure(request.ipAddress, invite.email);
      return { status: "wrong-password" };
    }
    // An invite never changes the role of someone already in the region (that is a role
    // change, with its own last-admin guard and audit event).
    const [membership] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, existing.id), eq(memberships.regionId, invite.regionId)));
    if (membership) return { status: "already-member" };
  }
  const passwordHash = existing ? null : await hashPassword(password);
  const sessionToken = generateSessionToken();
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(invites)
      .set({ acceptedAt: now })
      .where(
        and(
          eq(invites.id, invite.inviteId),
          isNull(invites.acceptedAt),
          isNull(invites.revokedAt),
          gt(invites.expiresAt, now),
        ),
      )
      .returning({ id: invites.id });
    if (claimed.length === 0) return { status: "invalid" } as const;
    let userId = existing?.id;
    if (!userId) {
      const [created] = await tx
        .insert(users)
        .values({ email: invite.email, name: name ?? invite.email, passwordHash: passwordHash ?? "" })
        .returning({ id: users.id });
      if (!created) throw new Error("insert returned no row");
      userId = created.id;
    }
    await tx.insert(memberships).values({ userId, regionId: invite.regionId, role: invite.role });
    await tx.update(invites).set({ acceptedByUserId: userId }).where(eq(invites.id, invite.inviteId));
    const session = await createSession({
      token: sessionToken,
      userId,
      currentRegionId: invite.regionId,
      ipAddress: request.ipAddress,
      userAgent: request.userAgent,
      tx,
    });
    await writeAuditEvent(tx, {
      action: "invite.accepted",
      actorUserId: userId,
      actorEmail: invite.email,
      regionId: invite.regionId,
      targetType: "invite",
      targetId: invite.inviteId,
      details: { role: invite.role, newAccount: !existing },
      request,
    });
    return { status: "accepted", token: sessionToken, session, userId } as const;
  });
}
