import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import { collaborations, regions, users } from "../../db/schema/accounts";
import { lessons, lessonSetLinks, requirementLessonLinks } from "../../db/schema/lessons";
import { procurementLessonLinks, procurements } from "../../db/schema/procurements";
import { requirementSets, requirements } from "../../db/schema/requirements";
import { writeAuditEvent } from "~/utils/audit.server";
import { rowsOf, type Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import type { LessonSeverity, LessonSort, LessonSourceKind } from "~/utils/lesson-fields";
import type { LessonInput } from "~/utils/lesson-schemas";
import type { LouPhase } from "~/utils/lou-phases";
import { procurementVisibleTo, visibleTo, type Principal, type Resource } from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";
import type { Area, Visibility } from "~/utils/requirement-fields";

/**
 * Lärdomar: what went wrong in a procurement, what to learn and what to do next time. A lesson is
 * a shareable item of its owner region (private, one collaboration, or every region). Every list,
 * count and link query puts the policy's `visibleTo` in its `where`, so a lesson (or a set, or a
 * requirement's set) the user may not read never shows up, not even as a number.
 */

export type LessonFilters = {
  q: string;
  area?: Area;
  phase?: LouPhase;
  severity?: LessonSeverity;
  sourceKind?: LessonSourceKind;
  regionId?: string;
  archived: boolean;
  sort: LessonSort;
  page: number;
};

export const LESSONS_PAGE_SIZE = 50;

/** The filters a facet count leaves out: its own (so each option says what choosing it would give). */
type Facet = "area" | "phase" | "severity" | "sourceKind" | "region";

/** The policy's view of a lesson row. */
export function lessonResource(lesson: {
  ownerRegionId: string;
  visibility: Visibility;
  collaborationId: string | null;
}): Extract<Resource, { type: "shareable" }> {
  return {
    type: "shareable",
    ownerRegionId: lesson.ownerRegionId,
    visibility: lesson.visibility,
    collaborationId: lesson.collaborationId,
  };
}

/** `%`, `_` and `\` typed by a person are literal characters, not patterns. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Swedish full-text match (stems: "överprövningar" finds "överprövning"), or a plain substring ("PDL", "3R"). */
function textMatch(q: string): SQL {
  const document = sql`${lessons.title} || ' ' || ${lessons.whatHappened} || ' ' || ${lessons.lesson} || ' ' ||
    ${lessons.recommendation} || ' ' || ${lessons.sourceTitle}`;
  return sql`(to_tsvector('swedish', ${document}) @@ websearch_to_tsquery('swedish', ${q})
    or ${lessons.title} ilike ${likePattern(q)} or ${lessons.sourceTitle} ilike ${likePattern(q)})`;
}

function filterConditions(principal: Principal | null, filters: LessonFilters, except?: Facet): SQL[] {
  const conditions: SQL[] = [
    visibleTo(principal, lessons),
    filters.archived ? isNotNull(lessons.archivedAt) : isNull(lessons.archivedAt),
  ];
  if (filters.q) conditions.push(textMatch(filters.q));
  if (filters.area && except !== "area") conditions.push(sql`${filters.area} = any(${lessons.areas})`);
  if (filters.phase && except !== "phase") conditions.push(eq(lessons.phase, filters.phase));
  if (filters.severity && except !== "severity") conditions.push(eq(lessons.severity, filters.severity));
  if (filters.sourceKind && except !== "sourceKind") conditions.push(eq(lessons.sourceKind, filters.sourceKind));
  if (filters.regionId && except !== "region") conditions.push(eq(lessons.ownerRegionId, filters.regionId));
  return conditions;
}

function sortOrder(sort: LessonSort): SQL[] {
  switch (sort) {
    case "severity":
      // The enum is declared low → high, so descending puts "hög" first.
      return [desc(lessons.severity), sql`${lessons.sourceDate} desc nulls last`, asc(lessons.title)];
    case "title":
      return [asc(lessons.title)];
    case "date":
      return [sql`${lessons.sourceDate} desc nulls last`, desc(lessons.severity), asc(lessons.title)];
  }
}

export type FacetCount = { value: string; label: string | null; count: number };
export type LessonFacets = Record<Facet, FacetCount[]>;

/**
 * How many visible lessons each filter option would give, with the other filters applied: one
 * statement for all five facets.
 */
async function countFacets(principal: Principal | null, filters: LessonFilters): Promise<LessonFacets> {
  const where = (facet: Facet) => and(...filterConditions(principal, filters, facet));
  const rows = rowsOf<{ facet: Facet; value: string; label: string | null; count: number | string }>(
    await db.execute(sql`
      select 'severity' as facet, ${lessons.severity}::text as value, null as label, count(*)::int as count
        from ${lessons} where ${where("severity")} group by ${lessons.severity}
      union all
      select 'phase', ${lessons.phase}::text, null, count(*)::int
        from ${lessons} where ${lessons.phase} is not null and ${where("phase")} group by ${lessons.phase}
      union all
      select 'sourceKind', ${lessons.sourceKind}::text, null, count(*)::int
        from ${lessons} where ${where("sourceKind")} group by ${lessons.sourceKind}
      union all
      select 'region', ${lessons.ownerRegionId}::text, min(${regions.name}), count(*)::int
        from ${lessons} join ${regions} on ${regions.id} = ${lessons.ownerRegionId}
        where ${where("region")} group by ${lessons.ownerRegionId}
      union all
      select 'area', lesson_area.code, null, count(*)::int
        from ${lessons} cross join lateral unnest(${lessons.areas}) as lesson_area(code)
        where ${where("area")} group by lesson_area.code`),
  );
  const facets: LessonFacets = { area: [], phase: [], severity: [], sourceKind: [], region: [] };
  for (const row of rows) facets[row.facet].push({ value: row.value, label: row.label, count: Number(row.count) });
  facets.region.sort((a, b) => (a.label ?? "").localeCompare(b.label ?? "", "sv"));
  return facets;
}

/**
 * The lessons the principal may read, filtered, sorted and paged, with facet counts and the total.
 * Each row says how many requirements (in sets the principal may read) were written because of it.
 */
export async function listLessons({ principal, filters }: { principal: Principal | null; filters: LessonFilters }) {
  const [rows, facets] = await Promise.all([
    db
      .select({
        id: lessons.id,
        title: lessons.title,
        severity: lessons.severity,
        phase: lessons.phase,
        sourceKind: lessons.sourceKind,
        sourceTitle: lessons.sourceTitle,
        sourceDate: lessons.sourceDate,
        unverified: lessons.unverified,
        areas: lessons.areas,
        visibility: lessons.visibility,
        collaborationName: collaborations.name,
        ownerRegionName: regions.name,
        archivedAt: lessons.archivedAt,
        requirementCount: sql<number>`(select count(*)::int from ${requirementLessonLinks}
          join ${requirements} on ${requirements.id} = ${requirementLessonLinks.requirementId}
            and ${requirements.deletedAt} is null
          join ${requirementSets} on ${requirementSets.id} = ${requirements.setId}
          where ${requirementLessonLinks.lessonId} = ${lessons.id} and ${visibleTo(principal, requirementSets)})`,
      })
      .from(lessons)
      .innerJoin(regions, eq(regions.id, lessons.ownerRegionId))
      .leftJoin(collaborations, eq(collaborations.id, lessons.collaborationId))
      .where(and(...filterConditions(principal, filters)))
      .orderBy(...sortOrder(filters.sort))
      .limit(LESSONS_PAGE_SIZE)
      .offset((filters.page - 1) * LESSONS_PAGE_SIZE),
    countFacets(principal, filters),
  ]);
  // Every lesson has a severity, so the severity facet (all filters but its own) adds up to the total.
  const total = facets.severity
    .filter((facet) => !filters.severity || facet.value === filters.severity)
    .reduce((sum, facet) => sum + facet.count, 0);
  return {
    lessons: rows.map((row) => ({ ...row, requirementCount: Number(row.requirementCount) })),
    total,
    facets,
  };
}

const lessonColumns = {
  id: lessons.id,
  ownerRegionId: lessons.ownerRegionId,
  title: lessons.title,
  whatHappened: lessons.whatHappened,
  lesson: lessons.lesson,
  recommendation: lessons.recommendation,
  sourceKind: lessons.sourceKind,
  sourceTitle: lessons.sourceTitle,
  sourceDate: lessons.sourceDate,
  sourceUrl: lessons.sourceUrl,
  unverified: lessons.unverified,
  phase: lessons.phase,
  areas: lessons.areas,
  severity: lessons.severity,
  visibility: lessons.visibility,
  collaborationId: lessons.collaborationId,
  version: lessons.version,
  archivedAt: lessons.archivedAt,
  createdAt: lessons.createdAt,
  updatedAt: lessons.updatedAt,
};

/** One lesson, if the principal may read it: a hidden lesson and a missing one both give null. */
export async function getVisibleLesson({ lessonId, principal }: { lessonId: string; principal: Principal | null }) {
  const updatedBy = alias(users, "updated_by");
  const [row] = await db
    .select({
      ...lessonColumns,
      ownerRegionName: regions.name,
      collaborationName: collaborations.name,
      updatedByName: updatedBy.name,
    })
    .from(lessons)
    .innerJoin(regions, eq(regions.id, lessons.ownerRegionId))
    .leftJoin(collaborations, eq(collaborations.id, lessons.collaborationId))
    .leftJoin(updatedBy, eq(updatedBy.id, lessons.updatedByUserId))
    .where(and(eq(lessons.id, lessonId), visibleTo(principal, lessons)))
    .limit(1);
  return row ?? null;
}

export type VisibleLesson = NonNullable<Awaited<ReturnType<typeof getVisibleLesson>>>;

/** Writes a new private lesson in the region's workspace. */
export async function createLesson({
  regionId,
  input,
  actorUserId,
  request,
}: {
  regionId: string;
  input: LessonInput;
  actorUserId: string;
  request: RequestInfo;
}): Promise<string> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(lessons)
      .values({ ownerRegionId: regionId, ...input, createdByUserId: actorUserId, updatedByUserId: actorUserId })
      .returning({ id: lessons.id });
    if (!created) throw new Error("insert returned no row");
    await writeAuditEvent(tx, {
      action: "lesson.created",
      actorUserId,
      regionId,
      targetType: "lesson",
      targetId: created.id,
      details: { title: input.title },
      request,
    });
    return created.id;
  });
}

/** The fields of a lesson a person edits, as the edit form shows them. */
export type LessonValues = Pick<VisibleLesson, keyof LessonInput>;

export type LessonConflict = {
  status: "conflict";
  current: LessonValues & { version: number; archived: boolean };
  changedByName: string | null;
  changedAt: Date;
};

export type LessonWriteResult = { status: "saved"; version: number } | LessonConflict | { status: "archived" };

async function loadLessonConflict(tx: Transaction, lessonId: string): Promise<LessonConflict> {
  const updatedBy = alias(users, "updated_by");
  const [current] = await tx
    .select({ ...lessonColumns, changedByName: updatedBy.name })
    .from(lessons)
    .leftJoin(updatedBy, eq(updatedBy.id, lessons.updatedByUserId))
    .where(eq(lessons.id, lessonId));
  if (!current) throw new Error("lesson vanished");
  return {
    status: "conflict",
    current: {
      title: current.title,
      whatHappened: current.whatHappened,
      lesson: current.lesson,
      recommendation: current.recommendation,
      sourceKind: current.sourceKind,
      sourceTitle: current.sourceTitle,
      sourceDate: current.sourceDate,
      sourceUrl: current.sourceUrl,
      unverified: current.unverified,
      phase: current.phase,
      areas: current.areas,
      severity: current.severity,
      version: current.version,
      archived: current.archivedAt !== null,
    },
    changedByName: current.changedByName,
    changedAt: current.updatedAt,
  };
}

/**
 * The guarded write every change of a lesson row goes through: one `UPDATE … WHERE version = …`
 * (and, unless restoring, not archived). Zero rows is someone else's save, or an archived lesson.
 */
async function updateLessonGuarded(
  tx: Transaction,
  {
    lessonId,
    baseVersion,
    values,
    actorUserId,
    archived = false,
  }: {
    lessonId: string;
    baseVersion: number;
    values: Partial<typeof lessons.$inferInsert>;
    actorUserId: string;
    /** The archived state the row must be in for the write. */
    archived?: boolean;
  },
): Promise<LessonWriteResult> {
  const [updated] = await tx
    .update(lessons)
    .set({ ...values, version: sql`${lessons.version} + 1`, updatedAt: new Date(), updatedByUserId: actorUserId })
    .where(
      and(
        eq(lessons.id, lessonId),
        eq(lessons.version, baseVersion),
        archived ? isNotNull(lessons.archivedAt) : isNull(lessons.archivedAt),
      ),
    )
    .returning({ version: lessons.version });
  if (updated) return { status: "saved", version: updated.version };
  const conflict = await loadLessonConflict(tx, lessonId);
  // Same version but the wrong archived state: the lesson was archived (or restored), not edited.
  if (conflict.current.version === baseVersion) return { status: "archived" };
  return conflict;
}

const LESSON_FIELDS = [
  "title",
  "whatHappened",
  "lesson",
  "recommendation",
  "sourceKind",
  "sourceTitle",
  "sourceDate",
  "sourceUrl",
  "unverified",
  "phase",
  "areas",
  "severity",
] as const satisfies ReadonlyArray<keyof LessonInput>;

/** Saves an edit made from `baseVersion`; a newer save by someone else comes back as a conflict. */
export async function updateLesson({
  lessonId,
  baseVersion,
  input,
  actorUserId,
  request,
}: {
  lessonId: string;
  baseVersion: number;
  input: LessonInput;
  actorUserId: string;
  request: RequestInfo;
}): Promise<LessonWriteResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select(lessonColumns).from(lessons).where(eq(lessons.id, lessonId));
    if (!before) throw new Error("lesson vanished");
    const result = await updateLessonGuarded(tx, { lessonId, baseVersion, values: input, actorUserId });
    if (result.status !== "saved") return result;
    const changed = LESSON_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(input[field]));
    await writeAuditEvent(tx, {
      action: "lesson.updated",
      actorUserId,
      regionId: before.ownerRegionId,
      targetType: "lesson",
      targetId: lessonId,
      details: { version: result.version, fields: changed.join(",") },
      request,
    });
    return result;
  });
}

/**
 * Changes who can read a lesson. Audited: a lesson shared with other regions may become a public
 * record (allmän handling), so the act is deliberate and traceable.
 */
export async function shareLesson({
  lessonId,
  baseVersion,
  visibility,
  collaborationId,
  actorUserId,
  request,
}: {
  lessonId: string;
  baseVersion: number;
  visibility: Visibility;
  collaborationId: string | null;
  actorUserId: string;
  request: RequestInfo;
}): Promise<LessonWriteResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        visibility: lessons.visibility,
        collaborationId: lessons.collaborationId,
        ownerRegionId: lessons.ownerRegionId,
      })
      .from(lessons)
      .where(eq(lessons.id, lessonId));
    if (!before) throw new Error("lesson vanished");
    const target = visibility === "collaboration" ? collaborationId : null;
    const result = await updateLessonGuarded(tx, {
      lessonId,
      baseVersion,
      values: { visibility, collaborationId: target },
      actorUserId,
    });
    if (result.status !== "saved") return result;
    await writeAuditEvent(tx, {
      action: "lesson.shared",
      actorUserId,
      regionId: before.ownerRegionId,
      targetType: "lesson",
      targetId: lessonId,
      details: { from: before.visibility, to: visibility, collaborationId: target },
      request,
    });
    return result;
  });
}

/** Archives a lesson (it leaves the list and stops surfacing on requirements) or restores it. */
export async function setLessonArchived({
  lessonId,
  baseVersion,
  archived,
  actorUserId,
  request,
}: {
  lessonId: string;
  baseVersion: number;
  archived: boolean;
  actorUserId: string;
  request: RequestInfo;
}): Promise<LessonWriteResult> {
  return db.transaction(async (tx) => {
    const result = await updateLessonGuarded(tx, {
      lessonId,
      baseVersion,
      values: { archivedAt: archived ? new Date() : null },
      actorUserId,
      archived: !archived,
    });
    if (result.status !== "saved") return result;
    const [row] = await tx
      .select({ ownerRegionId: lessons.ownerRegionId })
      .from(lessons)
      .where(eq(lessons.id, lessonId));
    await writeAuditEvent(tx, {
      action: archived ? "lesson.archived" : "lesson.restored",
      actorUserId,
      regionId: row?.ownerRegionId ?? null,
      targetType: "lesson",
      targetId: lessonId,
      details: { version: result.version },
      request,
    });
    return result;
  });
}

// ---------------------------------------------------------------------------------------------
// What a lesson is linked to
// ---------------------------------------------------------------------------------------------

/** "Krav som skrivits på grund av lärdomen": live requirements in sets the principal may read. */
export async function listLessonRequirements({
  lessonId,
  principal,
}: {
  lessonId: string;
  principal: Principal | null;
}) {
  return db
    .select({
      id: requirements.id,
      ref: requirements.ref,
      title: requirements.title,
      obligation: requirements.obligation,
      setId: requirementSets.id,
      setTitle: requirementSets.title,
      regionName: regions.name,
    })
    .from(requirementLessonLinks)
    .innerJoin(requirements, eq(requirements.id, requirementLessonLinks.requirementId))
    .innerJoin(requirementSets, eq(requirementSets.id, requirements.setId))
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(
      and(
        eq(requirementLessonLinks.lessonId, lessonId),
        isNull(requirements.deletedAt),
        visibleTo(principal, requirementSets),
      ),
    )
    .orderBy(asc(regions.name), asc(requirementSets.title), asc(requirements.ref));
}

/** The sets the lesson concerns, among those the principal may read. */
export async function listLessonSets({ lessonId, principal }: { lessonId: string; principal: Principal | null }) {
  return db
    .select({
      id: requirementSets.id,
      title: requirementSets.title,
      status: requirementSets.status,
      regionName: regions.name,
      archivedAt: requirementSets.archivedAt,
    })
    .from(lessonSetLinks)
    .innerJoin(requirementSets, eq(requirementSets.id, lessonSetLinks.setId))
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(and(eq(lessonSetLinks.lessonId, lessonId), visibleTo(principal, requirementSets)))
    .orderBy(asc(regions.name), asc(requirementSets.title));
}

/** Sets the principal may read and could link the lesson to: not archived, not linked yet. */
export async function listLinkableSets({ lessonId, principal }: { lessonId: string; principal: Principal | null }) {
  return db
    .select({ id: requirementSets.id, title: requirementSets.title, regionName: regions.name })
    .from(requirementSets)
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(
      and(
        visibleTo(principal, requirementSets),
        isNull(requirementSets.archivedAt),
        sql`not exists (select 1 from ${lessonSetLinks} where ${lessonSetLinks.lessonId} = ${lessonId}
          and ${lessonSetLinks.setId} = ${requirementSets.id})`,
      ),
    )
    .orderBy(asc(regions.name), asc(requirementSets.title))
    .limit(500);
}

/** The procurements the lesson is linked to (from their pages), among those the principal may read. */
export async function listLessonProcurements({
  lessonId,
  principal,
}: {
  lessonId: string;
  principal: Principal | null;
}) {
  return db
    .select({
      id: procurements.id,
      title: procurements.title,
      phase: procurements.phase,
      regionName: regions.name,
    })
    .from(procurementLessonLinks)
    .innerJoin(procurements, eq(procurements.id, procurementLessonLinks.procurementId))
    .innerJoin(regions, eq(regions.id, procurements.ownerRegionId))
    .where(
      and(
        eq(procurementLessonLinks.lessonId, lessonId),
        isNull(procurements.archivedAt),
        procurementVisibleTo(principal, {
          ownerRegionId: procurements.ownerRegionId,
          visibility: procurements.visibility,
          collaborationId: procurements.collaborationId,
          procurementId: procurements.id,
        }),
      ),
    )
    .orderBy(asc(procurements.title));
}

export type SetLinkResult = { status: "linked" | "unlinked" | "unchanged" | "archived" | "unknown-set" };

/**
 * Links the lesson to a set the principal may read, or unlinks it. The lesson row is locked and
 * must not be archived; a set the principal cannot read is refused as unknown.
 */
export async function changeLessonSetLink({
  lessonId,
  setId,
  link,
  principal,
  actorUserId,
  request,
}: {
  lessonId: string;
  setId: string;
  link: boolean;
  principal: Principal;
  actorUserId: string;
  request: RequestInfo;
}): Promise<SetLinkResult> {
  return db.transaction(async (tx): Promise<SetLinkResult> => {
    const [lesson] = await tx
      .select({ ownerRegionId: lessons.ownerRegionId, archivedAt: lessons.archivedAt })
      .from(lessons)
      .where(eq(lessons.id, lessonId))
      .for("update");
    if (!lesson || lesson.archivedAt !== null) return { status: "archived" };
    const [set] = await tx
      .select({ id: requirementSets.id, archivedAt: requirementSets.archivedAt })
      .from(requirementSets)
      .where(and(eq(requirementSets.id, setId), visibleTo(principal, requirementSets)));
    if (!set || (link && set.archivedAt !== null)) return { status: "unknown-set" };
    const changed = link
      ? await tx
          .insert(lessonSetLinks)
          .values({ lessonId, setId, createdByUserId: actorUserId })
          .onConflictDoNothing()
          .returning({ setId: lessonSetLinks.setId })
      : await tx
          .delete(lessonSetLinks)
          .where(and(eq(lessonSetLinks.lessonId, lessonId), eq(lessonSetLinks.setId, setId)))
          .returning({ setId: lessonSetLinks.setId });
    if (changed.length === 0) return { status: "unchanged" };
    await writeAuditEvent(tx, {
      action: link ? "lesson.set_linked" : "lesson.set_unlinked",
      actorUserId,
      regionId: lesson.ownerRegionId,
      targetType: "lesson",
      targetId: lessonId,
      details: { setId },
      request,
    });
    return { status: link ? "linked" : "unlinked" };
  });
}
