import { and, asc, eq } from "drizzle-orm";

import { collaborationRegions, collaborations, regions, steeringGroupMembers, users } from "../../db/schema/accounts";
import { writeAuditEvent } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import type { SteeringRole } from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";

export async function listCollaborations() {
  const rows = await db
    .select({
      id: collaborations.id,
      slug: collaborations.slug,
      name: collaborations.name,
      description: collaborations.description,
      regionName: regions.shortName,
    })
    .from(collaborations)
    .leftJoin(collaborationRegions, eq(collaborationRegions.collaborationId, collaborations.id))
    .leftJoin(regions, eq(regions.id, collaborationRegions.regionId))
    .orderBy(asc(collaborations.name), asc(regions.shortName));
  const byId = new Map<
    string,
    { id: string; slug: string; name: string; description: string; regionNames: string[] }
  >();
  for (const row of rows) {
    const entry = byId.get(row.id) ?? {
      id: row.id,
      slug: row.slug,
      name: row.name,
      description: row.description,
      regionNames: [],
    };
    if (row.regionName) entry.regionNames.push(row.regionName);
    byId.set(row.id, entry);
  }
  return [...byId.values()];
}

export async function getCollaboration({ collaborationId }: { collaborationId: string }) {
  const [collaboration] = await db
    .select({
      id: collaborations.id,
      slug: collaborations.slug,
      name: collaborations.name,
      description: collaborations.description,
    })
    .from(collaborations)
    .where(eq(collaborations.id, collaborationId))
    .limit(1);
  if (!collaboration) return null;
  const [memberRegions, steeringGroup] = await Promise.all([
    db
      .select({
        id: regions.id,
        name: regions.name,
        shortName: regions.shortName,
        since: collaborationRegions.createdAt,
      })
      .from(collaborationRegions)
      .innerJoin(regions, eq(regions.id, collaborationRegions.regionId))
      .where(eq(collaborationRegions.collaborationId, collaborationId))
      .orderBy(asc(regions.name)),
    db
      .select({
        userId: users.id,
        name: users.name,
        title: users.title,
        email: users.email,
        role: steeringGroupMembers.role,
      })
      .from(steeringGroupMembers)
      .innerJoin(users, eq(users.id, steeringGroupMembers.userId))
      .where(eq(steeringGroupMembers.collaborationId, collaborationId))
      .orderBy(asc(steeringGroupMembers.role), asc(users.name)),
  ]);
  return { ...collaboration, memberRegions, steeringGroup };
}

export type CreateCollaborationResult =
  { status: "created"; collaborationId: string } | { status: "duplicate"; field: "name" | "slug" };

export async function createCollaboration({
  name,
  slug,
  description,
  regionIds,
  actorUserId,
  request,
}: {
  name: string;
  slug: string;
  description: string;
  regionIds: string[];
  actorUserId: string;
  request: RequestInfo;
}): Promise<CreateCollaborationResult> {
  const [byName] = await db.select({ id: collaborations.id }).from(collaborations).where(eq(collaborations.name, name));
  if (byName) return { status: "duplicate", field: "name" };
  const [bySlug] = await db.select({ id: collaborations.id }).from(collaborations).where(eq(collaborations.slug, slug));
  if (bySlug) return { status: "duplicate", field: "slug" };
  const collaborationId = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(collaborations)
      .values({ name, slug, description })
      .returning({ id: collaborations.id });
    if (!created) throw new Error("insert returned no row");
    if (regionIds.length > 0) {
      await tx
        .insert(collaborationRegions)
        .values(regionIds.map((regionId) => ({ collaborationId: created.id, regionId })));
    }
    await writeAuditEvent(tx, {
      action: "collaboration.created",
      actorUserId,
      targetType: "collaboration",
      targetId: created.id,
      details: { name, regions: regionIds.length },
      request,
    });
    return created.id;
  });
  return { status: "created", collaborationId };
}

export async function addCollaborationRegion({
  collaborationId,
  regionId,
  actorUserId,
  request,
}: {
  collaborationId: string;
  regionId: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<void> {
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(collaborationRegions)
      .values({ collaborationId, regionId })
      .onConflictDoNothing()
      .returning({ regionId: collaborationRegions.regionId });
    if (inserted.length === 0) return;
    await writeAuditEvent(tx, {
      action: "collaboration.region_added",
      actorUserId,
      regionId,
      targetType: "collaboration",
      targetId: collaborationId,
      request,
    });
  });
}

export async function removeCollaborationRegion({
  collaborationId,
  regionId,
  actorUserId,
  request,
}: {
  collaborationId: string;
  regionId: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(collaborationRegions)
      .where(
        and(eq(collaborationRegions.collaborationId, collaborationId), eq(collaborationRegions.regionId, regionId)),
      )
      .returning({ regionId: collaborationRegions.regionId });
    if (removed.length === 0) return;
    await writeAuditEvent(tx, {
      action: "collaboration.region_removed",
      actorUserId,
      regionId,
      targetType: "collaboration",
      targetId: collaborationId,
      request,
    });
  });
}

export type SteeringChangeResult = { status: "changed" } | { status: "unknown-user" };

export async function setSteeringMember({
  collaborationId,
  email,
  role,
  actorUserId,
  request,
}: {
  collaborationId: string;
  email: string;
  role: SteeringRole;
  actorUserId: string;
  request: RequestInfo;
}): Promise<SteeringChangeResult> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!user) return { status: "unknown-user" };
  await db.transaction(async (tx) => {
    await tx
      .insert(steeringGroupMembers)
      .values({ collaborationId, userId: user.id, role })
      .onConflictDoUpdate({
        target: [steeringGroupMembers.collaborationId, steeringGroupMembers.userId],
        set: { role },
      });
    await writeAuditEvent(tx, {
      action: "collaboration.steering_added",
      actorUserId,
      targetType: "collaboration",
      targetId: collaborationId,
      details: { userId: user.id, role },
      request,
    });
  });
  return { status: "changed" };
}

export async function removeSteeringMember({
  collaborationId,
  userId,
  actorUserId,
  request,
}: {
  collaborationId: string;
  userId: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(steeringGroupMembers)
      .where(and(eq(steeringGroupMembers.collaborationId, collaborationId), eq(steeringGroupMembers.userId, userId)))
      .returning({ userId: steeringGroupMembers.userId });
    if (removed.length === 0) return;
    await writeAuditEvent(tx, {
      action: "collaboration.steering_removed",
      actorUserId,
      targetType: "collaboration",
      targetId: collaborationId,
      details: { userId },
      request,
    });
  });
}
