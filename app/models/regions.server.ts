import { and, asc, count, eq, ne } from "drizzle-orm";

import { collaborationRegions, collaborations, memberships, regions, users } from "../../db/schema/accounts";
import { writeAuditEvent } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import type { RegionRole } from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";

export async function listRegions() {
  return db
    .select({
      id: regions.id,
      slug: regions.slug,
      name: regions.name,
      shortName: regions.shortName,
      memberCount: count(memberships.userId),
    })
    .from(regions)
    .leftJoin(memberships, eq(memberships.regionId, regions.id))
    .groupBy(regions.id)
    .orderBy(asc(regions.name));
}

export async function getRegion({ regionId }: { regionId: string }) {
  const [region] = await db
    .select({ id: regions.id, slug: regions.slug, name: regions.name, shortName: regions.shortName })
    .from(regions)
    .where(eq(regions.id, regionId))
    .limit(1);
  return region ?? null;
}

export async function listRegionCollaborations({ regionId }: { regionId: string }) {
  return db
    .select({ id: collaborations.id, name: collaborations.name })
    .from(collaborationRegions)
    .innerJoin(collaborations, eq(collaborations.id, collaborationRegions.collaborationId))
    .where(eq(collaborationRegions.regionId, regionId))
    .orderBy(asc(collaborations.name));
}

export type CreateRegionResult =
  { status: "created"; regionId: string } | { status: "duplicate"; field: "name" | "slug" };

export async function createRegion({
  name,
  shortName,
  slug,
  actorUserId,
  request,
}: {
  name: string;
  shortName: string;
  slug: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<CreateRegionResult> {
  const [byName] = await db.select({ id: regions.id }).from(regions).where(eq(regions.name, name)).limit(1);
  if (byName) return { status: "duplicate", field: "name" };
  const [bySlug] = await db.select({ id: regions.id }).from(regions).where(eq(regions.slug, slug)).limit(1);
  if (bySlug) return { status: "duplicate", field: "slug" };
  const regionId = await db.transaction(async (tx) => {
    const [created] = await tx.insert(regions).values({ name, shortName, slug }).returning({ id: regions.id });
    if (!created) throw new Error("insert returned no row");
    await writeAuditEvent(tx, {
      action: "region.created",
      actorUserId,
      regionId: created.id,
      targetType: "region",
      targetId: created.id,
      details: { name },
      request,
    });
    return created.id;
  });
  return { status: "created", regionId };
}

export async function listRegionMembers({ regionId }: { regionId: string }) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      title: users.title,
      role: memberships.role,
      isLegalCounsel: memberships.isLegalCounsel,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.regionId, regionId))
    .orderBy(asc(users.name));
}

export type MemberChangeResult = { status: "changed" } | { status: "not-found" } | { status: "last-admin" };

async function countOtherAdmins(regionId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ admins: count() })
    .from(memberships)
    .where(and(eq(memberships.regionId, regionId), eq(memberships.role, "admin"), ne(memberships.userId, userId)));
  return row?.admins ?? 0;
}

/** Changes a member's role; a region never loses its last admin this way. */
export async function changeMemberRole({
  regionId,
  userId,
  role,
  actorUserId,
  request,
}: {
  regionId: string;
  userId: string;
  role: RegionRole;
  actorUserId: string;
  request: RequestInfo;
}): Promise<MemberChangeResult> {
  const [current] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.regionId, regionId), eq(memberships.userId, userId)));
  if (!current) return { status: "not-found" };
  if (current.role === role) return { status: "changed" };
  if (current.role === "admin" && (await countOtherAdmins(regionId, userId)) === 0) return { status: "last-admin" };
  await db.transaction(async (tx) => {
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.regionId, regionId), eq(memberships.userId, userId)));
    await writeAuditEvent(tx, {
      action: "member.role_changed",
      actorUserId,
      regionId,
      targetType: "user",
      targetId: userId,
      details: { from: current.role, to: role },
      request,
    });
  });
  return { status: "changed" };
}

export async function removeMember({
  regionId,
  userId,
  actorUserId,
  request,
}: {
  regionId: string;
  userId: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<MemberChangeResult> {
  const [current] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.regionId, regionId), eq(memberships.userId, userId)));
  if (!current) return { status: "not-found" };
  if (current.role === "admin" && (await countOtherAdmins(regionId, userId)) === 0) return { status: "last-admin" };
  await db.transaction(async (tx) => {
    await tx.delete(memberships).where(and(eq(memberships.regionId, regionId), eq(memberships.userId, userId)));
    await writeAuditEvent(tx, {
      action: "member.removed",
      actorUserId,
      regionId,
      targetType: "user",
      targetId: userId,
      details: { role: current.role },
      request,
    });
  });
  return { status: "changed" };
}
