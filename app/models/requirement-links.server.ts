import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";

import { regions } from "../../db/schema/accounts";
import { lessons, requirementLessonLinks } from "../../db/schema/lessons";
import { requirements } from "../../db/schema/requirements";
import { requirementStandardLinks, standards, standardVersions } from "../../db/schema/standards";
import { writeAuditEvent } from "~/utils/audit.server";
import { rowsOf, type Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import type { LessonSeverity } from "~/utils/lesson-fields";
import { visibleTo, type Principal } from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";
import type { StandardChoice } from "~/utils/requirement-link-schemas";

import { lockEditableSet } from "./requirements.server";

/**
 * A requirement's links to standards (pinned to a version) and to lessons, and the lessons that
 * surface on it. Standards are read with direct queries on the catalogue tables. A lesson is
 * shown only when the principal may read it (the policy's `visibleTo` in every `where`); a link
 * change needs `set.edit` (the route asks), takes the set's lock like any requirement write, is
 * audited, and bumps nothing else: neither the requirement's version nor the set's.
 */

/** Area-matched lessons shown on a requirement, beyond the directly linked ones (all of those show). */
export const SURFACED_AREA_LESSONS = 6;

export type LinkedStandard = {
  standardId: string;
  code: string;
  name: string;
  /** The version the requirement refers to; null when the catalogue had none to pin. */
  pinnedVersion: string | null;
  currentVersion: string;
  lifecycle: "current" | "incoming" | "outgoing";
};

export type SurfacedLesson = {
  id: string;
  title: string;
  severity: LessonSeverity;
  recommendation: string;
  ownerRegionName: string;
  unverified: boolean;
  archived: boolean;
  /** Linked to this requirement directly; otherwise it surfaces because it concerns the area. */
  linked: boolean;
};

export type RequirementLinks = {
  standards: LinkedStandard[];
  lessons: SurfacedLesson[];
  /** How many visible, live lessons concern the area in all (only the first few are shown). */
  areaLessonTotal: number;
};

function parseJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/**
 * Everything the requirement page shows about links, in ONE statement (the page's budget): the
 * linked standards with their pinned and current versions, and the lessons to show: those linked
 * directly, then the live ones whose areas include the requirement's area; most severe first.
 * `requirementId` null (a requirement being written) gives the area's lessons only.
 */
export async function getRequirementLinks({
  requirementId,
  area,
  principal,
}: {
  requirementId: string | null;
  area: string;
  principal: Principal | null;
}): Promise<RequirementLinks> {
  const [row] = rowsOf<{
    standards: LinkedStandard[] | string;
    lessons: SurfacedLesson[] | string;
    area_total: number | string;
  }>(
    await db.execute(sql`
      select linked_standards.standards, shown.lessons, shown.area_total
      from (
        select coalesce(json_agg(json_build_object(
            'standardId', s.id, 'code', s.code, 'name', s.name, 'pinnedVersion', l.standard_version,
            'currentVersion', s.current_version, 'lifecycle', s.lifecycle) order by s.code), '[]'::json) as standards
        from ${requirementStandardLinks} l join ${standards} s on s.id = l.standard_id
        where l.requirement_id = ${requirementId}::uuid
      ) linked_standards,
      (
        select coalesce(json_agg(json_build_object(
            'id', x.id, 'title', x.title, 'severity', x.severity, 'recommendation', x.recommendation,
            'ownerRegionName', x.owner_region_name, 'unverified', x.unverified, 'archived', x.archived,
            'linked', x.linked) order by x.linked desc, x.severity desc, x.source_date desc nulls last, x.title)
          filter (where x.linked or x.area_rank <= ${SURFACED_AREA_LESSONS}), '[]'::json) as lessons,
          count(*) filter (where not x.linked)::int as area_total
        from (
          select ${lessons.id} as id, ${lessons.title} as title, ${lessons.severity} as severity,
            ${lessons.recommendation} as recommendation, ${regions.name} as owner_region_name,
            ${lessons.unverified} as unverified, ${lessons.archivedAt} is not null as archived,
            ${lessons.sourceDate} as source_date, rl.lesson_id is not null as linked,
            row_number() over (partition by rl.lesson_id is not null
              order by ${lessons.severity} desc, ${lessons.sourceDate} desc nulls last, ${lessons.title}) as area_rank
          from ${lessons}
          join ${regions} on ${regions.id} = ${lessons.ownerRegionId}
          left join ${requirementLessonLinks} rl on rl.lesson_id = ${lessons.id}
            and rl.requirement_id = ${requirementId}::uuid
          where ${visibleTo(principal, lessons)}
            and (rl.lesson_id is not null or (${lessons.archivedAt} is null and ${area} = any(${lessons.areas})))
        ) x
      ) shown`),
  );
  return {
    standards: row ? parseJson(row.standards) : [],
    lessons: row ? parseJson(row.lessons) : [],
    areaLessonTotal: Number(row?.area_total ?? 0),
  };
}

export type StandardOption = {
  id: string;
  code: string;
  name: string;
  currentVersion: string;
  /** The catalogue's other recorded versions, newest first (the current one is offered first, apart). */
  versions: Array<{ id: string; label: string }>;
};

/** The catalogue for the standards picker: each standard with its versions. */
export async function listStandardOptions(): Promise<StandardOption[]> {
  const rows = await db
    .select({
      id: standards.id,
      code: standards.code,
      name: standards.name,
      currentVersion: standards.currentVersion,
      // Spelled out: in a select from one table drizzle leaves its columns unqualified, and a bare
      // "id" inside the subquery would be the version's.
      versions: sql<Array<{ id: string; label: string }> | string>`coalesce((select json_agg(json_build_object(
          'id', v.id, 'label', v.label) order by v.released_on desc nulls last, v.label desc)
        from ${standardVersions} v where v.standard_id = ${standards}.id), '[]'::json)`,
    })
    .from(standards)
    .orderBy(asc(standards.code));
  return rows.map((row) => ({
    ...row,
    versions: parseJson(row.versions).filter((version) => version.label !== row.currentVersion),
  }));
}

/** Lessons the principal may read and link: live ones, those concerning `area` first. */
export async function listLessonOptions({ principal, area }: { principal: Principal | null; area: string }) {
  return db
    .select({
      id: lessons.id,
      title: lessons.title,
      severity: lessons.severity,
      regionShortName: regions.shortName,
      concernsArea: sql<boolean>`${area} = any(${lessons.areas})`,
    })
    .from(lessons)
    .innerJoin(regions, eq(regions.id, lessons.ownerRegionId))
    .where(and(visibleTo(principal, lessons), isNull(lessons.archivedAt)))
    .orderBy(sql`${area} = any(${lessons.areas}) desc`, asc(lessons.title))
    .limit(500);
}

type ResolvedStandard = { standardId: string; code: string; version: string | null };

/** The standard and version label a picker choice stands for, or null when it is not in the catalogue. */
async function resolveStandardChoice(tx: Transaction, choice: StandardChoice): Promise<ResolvedStandard | null> {
  if (choice.kind === "current") {
    const [standard] = await tx
      .select({ id: standards.id, code: standards.code, currentVersion: standards.currentVersion })
      .from(standards)
      .where(eq(standards.id, choice.id));
    if (!standard) return null;
    return { standardId: standard.id, code: standard.code, version: standard.currentVersion || null };
  }
  const [version] = await tx
    .select({ standardId: standards.id, code: standards.code, label: standardVersions.label })
    .from(standardVersions)
    .innerJoin(standards, eq(standards.id, standardVersions.standardId))
    .where(eq(standardVersions.id, choice.id));
  return version ? { standardId: version.standardId, code: version.code, version: version.label } : null;
}

async function isLiveRequirementOfSet(tx: Transaction, setId: string, requirementId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: requirements.id })
    .from(requirements)
    .where(and(eq(requirements.id, requirementId), eq(requirements.setId, setId), isNull(requirements.deletedAt)));
  return row !== undefined;
}

type LinkTarget = {
  setId: string;
  ownerRegionId: string;
  requirementId: string;
  actorUserId: string;
  request: RequestInfo;
};

export type LinkChangeResult =
  /** `name`: the standard's code or the lesson's title, for the confirmation. */
  | { status: "linked" | "repinned" | "unlinked"; name: string }
  | { status: "unchanged" }
  | { status: "not-editable" }
  | { status: "unknown-standard" }
  | { status: "unknown-lesson" };

/** Runs a link change under the set's lock, on a live requirement of an editable set. */
async function withEditableRequirement(
  target: LinkTarget,
  change: (tx: Transaction) => Promise<LinkChangeResult>,
): Promise<LinkChangeResult> {
  return db.transaction(async (tx) => {
    if (!(await lockEditableSet(tx, target.setId))) return { status: "not-editable" };
    if (!(await isLiveRequirementOfSet(tx, target.setId, target.requirementId))) return { status: "not-editable" };
    return change(tx);
  });
}

async function linkStandardInTransaction(
  tx: Transaction,
  target: LinkTarget,
  choice: StandardChoice,
): Promise<LinkChangeResult> {
  const standard = await resolveStandardChoice(tx, choice);
  if (!standard) return { status: "unknown-standard" };
  const [existing] = await tx
    .select({ version: requirementStandardLinks.standardVersion })
    .from(requirementStandardLinks)
    .where(
      and(
        eq(requirementStandardLinks.requirementId, target.requirementId),
        eq(requirementStandardLinks.standardId, standard.standardId),
      ),
    )
    .for("update");
  if (existing && existing.version === standard.version) return { status: "unchanged" };
  await tx
    .insert(requirementStandardLinks)
    .values({
      requirementId: target.requirementId,
      standardId: standard.standardId,
      standardVersion: standard.version,
      createdByUserId: target.actorUserId,
    })
    .onConflictDoUpdate({
      target: [requirementStandardLinks.requirementId, requirementStandardLinks.standardId],
      set: { standardVersion: standard.version },
    });
  await writeAuditEvent(tx, {
    action: "requirement.standard_linked",
    actorUserId: target.actorUserId,
    regionId: target.ownerRegionId,
    targetType: "requirement",
    targetId: target.requirementId,
    details: {
      setId: target.setId,
      standardId: standard.standardId,
      code: standard.code,
      version: standard.version,
      previousVersion: existing?.version ?? null,
    },
    request: target.request,
  });
  return { status: existing ? "repinned" : "linked", name: standard.code };
}

/** Links a standard to the requirement, pinned to the chosen version; linking it again re-pins it. */
export async function linkStandard(target: LinkTarget & { choice: StandardChoice }): Promise<LinkChangeResult> {
  return withEditableRequirement(target, (tx) => linkStandardInTransaction(tx, target, target.choice));
}

export async function unlinkStandard(target: LinkTarget & { standardId: string }): Promise<LinkChangeResult> {
  return withEditableRequirement(target, async (tx) => {
    const [removed] = await tx
      .delete(requirementStandardLinks)
      .where(
        and(
          eq(requirementStandardLinks.requirementId, target.requirementId),
          eq(requirementStandardLinks.standardId, target.standardId),
        ),
      )
      .returning({ version: requirementStandardLinks.standardVersion });
    if (!removed) return { status: "unchanged" };
    const [standard] = await tx
      .select({ code: standards.code })
      .from(standards)
      .where(eq(standards.id, target.standardId));
    const code = standard?.code ?? "";
    await writeAuditEvent(tx, {
      action: "requirement.standard_unlinked",
      actorUserId: target.actorUserId,
      regionId: target.ownerRegionId,
      targetType: "requirement",
      targetId: target.requirementId,
      details: { setId: target.setId, standardId: target.standardId, code, version: removed.version },
      request: target.request,
    });
    return { status: "unlinked", name: code };
  });
}

/** A lesson the principal may read, with whether it is archived; null when hidden or missing. */
async function visibleLesson(tx: Transaction, lessonId: string, principal: Principal) {
  const [lesson] = await tx
    .select({ id: lessons.id, title: lessons.title, archivedAt: lessons.archivedAt })
    .from(lessons)
    .where(and(eq(lessons.id, lessonId), visibleTo(principal, lessons)));
  return lesson ?? null;
}

async function linkLessonInTransaction(
  tx: Transaction,
  target: LinkTarget,
  lessonId: string,
  principal: Principal,
): Promise<LinkChangeResult> {
  const lesson = await visibleLesson(tx, lessonId, principal);
  if (!lesson || lesson.archivedAt !== null) return { status: "unknown-lesson" };
  const [linked] = await tx
    .insert(requirementLessonLinks)
    .values({ requirementId: target.requirementId, lessonId, createdByUserId: target.actorUserId })
    .onConflictDoNothing()
    .returning({ lessonId: requirementLessonLinks.lessonId });
  if (!linked) return { status: "unchanged" };
  await writeAuditEvent(tx, {
    action: "requirement.lesson_linked",
    actorUserId: target.actorUserId,
    regionId: target.ownerRegionId,
    targetType: "requirement",
    targetId: target.requirementId,
    details: { setId: target.setId, lessonId },
    request: target.request,
  });
  return { status: "linked", name: lesson.title };
}

/** Links a lesson the principal may read (and that is not archived) to the requirement. */
export async function linkLesson(
  target: LinkTarget & { lessonId: string; principal: Principal },
): Promise<LinkChangeResult> {
  return withEditableRequirement(target, (tx) =>
    linkLessonInTransaction(tx, target, target.lessonId, target.principal),
  );
}

/** Unlinks a lesson; one the principal can no longer read is as unknown as a missing one. */
export async function unlinkLesson(
  target: LinkTarget & { lessonId: string; principal: Principal },
): Promise<LinkChangeResult> {
  return withEditableRequirement(target, async (tx) => {
    const lesson = await visibleLesson(tx, target.lessonId, target.principal);
    if (!lesson) return { status: "unknown-lesson" };
    const [removed] = await tx
      .delete(requirementLessonLinks)
      .where(
        and(
          eq(requirementLessonLinks.requirementId, target.requirementId),
          eq(requirementLessonLinks.lessonId, target.lessonId),
        ),
      )
      .returning({ lessonId: requirementLessonLinks.lessonId });
    if (!removed) return { status: "unchanged" };
    await writeAuditEvent(tx, {
      action: "requirement.lesson_unlinked",
      actorUserId: target.actorUserId,
      regionId: target.ownerRegionId,
      targetType: "requirement",
      targetId: target.requirementId,
      details: { setId: target.setId, lessonId: target.lessonId },
      request: target.request,
    });
    return { status: "unlinked", name: lesson.title };
  });
}

/**
 * Checks the links chosen on the new-requirement form before the requirement is written, so a
 * bad choice is a field error and nothing is saved: every standard choice must be in the
 * catalogue and every lesson readable by the principal and not archived.
 */
export async function checkNewLinks({
  standardChoices,
  lessonIds,
  principal,
}: {
  standardChoices: StandardChoice[];
  lessonIds: string[];
  principal: Principal;
}): Promise<{ standardsOk: boolean; lessonsOk: boolean }> {
  return db.transaction(async (tx) => {
    let standardsOk = true;
    for (const choice of standardChoices) {
      if (!(await resolveStandardChoice(tx, choice))) standardsOk = false;
    }
    let lessonsOk = true;
    if (lessonIds.length > 0) {
      const found = await tx
        .select({ id: lessons.id })
        .from(lessons)
        .where(and(inArray(lessons.id, lessonIds), visibleTo(principal, lessons), isNull(lessons.archivedAt)));
      lessonsOk = found.length === new Set(lessonIds).size;
    }
    return { standardsOk, lessonsOk };
  });
}

/**
 * The links chosen on the new-requirement form, written right after the requirement (in one
 * transaction of their own, each audited). Choices that stopped being valid in between are skipped.
 */
export async function addLinksToNewRequirement(
  target: LinkTarget & { standardChoices: StandardChoice[]; lessonIds: string[]; principal: Principal },
): Promise<number> {
  return db.transaction(async (tx) => {
    if (!(await lockEditableSet(tx, target.setId))) return 0;
    let linked = 0;
    for (const choice of target.standardChoices) {
      const result = await linkStandardInTransaction(tx, target, choice);
      if (result.status === "linked" || result.status === "repinned") linked += 1;
    }
    for (const lessonId of new Set(target.lessonIds)) {
      const result = await linkLessonInTransaction(tx, target, lessonId, target.principal);
      if (result.status === "linked") linked += 1;
    }
    return linked;
  });
}
