import { createHash } from "node:crypto";

import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import { collaborationRegions, collaborations, regions, users } from "../../db/schema/accounts";
import { lessons } from "../../db/schema/lessons";
import {
  procurementDecisions,
  procurementLessonLinks,
  procurementMilestones,
  procurementRegions,
  procurements,
  procurementSetLinks,
  procurementStatusReports,
} from "../../db/schema/procurements";
import { requirementSets } from "../../db/schema/requirements";
import { writeAuditEvent } from "~/utils/audit.server";
import type { DbOrTransaction, Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import { procurementVisibleTo, visibleTo, type Principal, type Resource } from "~/utils/policy.server";
import {
  type DecisionInput,
  type MilestoneInput,
  type ProcurementInput,
  type ProcurementSort,
  type RagStatus,
  type StatusReportInput,
} from "~/utils/procurement-fields";
import { type LouPhase } from "~/utils/lou-phases";
import type { RequestInfo } from "~/utils/request.server";
import type { Visibility } from "~/utils/requirement-fields";

/**
 * Upphandlingar: the lead region's record of a procurement (phase, RAG, participants), its
 * milestones, decision log, status reports and links to requirement sets and lessons. Every list
 * and count puts the policy's predicate in its `where` (procurementVisibleTo for procurements,
 * visibleTo for the sets and lessons linked to them), so a private procurement, set or lesson
 * never shows to someone who may not read it. Every write is audited in its own transaction.
 */

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

const visibleProcurements = (principal: Principal | null) =>
  procurementVisibleTo(principal, {
    ownerRegionId: procurements.ownerRegionId,
    visibility: procurements.visibility,
    collaborationId: procurements.collaborationId,
    procurementId: procurements.id,
  });

/** The policy's view of a procurement row. */
export function procurementResource(procurement: {
  ownerRegionId: string;
  visibility: Visibility;
  collaborationId: string | null;
  participants: ReadonlyArray<{ id: string }>;
  archivedAt: Date | string | null;
}): Extract<Resource, { type: "procurement" }> {
  return {
    type: "procurement",
    ownerRegionId: procurement.ownerRegionId,
    visibility: procurement.visibility,
    collaborationId: procurement.collaborationId,
    participantRegionIds: procurement.participants.map((participant) => participant.id),
    archived: procurement.archivedAt !== null,
  };
}

export type ProcurementFilters = {
  phase?: LouPhase;
  rag?: RagStatus;
  leadRegionId?: string;
  /** Shared with the collaboration, or led by one of its member regions. */
  collaborationId?: string;
  /** The region leads the procurement or takes part in it. */
  participantRegionId?: string;
  archived: boolean;
  sort: ProcurementSort;
};

function filterConditions(filters: ProcurementFilters, { withRag }: { withRag: boolean }): SQL[] {
  const conditions: SQL[] = [
    filters.archived ? sql`${procurements.archivedAt} is not null` : sql`${procurements.archivedAt} is null`,
  ];
  if (filters.phase) conditions.push(sql`${procurements.phase} = ${filters.phase}`);
  if (withRag && filters.rag) conditions.push(sql`${procurements.rag} = ${filters.rag}`);
  if (filters.leadRegionId) conditions.push(sql`${procurements.ownerRegionId} = ${filters.leadRegionId}`);
  if (filters.collaborationId) {
    conditions.push(sql`(${procurements.collaborationId} = ${filters.collaborationId}
      or exists (select 1 from collaboration_regions fcr
        where fcr.collaboration_id = ${filters.collaborationId} and fcr.region_id = ${procurements.ownerRegionId}))`);
  }
  if (filters.participantRegionId) {
    conditions.push(sql`(${procurements.ownerRegionId} = ${filters.participantRegionId}
      or exists (select 1 from procurement_regions fpr
        where fpr.procurement_id = ${procurements.id} and fpr.region_id = ${filters.participantRegionId}))`);
  }
  return conditions;
}

/** The newest status report by period (then by when it was written): the one the list and overview show. */
const NEWEST_REPORT_ORDER = sql`s.period_end desc, s.period_start desc, s.created_at desc`;

const ORDER_BY: Record<ProcurementSort, SQL> = {
  title: sql`${procurements.title} asc`,
  lead: sql`${regions.name} asc, ${procurements.title} asc`,
  // In the LOU order (the enum's order), avbruten last.
  phase: sql`${procurements.phase} asc, ${procurements.title} asc`,
  // Röd first: what the steering group must look at.
  rag: sql`case ${procurements.rag} when 'red' then 0 when 'amber' then 1 else 2 end, ${procurements.title} asc`,
  report: sql`latest_report_written desc nulls last, ${procurements.title} asc`,
};

export type ProcurementListRow = {
  id: string;
  title: string;
  caseNumber: string;
  phase: LouPhase;
  rag: RagStatus;
  ragReason: string;
  visibility: Visibility;
  ownerRegionId: string;
  leadRegionName: string;
  collaborationName: string | null;
  participants: Array<{ id: string; name: string; shortName: string }>;
  latestReport: { periodStart: string; periodEnd: string; writtenOn: string; rag: RagStatus } | null;
};

/**
 * The procurements the principal may read, filtered and sorted, with how many of them are röd,
 * gul and grön under the same filters except the RAG one (so the counts work as quick filters).
 */
export async function listProcurements({
  principal,
  filters,
}: {
  principal: Principal;
  filters: ProcurementFilters;
}): Promise<{ procurements: ProcurementListRow[]; ragCounts: Record<RagStatus, number> }> {
  const visible = visibleProcurements(principal);
  const latest = (column: SQL) =>
    sql`(select ${column} from procurement_status_reports s where s.procurement_id = ${procurements.id}
      order by ${NEWEST_REPORT_ORDER} limit 1)`;
  const [rows, counts] = await Promise.all([
    db
      .select({
        id: procurements.id,
        title: procurements.title,
        caseNumber: procurements.caseNumber,
        phase: procurements.phase,
        rag: procurements.rag,
        ragReason: procurements.ragReason,
        visibility: procurements.visibility,
        ownerRegionId: procurements.ownerRegionId,
        leadRegionName: regions.name,
        collaborationName: collaborations.name,
        reportStart: sql<string | null>`${latest(sql`s.period_start::text`)}`,
        reportEnd: sql<string | null>`${latest(sql`s.period_end::text`)}`,
        reportRag: sql<RagStatus | null>`${latest(sql`s.rag::text`)}`,
        // Written dates are Swedish calendar days; text, so both drivers return the same thing.
        reportWritten: sql<string | null>`${latest(
          sql`to_char(s.created_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD')`,
        )}`.as("latest_report_written"),
      })
      .from(procurements)
      .innerJoin(regions, eq(regions.id, procurements.ownerRegionId))
      .leftJoin(collaborations, eq(collaborations.id, procurements.collaborationId))
      .where(and(visible, ...filterConditions(filters, { withRag: true })))
      .orderBy(ORDER_BY[filters.sort]),
    db
      .select({ rag: procurements.rag, count: sql<number>`count(*)::int` })
      .from(procurements)
      .where(and(visible, ...filterConditions(filters, { withRag: false })))
      .groupBy(procurements.rag),
  ]);
  const participants = await participantsOf(rows.map((row) => row.id));
  const ragCounts: Record<RagStatus, number> = { red: 0, amber: 0, green: 0 };
  for (const row of counts) ragCounts[row.rag] = Number(row.count);
  return {
    procurements: rows.map(({ reportStart, reportEnd, reportRag, reportWritten, ...row }) => ({
      ...row,
      participants: participants.get(row.id) ?? [],
      latestReport:
        reportStart && reportEnd && reportRag && reportWritten
          ? { periodStart: reportStart, periodEnd: reportEnd, writtenOn: reportWritten, rag: reportRag }
          : null,
    })),
    ragCounts,
  };
}

/** Participating regions of the given procurements (the lead region is not among them). */
async function participantsOf(procurementIds: string[], tx: DbOrTransaction = db) {
  const byProcurement = new Map<string, Array<{ id: string; name: string; shortName: string }>>();
  if (procurementIds.length === 0) return byProcurement;
  const rows = await tx
    .select({
      procurementId: procurementRegions.procurementId,
      id: regions.id,
      name: regions.name,
      shortName: regions.shortName,
    })
    .from(procurementRegions)
    .innerJoin(regions, eq(regions.id, procurementRegions.regionId))
    .where(inArray(procurementRegions.procurementId, procurementIds))
    .orderBy(asc(regions.name));
  for (const { procurementId, ...region } of rows) {
    byProcurement.set(procurementId, [...(byProcurement.get(procurementId) ?? []), region]);
  }
  return byProcurement;
}

/** Regions and collaborations for the list's filters and the form's participant choices. */
export async function getProcurementFilterOptions() {
  const [regionRows, collaborationRows] = await Promise.all([
    db
      .select({ id: regions.id, name: regions.name, shortName: regions.shortName })
      .from(regions)
      .orderBy(asc(regions.name)),
    db
      .select({ id: collaborations.id, name: collaborations.name })
      .from(collaborations)
      .orderBy(asc(collaborations.name)),
  ]);
  return { regions: regionRows, collaborations: collaborationRows };
}

/**
 * One procurement with its participants, if the principal may read it (the policy's predicate is
 * in the `where`, so a hidden procurement and a missing one look the same: null).
 */
export async function getVisibleProcurement({
  procurementId,
  principal,
}: {
  procurementId: string;
  principal: Principal | null;
}) {
  const updatedBy = alias(users, "updated_by");
  const [row] = await db
    .select({
      id: procurements.id,
      ownerRegionId: procurements.ownerRegionId,
      leadRegionName: regions.name,
      title: procurements.title,
      description: procurements.description,
      caseNumber: procurements.caseNumber,
      phase: procurements.phase,
      rag: procurements.rag,
      ragReason: procurements.ragReason,
      visibility: procurements.visibility,
      collaborationId: procurements.collaborationId,
      collaborationName: collaborations.name,
      version: procurements.version,
      archivedAt: procurements.archivedAt,
      createdAt: procurements.createdAt,
      updatedAt: procurements.updatedAt,
      updatedByName: updatedBy.name,
    })
    .from(procurements)
    .innerJoin(regions, eq(regions.id, procurements.ownerRegionId))
    .leftJoin(collaborations, eq(collaborations.id, procurements.collaborationId))
    .leftJoin(updatedBy, eq(updatedBy.id, procurements.updatedByUserId))
    .where(and(eq(procurements.id, procurementId), visibleProcurements(principal)))
    .limit(1);
  if (!row) return null;
  const participants = (await participantsOf([row.id])).get(row.id) ?? [];
  return { ...row, participants };
}

export type VisibleProcurement = NonNullable<Awaited<ReturnType<typeof getVisibleProcurement>>>;

/** What the procurement page shows under the details: milestones, decisions, reports and links. */
export async function getProcurementRecords({
  procurementId,
  principal,
}: {
  procurementId: string;
  principal: Principal;
}) {
  const [milestones, decisions, reports, sets, linkedLessons] = await Promise.all([
    listMilestones({ procurementId }),
    db
      .select({
        id: procurementDecisions.id,
        body: procurementDecisions.body,
        reference: procurementDecisions.reference,
        decidedOn: procurementDecisions.decidedOn,
        summary: procurementDecisions.summary,
        link: procurementDecisions.link,
        unverified: procurementDecisions.unverified,
      })
      .from(procurementDecisions)
      .where(eq(procurementDecisions.procurementId, procurementId))
      .orderBy(desc(procurementDecisions.decidedOn), desc(procurementDecisions.createdAt)),
    db
      .select({
        id: procurementStatusReports.id,
        periodStart: procurementStatusReports.periodStart,
        periodEnd: procurementStatusReports.periodEnd,
        rag: procurementStatusReports.rag,
        summary: procurementStatusReports.summary,
        risks: procurementStatusReports.risks,
        nextSteps: procurementStatusReports.nextSteps,
        authorName: users.name,
        createdAt: procurementStatusReports.createdAt,
      })
      .from(procurementStatusReports)
      .leftJoin(users, eq(users.id, procurementStatusReports.authorUserId))
      .where(eq(procurementStatusReports.procurementId, procurementId))
      .orderBy(
        desc(procurementStatusReports.periodEnd),
        desc(procurementStatusReports.periodStart),
        desc(procurementStatusReports.createdAt),
      ),
    db
      .select({
        id: requirementSets.id,
        title: requirementSets.title,
        status: requirementSets.status,
        regionName: regions.name,
      })
      .from(procurementSetLinks)
      .innerJoin(requirementSets, eq(requirementSets.id, procurementSetLinks.setId))
      .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
      .where(and(eq(procurementSetLinks.procurementId, procurementId), visibleTo(principal, requirementSets)))
      .orderBy(asc(requirementSets.title)),
    db
      .select({
        id: lessons.id,
        title: lessons.title,
        severity: lessons.severity,
        regionName: regions.name,
      })
      .from(procurementLessonLinks)
      .innerJoin(lessons, eq(lessons.id, procurementLessonLinks.lessonId))
      .innerJoin(regions, eq(regions.id, lessons.ownerRegionId))
      .where(and(eq(procurementLessonLinks.procurementId, procurementId), visibleTo(principal, lessons)))
      .orderBy(asc(lessons.title)),
  ]);
  return { milestones, decisions, reports, sets, lessons: linkedLessons };
}

/**
 * Sets and lessons the principal may read and could link (not archived, not linked yet): the
 * choices of the link forms.
 */
export async function listLinkCandidates({
  procurementId,
  principal,
}: {
  procurementId: string;
  principal: Principal;
}) {
  const [sets, lessonRows] = await Promise.all([
    db
      .select({ id: requirementSets.id, title: requirementSets.title, regionName: regions.shortName })
      .from(requirementSets)
      .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
      .where(
        and(
          visibleTo(principal, requirementSets),
          isNull(requirementSets.archivedAt),
          sql`not exists (select 1 from procurement_set_links l
            where l.procurement_id = ${procurementId} and l.set_id = ${requirementSets.id})`,
        ),
      )
      .orderBy(asc(regions.shortName), asc(requirementSets.title)),
    db
      .select({ id: lessons.id, title: lessons.title, regionName: regions.shortName })
      .from(lessons)
      .innerJoin(regions, eq(regions.id, lessons.ownerRegionId))
      .where(
        and(
          visibleTo(principal, lessons),
          isNull(lessons.archivedAt),
          sql`not exists (select 1 from procurement_lesson_links l
            where l.procurement_id = ${procurementId} and l.lesson_id = ${lessons.id})`,
        ),
      )
      .orderBy(asc(lessons.title)),
  ]);
  return { sets, lessons: lessonRows };
}

// ---------------------------------------------------------------------------------------------
// The procurement itself
// ---------------------------------------------------------------------------------------------

export type InvalidParticipants = { status: "invalid-participants"; regionIds: string[] };

/** Participating regions that do not exist; the lead region is dropped from the list, not refused. */
async function checkParticipants(
  tx: DbOrTransaction,
  leadRegionId: string,
  regionIds: readonly string[],
): Promise<{ participants: string[] } | InvalidParticipants> {
  const participants = [...new Set(regionIds)].filter((regionId) => regionId !== leadRegionId);
  if (participants.length === 0) return { participants };
  const found = await tx.select({ id: regions.id }).from(regions).where(inArray(regions.id, participants));
  const known = new Set(found.map((row) => row.id));
  const unknown = participants.filter((regionId) => !known.has(regionId));
  return unknown.length > 0 ? { status: "invalid-participants", regionIds: unknown } : { participants };
}

export async function createProcurement({
  leadRegionId,
  input,
  actorUserId,
  request,
}: {
  leadRegionId: string;
  input: ProcurementInput;
  actorUserId: string;
  request: RequestInfo;
}): Promise<{ status: "created"; procurementId: string } | InvalidParticipants> {
  return db.transaction(async (tx) => {
    const checked = await checkParticipants(tx, leadRegionId, input.participantRegionIds);
    if ("status" in checked) return checked;
    const [created] = await tx
      .insert(procurements)
      .values({
        ownerRegionId: leadRegionId,
        title: input.title,
        description: input.description,
        caseNumber: input.caseNumber,
        phase: input.phase,
        rag: input.rag,
        ragReason: input.ragReason,
        createdByUserId: actorUserId,
        updatedByUserId: actorUserId,
      })
      .returning({ id: procurements.id });
    if (!created) throw new Error("insert returned no row");
    if (checked.participants.length > 0) {
      await tx
        .insert(procurementRegions)
        .values(checked.participants.map((regionId) => ({ procurementId: created.id, regionId })));
    }
    await writeAuditEvent(tx, {
      action: "procurement.created",
      actorUserId,
      regionId: leadRegionId,
      targetType: "procurement",
      targetId: created.id,
      details: { title: input.title, phase: input.phase, rag: input.rag, participants: checked.participants.length },
      request,
    });
    return { status: "created", procurementId: created.id };
  });
}

export type ProcurementConflict = {
  status: "conflict";
  current: { version: number; title: string; phase: LouPhase; rag: RagStatus; ragReason: string };
  changedByName: string | null;
  changedAt: Date;
};

export type ProcurementWriteResult = { status: "saved"; version: number } | ProcurementConflict;

async function loadConflict(tx: Transaction, procurementId: string): Promise<ProcurementConflict> {
  const updatedBy = alias(users, "updated_by");
  const [current] = await tx
    .select({
      version: procurements.version,
      title: procurements.title,
      phase: procurements.phase,
      rag: procurements.rag,
      ragReason: procurements.ragReason,
      updatedAt: procurements.updatedAt,
      changedByName: updatedBy.name,
    })
    .from(procurements)
    .leftJoin(updatedBy, eq(updatedBy.id, procurements.updatedByUserId))
    .where(eq(procurements.id, procurementId));
  if (!current) throw new Error("procurement vanished");
  const { updatedAt, changedByName, ...rest } = current;
  return { status: "conflict", current: rest, changedByName, changedAt: updatedAt };
}

/**
 * Guarded write: one `UPDATE … WHERE id = … AND version = … RETURNING`; zero rows means someone
 * else saved first, and the caller learns so instead of overwriting their change.
 */
async function updateGuarded(
  tx: Transaction,
  {
    procurementId,
    baseVersion,
    values,
    actorUserId,
  }: {
    procurementId: string;
    baseVersion: number;
    values: Partial<typeof procurements.$inferInsert>;
    actorUserId: string;
  },
): Promise<{ version: number } | null> {
  const [updated] = await tx
    .update(procurements)
    .set({ ...values, version: sql`${procurements.version} + 1`, updatedAt: new Date(), updatedByUserId: actorUserId })
    .where(and(eq(procurements.id, procurementId), eq(procurements.version, baseVersion)))
    .returning({ version: procurements.version });
  return updated ?? null;
}

const DETAIL_FIELDS = ["title", "description", "caseNumber", "phase", "rag", "ragReason"] as const;

/** Details, phase, RAG and participants, guarded by the version the form was opened at. */
export async function updateProcurement({
  procurementId,
  baseVersion,
  input,
  actorUserId,
  request,
}: {
  procurementId: string;
  baseVersion: number;
  input: ProcurementInput;
  actorUserId: string;
  request: RequestInfo;
}): Promise<ProcurementWriteResult | InvalidParticipants> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        ownerRegionId: procurements.ownerRegionId,
        title: procurements.title,
        description: procurements.description,
        caseNumber: procurements.caseNumber,
        phase: procurements.phase,
        rag: procurements.rag,
        ragReason: procurements.ragReason,
      })
      .from(procurements)
      .where(eq(procurements.id, procurementId))
      .for("update");
    if (!before) return loadConflict(tx, procurementId);
    const checked = await checkParticipants(tx, before.ownerRegionId, input.participantRegionIds);
    if ("status" in checked) return checked;
    const updated = await updateGuarded(tx, {
      procurementId,
      baseVersion,
      values: {
        title: input.title,
        description: input.description,
        caseNumber: input.caseNumber,
        phase: input.phase,
        rag: input.rag,
        ragReason: input.ragReason,
      },
      actorUserId,
    });
    if (!updated) return loadConflict(tx, procurementId);
    const previous = (await participantsOf([procurementId], tx)).get(procurementId)?.map((region) => region.id) ?? [];
    const participantsChanged =
      previous.length !== checked.participants.length || previous.some((id) => !checked.participants.includes(id));
    if (participantsChanged) {
      await tx.delete(procurementRegions).where(eq(procurementRegions.procurementId, procurementId));
      if (checked.participants.length > 0) {
        await tx
          .insert(procurementRegions)
          .values(checked.participants.map((regionId) => ({ procurementId, regionId })));
      }
    }
    const changed = DETAIL_FIELDS.filter((field) => before[field] !== input[field]);
    await writeAuditEvent(tx, {
      action: "procurement.updated",
      actorUserId,
      regionId: before.ownerRegionId,
      targetType: "procurement",
      targetId: procurementId,
      details: {
        fields: [...changed, ...(participantsChanged ? ["participants"] : [])].join(","),
        phase: input.phase,
        rag: input.rag,
        version: updated.version,
      },
      request,
    });
    return { status: "saved", version: updated.version };
  });
}

/**
 * Changes who can read the procurement. Audited: a procurement shared with other regions may
 * become a public record (allmän handling), so the act is deliberate and traceable. The
 * participating regions read it whatever its visibility.
 */
export async function shareProcurement({
  procurementId,
  baseVersion,
  visibility,
  collaborationId,
  actorUserId,
  request,
}: {
  procurementId: string;
  baseVersion: number;
  visibility: Visibility;
  collaborationId: string | null;
  actorUserId: string;
  request: RequestInfo;
}): Promise<ProcurementWriteResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        ownerRegionId: procurements.ownerRegionId,
        visibility: procurements.visibility,
        collaborationId: procurements.collaborationId,
      })
      .from(procurements)
      .where(eq(procurements.id, procurementId));
    const target = visibility === "collaboration" ? collaborationId : null;
    const updated = await updateGuarded(tx, {
      procurementId,
      baseVersion,
      values: { visibility, collaborationId: target },
      actorUserId,
    });
    if (!updated || !before) return loadConflict(tx, procurementId);
    await writeAuditEvent(tx, {
      action: "procurement.shared",
      actorUserId,
      regionId: before.ownerRegionId,
      targetType: "procurement",
      targetId: procurementId,
      details: {
        from: before.visibility,
        to: visibility,
        fromCollaborationId: before.collaborationId,
        collaborationId: target,
      },
      request,
    });
    return { status: "saved", version: updated.version };
  });
}

export async function setProcurementArchived({
  procurementId,
  baseVersion,
  archived,
  actorUserId,
  request,
}: {
  procurementId: string;
  baseVersion: number;
  archived: boolean;
  actorUserId: string;
  request: RequestInfo;
}): Promise<ProcurementWriteResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ ownerRegionId: procurements.ownerRegionId })
      .from(procurements)
      .where(eq(procurements.id, procurementId));
    const updated = await updateGuarded(tx, {
      procurementId,
      baseVersion,
      values: { archivedAt: archived ? new Date() : null },
      actorUserId,
    });
    if (!updated || !before) return loadConflict(tx, procurementId);
    await writeAuditEvent(tx, {
      action: archived ? "procurement.archived" : "procurement.restored",
      actorUserId,
      regionId: before.ownerRegionId,
      targetType: "procurement",
      targetId: procurementId,
      details: { version: updated.version },
      request,
    });
    return { status: "saved", version: updated.version };
  });
}

/** Collaborations the lead region belongs to: the choices when sharing a procurement. */
export async function listProcurementShareTargets({ regionId }: { regionId: string }) {
  return db
    .select({ id: collaborations.id, name: collaborations.name })
    .from(collaborationRegions)
    .innerJoin(collaborations, eq(collaborations.id, collaborationRegions.collaborationId))
    .where(eq(collaborationRegions.regionId, regionId))
    .orderBy(asc(collaborations.name));
}

// ---------------------------------------------------------------------------------------------
// Milestones
// ---------------------------------------------------------------------------------------------

const milestoneColumns = {
  id: procurementMilestones.id,
  phase: procurementMilestones.phase,
  label: procurementMilestones.label,
  plannedOn: procurementMilestones.plannedOn,
  actualOn: procurementMilestones.actualOn,
  unverified: procurementMilestones.unverified,
  updatedAt: procurementMilestones.updatedAt,
};

type MilestoneRow = {
  phase: LouPhase;
  label: string;
  plannedOn: string | null;
  actualOn: string | null;
  unverified: boolean;
  updatedAt: Date;
};

/**
 * The milestone's concurrency token: a digest of what the edit form showed, including when it was
 * last saved. A milestone has no version column; an edit is refused when the token changed since.
 */
export function milestoneToken(milestone: MilestoneRow): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        milestone.phase,
        milestone.label,
        milestone.plannedOn,
        milestone.actualOn,
        milestone.unverified,
        milestone.updatedAt.toISOString(),
      ]),
    )
    .digest("hex")
    .slice(0, 32);
}

/** The milestones by date (the actual one, or the planned one when it has not happened yet), then phase. */
export async function listMilestones({ procurementId }: { procurementId: string }) {
  const rows = await db
    .select(milestoneColumns)
    .from(procurementMilestones)
    .where(eq(procurementMilestones.procurementId, procurementId))
    .orderBy(
      asc(sql`coalesce(${procurementMilestones.actualOn}, ${procurementMilestones.plannedOn})`),
      asc(procurementMilestones.phase),
      asc(procurementMilestones.createdAt),
    );
  return rows.map(({ updatedAt, ...row }) => ({ ...row, token: milestoneToken({ ...row, updatedAt }) }));
}

export async function getMilestone({ procurementId, milestoneId }: { procurementId: string; milestoneId: string }) {
  const [row] = await db
    .select(milestoneColumns)
    .from(procurementMilestones)
    .where(and(eq(procurementMilestones.id, milestoneId), eq(procurementMilestones.procurementId, procurementId)));
  if (!row) return null;
  const { updatedAt: _updatedAt, ...rest } = row;
  return { ...rest, token: milestoneToken(row) };
}

type ChildWrite = { procurementId: string; actorUserId: string; request: RequestInfo };

async function leadRegionOf(tx: DbOrTransaction, procurementId: string): Promise<string> {
  const [row] = await tx
    .select({ ownerRegionId: procurements.ownerRegionId })
    .from(procurements)
    .where(eq(procurements.id, procurementId));
  if (!row) throw new Error("procurement vanished");
  return row.ownerRegionId;
}

export async function addMilestone({
  procurementId,
  input,
  actorUserId,
  request,
}: ChildWrite & { input: MilestoneInput }): Promise<{ status: "added"; milestoneId: string }> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(procurementMilestones)
      .values({ procurementId, ...input })
      .returning({ id: procurementMilestones.id });
    if (!created) throw new Error("insert returned no row");
    await writeAuditEvent(tx, {
      action: "procurement.milestone_added",
      actorUserId,
      regionId: await leadRegionOf(tx, procurementId),
      targetType: "procurement",
      targetId: procurementId,
      details: { milestoneId: created.id, phase: input.phase, plannedOn: input.plannedOn, actualOn: input.actualOn },
      request,
    });
    return { status: "added", milestoneId: created.id };
  });
}

export type MilestoneUpdateResult =
  | { status: "saved" }
  | { status: "not-found" }
  | { status: "conflict"; current: Omit<NonNullable<Awaited<ReturnType<typeof getMilestone>>>, "id"> };

/** Saves a milestone if it is as the form showed it (same token); otherwise returns how it is now. */
export async function updateMilestone({
  procurementId,
  milestoneId,
  baseToken,
  input,
  actorUserId,
  request,
}: ChildWrite & { milestoneId: string; baseToken: string; input: MilestoneInput }): Promise<MilestoneUpdateResult> {
  return db.transaction(async (tx): Promise<MilestoneUpdateResult> => {
    const [row] = await tx
      .select(milestoneColumns)
      .from(procurementMilestones)
      .where(and(eq(procurementMilestones.id, milestoneId), eq(procurementMilestones.procurementId, procurementId)))
      .for("update");
    if (!row) return { status: "not-found" };
    const token = milestoneToken(row);
    if (token !== baseToken) {
      const { id: _id, updatedAt: _updatedAt, ...current } = row;
      return { status: "conflict", current: { ...current, token } };
    }
    await tx
      .update(procurementMilestones)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(procurementMilestones.id, milestoneId));
    await writeAuditEvent(tx, {
      action: "procurement.milestone_updated",
      actorUserId,
      regionId: await leadRegionOf(tx, procurementId),
      targetType: "procurement",
      targetId: procurementId,
      details: { milestoneId, phase: input.phase, plannedOn: input.plannedOn, actualOn: input.actualOn },
      request,
    });
    return { status: "saved" };
  });
}

export async function removeMilestone({
  procurementId,
  milestoneId,
  actorUserId,
  request,
}: ChildWrite & { milestoneId: string }): Promise<{ status: "removed" | "not-found" }> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(procurementMilestones)
      .where(and(eq(procurementMilestones.id, milestoneId), eq(procurementMilestones.procurementId, procurementId)))
      .returning({ phase: procurementMilestones.phase, label: procurementMilestones.label });
    if (!removed) return { status: "not-found" };
    await writeAuditEvent(tx, {
      action: "procurement.milestone_removed",
      actorUserId,
      regionId: await leadRegionOf(tx, procurementId),
      targetType: "procurement",
      targetId: procurementId,
      details: { milestoneId, phase: removed.phase, label: removed.label },
      request,
    });
    return { status: "removed" };
  });
}

// ---------------------------------------------------------------------------------------------
// Decision log
// ---------------------------------------------------------------------------------------------

export async function addDecision({
  procurementId,
  input,
  actorUserId,
  request,
}: ChildWrite & { input: DecisionInput }): Promise<{ status: "added"; decisionId: string }> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(procurementDecisions)
      .values({ procurementId, ...input, createdByUserId: actorUserId })
      .returning({ id: procurementDecisions.id });
    if (!created) throw new Error("insert returned no row");
    await writeAuditEvent(tx, {
      action: "procurement.decision_added",
      actorUserId,
      regionId: await leadRegionOf(tx, procurementId),
      targetType: "procurement",
      targetId: procurementId,
      details: { decisionId: created.id, body: input.body, reference: input.reference, decidedOn: input.decidedOn },
      request,
    });
    return { status: "added", decisionId: created.id };
  });
}

export async function removeDecision({
  procurementId,
  decisionId,
  actorUserId,
  request,
}: ChildWrite & { decisionId: string }): Promise<{ status: "removed" | "not-found" }> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(procurementDecisions)
      .where(and(eq(procurementDecisions.id, decisionId), eq(procurementDecisions.procurementId, procurementId)))
      .returning({ reference: procurementDecisions.reference, decidedOn: procurementDecisions.decidedOn });
    if (!removed) return { status: "not-found" };
    // What was removed stays readable in the audit log.
    await writeAuditEvent(tx, {
      action: "procurement.decision_removed",
      actorUserId,
      regionId: await leadRegionOf(tx, procurementId),
      targetType: "procurement",
      targetId: procurementId,
      details: { decisionId, reference: removed.reference, decidedOn: removed.decidedOn },
      request,
    });
    return { status: "removed" };
  });
}

// ---------------------------------------------------------------------------------------------
// Status reports
// ---------------------------------------------------------------------------------------------

/**
 * Adds the lead region's status report. When it covers the newest period (no other report ends
 * later, or ends the same day and starts later), its RAG and summary become the procurement's
 * RAG and reason, and the procurement's version moves on (an edit form opened before then gets
 * a conflict instead of overwriting the report's status). The procurement row is locked first,
 * so two reports written at once agree on which one is the newest.
 */
export async function addStatusReport({
  procurementId,
  input,
  actorUserId,
  request,
}: ChildWrite & { input: StatusReportInput }): Promise<{ status: "added"; reportId: string; updatedRag: boolean }> {
  return db.transaction(async (tx) => {
    const [procurement] = await tx
      .select({ ownerRegionId: procurements.ownerRegionId })
      .from(procurements)
      .where(eq(procurements.id, procurementId))
      .for("update");
    if (!procurement) throw new Error("procurement vanished");
    const [newer] = await tx
      .select({ id: procurementStatusReports.id })
      .from(procurementStatusReports)
      .where(
        and(
          eq(procurementStatusReports.procurementId, procurementId),
          sql`(${procurementStatusReports.periodEnd} > ${input.periodEnd}
            or (${procurementStatusReports.periodEnd} = ${input.periodEnd}
              and ${procurementStatusReports.periodStart} > ${input.periodStart}))`,
        ),
      )
      .limit(1);
    const [created] = await tx
      .insert(procurementStatusReports)
      .values({ procurementId, ...input, authorUserId: actorUserId })
      .returning({ id: procurementStatusReports.id });
    if (!created) throw new Error("insert returned no row");
    const newest = newer === undefined;
    if (newest) {
      await tx
        .update(procurements)
        .set({
          rag: input.rag,
          ragReason: input.summary,
          version: sql`${procurements.version} + 1`,
          updatedAt: new Date(),
          updatedByUserId: actorUserId,
        })
        .where(eq(procurements.id, procurementId));
    }
    await writeAuditEvent(tx, {
      action: "procurement.report_added",
      actorUserId,
      regionId: procurement.ownerRegionId,
      targetType: "procurement",
      targetId: procurementId,
      details: {
        reportId: created.id,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        rag: input.rag,
        updatedRag: newest,
      },
      request,
    });
    return { status: "added", reportId: created.id, updatedRag: newest };
  });
}

// ---------------------------------------------------------------------------------------------
// Links to requirement sets and lessons
// ---------------------------------------------------------------------------------------------

export type LinkResult = { status: "linked" | "unlinked" | "not-found" | "already-linked" };

/** Links a set the principal may read (and that is not archived); others are "not-found". */
export async function linkSet({
  procurementId,
  setId,
  principal,
  actorUserId,
  request,
}: ChildWrite & { setId: string; principal: Principal }): Promise<LinkResult> {
  return db.transaction(async (tx): Promise<LinkResult> => {
    const [set] = await tx
      .select({ id: requirementSets.id, title: requirementSets.title })
      .from(requirementSets)
      .where(
        and(eq(requirementSets.id, setId), visibleTo(principal, requirementSets), isNull(requirementSets.archivedAt)),
      );
    if (!set) return { status: "not-found" };
    const inserted = await tx
      .insert(procurementSetLinks)
      .values({ procurementId, setId, createdByUserId: actorUserId })
      .onConflictDoNothing()
      .returning({ setId: procurementSetLinks.setId });
    if (inserted.length === 0) return { status: "already-linked" };
    await writeAuditEvent(tx, {
      action: "procurement.set_linked",
      actorUserId,
      regionId: await leadRegionOf(tx, procurementId),
      targetType: "procurement",
      targetId: procurementId,
      details: { setId, title: set.title },
      request,
    });
    return { status: "linked" };
  });
}

/** Unlinks a set; one the principal may not read is "not-found", as if it were not linked. */
export async function unlinkSet({
  procurementId,
  setId,
  principal,
  actorUserId,
  request,
}: ChildWrite & { setId: string; principal: Principal }): Promise<LinkResult> {
  return db.transaction(async (tx): Promise<LinkResult> => {
    const [set] = await tx
      .select({ id: requirementSets.id })
      .from(requirementSets)
      .where(and(eq(requirementSets.id, setId), visibleTo(principal, requirementSets)));
    if (!set) return { status: "not-found" };
    const removed = await tx
      .delete(procurementSetLinks)
      .where(and(eq(procurementSetLinks.procurementId, procurementId), eq(procurementSetLinks.setId, setId)))
      .returning({ setId: procurementSetLinks.setId });
    if (removed.length === 0) return { status: "not-found" };
    await writeAuditEvent(tx, {
      action: "procurement.set_unlinked",
      actorUserId,
      regionId: await leadRegionOf(tx, procurementId),
      targetType: "procurement",
      targetId: procurementId,
      details: { setId },
      request,
    });
    return { status: "unlinked" };
  });
}

/** Links a lesson the principal may read (and that is not archived); others are "not-found". */
export async function linkLesson({
  procurementId,
  lessonId,
  principal,
  actorUserId,
  request,
}: ChildWrite & { lessonId: string; principal: Principal }): Promise<LinkResult> {
  return db.transaction(async (tx): Promise<LinkResult> => {
    const [lesson] = await tx
      .select({ id: lessons.id, title: lessons.title })
      .from(lessons)
      .where(and(eq(lessons.id, lessonId), visibleTo(principal, lessons), isNull(lessons.archivedAt)));
    if (!lesson) return { status: "not-found" };
    const inserted = await tx
      .insert(procurementLessonLinks)
      .values({ procurementId, lessonId, createdByUserId: actorUserId })
      .onConflictDoNothing()
      .returning({ lessonId: procurementLessonLinks.lessonId });
    if (inserted.length === 0) return { status: "already-linked" };
    await writeAuditEvent(tx, {
      action: "procurement.lesson_linked",
      actorUserId,
      regionId: await leadRegionOf(tx, procurementId),
      targetType: "procurement",
      targetId: procurementId,
      details: { lessonId, title: lesson.title },
      request,
    });
    return { status: "linked" };
  });
}

export async function unlinkLesson({
  procurementId,
  lessonId,
  principal,
  actorUserId,
  request,
}: ChildWrite & { lessonId: string; principal: Principal }): Promise<LinkResult> {
  return db.transaction(async (tx): Promise<LinkResult> => {
    const [lesson] = await tx
      .select({ id: lessons.id })
      .from(lessons)
      .where(and(eq(lessons.id, lessonId), visibleTo(principal, lessons)));
    if (!lesson) return { status: "not-found" };
    const removed = await tx
      .delete(procurementLessonLinks)
      .where(
        and(eq(procurementLessonLinks.procurementId, procurementId), eq(procurementLessonLinks.lessonId, lessonId)),
      )
      .returning({ lessonId: procurementLessonLinks.lessonId });
    if (removed.length === 0) return { status: "not-found" };
    await writeAuditEvent(tx, {
      action: "procurement.lesson_unlinked",
      actorUserId,
      regionId: await leadRegionOf(tx, procurementId),
      targetType: "procurement",
      targetId: procurementId,
      details: { lessonId },
      request,
    });
    return { status: "unlinked" };
  });
}
