import { sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import { lessons } from "../../db/schema/lessons";
import { procurements } from "../../db/schema/procurements";
import { requirementSets } from "../../db/schema/requirements";
import { COPY_ADAPTED, COPY_SNAPSHOT } from "~/models/library.server";
import type { LessonSeverity } from "~/utils/lesson-fields";
import type { AdoptionStatus, CommonLevel } from "~/utils/standard-fields";
import type { RagStatus } from "~/utils/procurement-fields";
import { type LouPhase } from "~/utils/lou-phases";
import { swedishToday } from "~/components/review-forms";
import { rowsOf } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import { procurementVisibleTo, visibleTo, type Principal } from "~/utils/policy.server";
import { SET_STATUSES, type SetStatus } from "~/utils/requirement-fields";

/**
 * The steering group's overview of one collaboration (issue 5 item 5): its member regions'
 * procurements, requirement sets, reviews, comments, deviations from the library, common
 * standards and lessons, as the viewer may see them. Every panel is one statement (six in all,
 * run side by side), and every statement that reads a shareable table puts the policy's
 * predicate in its `where`: a private set, procurement or lesson the viewer may not read is
 * neither listed nor counted.
 */

/** How many characters of a status report's summary the overview shows. */
export const SUMMARY_EXCERPT = 220;
/** How many lessons the "recent lessons" panel lists. */
export const RECENT_LESSONS = 8;

export type OverviewRegion = { id: string; name: string; shortName: string };

export type OverviewMilestone = {
  phase: LouPhase;
  label: string;
  plannedOn: string | null;
  actualOn: string | null;
  unverified: boolean;
};

export type OverviewStatusReport = {
  periodStart: string;
  periodEnd: string;
  rag: RagStatus;
  /** The summary's beginning, cut at a word; `truncated` says whether there is more. */
  summary: string;
  truncated: boolean;
};

export type OverviewProcurement = {
  id: string;
  title: string;
  phase: LouPhase;
  rag: RagStatus;
  ragReason: string;
  leadRegionId: string;
  leadRegionName: string;
  /** Short names of the participating regions (the lead region not among them). */
  participants: string[];
  milestones: OverviewMilestone[];
  latestReport: OverviewStatusReport | null;
  decisionCount: number;
  latestDecisionOn: string | null;
};

export type OverviewSet = {
  id: string;
  title: string;
  status: SetStatus;
  regionId: string;
  openRoundId: string | null;
  openRoundDue: string | null;
  overdue: boolean;
  unresolvedThreads: number;
};

export type SetStatusCounts = Record<SetStatus, number>;

export type OverviewSets = {
  /** One entry per member region, in the regions' order, zeros included. */
  byRegion: Array<{
    regionId: string;
    counts: SetStatusCounts;
    total: number;
    openRounds: number;
    overdueRounds: number;
    unresolvedThreads: number;
  }>;
  /** Sets with a review round waiting or unresolved comment threads. */
  attention: OverviewSet[];
};

export type OverviewDecline = {
  regionId: string;
  requirementId: string;
  ref: string;
  title: string;
  setId: string;
  setTitle: string;
  sourceRegionName: string;
  reason: string;
  decidedAt: string;
};

export type OverviewDeviations = {
  byRegion: Array<{ regionId: string; asIs: number; adapted: number; declined: number }>;
  declines: OverviewDecline[];
};

export type OverviewAdoption = { status: AdoptionStatus; statusDate: string | null; note: string };

export type OverviewCommonStandard = {
  standardId: string;
  code: string;
  name: string;
  level: CommonLevel;
  decisionReference: string;
  decidedOn: string | null;
  /** regionId → the region's adoption record; a region with none is missing. */
  adoptions: Record<string, OverviewAdoption>;
  /** Member regions that diverge: the standard is a common krav and they have not adopted or planned it. */
  divergentRegionIds: string[];
};

export type OverviewLesson = {
  id: string;
  title: string;
  severity: LessonSeverity;
  phase: LouPhase | null;
  regionName: string;
  sourceDate: string | null;
  unverified: boolean;
  createdAt: string;
};

export type CollaborationOverview = {
  collaboration: { id: string; name: string; description: string };
  regions: OverviewRegion[];
  today: string;
  procurements: OverviewProcurement[];
  sets: OverviewSets;
  deviations: OverviewDeviations;
  standards: OverviewCommonStandard[];
  lessons: { items: OverviewLesson[]; total: number };
};

function parseJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/** The collaboration's member regions, as a subquery. */
const memberRegions = (collaborationId: string): SQL =>
  sql`(select cr.region_id from collaboration_regions cr where cr.collaboration_id = ${collaborationId})`;

/** A status report's summary cut at a word boundary near `max` characters. */
export function summaryExcerpt(text: string, max = SUMMARY_EXCERPT): { summary: string; truncated: boolean } {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return { summary: clean, truncated: false };
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return { summary: (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, ""), truncated: true };
}

async function getHeader(collaborationId: string) {
  const [row] = rowsOf<{
    id: string;
    name: string;
    description: string;
    regions: OverviewRegion[] | string | null;
  }>(
    await db.execute(sql`
      select c.id, c.name, c.description,
        (select json_agg(json_build_object('id', r.id, 'name', r.name, 'shortName', r.short_name) order by r.name)
          from collaboration_regions cr join regions r on r.id = cr.region_id
          where cr.collaboration_id = c.id) as regions
      from collaborations c where c.id = ${collaborationId}`),
  );
  if (!row) return null;
  return {
    collaboration: { id: row.id, name: row.name, description: row.description },
    regions: row.regions ? parseJson(row.regions) : [],
  };
}

type RawProcurement = {
  id: string;
  title: string;
  phase: LouPhase;
  rag: RagStatus;
  ragReason: string;
  leadRegionId: string;
  leadRegionName: string;
  participants: string[] | string | null;
  milestones: OverviewMilestone[] | string | null;
  latestReport: (Omit<OverviewStatusReport, "truncated"> & { summary: string }) | string | null;
  decisionCount: number | string;
  latestDecisionOn: string | null;
};

/**
 * Panels 1 and 2: the procurements led by a member region or with one taking part, that the
 * viewer may read, each with its milestones, its latest status report and its decision count.
 */
export async function listOverviewProcurements({
  collaborationId,
  principal,
}: {
  collaborationId: string;
  principal: Principal;
}): Promise<OverviewProcurement[]> {
  const members = memberRegions(collaborationId);
  const rows = rowsOf<RawProcurement>(
    await db.execute(sql`
      select procurements.id, procurements.title, procurements.phase, procurements.rag,
        procurements.rag_reason as "ragReason", procurements.owner_region_id as "leadRegionId",
        lead_region.name as "leadRegionName",
        (select json_agg(pr_region.short_name order by pr_region.short_name)
          from procurement_regions pr join regions pr_region on pr_region.id = pr.region_id
          where pr.procurement_id = procurements.id and pr.region_id <> procurements.owner_region_id) as participants,
        (select json_agg(json_build_object('phase', m.phase, 'label', m.label, 'plannedOn', m.planned_on,
            'actualOn', m.actual_on, 'unverified', m.unverified)
            order by coalesce(m.actual_on, m.planned_on) nulls last, m.created_at)
          from procurement_milestones m where m.procurement_id = procurements.id) as milestones,
        (select json_build_object('periodStart', s.period_start, 'periodEnd', s.period_end, 'rag', s.rag,
            'summary', left(s.summary, ${SUMMARY_EXCERPT * 2}))
          from procurement_status_reports s where s.procurement_id = procurements.id
          order by s.period_end desc, s.created_at desc limit 1) as "latestReport",
        (select count(*)::int from procurement_decisions d where d.procurement_id = procurements.id) as "decisionCount",
        (select max(d.decided_on)::text from procurement_decisions d
          where d.procurement_id = procurements.id) as "latestDecisionOn"
      from procurements join regions lead_region on lead_region.id = procurements.owner_region_id
      where procurements.archived_at is null
        and (procurements.owner_region_id in ${members}
          or exists (select 1 from procurement_regions mp
            where mp.procurement_id = procurements.id and mp.region_id in ${members}))
        and ${procurementVisibleTo(principal, {
          ownerRegionId: procurements.ownerRegionId,
          visibility: procurements.visibility,
          collaborationId: procurements.collaborationId,
          procurementId: procurements.id,
        })}
      order by lead_region.name, procurements.title, procurements.id`),
  );
  return rows.map((row) => {
    const report = row.latestReport ? parseJson(row.latestReport) : null;
    return {
      id: row.id,
      title: row.title,
      phase: row.phase,
      rag: row.rag,
      ragReason: row.ragReason,
      leadRegionId: row.leadRegionId,
      leadRegionName: row.leadRegionName,
      participants: row.participants ? parseJson(row.participants) : [],
      milestones: row.milestones ? parseJson(row.milestones) : [],
      latestReport: report ? { ...report, ...summaryExcerpt(report.summary) } : null,
      decisionCount: Number(row.decisionCount),
      latestDecisionOn: row.latestDecisionOn,
    };
  });
}

/** An open thread: a first comment nobody has resolved, with at least one live comment in it. */
const unresolvedThreadCount = (setId: SQL) => sql`(select count(*)::int from comments t
  where t.set_id = ${setId} and t.parent_id is null and t.resolved_at is null
    and (t.deleted_at is null
      or exists (select 1 from comments reply where reply.parent_id = t.id and reply.deleted_at is null)))`;

/**
 * Panels 3 and 4: the member regions' live sets the viewer may read, each with its open review
 * round (at most one per set) and its unresolved comment threads, counted per region and status.
 * A round is overdue when its due date (a Swedish calendar day) has passed and it is still open.
 */
export async function getOverviewSets({
  collaborationId,
  principal,
  regions,
  today,
}: {
  collaborationId: string;
  principal: Principal;
  regions: readonly OverviewRegion[];
  today: string;
}): Promise<OverviewSets> {
  const rows = rowsOf<
    Omit<OverviewSet, "overdue" | "unresolvedThreads"> & { overdue: boolean | null; unresolvedThreads: number | string }
  >(
    await db.execute(sql`
      select requirement_sets.id, requirement_sets.title, requirement_sets.status,
        requirement_sets.owner_region_id as "regionId", rr.id as "openRoundId", rr.due_date::text as "openRoundDue",
        (rr.due_date < ${today}::date) as overdue,
        ${unresolvedThreadCount(sql`requirement_sets.id`)} as "unresolvedThreads"
      from requirement_sets
        left join review_rounds rr on rr.set_id = requirement_sets.id and rr.status = 'open'
      where requirement_sets.archived_at is null
        and requirement_sets.owner_region_id in ${memberRegions(collaborationId)}
        and ${visibleTo(principal, requirementSets)}
      order by requirement_sets.title, requirement_sets.id`),
  );
  const sets: OverviewSet[] = rows.map((row) => ({
    ...row,
    overdue: row.overdue === true,
    unresolvedThreads: Number(row.unresolvedThreads),
  }));
  const byRegion = regions.map((region) => {
    const own = sets.filter((set) => set.regionId === region.id);
    const counts = Object.fromEntries(
      SET_STATUSES.map((status) => [status, own.filter((set) => set.status === status).length]),
    ) as SetStatusCounts;
    return {
      regionId: region.id,
      counts,
      total: own.length,
      openRounds: own.filter((set) => set.openRoundId !== null).length,
      overdueRounds: own.filter((set) => set.overdue).length,
      unresolvedThreads: own.reduce((sum, set) => sum + set.unresolvedThreads, 0),
    };
  });
  return {
    byRegion,
    attention: sets.filter((set) => set.openRoundId !== null || set.unresolvedThreads > 0),
  };
}

/**
 * Panel 5: each member region's deviations from the library. A library requirement counts once
 * per region: adapted when any of the region's live copies of it (in sets the viewer may read)
 * differs from its source, used as-is otherwise. Declines count where the viewer may read the
 * declined requirement's set, with their reasons.
 */
export async function getOverviewDeviations({
  collaborationId,
  principal,
  regions,
}: {
  collaborationId: string;
  principal: Principal;
  regions: readonly OverviewRegion[];
}): Promise<OverviewDeviations> {
  const copySets = alias(requirementSets, "copy_sets");
  const members = memberRegions(collaborationId);
  type Counts = { regionId: string; asIs: number; adapted: number };
  const [row] = rowsOf<{ copies: Counts[] | string | null; declines: OverviewDecline[] | string | null }>(
    await db.execute(sql`
      with uses as (
        select copy_sets.owner_region_id as region_id, c.source_requirement_id, bool_or(${COPY_ADAPTED}) as adapted
        from requirements c
          join requirement_sets copy_sets on copy_sets.id = c.set_id
          -- A copy records its source's set (requirements never change set), so the source row
          -- itself need not be read.
          join requirement_sets src_sets on src_sets.id = c.source_set_id
          cross join lateral ${COPY_SNAPSHOT}
        where c.source_requirement_id is not null and c.deleted_at is null and copy_sets.archived_at is null
          and copy_sets.owner_region_id in ${members}
          and src_sets.owner_region_id <> copy_sets.owner_region_id
          and ${visibleTo(principal, copySets)}
        group by copy_sets.owner_region_id, c.source_requirement_id
      )
      select
        (select json_agg(x) from (
          select region_id as "regionId", (count(*) filter (where not adapted))::int as "asIs",
            (count(*) filter (where adapted))::int as adapted
          from uses group by region_id) x) as copies,
        (select json_agg(y order by y."regionId", y."decidedAt" desc, y.ref) from (
          select d.region_id as "regionId", r.id as "requirementId", r.ref, r.title,
            requirement_sets.id as "setId", requirement_sets.title as "setTitle", src_region.short_name as "sourceRegionName",
            d.reason, d.decided_at as "decidedAt"
          from library_declines d
            join requirements r on r.id = d.requirement_id
            join requirement_sets on requirement_sets.id = r.set_id
            join regions src_region on src_region.id = requirement_sets.owner_region_id
          where d.region_id in ${members} and r.deleted_at is null and requirement_sets.archived_at is null
            and ${visibleTo(principal, requirementSets)}) y) as declines`),
  );
  const copies = row?.copies ? parseJson(row.copies) : [];
  const declines = (row?.declines ? parseJson(row.declines) : []).map((decline) => ({
    ...decline,
    decidedAt: new Date(decline.decidedAt).toISOString(),
  }));
  return {
    byRegion: regions.map((region) => {
      const used = copies.find((entry) => entry.regionId === region.id);
      return {
        regionId: region.id,
        asIs: Number(used?.asIs ?? 0),
        adapted: Number(used?.adapted ?? 0),
        declined: declines.filter((decline) => decline.regionId === region.id).length,
      };
    }),
    declines,
  };
}

/** Adoption statuses that keep a region in line with a common krav. */
const IN_LINE: readonly AdoptionStatus[] = ["adopted", "planned"];

/**
 * Panel 6: the collaboration's common standards (reference data every signed-in user reads),
 * each with its member regions' adoption records. A region diverges from a common krav it has
 * not adopted or planned, a missing record included.
 */
export async function listOverviewStandards({
  collaborationId,
  regions,
}: {
  collaborationId: string;
  regions: readonly OverviewRegion[];
}): Promise<OverviewCommonStandard[]> {
  type Raw = Omit<OverviewCommonStandard, "adoptions" | "divergentRegionIds"> & {
    adoptions: Array<OverviewAdoption & { regionId: string }> | string | null;
  };
  const rows = rowsOf<Raw>(
    await db.execute(sql`
      select s.id as "standardId", s.code, s.name, cs.level, cs.decision_reference as "decisionReference",
        cs.decided_on::text as "decidedOn",
        (select json_agg(json_build_object('regionId', a.region_id, 'status', a.status,
            'statusDate', a.status_date, 'note', a.note))
          from region_standard_adoptions a
          where a.standard_id = s.id and a.region_id in ${memberRegions(collaborationId)}) as adoptions
      from collaboration_standards cs join standards s on s.id = cs.standard_id
      where cs.collaboration_id = ${collaborationId}
      order by cs.level, s.code`),
  );
  return rows.map((row) => {
    const adoptions: Record<string, OverviewAdoption> = {};
    for (const adoption of row.adoptions ? parseJson(row.adoptions) : []) {
      adoptions[adoption.regionId] = { status: adoption.status, statusDate: adoption.statusDate, note: adoption.note };
    }
    return {
      standardId: row.standardId,
      code: row.code,
      name: row.name,
      level: row.level,
      decisionReference: row.decisionReference,
      decidedOn: row.decidedOn,
      adoptions,
      divergentRegionIds:
        row.level === "required"
          ? regions
              .filter((region) => {
                const status = adoptions[region.id]?.status;
                return status === undefined || !IN_LINE.includes(status);
              })
              .map((region) => region.id)
          : [],
    };
  });
}

/**
 * Panel 7: the newest lessons the viewer may read that concern the collaboration: written by a
 * member region or shared with the collaboration. With how many there are in all.
 */
export async function listOverviewLessons({
  collaborationId,
  principal,
}: {
  collaborationId: string;
  principal: Principal;
}): Promise<{ items: OverviewLesson[]; total: number }> {
  const rows = rowsOf<Omit<OverviewLesson, "createdAt"> & { createdAt: string | Date; total: number | string }>(
    await db.execute(sql`
      select lessons.id, lessons.title, lessons.severity, lessons.phase, owner_region.name as "regionName",
        lessons.source_date::text as "sourceDate", lessons.unverified, lessons.created_at as "createdAt",
        count(*) over ()::int as total
      from lessons join regions owner_region on owner_region.id = lessons.owner_region_id
      where lessons.archived_at is null
        and (lessons.owner_region_id in ${memberRegions(collaborationId)}
          or (lessons.visibility = 'collaboration' and lessons.collaboration_id = ${collaborationId}))
        and ${visibleTo(principal, lessons)}
      order by lessons.created_at desc, lessons.source_date desc nulls last, lessons.id
      limit ${RECENT_LESSONS}`),
  );
  return {
    items: rows.map(({ total: _total, ...row }) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() })),
    total: Number(rows[0]?.total ?? 0),
  };
}

/**
 * The whole overview: null when the collaboration does not exist. The caller has checked
 * `collaboration.overview`. `today` (YYYY-MM-DD, Swedish) decides which review rounds are overdue
 * and where the timeline's today marker stands.
 */
export async function getCollaborationOverview({
  collaborationId,
  principal,
  today = swedishToday(),
}: {
  collaborationId: string;
  principal: Principal;
  today?: string;
}): Promise<CollaborationOverview | null> {
  // The header is needed for the regions' order; the other panels read the member regions themselves.
  const header = await getHeader(collaborationId);
  if (!header) return null;
  const { regions } = header;
  const [procurementRows, sets, deviations, standards, recentLessons] = await Promise.all([
    listOverviewProcurements({ collaborationId, principal }),
    getOverviewSets({ collaborationId, principal, regions, today }),
    getOverviewDeviations({ collaborationId, principal, regions }),
    listOverviewStandards({ collaborationId, regions }),
    listOverviewLessons({ collaborationId, principal }),
  ]);
  return {
    ...header,
    today,
    procurements: procurementRows,
    sets,
    deviations,
    standards,
    lessons: recentLessons,
  };
}
