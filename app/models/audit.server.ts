import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import { auditEvents, regions, users } from "../../db/schema/accounts";
import { db } from "~/utils/db.server";

export type AuditFilters = {
  /** Only this region's events; null means every region (platform admins only). */
  regionId: string | null;
  actorUserId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page?: number;
};

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(filters: AuditFilters) {
  const conditions: SQL[] = [];
  if (filters.regionId) conditions.push(eq(auditEvents.regionId, filters.regionId));
  if (filters.actorUserId) conditions.push(eq(auditEvents.actorUserId, filters.actorUserId));
  if (filters.action) conditions.push(eq(auditEvents.action, filters.action));
  if (filters.from) conditions.push(gte(auditEvents.occurredAt, filters.from));
  if (filters.to) conditions.push(lt(auditEvents.occurredAt, filters.to));
  const actor = alias(users, "actor");
  const page = Math.max(1, filters.page ?? 1);
  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      actorName: actor.name,
      actorEmail: auditEvents.actorEmail,
      regionName: regions.shortName,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      requestId: auditEvents.requestId,
      ipAddress: auditEvents.ipAddress,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
    .leftJoin(regions, eq(regions.id, auditEvents.regionId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  return { events: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE, page };
}
