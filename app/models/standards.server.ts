import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import { auditEvents, collaborationRegions, collaborations, regions, users } from "../../db/schema/accounts";
import { requirements, requirementSets } from "../../db/schema/requirements";
import {
  collaborationStandards,
  regionStandardAdoptions,
  requirementStandardLinks,
  standards,
  standardVersions,
} from "../../db/schema/standards";
import { writeAuditEvent } from "~/utils/audit.server";
import type { DbOrTransaction, Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import { visibleTo, type Principal } from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";
import {
  ADOPTION_CELL_STATUSES,
  isDeviation,
  STANDARD_CATEGORIES,
  STANDARD_LIFECYCLES,
  type AdoptionCellStatus,
  type AdoptionStatus,
  type CommonLevel,
  type StandardCategory,
  type StandardInput,
  type StandardLifecycle,
  type StandardLinkState,
  type StandardSort,
} from "~/utils/standard-fields";

/**
 * The standards catalogue (reference data every signed-in user reads), its versions, the
 * collaborations' common standards, the regions' adoption of them, and the requirements that
 * refer to them. Requirements are the one thing here that is not public: every statement that
 * lists or counts them puts the policy's `visibleTo` on their set in its `where`.
 */

// Names and codes are Swedish: sort them as a Swede would (the database may collate as "C").
const collator = new Intl.Collator("sv", { sensitivity: "base", numeric: true });

/**
 * SQL twin of `standardLinkState` (standard-fields.ts): where a link pinned to `pinned` stands
 * against the standard's `current` version. For other features' queries too (the requirement page).
 */
export function standardLinkStateSql(pinned: AnyColumn | SQL, current: AnyColumn | SQL): SQL<StandardLinkState> {
  return sql<StandardLinkState>`case
    when coalesce(btrim(${pinned}), '') = '' then 'unpinned'
    when ${current} = '' or btrim(${pinned}) = ${current} then 'current'
    else 'outdated' end`;
}

/** The requirements a principal may read that are live: not deleted, in a set that is not archived. */
function readableLiveRequirement(principal: Principal): SQL {
  return and(
    isNull(requirements.deletedAt),
    isNull(requirementSets.archivedAt),
    visibleTo(principal, {
      ownerRegionId: requirementSets.ownerRegionId,
      visibility: requirementSets.visibility,
      collaborationId: requirementSets.collaborationId,
    }),
  ) as SQL;
}

// ---------------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------------

export type StandardFilters = {
  q?: string;
  category?: StandardCategory;
  lifecycle?: StandardLifecycle;
  /** Only the standards this collaboration has marked as common. */
  collaborationId?: string;
  sort?: StandardSort;
  direction?: "asc" | "desc";
};

export type CommonMarkingSummary = { collaborationId: string; collaborationName: string; level: CommonLevel };

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The standards a collaboration has made common, as a subquery. */
function commonStandardIds(collaborationId: string) {
  return db
    .select({ id: collaborationStandards.standardId })
    .from(collaborationStandards)
    .where(eq(collaborationStandards.collaborationId, collaborationId));
}

function catalogueConditions(filters: StandardFilters): SQL[] {
  const conditions: SQL[] = [];
  const q = filters.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    const text = or(
      ilike(standards.code, pattern),
      ilike(standards.name, pattern),
      ilike(standards.ownerBody, pattern),
    );
    if (text) conditions.push(text);
  }
  if (filters.collaborationId) {
    conditions.push(inArray(standards.id, commonStandardIds(filters.collaborationId)));
  }
  return conditions;
}

function compareRows(sort: StandardSort, a: StandardListRow, b: StandardListRow): number {
  switch (sort) {
    case "code":
      return collator.compare(a.code, b.code);
    case "name":
      return collator.compare(a.name, b.name);
    case "owner":
      return collator.compare(a.ownerBody, b.ownerBody);
    case "version":
      return collator.compare(a.currentVersion, b.currentVersion);
    case "category":
      return STANDARD_CATEGORIES.indexOf(a.category) - STANDARD_CATEGORIES.indexOf(b.category);
    case "lifecycle":
      return STANDARD_LIFECYCLES.indexOf(a.lifecycle) - STANDARD_LIFECYCLES.indexOf(b.lifecycle);
    case "adoption":
      return a.adoptedCount - b.adoptedCount;
  }
}

export type StandardListRow = {
  id: string;
  code: string;
  name: string;
  ownerBody: string;
  currentVersion: string;
  category: StandardCategory;
  lifecycle: StandardLifecycle;
  /** Regions that have recorded "infört". */
  adoptedCount: number;
  /** Live requirements the principal may read that refer to the standard. */
  requirementCount: number;
  /** Of those, the ones pinned to an older version than the current one. */
  outdatedCount: number;
  commonIn: CommonMarkingSummary[];
};

/**
 * The catalogue as filtered, sorted on the chosen column (then by code), with how many entries
 * each category and lifecycle would give with the other filters kept (for the filter menus),
 * and the number of regions (the denominator of "infört i 7 av 12").
 */
export async function listStandards({ principal, filters }: { principal: Principal; filters: StandardFilters }) {
  const conditions = catalogueConditions(filters);
  const state = standardLinkStateSql(requirementStandardLinks.standardVersion, standards.currentVersion);
  const [rows, adoptedRows, linkRows] = await Promise.all([
    db
      .select({
        id: standards.id,
        code: standards.code,
        name: standards.name,
        ownerBody: standards.ownerBody,
        currentVersion: standards.currentVersion,
        category: standards.category,
        lifecycle: standards.lifecycle,
      })
      .from(standards)
      .where(conditions.length > 0 ? and(...conditions) : undefined),
    db
      .select({ standardId: regionStandardAdoptions.standardId, n: sql<number>`count(*)::int` })
      .from(regionStandardAdoptions)
      .where(eq(regionStandardAdoptions.status, "adopted"))
      .groupBy(regionStandardAdoptions.standardId),
    db
      .select({
        standardId: requirementStandardLinks.standardId,
        total: sql<number>`count(*)::int`,
        outdated: sql<number>`(count(*) filter (where ${state} = 'outdated'))::int`,
      })
      .from(requirementStandardLinks)
      .innerJoin(standards, eq(standards.id, requirementStandardLinks.standardId))
      .innerJoin(requirements, eq(requirements.id, requirementStandardLinks.requirementId))
      .innerJoin(requirementSets, eq(requirementSets.id, requirements.setId))
      .where(readableLiveRequirement(principal))
      .groupBy(requirementStandardLinks.standardId),
  ]);
  const adopted = new Map(adoptedRows.map((row) => [row.standardId, Number(row.n)]));
  const links = new Map(linkRows.map((row) => [row.standardId, row]));

  // The facet counts: each menu counts with every other filter applied, its own left out.
  const categoryCounts = Object.fromEntries(STANDARD_CATEGORIES.map((c) => [c, 0])) as Record<StandardCategory, number>;
  const lifecycleCounts = Object.fromEntries(STANDARD_LIFECYCLES.map((l) => [l, 0])) as Record<
    StandardLifecycle,
    number
  >;
  for (const row of rows) {
    if (!filters.lifecycle || row.lifecycle === filters.lifecycle) categoryCounts[row.category] += 1;
    if (!filters.category || row.category === filters.category) lifecycleCounts[row.lifecycle] += 1;
  }
  const matching = rows.filter(
    (row) =>
      (!filters.category || row.category === filters.category) &&
      (!filters.lifecycle || row.lifecycle === filters.lifecycle),
  );
  const markings = await listCommonSummaries(matching.map((row) => row.id));
  const sort = filters.sort ?? "code";
  const sign = filters.direction === "desc" ? -1 : 1;
  const list: StandardListRow[] = matching
    .map((row) => ({
      ...row,
      adoptedCount: adopted.get(row.id) ?? 0,
      requirementCount: Number(links.get(row.id)?.total ?? 0),
      outdatedCount: Number(links.get(row.id)?.outdated ?? 0),
      commonIn: markings.get(row.id) ?? [],
    }))
    .sort((a, b) => sign * compareRows(sort, a, b) || collator.compare(a.code, b.code));
  const [regionTotal] = await db.select({ n: sql<number>`count(*)::int` }).from(regions);
  return { standards: list, categoryCounts, lifecycleCounts, regionCount: Number(regionTotal?.n ?? 0) };
}

async function listCommonSummaries(standardIds: readonly string[]): Promise<Map<string, CommonMarkingSummary[]>> {
  const byStandard = new Map<string, CommonMarkingSummary[]>();
  if (standardIds.length === 0) return byStandard;
  const rows = await db
    .select({
      standardId: collaborationStandards.standardId,
      collaborationId: collaborationStandards.collaborationId,
      collaborationName: collaborations.name,
      level: collaborationStandards.level,
    })
    .from(collaborationStandards)
    .innerJoin(collaborations, eq(collaborations.id, collaborationStandards.collaborationId))
    .where(inArray(collaborationStandards.standardId, [...standardIds]))
    .orderBy(asc(collaborations.name));
  for (const { standardId, ...marking } of rows) {
    const list = byStandard.get(standardId) ?? [];
    list.push(marking);
    byStandard.set(standardId, list);
  }
  return byStandard;
}

/** The catalogue as choices for a picker (a requirement's standard links): each with its versions, newest first. */
export async function listStandardChoices() {
  const [rows, versions] = await Promise.all([
    db
      .select({
        id: standards.id,
        code: standards.code,
        name: standards.name,
        currentVersion: standards.currentVersion,
      })
      .from(standards),
    db
      .select({ standardId: standardVersions.standardId, label: standardVersions.label })
      .from(standardVersions)
      .orderBy(sql`${standardVersions.releasedOn} desc nulls last`, desc(standardVersions.createdAt)),
  ]);
  return rows
    .map((row) => ({
      ...row,
      versions: versions.filter((version) => version.standardId === row.id).map((version) => version.label),
    }))
    .sort((a, b) => collator.compare(a.code, b.code));
}

// ---------------------------------------------------------------------------------------------
// One standard
// ---------------------------------------------------------------------------------------------

const standardColumns = {
  id: standards.id,
  code: standards.code,
  name: standards.name,
  ownerBody: standards.ownerBody,
  category: standards.category,
  currentVersion: standards.currentVersion,
  link: standards.link,
  description: standards.description,
  lifecycle: standards.lifecycle,
  version: standards.version,
  updatedAt: standards.updatedAt,
};

export type StandardRow = {
  id: string;
  code: string;
  name: string;
  ownerBody: string;
  category: StandardCategory;
  currentVersion: string;
  link: string;
  description: string;
  lifecycle: StandardLifecycle;
  version: number;
  updatedAt: Date;
};

export async function getStandard({ standardId }: { standardId: string }): Promise<StandardRow | null> {
  const [row] = await db.select(standardColumns).from(standards).where(eq(standards.id, standardId)).limit(1);
  return row ?? null;
}

/** The standard's versions, newest release first (undated ones by when they were added). */
export async function listStandardVersions({ standardId }: { standardId: string }) {
  return db
    .select({
      id: standardVersions.id,
      label: standardVersions.label,
      releasedOn: standardVersions.releasedOn,
      note: standardVersions.note,
      createdAt: standardVersions.createdAt,
    })
    .from(standardVersions)
    .where(eq(standardVersions.standardId, standardId))
    .orderBy(sql`${standardVersions.releasedOn} desc nulls last`, desc(standardVersions.createdAt));
}

const decidedBy = alias(users, "decided_by");

/** Which collaborations have made the standard common, at what level, on which decision. */
export async function listCommonMarkings({ standardId }: { standardId: string }) {
  return db
    .select({
      collaborationId: collaborationStandards.collaborationId,
      collaborationName: collaborations.name,
      level: collaborationStandards.level,
      decisionReference: collaborationStandards.decisionReference,
      decidedOn: collaborationStandards.decidedOn,
      decidedByName: decidedBy.name,
      updatedAt: collaborationStandards.updatedAt,
    })
    .from(collaborationStandards)
    .innerJoin(collaborations, eq(collaborations.id, collaborationStandards.collaborationId))
    .leftJoin(decidedBy, eq(decidedBy.id, collaborationStandards.decidedByUserId))
    .where(eq(collaborationStandards.standardId, standardId))
    .orderBy(asc(collaborations.name));
}

const recordedBy = alias(users, "recorded_by");

/** Every region with its adoption of the standard (status null where it has recorded nothing). */
export async function listStandardAdoptions({ standardId }: { standardId: string }) {
  const rows = await db
    .select({
      regionId: regions.id,
      regionName: regions.name,
      status: regionStandardAdoptions.status,
      statusDate: regionStandardAdoptions.statusDate,
      note: regionStandardAdoptions.note,
      version: regionStandardAdoptions.version,
      recordedByName: recordedBy.name,
      updatedAt: regionStandardAdoptions.updatedAt,
    })
    .from(regions)
    .leftJoin(
      regionStandardAdoptions,
      and(eq(regionStandardAdoptions.regionId, regions.id), eq(regionStandardAdoptions.standardId, standardId)),
    )
    .leftJoin(recordedBy, eq(recordedBy.id, regionStandardAdoptions.recordedByUserId));
  return rows.sort((a, b) => collator.compare(a.regionName, b.regionName));
}

/** At most this many linked requirements are listed on a standard's page; the counts cover all. */
export const LINKED_REQUIREMENTS_SHOWN = 500;

/**
 * The live requirements the principal may read that refer to the standard, outdated pins first,
 * with the counts of all of them (a private set of another region is neither listed nor counted).
 */
export async function listLinkedRequirements({ standardId, principal }: { standardId: string; principal: Principal }) {
  const state = standardLinkStateSql(requirementStandardLinks.standardVersion, standards.currentVersion);
  const where = and(eq(requirementStandardLinks.standardId, standardId), readableLiveRequirement(principal));
  const base = () =>
    db
      .select({
        requirementId: requirements.id,
        ref: requirements.ref,
        title: requirements.title,
        setId: requirementSets.id,
        setTitle: requirementSets.title,
        regionName: regions.name,
        pinnedVersion: requirementStandardLinks.standardVersion,
        state,
      })
      .from(requirementStandardLinks)
      .innerJoin(standards, eq(standards.id, requirementStandardLinks.standardId))
      .innerJoin(requirements, eq(requirements.id, requirementStandardLinks.requirementId))
      .innerJoin(requirementSets, eq(requirementSets.id, requirements.setId))
      .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId));
  const [rows, [totals]] = await Promise.all([
    base()
      .where(where)
      .orderBy(sql`${state} = 'outdated' desc`, asc(regions.name), asc(requirementSets.title), asc(requirements.ref))
      .limit(LINKED_REQUIREMENTS_SHOWN),
    db
      .select({
        total: sql<number>`count(*)::int`,
        outdated: sql<number>`(count(*) filter (where ${state} = 'outdated'))::int`,
      })
      .from(requirementStandardLinks)
      .innerJoin(standards, eq(standards.id, requirementStandardLinks.standardId))
      .innerJoin(requirements, eq(requirements.id, requirementStandardLinks.requirementId))
      .innerJoin(requirementSets, eq(requirementSets.id, requirements.setId))
      .where(where),
  ]);
  return { requirements: rows, total: Number(totals?.total ?? 0), outdated: Number(totals?.outdated ?? 0) };
}

/** Who changed the standard last and when, from the audit log (shown when an edit conflicts). */
async function lastChangedBy(tx: Transaction, standardId: string): Promise<string | null> {
  const [row] = await tx
    .select({ name: users.name })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.targetType, "standard"),
        eq(auditEvents.targetId, standardId),
        inArray(auditEvents.action, ["standard.created", "standard.updated", "standard.version_added"]),
      ),
    )
    .orderBy(desc(auditEvents.occurredAt))
    .limit(1);
  return row?.name ?? null;
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

/** Whether a database error is a unique-index violation (drizzle wraps the driver's error). */
function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current && typeof current === "object";) {
    if ("code" in current && current.code === "23505") return true;
    current = "cause" in current ? current.cause : null;
  }
  return false;
}

/** Codes are unique whatever their case: "hl7 fhir" is the same standard as "HL7 FHIR". */
async function isCodeTaken(tx: Transaction, code: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: standards.id })
    .from(standards)
    .where(
      and(
        eq(sql`lower(${standards.code})`, code.toLowerCase()),
        exceptId ? sql`${standards.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export type CreateStandardResult = { status: "created"; standardId: string } | { status: "duplicate-code" };

export async function createStandard({
  input,
  firstVersion,
  actorUserId,
  request,
}: {
  input: StandardInput;
  firstVersion: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<CreateStandardResult> {
  try {
    return await db.transaction(async (tx): Promise<CreateStandardResult> => {
      if (await isCodeTaken(tx, input.code)) return { status: "duplicate-code" };
      const [created] = await tx
        .insert(standards)
        .values({ ...input, currentVersion: firstVersion, createdByUserId: actorUserId })
        .onConflictDoNothing()
        .returning({ id: standards.id });
      if (!created) return { status: "duplicate-code" };
      if (firstVersion !== "") {
        await tx
          .insert(standardVersions)
          .values({ standardId: created.id, label: firstVersion, createdByUserId: actorUserId });
      }
      await writeAuditEvent(tx, {
        action: "standard.created",
        actorUserId,
        targetType: "standard",
        targetId: created.id,
        details: { code: input.code, category: input.category, lifecycle: input.lifecycle, version: firstVersion },
        request,
      });
      return { status: "created", standardId: created.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { status: "duplicate-code" };
    throw error;
  }
}

export type StandardConflict = { status: "conflict"; current: StandardRow; changedByName: string | null };

export type UpdateStandardResult =
  { status: "saved"; version: number } | StandardConflict | { status: "duplicate-code" } | { status: "not-found" };

/** Locks the standard's row for the rest of the transaction. */
async function lockStandard(tx: Transaction, standardId: string): Promise<StandardRow | null> {
  const [row] = await tx.select(standardColumns).from(standards).where(eq(standards.id, standardId)).for("update");
  return row ?? null;
}

async function conflictOf(tx: Transaction, current: StandardRow): Promise<StandardConflict> {
  return { status: "conflict", current, changedByName: await lastChangedBy(tx, current.id) };
}

const EDITABLE_FIELDS = ["code", "name", "ownerBody", "category", "link", "description", "lifecycle"] as const;

/**
 * Saves an edit made from `baseVersion`. A stale version is a conflict (with the current values
 * and who saved them), never an overwrite; the audit event records which fields changed.
 */
export async function updateStandard({
  standardId,
  baseVersion,
  input,
  actorUserId,
  request,
}: {
  standardId: string;
  baseVersion: number;
  input: StandardInput;
  actorUserId: string;
  request: RequestInfo;
}): Promise<UpdateStandardResult> {
  try {
    return await db.transaction(async (tx): Promise<UpdateStandardResult> => {
      const before = await lockStandard(tx, standardId);
      if (!before) return { status: "not-found" };
      if (before.version !== baseVersion) return conflictOf(tx, before);
      if (input.code !== before.code && (await isCodeTaken(tx, input.code, standardId))) {
        return { status: "duplicate-code" };
      }
      const changed = EDITABLE_FIELDS.filter((field) => before[field] !== input[field]);
      if (changed.length === 0) return { status: "saved", version: before.version };
      const [updated] = await tx
        .update(standards)
        .set({ ...input, version: sql`${standards.version} + 1`, updatedAt: new Date() })
        .where(and(eq(standards.id, standardId), eq(standards.version, baseVersion)))
        .returning({ version: standards.version });
      if (!updated) return conflictOf(tx, before);
      await writeAuditEvent(tx, {
        action: "standard.updated",
        actorUserId,
        targetType: "standard",
        targetId: standardId,
        details: { code: input.code, fields: changed.join(","), version: updated.version },
        request,
      });
      return { status: "saved", version: updated.version };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { status: "duplicate-code" };
    throw error;
  }
}

export type AddVersionResult =
  { status: "added"; version: number } | StandardConflict | { status: "duplicate-label" } | { status: "not-found" };

/**
 * Adds a version and makes it the current one, guarded by the standard's version: requirements
 * pinned to the previous current version are flagged from now on (see `standardLinkState`).
 */
export async function addStandardVersion({
  standardId,
  baseVersion,
  label,
  releasedOn,
  note,
  actorUserId,
  request,
}: {
  standardId: string;
  baseVersion: number;
  label: string;
  releasedOn: string | null;
  note: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<AddVersionResult> {
  return db.transaction(async (tx): Promise<AddVersionResult> => {
    const before = await lockStandard(tx, standardId);
    if (!before) return { status: "not-found" };
    if (before.version !== baseVersion) return conflictOf(tx, before);
    // The row lock serialises versions of one standard, so this check cannot race.
    const [existing] = await tx
      .select({ id: standardVersions.id })
      .from(standardVersions)
      .where(and(eq(standardVersions.standardId, standardId), eq(standardVersions.label, label)));
    if (existing || label === before.currentVersion) return { status: "duplicate-label" };
    await tx.insert(standardVersions).values({ standardId, label, releasedOn, note, createdByUserId: actorUserId });
    const [updated] = await tx
      .update(standards)
      .set({ currentVersion: label, version: sql`${standards.version} + 1`, updatedAt: new Date() })
      .where(eq(standards.id, standardId))
      .returning({ version: standards.version });
    if (!updated) throw new Error("locked standard vanished");
    const [flagged] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(requirementStandardLinks)
      .where(
        and(
          eq(requirementStandardLinks.standardId, standardId),
          sql`${standardLinkStateSql(requirementStandardLinks.standardVersion, sql`${label}::text`)} = 'outdated'`,
        ),
      );
    await writeAuditEvent(tx, {
      action: "standard.version_added",
      actorUserId,
      targetType: "standard",
      targetId: standardId,
      details: {
        code: before.code,
        label,
        previous: before.currentVersion,
        releasedOn,
        flaggedLinks: Number(flagged?.n ?? 0),
      },
      request,
    });
    return { status: "added", version: updated.version };
  });
}

export type MarkCommonResult = { status: "saved"; created: boolean } | { status: "not-found" };

/**
 * A collaboration's steering group marks the standard as common (krav or rekommendation), or
 * changes the marking, on a decision that is always referenced. Both the before and after are audited.
 */
export async function markCommonStandard({
  standardId,
  collaborationId,
  level,
  decisionReference,
  decidedOn,
  actorUserId,
  request,
}: {
  standardId: string;
  collaborationId: string;
  level: CommonLevel;
  decisionReference: string;
  decidedOn: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<MarkCommonResult> {
  return db.transaction(async (tx): Promise<MarkCommonResult> => {
    const standard = await lockStandard(tx, standardId);
    const [collaboration] = await tx
      .select({ id: collaborations.id })
      .from(collaborations)
      .where(eq(collaborations.id, collaborationId));
    if (!standard || !collaboration) return { status: "not-found" };
    const [before] = await tx
      .select({ level: collaborationStandards.level, decisionReference: collaborationStandards.decisionReference })
      .from(collaborationStandards)
      .where(
        and(
          eq(collaborationStandards.collaborationId, collaborationId),
          eq(collaborationStandards.standardId, standardId),
        ),
      );
    const values = { level, decisionReference, decidedOn, decidedByUserId: actorUserId, updatedAt: new Date() };
    await tx
      .insert(collaborationStandards)
      .values({ collaborationId, standardId, ...values })
      .onConflictDoUpdate({
        target: [collaborationStandards.collaborationId, collaborationStandards.standardId],
        set: values,
      });
    await writeAuditEvent(tx, {
      action: "standard.common_marked",
      actorUserId,
      targetType: "standard",
      targetId: standardId,
      details: {
        code: standard.code,
        collaborationId,
        level,
        decisionReference,
        decidedOn,
        previousLevel: before?.level ?? null,
        previousReference: before?.decisionReference ?? null,
      },
      request,
    });
    return { status: "saved", created: before === undefined };
  });
}

export type RemoveCommonResult = { status: "removed" } | { status: "not-marked" };

/** Takes the marking back, on a referenced decision (kept in the audit log with the old marking). */
export async function removeCommonStandard({
  standardId,
  collaborationId,
  decisionReference,
  actorUserId,
  request,
}: {
  standardId: string;
  collaborationId: string;
  decisionReference: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<RemoveCommonResult> {
  return db.transaction(async (tx): Promise<RemoveCommonResult> => {
    const [removed] = await tx
      .delete(collaborationStandards)
      .where(
        and(
          eq(collaborationStandards.collaborationId, collaborationId),
          eq(collaborationStandards.standardId, standardId),
        ),
      )
      .returning({
        level: collaborationStandards.level,
        decisionReference: collaborationStandards.decisionReference,
      });
    if (!removed) return { status: "not-marked" };
    await writeAuditEvent(tx, {
      action: "standard.common_removed",
      actorUserId,
      targetType: "standard",
      targetId: standardId,
      details: {
        collaborationId,
        decisionReference,
        previousLevel: removed.level,
        previousReference: removed.decisionReference,
      },
      request,
    });
    return { status: "removed" };
  });
}

export type AdoptionRow = {
  status: AdoptionStatus;
  statusDate: string | null;
  note: string;
  version: number;
  recordedByName: string | null;
  updatedAt: Date;
};

export type RecordAdoptionResult =
  { status: "saved"; version: number } | { status: "conflict"; current: AdoptionRow | null } | { status: "not-found" };

async function currentAdoption(tx: DbOrTransaction, regionId: string, standardId: string): Promise<AdoptionRow | null> {
  const [row] = await tx
    .select({
      status: regionStandardAdoptions.status,
      statusDate: regionStandardAdoptions.statusDate,
      note: regionStandardAdoptions.note,
      version: regionStandardAdoptions.version,
      recordedByName: users.name,
      updatedAt: regionStandardAdoptions.updatedAt,
    })
    .from(regionStandardAdoptions)
    .leftJoin(users, eq(users.id, regionStandardAdoptions.recordedByUserId))
    .where(and(eq(regionStandardAdoptions.regionId, regionId), eq(regionStandardAdoptions.standardId, standardId)));
  return row ?? null;
}

/**
 * Records the region's adoption of the standard (one current record; its history is the audit
 * log). `baseVersion` is the record's version the form showed, 0 when there was none: if another
 * admin recorded meanwhile, the answer is a conflict with their record, and nothing is written.
 */
export async function recordAdoption({
  regionId,
  standardId,
  status,
  statusDate,
  note,
  baseVersion,
  actorUserId,
  request,
}: {
  regionId: string;
  standardId: string;
  status: AdoptionStatus;
  statusDate: string | null;
  note: string;
  baseVersion: number;
  actorUserId: string;
  request: RequestInfo;
}): Promise<RecordAdoptionResult> {
  return db.transaction(async (tx): Promise<RecordAdoptionResult> => {
    const standard = await lockStandard(tx, standardId);
    if (!standard) return { status: "not-found" };
    const conflict = async (): Promise<RecordAdoptionResult> => ({
      status: "conflict",
      current: await currentAdoption(tx, regionId, standardId),
    });
    const [before] = await tx
      .select({ status: regionStandardAdoptions.status, version: regionStandardAdoptions.version })
      .from(regionStandardAdoptions)
      .where(and(eq(regionStandardAdoptions.regionId, regionId), eq(regionStandardAdoptions.standardId, standardId)))
      .for("update");
    if ((before?.version ?? 0) !== baseVersion) return conflict();
    const values = { status, statusDate, note, recordedByUserId: actorUserId, updatedAt: new Date() };
    let version: number;
    if (before) {
      const [updated] = await tx
        .update(regionStandardAdoptions)
        .set({ ...values, version: sql`${regionStandardAdoptions.version} + 1` })
        .where(
          and(
            eq(regionStandardAdoptions.regionId, regionId),
            eq(regionStandardAdoptions.standardId, standardId),
            eq(regionStandardAdoptions.version, baseVersion),
          ),
        )
        .returning({ version: regionStandardAdoptions.version });
      if (!updated) return conflict();
      version = updated.version;
    } else {
      // The standard's row lock serialises first records too; the key catches anything else.
      const [created] = await tx
        .insert(regionStandardAdoptions)
        .values({ regionId, standardId, ...values })
        .onConflictDoNothing()
        .returning({ version: regionStandardAdoptions.version });
      if (!created) return conflict();
      version = created.version;
    }
    await writeAuditEvent(tx, {
      action: "standard.adoption_recorded",
      actorUserId,
      regionId,
      targetType: "standard",
      targetId: standardId,
      details: { code: standard.code, status, statusDate, previousStatus: before?.status ?? null },
      request,
    });
    return { status: "saved", version };
  });
}

/** The region's current adoption record of the standard, or null. */
export async function getAdoption({ regionId, standardId }: { regionId: string; standardId: string }) {
  return currentAdoption(db, regionId, standardId);
}

// ---------------------------------------------------------------------------------------------
// The adoption matrix
// ---------------------------------------------------------------------------------------------

export type MatrixFilters = {
  /** Only this collaboration's member regions, with its common standards marked. */
  collaborationId?: string;
  category?: StandardCategory;
  /** With a collaboration: only the standards it has made common. */
  commonOnly?: boolean;
};

export type MatrixCommon = { collaborationName: string; level: CommonLevel };

export type MatrixCell = {
  status: AdoptionCellStatus;
  statusDate: string | null;
  note: string;
  /** The collaborations of this region that have made this standard common. */
  commonIn: MatrixCommon[];
  /** Common for the region, yet neither adopted nor planned. */
  deviation: boolean;
};

export type StatusCounts = Record<AdoptionCellStatus, number> & { deviations: number };

function emptyCounts(): StatusCounts {
  return { adopted: 0, planned: 0, evaluating: 0, not_applicable: 0, none: 0, deviations: 0 };
}

function countCell(counts: StatusCounts, cell: MatrixCell): void {
  counts[cell.status] += 1;
  if (cell.deviation) counts.deviations += 1;
}

/**
 * Regions × standards: each cell the region's adoption status, and whether it deviates from a
 * common standard of a collaboration the region belongs to (only the chosen collaboration, when
 * one is chosen). With totals per standard, per region and overall, and the deviations as a list.
 */
export async function getAdoptionMatrix({ filters }: { filters: MatrixFilters }) {
  const { collaborationId, category } = filters;
  const commonOnly = Boolean(filters.commonOnly && collaborationId);
  const [regionRows, standardRows, commonRows] = await Promise.all([
    collaborationId
      ? db
          .select({ id: regions.id, name: regions.name, shortName: regions.shortName })
          .from(collaborationRegions)
          .innerJoin(regions, eq(regions.id, collaborationRegions.regionId))
          .where(eq(collaborationRegions.collaborationId, collaborationId))
      : db.select({ id: regions.id, name: regions.name, shortName: regions.shortName }).from(regions),
    db
      .select({
        id: standards.id,
        code: standards.code,
        name: standards.name,
        category: standards.category,
        currentVersion: standards.currentVersion,
      })
      .from(standards)
      .where(
        and(
          category ? eq(standards.category, category) : undefined,
          commonOnly && collaborationId ? inArray(standards.id, commonStandardIds(collaborationId)) : undefined,
        ),
      ),
    // A common standard binds the member regions of the collaboration that made it common.
    db
      .select({
        standardId: collaborationStandards.standardId,
        collaborationId: collaborationStandards.collaborationId,
        collaborationName: collaborations.name,
        level: collaborationStandards.level,
        regionId: collaborationRegions.regionId,
      })
      .from(collaborationStandards)
      .innerJoin(collaborations, eq(collaborations.id, collaborationStandards.collaborationId))
      .innerJoin(collaborationRegions, eq(collaborationRegions.collaborationId, collaborationStandards.collaborationId))
      .where(collaborationId ? eq(collaborationStandards.collaborationId, collaborationId) : undefined)
      .orderBy(asc(collaborations.name)),
  ]);
  const regionList = regionRows.sort((a, b) => collator.compare(a.name, b.name));
  const standardList = standardRows.sort(
    (a, b) =>
      STANDARD_CATEGORIES.indexOf(a.category) - STANDARD_CATEGORIES.indexOf(b.category) ||
      collator.compare(a.code, b.code),
  );
  const adoptionRows =
    regionList.length > 0 && standardList.length > 0
      ? await db
          .select({
            regionId: regionStandardAdoptions.regionId,
            standardId: regionStandardAdoptions.standardId,
            status: regionStandardAdoptions.status,
            statusDate: regionStandardAdoptions.statusDate,
            note: regionStandardAdoptions.note,
          })
          .from(regionStandardAdoptions)
          .where(
            and(
              inArray(
                regionStandardAdoptions.regionId,
                regionList.map((region) => region.id),
              ),
              inArray(
                regionStandardAdoptions.standardId,
                standardList.map((standard) => standard.id),
              ),
            ),
          )
      : [];
  const key = (standardId: string, regionId: string) => `${standardId}:${regionId}`;
  const adoptions = new Map(adoptionRows.map((row) => [key(row.standardId, row.regionId), row]));
  const commons = new Map<string, MatrixCommon[]>();
  const standardCommons = new Map<string, Map<string, MatrixCommon>>();
  for (const row of commonRows) {
    const marking = { collaborationName: row.collaborationName, level: row.level };
    const cellKey = key(row.standardId, row.regionId);
    commons.set(cellKey, [...(commons.get(cellKey) ?? []), marking]);
    const byCollaboration = standardCommons.get(row.standardId) ?? new Map<string, MatrixCommon>();
    byCollaboration.set(row.collaborationId, marking);
    standardCommons.set(row.standardId, byCollaboration);
  }

  const regionTotals = regionList.map(() => emptyCounts());
  const overall = emptyCounts();
  const deviations: Array<{
    regionId: string;
    regionName: string;
    standardId: string;
    standardCode: string;
    status: AdoptionCellStatus;
    commonIn: MatrixCommon[];
  }> = [];
  const rows = standardList.map((standard) => {
    const totals = emptyCounts();
    const cells = regionList.map((region, index): MatrixCell => {
      const adoption = adoptions.get(key(standard.id, region.id));
      const status: AdoptionCellStatus = adoption?.status ?? "none";
      const commonIn = commons.get(key(standard.id, region.id)) ?? [];
      const cell = {
        status,
        statusDate: adoption?.statusDate ?? null,
        note: adoption?.note ?? "",
        commonIn,
        deviation: commonIn.length > 0 && isDeviation(status),
      };
      countCell(totals, cell);
      countCell(regionTotals[index] ?? emptyCounts(), cell);
      countCell(overall, cell);
      if (cell.deviation) {
        deviations.push({
          regionId: region.id,
          regionName: region.name,
          standardId: standard.id,
          standardCode: standard.code,
          status,
          commonIn,
        });
      }
      return cell;
    });
    return { standard, commonIn: [...(standardCommons.get(standard.id)?.values() ?? [])], cells, totals };
  });
  return { regions: regionList, rows, regionTotals, overall, deviations, statuses: ADOPTION_CELL_STATUSES };
}

export type AdoptionMatrix = Awaited<ReturnType<typeof getAdoptionMatrix>>;
