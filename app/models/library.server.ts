import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import { collaborationRegions, regions, users } from "../../db/schema/accounts";
import { libraryDeclines } from "../../db/schema/library";
import { requirementSets } from "../../db/schema/requirements";
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from "~/components/library-highlight";
import { writeAuditEvent } from "~/utils/audit.server";
import { rowsOf, type DbOrTransaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import { visibleTo, type Principal } from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";
import type {
  AmbitionLevel,
  Area,
  Obligation,
  RequirementType,
  SetStatus,
  VerificationMethod,
  Visibility,
} from "~/utils/requirement-fields";

/**
 * The shared library: what other regions have shared with the user (through a collaboration or
 * portal-wide), full-text search over it, and the adoption record of each library requirement.
 * Every statement puts the policy's `visibleTo` in its `where`, so a set the user may not read
 * can never appear in a list, a count or an adoption record.
 */

export const LIBRARY_PAGE_SIZE = 25;
/**
 * Ranking every match of a very common word costs time proportional to the matches; past this
 * many the page shows the best-ranked of the first matches found and says "fler än 1 000".
 */
export const LIBRARY_MATCH_CAP = 1000;
const SETS_SHOWN = 10;

const HEADLINE_TITLE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;
const HEADLINE_TEXT = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

export type LibraryFilters = {
  q?: string;
  collaborationId?: string;
  regionId?: string;
  area?: Area;
  obligation?: Obligation;
  type?: RequirementType;
  status?: SetStatus;
  page: number;
};

export type LibraryRequirementRow = {
  id: string;
  ref: string;
  title: string;
  /** Title with highlight markers (search only; the plain title otherwise). */
  titleHighlight: string;
  /** A highlighted fragment of the text (search only; empty when browsing). */
  snippet: string;
  obligation: Obligation;
  type: RequirementType;
  area: Area;
  setId: string;
  setTitle: string;
  setStatus: SetStatus;
  regionId: string;
  regionName: string;
  adoption: AdoptionSummary;
};

export type LibrarySetRow = {
  id: string;
  title: string;
  status: SetStatus;
  visibility: Visibility;
  regionName: string;
  collaborationName: string | null;
  requirementCount: number;
  /** Requirements of the set matching the search (equals requirementCount when browsing). */
  matchCount: number;
};

export type LibraryResult = {
  requirements: LibraryRequirementRow[];
  /** Number of matching requirements, at most LIBRARY_MATCH_CAP + 1 when searching. */
  total: number;
  /** True when there are more matches than LIBRARY_MATCH_CAP (the count is "more than 1 000"). */
  capped: boolean;
  sets: LibrarySetRow[];
  setTotal: number;
};

export type AdoptionSummary = {
  /** Regions other than the owner that the requirement is offered to. */
  regions: number;
  used: number;
  adapted: number;
  declined: number;
};

function parseJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/**
 * Sets in the user's library: readable by the user, owned by a region the user is not a member
 * of (the library is what *other* regions offer), and not archived.
 */
function librarySetConditions(principal: Principal, filters: LibraryFilters): SQL {
  const conditions: SQL[] = [visibleTo(principal, requirementSets), sql`${requirementSets.archivedAt} is null`];
  const ownRegions = [...principal.regionRoles.keys()];
  if (ownRegions.length > 0) {
    conditions.push(
      sql`${requirementSets.ownerRegionId} not in (${sql.join(
        ownRegions.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  }
  if (filters.collaborationId) conditions.push(sql`${requirementSets.collaborationId} = ${filters.collaborationId}`);
  if (filters.regionId) conditions.push(sql`${requirementSets.ownerRegionId} = ${filters.regionId}`);
  if (filters.status) conditions.push(sql`${requirementSets.status} = ${filters.status}`);
  return sql.join(conditions, sql` and `);
}

function requirementConditions(filters: LibraryFilters): SQL {
  const conditions: SQL[] = [sql`r.deleted_at is null`];
  if (filters.area) conditions.push(sql`r.area = ${filters.area}`);
  if (filters.obligation) conditions.push(sql`r.obligation = ${filters.obligation}`);
  if (filters.type) conditions.push(sql`r.type = ${filters.type}`);
  return sql.join(conditions, sql` and `);
}

type RawRequirement = Omit<LibraryRequirementRow, "adoption"> & AdoptionFacts & { rank?: number };
type RawSet = Omit<LibrarySetRow, "matchCount"> & { matchCount: number | null };
type RawResult = {
  total: number;
  requirements: RawRequirement[] | string | null;
  sets: RawSet[] | string | null;
  set_total: number;
};

/**
 * The columns of one result row: requirement `r` in set `rs` (region `reg`), with its adoption
 * facts, so that the whole page, adoption line included, is one statement.
 */
const requirementColumns = (principal: Principal, rs: SQL, titleHeadline: SQL, snippet: SQL) => sql`
  r.id, r.ref, r.title, ${titleHeadline} as "titleHighlight", ${snippet} as snippet,
  r.obligation, r.type, r.area, ${rs}.id as "setId", ${rs}.title as "setTitle", ${rs}.status as "setStatus",
  ${rs}.owner_region_id as "regionId", reg.name as "regionName", ${adoptionFacts(principal, sql`r`, rs)}`;

/** A set of the sets list: set `rs` (region `reg`, collaboration `col`) with its match count `n`. */
const setJson = (rs: SQL, matchCount: SQL) => sql`json_build_object(
  'id', ${rs}.id, 'title', ${rs}.title, 'status', ${rs}.status,
  'visibility', ${rs}.visibility, 'regionName', reg.name, 'collaborationName', col.name,
  'requirementCount', (select count(*)::int from requirements cr where cr.set_id = ${rs}.id and cr.deleted_at is null),
  'matchCount', ${matchCount})`;

/**
 * One page of the library: requirements (ranked and highlighted when searching, each with its
 * adoption summary) and the sets they come from, with counts. One statement either way, so the
 * page costs one round trip.
 */
export async function searchLibrary({
  principal,
  filters,
}: {
  principal: Principal;
  filters: LibraryFilters;
}): Promise<LibraryResult> {
  const offset = (filters.page - 1) * LIBRARY_PAGE_SIZE;
  const setConditions = librarySetConditions(principal, filters);
  const reqConditions = requirementConditions(filters);
  const q = filters.q?.trim() ?? "";
  // Written out at each use rather than in a CTE: with the constant in place the planner knows how
  // common the words are, and for a very common word scans the table until the cap instead of
  // building a bitmap of every match from the index.
  const tsq = sql`websearch_to_tsquery('swedish', ${q})`;
  // With a requirement filter, a set without a matching requirement is not a result.
  const requirementFiltered = Boolean(filters.area ?? filters.obligation ?? filters.type);
  const statement =
    q === ""
      ? sql`
      with set_hits as (
        select r.set_id, count(*)::int as match_count from requirements r
          join requirement_sets on requirement_sets.id = r.set_id
        where ${setConditions} and ${reqConditions}
        group by r.set_id
      ),
      page as (
        select r.id from requirements r
          join requirement_sets on requirement_sets.id = r.set_id
        where ${setConditions} and ${reqConditions}
        order by requirement_sets.title, requirement_sets.id, r.ref
        limit ${LIBRARY_PAGE_SIZE} offset ${offset}
      ),
      ls as (
        select requirement_sets.id as set_id, coalesce(set_hits.match_count, 0) as match_count
        from requirement_sets left join set_hits on set_hits.set_id = requirement_sets.id
        where ${setConditions} ${requirementFiltered ? sql`and set_hits.set_id is not null` : sql``}
      )
      select
        (select coalesce(sum(match_count), 0)::int from set_hits) as total,
        (select json_agg(x order by x."setTitle", x."setId", x.ref) from (
          select ${requirementColumns(principal, sql`requirement_sets`, sql`r.title`, sql`''`)}
          from page join requirements r on r.id = page.id
            join requirement_sets on requirement_sets.id = r.set_id
            join regions reg on reg.id = requirement_sets.owner_region_id) x) as requirements,
        (select json_agg(j order by t, i) from (
          select ${setJson(sql`requirement_sets`, sql`ls.match_count`)} as j, requirement_sets.title as t, requirement_sets.id as i
          from ls join requirement_sets on requirement_sets.id = ls.set_id
            join regions reg on reg.id = requirement_sets.owner_region_id
            left join collaborations col on col.id = requirement_sets.collaboration_id
          order by requirement_sets.title, requirement_sets.id limit ${SETS_SHOWN}) x) as sets,
        (select count(*)::int from ls) as set_total`
      : sql`
      with vis as materialized (
        -- The library's sets, read once: a few hundred rows that the matches are checked against
        -- and that the sets list is made from.
        select requirement_sets.id, requirement_sets.title, requirement_sets.status, requirement_sets.visibility,
          requirement_sets.owner_region_id, requirement_sets.collaboration_id, requirement_sets.title_vector
        from requirement_sets where ${setConditions}
      ),
      hits as materialized (
        select r.id, r.set_id, r.ref, ts_rank_cd(r.search_vector, ${tsq}) as rank
        from requirements r join vis on vis.id = r.set_id
        where r.search_vector @@ ${tsq} and ${reqConditions}
        limit ${LIBRARY_MATCH_CAP + 1}
      ),
      page as (
        select hits.id, hits.rank from hits order by hits.rank desc, hits.ref, hits.id
        limit ${LIBRARY_PAGE_SIZE} offset ${offset}
      ),
      set_hits as (
        select set_id, count(*)::int as match_count from hits group by set_id
      ),
      ls as (
        select vis.*, coalesce(set_hits.match_count, 0) as match_count
        from vis left join set_hits on set_hits.set_id = vis.id
        where set_hits.set_id is not null or vis.title_vector @@ ${tsq}
      )
      select
        (select count(*)::int from hits) as total,
        (select json_agg(x order by x.rank desc, x.ref, x.id) from (
          select page.rank, ${requirementColumns(
            principal,
            sql`vis`,
            sql`ts_headline('swedish', r.title, ${tsq}, ${HEADLINE_TITLE})`,
            sql`ts_headline('swedish', r.text, ${tsq}, ${HEADLINE_TEXT})`,
          )}
          from page join requirements r on r.id = page.id
            join vis on vis.id = r.set_id
            join regions reg on reg.id = vis.owner_region_id) x) as requirements,
        (select json_agg(j order by n desc, t, i) from (
          select ${setJson(sql`ls`, sql`ls.match_count`)} as j, ls.match_count as n, ls.title as t, ls.id as i
          from ls join regions reg on reg.id = ls.owner_region_id
            left join collaborations col on col.id = ls.collaboration_id
          order by ls.match_count desc, ls.title, ls.id limit ${SETS_SHOWN}) x) as sets,
        (select count(*)::int from ls) as set_total`;
  const [row] = rowsOf<RawResult>(await db.execute(statement));
  const total = Number(row?.total ?? 0);
  const raw = row?.requirements ? parseJson(row.requirements) : [];
  const sets = row?.sets ? parseJson(row.sets) : [];
  return {
    requirements: raw.map(({ regions: offeredTo, copies, declines, rank: _rank, ...requirement }) => ({
      ...requirement,
      adoption: summarizeAdoption({ regions: offeredTo, copies, declines }),
    })),
    total: q !== "" && total > LIBRARY_MATCH_CAP ? LIBRARY_MATCH_CAP : total,
    capped: q !== "" && total > LIBRARY_MATCH_CAP,
    sets: sets.map((set) => ({ ...set, matchCount: set.matchCount ?? set.requirementCount })),
    setTotal: Number(row?.set_total ?? 0),
  };
}

/**
 * Filter choices: the user's collaborations and the regions other than their own. Read from the
 * two small tables rather than from the sets, so the choices cost nothing per search, and in one
 * statement, so they cost one round trip next to the search.
 */
export async function getLibraryFilterOptions({ principal }: { principal: Principal }): Promise<{
  regions: Array<{ id: string; name: string }>;
  collaborations: Array<{ id: string; name: string }>;
}> {
  const ownRegions = [...principal.regionRoles.keys()];
  const collaborationIds = [...principal.collaborationIds];
  const list = (ids: string[]) =>
    sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
  type Choice = { id: string; name: string };
  const [row] = rowsOf<{ regions: Choice[] | string | null; collaborations: Choice[] | string | null }>(
    await db.execute(sql`
      select
        (select json_agg(json_build_object('id', reg.id, 'name', reg.name) order by reg.name, reg.id) from regions reg
          ${ownRegions.length > 0 ? sql`where reg.id not in (${list(ownRegions)})` : sql``}) as regions,
        ${
          collaborationIds.length > 0
            ? sql`(select json_agg(json_build_object('id', col.id, 'name', col.name) order by col.name, col.id)
                from collaborations col where col.id in (${list(collaborationIds)}))`
            : sql`null::json`
        } as collaborations`),
  );
  return {
    regions: row?.regions ? parseJson(row.regions) : [],
    collaborations: row?.collaborations ? parseJson(row.collaborations) : [],
  };
}

/**
 * The source content a copy `c` was copied at, as a row `snapshot` (join it `cross join lateral`):
 * the jsonb is read once per copy rather than once per field, which counts when a statement
 * checks thousands of copies (the steering group's overview).
 */
export const COPY_SNAPSHOT = sql`jsonb_to_record(c.source_snapshot) as snapshot(
  title text, text text, obligation text, type text, verification text, weight int, ambition text)`;

/**
 * A copy `c` is adapted when its content differs from the source content it was copied at
 * (`snapshot`, from COPY_SNAPSHOT). The one rule for the library's adoption record and the overview.
 */
export const COPY_ADAPTED = sql`not (
  c.title = snapshot.title
  and c.text = snapshot.text
  and c.obligation::text = snapshot.obligation
  and c.type::text = snapshot.type
  and c.verification::text = snapshot.verification
  and c.weight is not distinct from snapshot.weight
  and c.ambition::text is not distinct from snapshot.ambition)`;

/** A live copy of a library requirement, in a set the viewer may read. */
type CopyRow = {
  sourceId: string;
  copyId: string;
  copyRef: string;
  regionId: string;
  setId: string;
  setTitle: string;
  adapted: boolean;
  adaptationReason: string;
};

/**
 * Copies of the given requirements that the principal may see: a region's private copy stays
 * invisible to other regions, so it never shows in their adoption record (the issue's rule).
 * "Adapted" when the copy's content differs from the source content it was copied at.
 */
async function listVisibleCopies(principal: Principal, requirementIds: readonly string[]): Promise<CopyRow[]> {
  if (requirementIds.length === 0) return [];
  const copySets = alias(requirementSets, "copy_sets");
  return rowsOf<CopyRow>(
    await db.execute(sql`
      select c.source_requirement_id as "sourceId", c.id as "copyId", c.ref as "copyRef",
        copy_sets.owner_region_id as "regionId", copy_sets.id as "setId", copy_sets.title as "setTitle",
        c.adaptation_reason as "adaptationReason",
        ${COPY_ADAPTED} as adapted
      from requirements c join requirement_sets copy_sets on copy_sets.id = c.set_id
        cross join lateral ${COPY_SNAPSHOT}
      where c.source_requirement_id in (${sql.join(
        requirementIds.map((id) => sql`${id}`),
        sql`, `,
      )})
        and c.deleted_at is null and copy_sets.archived_at is null
        and ${visibleTo(principal, copySets)}
      order by c.ref`),
  ).map((row) => ({ ...row, adapted: row.adapted === true }));
}

/** The raw adoption facts of one requirement, as `adoptionFacts` selects them. */
type AdoptionFacts = {
  regions: number;
  copies: Array<{ regionId: string; adapted: boolean }> | string | null;
  declines: string[] | string | null;
};

/**
 * The adoption facts of requirement `r` in set `rs` as three columns: the regions other than the
 * owner that the requirement is offered to, the copies in other regions that the principal may see
 * (with whether each is adapted), and the regions that declined it. Shared by the search statement
 * (one round trip for the whole page) and `getAdoptionSummaries`.
 */
function adoptionFacts(principal: Principal, r: SQL, rs: SQL): SQL {
  const copySets = alias(requirementSets, "copy_sets");
  return sql`(case
      when ${rs}.visibility = 'portal' then (select count(*) from regions) - 1
      when ${rs}.visibility = 'collaboration' then (select count(*) from collaboration_regions cr
        where cr.collaboration_id = ${rs}.collaboration_id and cr.region_id <> ${rs}.owner_region_id)
      else 0 end)::int as regions,
    (select json_agg(json_build_object('regionId', copy_sets.owner_region_id, 'adapted', ${COPY_ADAPTED}))
      from requirements c join requirement_sets copy_sets on copy_sets.id = c.set_id
        cross join lateral ${COPY_SNAPSHOT}
      where c.source_requirement_id = ${r}.id and c.deleted_at is null and copy_sets.archived_at is null
        and copy_sets.owner_region_id <> ${rs}.owner_region_id and ${visibleTo(principal, copySets)}) as copies,
    (select json_agg(d.region_id) from library_declines d where d.requirement_id = ${r}.id) as declines`;
}

/**
 * "Används av 5 av 8 regioner, 2 anpassade, 1 avböjd": a region counts once, as adapted if any of
 * its visible copies differs, as used if it has a visible copy, else as declined if it recorded a
 * decline.
 */
function summarizeAdoption(facts: AdoptionFacts): AdoptionSummary {
  const copies = facts.copies ? parseJson(facts.copies) : [];
  const declines = facts.declines ? parseJson(facts.declines) : [];
  const usedRegions = new Set(copies.map((copy) => copy.regionId));
  const adaptedRegions = new Set(copies.filter((copy) => copy.adapted).map((copy) => copy.regionId));
  return {
    regions: Number(facts.regions),
    used: usedRegions.size,
    adapted: adaptedRegions.size,
    declined: declines.filter((regionId) => !usedRegions.has(regionId)).length,
  };
}

/** The adoption summary of each of the given requirements, in one statement. */
export async function getAdoptionSummaries({
  principal,
  requirementIds,
}: {
  principal: Principal;
  requirementIds: readonly string[];
}): Promise<Map<string, AdoptionSummary>> {
  const summaries = new Map<string, AdoptionSummary>();
  if (requirementIds.length === 0) return summaries;
  const rows = rowsOf<AdoptionFacts & { id: string }>(
    await db.execute(sql`
      select r.id, ${adoptionFacts(principal, sql`r`, sql`rs`)}
      from requirements r join requirement_sets rs on rs.id = r.set_id
      where r.id in (${sql.join(
        requirementIds.map((id) => sql`${id}`),
        sql`, `,
      )})`),
  );
  for (const row of rows) summaries.set(row.id, summarizeAdoption(row));
  return summaries;
}

/** A library requirement the principal may read (live, in a non-archived set), or null. */
export async function getLibraryRequirement({
  principal,
  requirementId,
}: {
  principal: Principal;
  requirementId: string;
}) {
  const [row] = rowsOf<{
    id: string;
    ref: string;
    title: string;
    text: string;
    rationale: string;
    obligation: Obligation;
    type: RequirementType;
    area: Area;
    verification: VerificationMethod;
    weight: number | null;
    ambition: AmbitionLevel | null;
    version: number;
    setId: string;
    setTitle: string;
    setStatus: SetStatus;
    visibility: Visibility;
    collaborationId: string | null;
    collaborationName: string | null;
    ownerRegionId: string;
    regionName: string;
  }>(
    await db.execute(sql`
      select r.id, r.ref, r.title, r.text, r.rationale, r.obligation, r.type, r.area, r.verification,
        r.weight, r.ambition, r.version, requirement_sets.id as "setId", requirement_sets.title as "setTitle",
        requirement_sets.status as "setStatus", requirement_sets.visibility,
        requirement_sets.collaboration_id as "collaborationId", col.name as "collaborationName",
        requirement_sets.owner_region_id as "ownerRegionId", reg.name as "regionName"
      from requirements r join requirement_sets on requirement_sets.id = r.set_id
        join regions reg on reg.id = requirement_sets.owner_region_id
        left join collaborations col on col.id = requirement_sets.collaboration_id
      where r.id = ${requirementId} and r.deleted_at is null and requirement_sets.archived_at is null
        and ${visibleTo(principal, requirementSets)}`),
  );
  return row ?? null;
}

export type LibraryRequirement = NonNullable<Awaited<ReturnType<typeof getLibraryRequirement>>>;

export type AdoptionState = "adopted" | "adapted" | "declined" | "undecided";

export type AdoptionEntry = {
  regionId: string;
  regionName: string;
  state: AdoptionState;
  copies: Array<{ id: string; ref: string; setId: string; setTitle: string; adapted: boolean; reason: string }>;
  declineReason: string | null;
  declinedAt: string | null;
  declinedByName: string | null;
};

/**
 * The adoption record of one requirement: each region it is offered to (the collaboration's
 * regions, or every region when portal-wide) with what it did. Copies count only where the
 * principal may read the copy's set; declines are made from the library and are as visible as
 * the requirement itself.
 */
export async function getAdoptionRecord({
  principal,
  requirement,
}: {
  principal: Principal;
  requirement: LibraryRequirement;
}): Promise<{ entries: AdoptionEntry[]; summary: AdoptionSummary }> {
  const offeredTo: SQL =
    requirement.visibility === "portal"
      ? sql`true`
      : requirement.visibility === "collaboration" && requirement.collaborationId
        ? inArray(
            regions.id,
            db
              .select({ id: collaborationRegions.regionId })
              .from(collaborationRegions)
              .where(eq(collaborationRegions.collaborationId, requirement.collaborationId)),
          )
        : sql`false`;
  const [regionRows, copies, declines] = await Promise.all([
    db
      .select({ id: regions.id, name: regions.name })
      .from(regions)
      .where(and(offeredTo, sql`${regions.id} <> ${requirement.ownerRegionId}`))
      .orderBy(regions.name),
    listVisibleCopies(principal, [requirement.id]),
    db
      .select({
        regionId: libraryDeclines.regionId,
        reason: libraryDeclines.reason,
        decidedAt: libraryDeclines.decidedAt,
        decidedByName: users.name,
      })
      .from(libraryDeclines)
      .leftJoin(users, eq(users.id, libraryDeclines.decidedByUserId))
      .where(eq(libraryDeclines.requirementId, requirement.id)),
  ]);
  const entries = regionRows.map((region): AdoptionEntry => {
    const regionCopies = copies.filter((copy) => copy.regionId === region.id);
    const decline = declines.find((d) => d.regionId === region.id);
    const state: AdoptionState =
      regionCopies.length > 0
        ? regionCopies.some((copy) => copy.adapted)
          ? "adapted"
          : "adopted"
        : decline
          ? "declined"
          : "undecided";
    return {
      regionId: region.id,
      regionName: region.name,
      state,
      copies: regionCopies.map((copy) => ({
        id: copy.copyId,
        ref: copy.copyRef,
        setId: copy.setId,
        setTitle: copy.setTitle,
        adapted: copy.adapted,
        reason: copy.adaptationReason,
      })),
      declineReason: state === "declined" && decline ? decline.reason : null,
      declinedAt: state === "declined" && decline ? decline.decidedAt.toISOString() : null,
      declinedByName: state === "declined" && decline ? decline.decidedByName : null,
    };
  });
  const used = entries.filter((entry) => entry.state === "adopted" || entry.state === "adapted").length;
  return {
    entries,
    summary: {
      regions: entries.length,
      used,
      adapted: entries.filter((entry) => entry.state === "adapted").length,
      declined: entries.filter((entry) => entry.state === "declined").length,
    },
  };
}

/** Whether the region has a live copy of the requirement in one of its non-archived sets. */
async function regionHasCopy(tx: DbOrTransaction, regionId: string, requirementId: string): Promise<boolean> {
  const rows = rowsOf<{ found: number }>(
    await tx.execute(sql`
      select 1 as found from requirements c join requirement_sets cs on cs.id = c.set_id
      where c.source_requirement_id = ${requirementId} and c.deleted_at is null
        and cs.archived_at is null and cs.owner_region_id = ${regionId}
      limit 1`),
  );
  return rows.length > 0;
}

export type DeclineResult = { status: "declined" } | { status: "has-copy" } | { status: "own-region" };

/**
 * Records (or re-words) the region's decision not to use a library requirement. A region that
 * already uses the requirement must remove its copy first: a decline next to a copy would make
 * the adoption record contradict itself. The caller has checked that the principal may read the
 * requirement and write for the region.
 */
export async function declineLibraryRequirement({
  requirement,
  regionId,
  reason,
  actorUserId,
  request,
}: {
  requirement: LibraryRequirement;
  regionId: string;
  reason: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<DeclineResult> {
  if (requirement.ownerRegionId === regionId) return { status: "own-region" };
  return db.transaction(async (tx) => {
    // Serialise with a copy being made into the same region (reuse locks the source row too).
    await tx.execute(sql`select 1 from requirements where id = ${requirement.id} for share`);
    if (await regionHasCopy(tx, regionId, requirement.id)) return { status: "has-copy" } as const;
    await tx
      .insert(libraryDeclines)
      .values({ regionId, requirementId: requirement.id, reason, decidedByUserId: actorUserId })
      .onConflictDoUpdate({
        target: [libraryDeclines.regionId, libraryDeclines.requirementId],
        set: { reason, decidedByUserId: actorUserId, decidedAt: sql`now()` },
      });
    await writeAuditEvent(tx, {
      action: "library.declined",
      actorUserId,
      regionId,
      targetType: "requirement",
      targetId: requirement.id,
      details: { reason },
      request,
    });
    return { status: "declined" } as const;
  });
}

/** Withdraws the region's decline; false when there was none. */
export async function withdrawLibraryDecline({
  requirementId,
  regionId,
  actorUserId,
  request,
}: {
  requirementId: string;
  regionId: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(libraryDeclines)
      .where(and(eq(libraryDeclines.regionId, regionId), eq(libraryDeclines.requirementId, requirementId)))
      .returning({ id: libraryDeclines.id });
    if (deleted.length === 0) return false;
    await writeAuditEvent(tx, {
      action: "library.decline_withdrawn",
      actorUserId,
      regionId,
      targetType: "requirement",
      targetId: requirementId,
      request,
    });
    return true;
  });
}
