import { and, asc, eq, inArray, isNotNull, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import { regions } from "../../db/schema/accounts";
import { libraryDeclines } from "../../db/schema/library";
import { requirementSets, requirements, setChanges, setSections } from "../../db/schema/requirements";
import { writeAuditEvent } from "~/utils/audit.server";
import { rowsOf, type Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import {
  can,
  EDITABLE_SET_STATUSES,
  visibleTo,
  visibleToUserSql,
  type Principal,
  type ShareableColumns,
} from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";
import {
  COMPARED_FIELDS,
  sameFieldValue,
  type Area,
  type ComparedField,
  type RequirementContent,
  type RequirementSnapshot,
} from "~/utils/requirement-fields";
import { fieldDiffs, type FieldDiff } from "~/utils/set-diff";

import { notify } from "./notifications.server";
import { setResource } from "./requirement-sets.server";
import { lockEditableSet } from "./requirements.server";

/**
 * Reuse with provenance (issue 4): copying library requirements into one's own drafts, forking a
 * whole set, and following the source afterwards ("källan har ändrats", accept or keep).
 *
 * A copy is an ordinary requirement that also records its source: the source's UUID and set, the
 * source version whose content it is based on (`source_version`, with that content frozen in
 * `source_snapshot`) and the newest source version its owner has acted on (`source_seen_version`).
 * Only content changes of the source count as "changed": a content edit is a `set_changes` row of
 * kind `updated` or `imported` with the version after the edit, so a move (which also bumps the
 * version) never flags a copy. And a flag is only shown to someone who may still read the source.
 */

/** Fields whose difference from the snapshot makes a copy "anpassad"; a renumbered ref is not an adaptation. */
export const ADAPTATION_FIELDS: readonly ComparedField[] = COMPARED_FIELDS.filter((field) => field !== "ref");

/** `set_changes` kinds that change a requirement's content: the only ones that flag its copies. */
export const CONTENT_CHANGE_KINDS = ["updated", "imported"] as const;
const contentChangeKinds = sql`(${sql.join(
  CONTENT_CHANGE_KINDS.map((kind) => sql`${kind}`),
  sql`, `,
)})`;

const contentColumns = {
  ref: requirements.ref,
  title: requirements.title,
  text: requirements.text,
  obligation: requirements.obligation,
  type: requirements.type,
  // A text column; only the area codes of the form are ever written to it.
  area: sql<Area>`${requirements.area}`,
  rationale: requirements.rationale,
  verification: requirements.verification,
  weight: requirements.weight,
  ambition: requirements.ambition,
  tags: requirements.tags,
};

export function contentOf(row: RequirementContent): RequirementContent {
  return {
    ref: row.ref,
    title: row.title,
    text: row.text,
    obligation: row.obligation,
    type: row.type,
    area: row.area,
    rationale: row.rationale,
    verification: row.verification,
    weight: row.weight,
    ambition: row.ambition,
    tags: [...row.tags],
  };
}

/** Whether a copy's content differs from the source content it is based on (adoption record "anpassad"). */
export function isAdapted(copy: RequirementContent, snapshot: RequirementContent | null): boolean {
  if (!snapshot) return false;
  return ADAPTATION_FIELDS.some((field) => !sameFieldValue(copy[field], snapshot[field]));
}

/**
 * SQL: "the copy in `copy` has a source that changed since its owner last acted, and the person
 * asking may still read that source". `copy` names the copy's `source_requirement_id` and
 * `source_seen_version` columns; used in the set header's count (getVisibleSet), in lists here
 * and, per recipient, for notifications, so all three agree.
 */
export function sourceChangedCondition(
  copy: { sourceRequirementId: AnyColumn | SQL; sourceSeenVersion: AnyColumn | SQL },
  readable: (sourceSet: ShareableColumns) => SQL,
): SQL {
  const rss = alias(requirementSets, "rss");
  return sql`(${copy.sourceRequirementId} is not null
    and exists (select 1 from set_changes rsc
      where rsc.requirement_id = ${copy.sourceRequirementId}
        and rsc.kind in ${contentChangeKinds}
        and rsc.version > coalesce(${copy.sourceSeenVersion}, 0))
    and exists (select 1 from requirements rsrc join requirement_sets rss on rss.id = rsrc.set_id
      where rsrc.id = ${copy.sourceRequirementId} and rsrc.deleted_at is null
        and ${readable({ ownerRegionId: rss.ownerRegionId, visibility: rss.visibility, collaborationId: rss.collaborationId })}))`;
}

/** The predicate for a loaded principal (the person viewing a page). */
export function readableBy(principal: Principal | null) {
  return (columns: ShareableColumns) => visibleTo(principal, columns);
}

/** How many live requirements of the set have a changed source, seen as `principal` (an aggregate over the set's live requirements). */
export function sourceChangedCount(principal: Principal | null): SQL<number> {
  return sql<number>`(count(${requirements.id}) filter (where ${sourceChangedCondition(
    { sourceRequirementId: requirements.sourceRequirementId, sourceSeenVersion: requirements.sourceSeenVersion },
    readableBy(principal),
  )}))::int`;
}

// ---------------------------------------------------------------------------------------------
// Where copies can go
// ---------------------------------------------------------------------------------------------

/** Draft or in-review sets of the user's regions that the user may edit: where copies can go, each with its sections. */
export async function listCopyTargets({ principal }: { principal: Principal }) {
  const regionIds = [...principal.regionRoles].filter(([, role]) => role !== "viewer").map(([regionId]) => regionId);
  if (regionIds.length === 0) return [];
  const sets = await db
    .select({
      id: requirementSets.id,
      title: requirementSets.title,
      status: requirementSets.status,
      ownerRegionId: requirementSets.ownerRegionId,
      ownerRegionName: regions.name,
      visibility: requirementSets.visibility,
      collaborationId: requirementSets.collaborationId,
      archivedAt: requirementSets.archivedAt,
    })
    .from(requirementSets)
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(
      and(
        inArray(requirementSets.ownerRegionId, regionIds),
        inArray(requirementSets.status, [...EDITABLE_SET_STATUSES]),
        isNull(requirementSets.archivedAt),
      ),
    )
    .orderBy(asc(regions.name), asc(requirementSets.title));
  const editable = sets.filter((set) => can(principal, "set.edit", setResource(set)));
  if (editable.length === 0) return [];
  const sections = await db
    .select({
      id: setSections.id,
      setId: setSections.setId,
      parentId: setSections.parentId,
      title: setSections.title,
      position: setSections.position,
    })
    .from(setSections)
    .where(
      and(
        inArray(
          setSections.setId,
          editable.map((set) => set.id),
        ),
        isNull(setSections.deletedAt),
      ),
    )
    .orderBy(asc(setSections.position));
  return editable.map((set) => ({
    id: set.id,
    title: set.title,
    ownerRegionName: set.ownerRegionName,
    sections: numberSections(sections.filter((section) => section.setId === set.id)),
  }));
}

export type CopyTarget = Awaited<ReturnType<typeof listCopyTargets>>[number];

function numberSections<Row extends { id: string; parentId: string | null; title: string; position: number }>(
  rows: Row[],
) {
  const children = new Map<string | null, Row[]>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const ordered: Array<{ id: string; title: string; number: string; depth: number }> = [];
  const walk = (parentId: string | null, prefix: string, depth: number) => {
    (children.get(parentId) ?? []).forEach((row, index) => {
      const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
      ordered.push({ id: row.id, title: row.title, number, depth });
      walk(row.id, number, depth + 1);
    });
  };
  walk(null, "", 1);
  return ordered;
}

/** Whether the user may write in at least one region: a viewer everywhere has nowhere to copy to. */
export function canCopyAnywhere(principal: Principal): boolean {
  return [...principal.regionRoles.values()].some((role) => role !== "viewer");
}

// ---------------------------------------------------------------------------------------------
// Reading sources
// ---------------------------------------------------------------------------------------------

/** Live requirements among `ids` that the principal may read, with their set and region. Hidden and unknown ids are left out. */
export async function listReadableRequirements({ principal, ids }: { principal: Principal; ids: readonly string[] }) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: requirements.id,
      ref: requirements.ref,
      title: requirements.title,
      version: requirements.version,
      setId: requirementSets.id,
      setTitle: requirementSets.title,
      ownerRegionName: regions.name,
    })
    .from(requirements)
    .innerJoin(requirementSets, eq(requirementSets.id, requirements.setId))
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(
      and(inArray(requirements.id, [...ids]), isNull(requirements.deletedAt), visibleTo(principal, requirementSets)),
    )
    .orderBy(asc(requirementSets.title), asc(requirements.ref));
  return rows;
}

type SourceRow = RequirementContent & { id: string; setId: string; sectionId: string | null; version: number };

async function loadSources(tx: Transaction, principal: Principal, ids: readonly string[]): Promise<SourceRow[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({
      ...contentColumns,
      id: requirements.id,
      setId: requirements.setId,
      sectionId: requirements.sectionId,
      version: requirements.version,
      position: requirements.position,
    })
    .from(requirements)
    .innerJoin(requirementSets, eq(requirementSets.id, requirements.setId))
    .where(
      and(inArray(requirements.id, [...ids]), isNull(requirements.deletedAt), visibleTo(principal, requirementSets)),
    )
    .orderBy(asc(requirements.position));
  // Keep the caller's order (the order the user chose or the source's tree order).
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Copying
// ---------------------------------------------------------------------------------------------

export type CopyResult =
  | { status: "copied"; count: number; copyIds: string[] }
  | { status: "not-found" }
  | { status: "not-editable" }
  | { status: "section-not-found" }
  | { status: "same-set" }
  | { status: "already-copied"; refs: string[] };

async function refTaken(tx: Transaction, setId: string, ref: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: requirements.id })
    .from(requirements)
    .where(and(eq(requirements.setId, setId), eq(requirements.ref, ref), isNull(requirements.deletedAt)))
    .limit(1);
  return row !== undefined;
}

/** The source's ref when it is free in the target set, otherwise the next free ref of its area (as `suggestRef`). */
async function refForCopy(tx: Transaction, setId: string, source: RequirementContent): Promise<string> {
  if (!(await refTaken(tx, setId, source.ref))) return source.ref;
  const [row] = rowsOf<{ highest: number | null }>(
    await tx.execute(sql`
      select max(substring(${requirements.ref} from ${`^${source.area}-(\\d+)$`})::int) as highest
      from ${requirements} where ${requirements.setId} = ${setId}`),
  );
  let next = Number(row?.highest ?? 0) + 1;
  // Deleted refs are not reused (suggestRef's rule), and a hand-made ref may sit in the way.
  for (;;) {
    const ref = `${source.area}-${String(next).padStart(3, "0")}`;
    if (!(await refTaken(tx, setId, ref))) return ref;
    next += 1;
  }
}

async function nextRequirementPosition(tx: Transaction, setId: string, sectionId: string | null): Promise<number> {
  const [last] = rowsOf<{ highest: number | null }>(
    await tx.execute(sql`select max(${requirements.position}) as highest from ${requirements}
      where ${requirements.setId} = ${setId} and ${requirements.sectionId} is not distinct from ${sectionId}`),
  );
  return Number(last?.highest ?? 0) + 1;
}

/** Inserts one copy with its provenance and a `created` history entry, like createRequirement does. */
async function insertCopy(
  tx: Transaction,
  {
    source,
    setId,
    sectionId,
    actorUserId,
    ref,
  }: { source: SourceRow; setId: string; sectionId: string | null; actorUserId: string; ref: string },
): Promise<string> {
  const content = contentOf(source);
  const input = { ...content, ref };
  const [created] = await tx
    .insert(requirements)
    .values({
      setId,
      sectionId,
      position: await nextRequirementPosition(tx, setId, sectionId),
      ...input,
      createdByUserId: actorUserId,
      updatedByUserId: actorUserId,
      sourceRequirementId: source.id,
      sourceSetId: source.setId,
      sourceVersion: source.version,
      sourceSnapshot: content,
      sourceSeenVersion: source.version,
    })
    .returning({ id: requirements.id });
  if (!created) throw new Error("insert returned no row");
  await tx.insert(setChanges).values({
    setId,
    requirementId: created.id,
    kind: "created",
    version: 1,
    changes: Object.fromEntries(COMPARED_FIELDS.map((field) => [field, { old: null, new: input[field] }])),
    changedByUserId: actorUserId,
  });
  return created.id;
}

async function touchSet(tx: Transaction, setId: string, actorUserId: string) {
  await tx
    .update(requirementSets)
    .set({ updatedAt: new Date(), updatedByUserId: actorUserId })
    .where(eq(requirementSets.id, setId));
}

async function targetSetInfo(tx: Transaction, setId: string) {
  const [row] = await tx
    .select({
      id: requirementSets.id,
      ownerRegionId: requirementSets.ownerRegionId,
      visibility: requirementSets.visibility,
      collaborationId: requirementSets.collaborationId,
      status: requirementSets.status,
      archivedAt: requirementSets.archivedAt,
    })
    .from(requirementSets)
    .where(eq(requirementSets.id, setId));
  return row ?? null;
}

/** Refs (in the target) of copies already made there from any of `sourceIds`. */
async function existingCopies(tx: Transaction, setId: string, sourceIds: readonly string[]): Promise<string[]> {
  if (sourceIds.length === 0) return [];
  const rows = await tx
    .select({ ref: requirements.ref })
    .from(requirements)
    .where(
      and(
        eq(requirements.setId, setId),
        inArray(requirements.sourceRequirementId, [...sourceIds]),
        isNull(requirements.deletedAt),
      ),
    )
    .orderBy(asc(requirements.ref));
  return rows.map((row) => row.ref);
}

async function auditCopies(
  tx: Transaction,
  copies: Array<{ copyId: string; source: SourceRow }>,
  {
    targetSetId,
    targetRegionId,
    actorUserId,
    request,
  }: { targetSetId: string; targetRegionId: string; actorUserId: string; request: RequestInfo },
) {
  for (const { copyId, source } of copies) {
    await writeAuditEvent(tx, {
      action: "requirement.copied",
      actorUserId,
      regionId: targetRegionId,
      targetType: "requirement",
      targetId: copyId,
      details: {
        sourceRequirementId: source.id,
        sourceSetId: source.setId,
        sourceVersion: source.version,
        targetSetId,
      },
      request,
    });
  }
}

/**
 * Copies readable requirements into a set the principal may edit, in one transaction: all or
 * none. A source already copied into the target (and not deleted there) refuses the whole copy.
 */
export async function copyRequirements({
  principal,
  sourceRequirementIds,
  targetSetId,
  targetSectionId,
  request,
}: {
  principal: Principal;
  sourceRequirementIds: readonly string[];
  targetSetId: string;
  targetSectionId: string | null;
  request: RequestInfo;
}): Promise<CopyResult> {
  const actorUserId = principal.userId;
  return db.transaction(async (tx) => {
    const editable = await lockEditableSet(tx, targetSetId);
    const target = await targetSetInfo(tx, targetSetId);
    if (!target || !can(principal, "set.edit", setResource(target))) return { status: "not-editable" } as const;
    if (!editable) return { status: "not-editable" } as const;
    const sources = await loadSources(tx, principal, [...new Set(sourceRequirementIds)]);
    if (sources.length === 0) return { status: "not-found" } as const;
    if (sources.some((source) => source.setId === targetSetId)) return { status: "same-set" } as const;
    if (targetSectionId !== null && !(await sectionIsLive(tx, targetSetId, targetSectionId))) {
      return { status: "section-not-found" } as const;
    }
    const already = await existingCopies(
      tx,
      targetSetId,
      sources.map((source) => source.id),
    );
    if (already.length > 0) return { status: "already-copied", refs: already } as const;
    const copies: Array<{ copyId: string; source: SourceRow }> = [];
    for (const source of sources) {
      const ref = await refForCopy(tx, targetSetId, source);
      copies.push({
        copyId: await insertCopy(tx, { source, setId: targetSetId, sectionId: targetSectionId, actorUserId, ref }),
        source,
      });
    }
    await auditCopies(tx, copies, { targetSetId, targetRegionId: target.ownerRegionId, actorUserId, request });
    await touchSet(tx, targetSetId, actorUserId);
    return { status: "copied", count: copies.length, copyIds: copies.map((copy) => copy.copyId) } as const;
  });
}

async function sectionIsLive(tx: Transaction, setId: string, sectionId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: setSections.id })
    .from(setSections)
    .where(and(eq(setSections.id, sectionId), eq(setSections.setId, setId), isNull(setSections.deletedAt)));
  return row !== undefined;
}

type SectionRow = { id: string; parentId: string | null; title: string; position: number };

async function liveSections(tx: Transaction, setId: string): Promise<SectionRow[]> {
  return tx
    .select({
      id: setSections.id,
      parentId: setSections.parentId,
      title: setSections.title,
      position: setSections.position,
    })
    .from(setSections)
    .where(and(eq(setSections.setId, setId), isNull(setSections.deletedAt)))
    .orderBy(asc(setSections.position));
}

/** Live requirement ids of a set in tree order, grouped by section (null: outside any section). */
async function liveRequirementIdsBySection(tx: Transaction, setId: string): Promise<Map<string | null, string[]>> {
  const rows = await tx
    .select({ id: requirements.id, sectionId: requirements.sectionId })
    .from(requirements)
    .where(and(eq(requirements.setId, setId), isNull(requirements.deletedAt)))
    .orderBy(asc(requirements.position));
  const bySection = new Map<string | null, string[]>();
  for (const row of rows) bySection.set(row.sectionId, [...(bySection.get(row.sectionId) ?? []), row.id]);
  return bySection;
}

/**
 * Recreates the subtrees rooted at `roots` under `targetParentId` in the target set, copying each
 * section's live requirements into its new counterpart. Returns the copies made.
 */
async function copySubtrees(
  tx: Transaction,
  {
    principal,
    sections,
    roots,
    targetSetId,
    targetParentId,
    bySection,
  }: {
    principal: Principal;
    sections: SectionRow[];
    roots: SectionRow[];
    targetSetId: string;
    targetParentId: string | null;
    bySection: Map<string | null, string[]>;
  },
): Promise<Array<{ copyId: string; source: SourceRow }>> {
  const copies: Array<{ copyId: string; source: SourceRow }> = [];
  const children = new Map<string | null, SectionRow[]>();
  for (const section of sections) children.set(section.parentId, [...(children.get(section.parentId) ?? []), section]);
  const copySection = async (section: SectionRow, parentId: string | null) => {
    const [position] = rowsOf<{ next: number }>(
      await tx.execute(sql`select coalesce(max(position), 0) + 1 as next from ${setSections}
        where set_id = ${targetSetId} and parent_id is not distinct from ${parentId} and deleted_at is null`),
    );
    const [created] = await tx
      .insert(setSections)
      .values({ setId: targetSetId, parentId, title: section.title, position: Number(position?.next ?? 1) })
      .returning({ id: setSections.id });
    if (!created) throw new Error("insert returned no row");
    await tx.insert(setChanges).values({
      setId: targetSetId,
      sectionId: created.id,
      kind: "section-created",
      version: 1,
      changes: { title: { old: null, new: section.title } },
      changedByUserId: principal.userId,
    });
    for (const source of await loadSources(tx, principal, bySection.get(section.id) ?? [])) {
      const ref = await refForCopy(tx, targetSetId, source);
      const copyId = await insertCopy(tx, {
        source,
        setId: targetSetId,
        sectionId: created.id,
        actorUserId: principal.userId,
        ref,
      });
      copies.push({ copyId, source });
    }
    for (const child of children.get(section.id) ?? []) await copySection(child, created.id);
  };
  for (const root of roots) await copySection(root, targetParentId);
  return copies;
}

/**
 * Copies whole sections (each with its subsections and live requirements) of a readable source
 * set into an editable target set, at its top level. A chosen section inside another chosen one
 * comes along with its parent, not twice.
 */
export async function copySections({
  principal,
  sourceSetId,
  sectionIds,
  targetSetId,
  request,
}: {
  principal: Principal;
  sourceSetId: string;
  sectionIds: readonly string[];
  targetSetId: string;
  request: RequestInfo;
}): Promise<CopyResult> {
  return db.transaction(async (tx) => {
    if (sourceSetId === targetSetId) return { status: "same-set" } as const;
    const editable = await lockEditableSet(tx, targetSetId);
    const target = await targetSetInfo(tx, targetSetId);
    if (!target || !can(principal, "set.edit", setResource(target)) || !editable)
      return { status: "not-editable" } as const;
    const sections = await liveSections(tx, sourceSetId);
    const chosen = new Set(sectionIds);
    const byId = new Map(sections.map((section) => [section.id, section]));
    const hasChosenAncestor = (section: SectionRow): boolean => {
      let parent = section.parentId === null ? undefined : byId.get(section.parentId);
      while (parent) {
        if (chosen.has(parent.id)) return true;
        parent = parent.parentId === null ? undefined : byId.get(parent.parentId);
      }
      return false;
    };
    const roots = sections.filter((section) => chosen.has(section.id) && !hasChosenAncestor(section));
    if (roots.length === 0) return { status: "section-not-found" } as const;
    const bySection = await liveRequirementIdsBySection(tx, sourceSetId);
    const inScope = new Set<string>();
    const collect = (sectionId: string) => {
      for (const id of bySection.get(sectionId) ?? []) inScope.add(id);
      for (const child of sections.filter((section) => section.parentId === sectionId)) collect(child.id);
    };
    for (const root of roots) collect(root.id);
    const already = await existingCopies(tx, targetSetId, [...inScope]);
    if (already.length > 0) return { status: "already-copied", refs: already } as const;
    const copies = await copySubtrees(tx, { principal, sections, roots, targetSetId, targetParentId: null, bySection });
    await auditCopies(tx, copies, {
      targetSetId,
      targetRegionId: target.ownerRegionId,
      actorUserId: principal.userId,
      request,
    });
    await touchSet(tx, targetSetId, principal.userId);
    return { status: "copied", count: copies.length, copyIds: copies.map((copy) => copy.copyId) } as const;
  });
}

export type ForkResult =
  { status: "forked"; setId: string; count: number } | { status: "not-found" } | { status: "forbidden" };

/**
 * Forks a readable set: a new draft in `regionId` with the same section tree and a copy (with
 * provenance) of every live requirement. Refs stay as they are: the new set starts empty.
 */
export async function forkSet({
  principal,
  sourceSetId,
  regionId,
  title,
  request,
}: {
  principal: Principal;
  sourceSetId: string;
  regionId: string;
  title: string;
  request: RequestInfo;
}): Promise<ForkResult> {
  if (!can(principal, "region.write", { type: "region", regionId })) return { status: "forbidden" };
  return db.transaction(async (tx) => {
    const [source] = await tx
      .select({ id: requirementSets.id, description: requirementSets.description })
      .from(requirementSets)
      .where(and(eq(requirementSets.id, sourceSetId), visibleTo(principal, requirementSets)));
    if (!source) return { status: "not-found" } as const;
    const [created] = await tx
      .insert(requirementSets)
      .values({
        ownerRegionId: regionId,
        title,
        description: source.description,
        previousSetId: null,
        createdByUserId: principal.userId,
        updatedByUserId: principal.userId,
      })
      .returning({ id: requirementSets.id });
    if (!created) throw new Error("insert returned no row");
    await tx.insert(setChanges).values({
      setId: created.id,
      kind: "set-created",
      version: 1,
      changes: { title: { old: null, new: title } },
      changedByUserId: principal.userId,
    });
    const sections = await liveSections(tx, sourceSetId);
    const bySection = await liveRequirementIdsBySection(tx, sourceSetId);
    const copies: Array<{ copyId: string; source: SourceRow }> = [];
    // Requirements outside any section first, as the set page shows them.
    for (const source of await loadSources(tx, principal, bySection.get(null) ?? [])) {
      copies.push({
        copyId: await insertCopy(tx, {
          source,
          setId: created.id,
          sectionId: null,
          actorUserId: principal.userId,
          ref: source.ref,
        }),
        source,
      });
    }
    copies.push(
      ...(await copySubtrees(tx, {
        principal,
        sections,
        roots: sections.filter((section) => section.parentId === null),
        targetSetId: created.id,
        targetParentId: null,
        bySection,
      })),
    );
    await writeAuditEvent(tx, {
      action: "set.forked",
      actorUserId: principal.userId,
      regionId,
      targetType: "requirement_set",
      targetId: created.id,
      details: { sourceSetId, requirements: copies.length },
      request,
    });
    return { status: "forked", setId: created.id, count: copies.length } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Provenance and the source's state
// ---------------------------------------------------------------------------------------------

export type SourceState =
  /** The viewer may read the source and it is live. */
  | "available"
  /** The source set is no longer shared with the viewer (or never was): nothing about it is shown. */
  | "hidden"
  /** The viewer may read the source set, but the source requirement was deleted. */
  | "deleted";

export type Provenance = {
  sourceRequirementId: string;
  sourceSetId: string;
  sourceVersion: number;
  sourceSeenVersion: number;
  snapshot: RequirementContent;
  state: SourceState;
  /** Only when the viewer may read the source set. */
  source: {
    setTitle: string;
    ownerRegionName: string;
    ref: string;
    version: number;
    /** The newest content change (version after it), if any. */
    latestContentVersion: number | null;
    content: RequirementContent;
  } | null;
  /** The source got a content change the copy's owner has not acted on, and the viewer may read it. */
  changed: boolean;
  adapted: boolean;
  adaptationReason: string;
};

type CopyRow = RequirementContent & {
  id: string;
  setId: string;
  version: number;
  deletedAt: Date | null;
  sourceRequirementId: string | null;
  sourceSetId: string | null;
  sourceVersion: number | null;
  sourceSnapshot: RequirementContent | null;
  sourceSeenVersion: number | null;
  adaptationReason: string;
};

async function loadCopy(setId: string, requirementId: string): Promise<CopyRow | null> {
  const [row] = await db
    .select({
      ...contentColumns,
      id: requirements.id,
      setId: requirements.setId,
      version: requirements.version,
      deletedAt: requirements.deletedAt,
      sourceRequirementId: requirements.sourceRequirementId,
      sourceSetId: requirements.sourceSetId,
      sourceVersion: requirements.sourceVersion,
      sourceSnapshot: requirements.sourceSnapshot,
      sourceSeenVersion: requirements.sourceSeenVersion,
      adaptationReason: requirements.adaptationReason,
    })
    .from(requirements)
    .where(and(eq(requirements.id, requirementId), eq(requirements.setId, setId)));
  return row ?? null;
}

/** The newest content-change version of a requirement (null when it was never edited after creation). */
async function latestContentVersion(requirementId: string): Promise<number | null> {
  const [row] = rowsOf<{ latest: number | null }>(
    await db.execute(sql`select max(version) as latest from set_changes
      where requirement_id = ${requirementId} and kind in ${contentChangeKinds}`),
  );
  return row?.latest === null || row?.latest === undefined ? null : Number(row.latest);
}

/**
 * A copy's provenance as the principal may see it, or null for a requirement written here. The
 * source's title and content are only read through the policy's `visibleTo`.
 */
export async function getProvenance({
  principal,
  setId,
  requirementId,
}: {
  principal: Principal | null;
  setId: string;
  requirementId: string;
}): Promise<(Provenance & { copy: CopyRow }) | null> {
  const copy = await loadCopy(setId, requirementId);
  if (!copy || copy.sourceRequirementId === null || copy.sourceSetId === null || copy.sourceSnapshot === null)
    return null;
  const [source] = await db
    .select({
      ...contentColumns,
      version: requirements.version,
      deletedAt: requirements.deletedAt,
      setTitle: requirementSets.title,
      ownerRegionName: regions.name,
    })
    .from(requirements)
    .innerJoin(requirementSets, eq(requirementSets.id, requirements.setId))
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(and(eq(requirements.id, copy.sourceRequirementId), visibleTo(principal, requirementSets)));
  const state: SourceState = !source ? "hidden" : source.deletedAt ? "deleted" : "available";
  const latest = state === "available" ? await latestContentVersion(copy.sourceRequirementId) : null;
  const seen = copy.sourceSeenVersion ?? copy.sourceVersion ?? 0;
  return {
    copy,
    sourceRequirementId: copy.sourceRequirementId,
    sourceSetId: copy.sourceSetId,
    sourceVersion: copy.sourceVersion ?? 0,
    sourceSeenVersion: seen,
    snapshot: copy.sourceSnapshot,
    state,
    source: source
      ? {
          setTitle: source.setTitle,
          ownerRegionName: source.ownerRegionName,
          ref: source.ref,
          version: source.version,
          latestContentVersion: latest,
          content: contentOf(source),
        }
      : null,
    changed: state === "available" && latest !== null && latest > seen,
    adapted: isAdapted(copy, copy.sourceSnapshot),
    adaptationReason: copy.adaptationReason,
  };
}

/** The set's live copies whose source changed, as the principal sees them (the list behind the header's count). */
export async function listChangedSourceCopies({ principal, setId }: { principal: Principal | null; setId: string }) {
  return db
    .select({ id: requirements.id, ref: requirements.ref, title: requirements.title })
    .from(requirements)
    .where(
      and(
        eq(requirements.setId, setId),
        isNull(requirements.deletedAt),
        sourceChangedCondition(
          { sourceRequirementId: requirements.sourceRequirementId, sourceSeenVersion: requirements.sourceSeenVersion },
          readableBy(principal),
        ),
      ),
    )
    .orderBy(asc(requirements.ref));
}

/** Every live copy in the set with its source's set (only named when the principal may read it). */
export async function listSetCopies({ principal, setId }: { principal: Principal | null; setId: string }) {
  const sourceSet = alias(requirementSets, "source_set");
  const source = alias(requirements, "source_requirement");
  const rows = await db
    .select({
      id: requirements.id,
      ref: requirements.ref,
      title: requirements.title,
      sourceVersion: requirements.sourceVersion,
      sourceRef: source.ref,
      sourceSetTitle: sourceSet.title,
    })
    .from(requirements)
    .leftJoin(source, eq(source.id, requirements.sourceRequirementId))
    .leftJoin(sourceSet, and(eq(sourceSet.id, source.setId), visibleTo(principal, sourceSet)))
    .where(
      and(eq(requirements.setId, setId), isNull(requirements.deletedAt), isNotNull(requirements.sourceRequirementId)),
    )
    .orderBy(asc(requirements.ref));
  return rows.map((row) => ({
    id: row.id,
    ref: row.ref,
    title: row.title,
    sourceVersion: row.sourceVersion,
    // The source's ref and set title only when its set is readable.
    sourceRef: row.sourceSetTitle === null ? null : row.sourceRef,
    sourceSetTitle: row.sourceSetTitle,
  }));
}

// ---------------------------------------------------------------------------------------------
// Accept, keep, adaptation reason
// ---------------------------------------------------------------------------------------------

export type SourceDecisionResult =
  | { status: "saved"; version: number }
  /** The copy or the source moved on since the page was shown. */
  | { status: "conflict"; copyVersion: number | null; sourceVersion: number | null }
  | { status: "source-unavailable" }
  | { status: "duplicate-ref" }
  | { status: "not-found" };

async function lockedCopy(tx: Transaction, setId: string, requirementId: string) {
  const [row] = await tx
    .select({
      ...contentColumns,
      id: requirements.id,
      version: requirements.version,
      sourceRequirementId: requirements.sourceRequirementId,
      sourceSeenVersion: requirements.sourceSeenVersion,
      adaptationReason: requirements.adaptationReason,
    })
    .from(requirements)
    .where(and(eq(requirements.id, requirementId), eq(requirements.setId, setId), isNull(requirements.deletedAt)))
    .for("update");
  return row ?? null;
}

async function readableSource(tx: Transaction, principal: Principal, sourceRequirementId: string) {
  const [row] = await tx
    .select({ ...contentColumns, id: requirements.id, version: requirements.version })
    .from(requirements)
    .innerJoin(requirementSets, eq(requirementSets.id, requirements.setId))
    .where(
      and(
        eq(requirements.id, sourceRequirementId),
        isNull(requirements.deletedAt),
        visibleTo(principal, requirementSets),
      ),
    );
  return row ?? null;
}

/**
 * The copy takes the source's current content (its own ref stays unless `takeSourceRef`) and
 * records that version as accepted. Guarded twice: the copy must still be at `baseVersion`, and
 * the source at `sourceVersion`, the one whose diff the user looked at.
 */
export async function acceptSourceChange({
  principal,
  setId,
  requirementId,
  baseVersion,
  sourceVersion,
  takeSourceRef,
}: {
  principal: Principal;
  setId: string;
  requirementId: string;
  baseVersion: number;
  sourceVersion: number;
  takeSourceRef: boolean;
}): Promise<SourceDecisionResult> {
  const actorUserId = principal.userId;
  return db.transaction(async (tx) => {
    if (!(await lockEditableSet(tx, setId))) return { status: "not-found" } as const;
    const copy = await lockedCopy(tx, setId, requirementId);
    if (!copy || copy.sourceRequirementId === null) return { status: "not-found" } as const;
    const source = await readableSource(tx, principal, copy.sourceRequirementId);
    if (!source) return { status: "source-unavailable" } as const;
    if (copy.version !== baseVersion || source.version !== sourceVersion) {
      return { status: "conflict", copyVersion: copy.version, sourceVersion: source.version } as const;
    }
    const content = contentOf(source);
    const next = { ...content, ref: takeSourceRef ? content.ref : copy.ref };
    if (next.ref !== copy.ref && (await refTaken(tx, setId, next.ref))) return { status: "duplicate-ref" } as const;
    const changedFields = COMPARED_FIELDS.filter((field) => !sameFieldValue(copy[field], next[field]));
    const [updated] = await tx
      .update(requirements)
      .set({
        ...next,
        sourceVersion: source.version,
        sourceSeenVersion: source.version,
        sourceSnapshot: content,
        version: sql`${requirements.version} + 1`,
        updatedAt: new Date(),
        updatedByUserId: actorUserId,
      })
      .where(and(eq(requirements.id, requirementId), eq(requirements.version, baseVersion)))
      .returning({ version: requirements.version });
    if (!updated) return { status: "conflict", copyVersion: null, sourceVersion: source.version } as const;
    // A content change of the copy is an ordinary edit ("updated"), so copies of this copy hear of it too.
    await tx.insert(setChanges).values({
      setId,
      requirementId,
      kind: changedFields.length > 0 ? "updated" : "source-accepted",
      version: updated.version,
      changes: {
        ...Object.fromEntries(changedFields.map((field) => [field, { old: copy[field], new: next[field] }])),
        sourceVersion: { old: copy.sourceSeenVersion, new: source.version },
      },
      changedByUserId: actorUserId,
    });
    if (changedFields.length > 0) await notifySourceChanged(tx, { sourceRequirementId: requirementId, actorUserId });
    await touchSet(tx, setId, actorUserId);
    return { status: "saved", version: updated.version } as const;
  });
}

/** Keeps the copy's text and records the source's current version as seen: the flag clears until the next change. */
export async function keepLocalText({
  principal,
  setId,
  requirementId,
  baseVersion,
  sourceVersion,
}: {
  principal: Principal;
  setId: string;
  requirementId: string;
  baseVersion: number;
  sourceVersion: number;
}): Promise<SourceDecisionResult> {
  const actorUserId = principal.userId;
  return db.transaction(async (tx) => {
    if (!(await lockEditableSet(tx, setId))) return { status: "not-found" } as const;
    const copy = await lockedCopy(tx, setId, requirementId);
    if (!copy || copy.sourceRequirementId === null) return { status: "not-found" } as const;
    const source = await readableSource(tx, principal, copy.sourceRequirementId);
    if (!source) return { status: "source-unavailable" } as const;
    if (copy.version !== baseVersion || source.version !== sourceVersion) {
      return { status: "conflict", copyVersion: copy.version, sourceVersion: source.version } as const;
    }
    const [updated] = await tx
      .update(requirements)
      .set({
        sourceSeenVersion: source.version,
        version: sql`${requirements.version} + 1`,
        updatedAt: new Date(),
        updatedByUserId: actorUserId,
      })
      .where(and(eq(requirements.id, requirementId), eq(requirements.version, baseVersion)))
      .returning({ version: requirements.version });
    if (!updated) return { status: "conflict", copyVersion: null, sourceVersion: source.version } as const;
    await tx.insert(setChanges).values({
      setId,
      requirementId,
      kind: "source-kept",
      version: updated.version,
      changes: { sourceSeenVersion: { old: copy.sourceSeenVersion, new: source.version } },
      changedByUserId: actorUserId,
    });
    await touchSet(tx, setId, actorUserId);
    return { status: "saved", version: updated.version } as const;
  });
}

/** Records why this region's copy differs from its source (adoption record "anpassad"). */
export async function saveAdaptationReason({
  setId,
  requirementId,
  baseVersion,
  reason,
  actorUserId,
}: {
  setId: string;
  requirementId: string;
  baseVersion: number;
  reason: string;
  actorUserId: string;
}): Promise<SourceDecisionResult> {
  return db.transaction(async (tx) => {
    if (!(await lockEditableSet(tx, setId))) return { status: "not-found" } as const;
    const copy = await lockedCopy(tx, setId, requirementId);
    if (!copy || copy.sourceRequirementId === null) return { status: "not-found" } as const;
    if (copy.version !== baseVersion)
      return { status: "conflict", copyVersion: copy.version, sourceVersion: null } as const;
    if (copy.adaptationReason === reason) return { status: "saved", version: copy.version } as const;
    const [updated] = await tx
      .update(requirements)
      .set({
        adaptationReason: reason,
        version: sql`${requirements.version} + 1`,
        updatedAt: new Date(),
        updatedByUserId: actorUserId,
      })
      .where(and(eq(requirements.id, requirementId), eq(requirements.version, baseVersion)))
      .returning({ version: requirements.version });
    if (!updated) return { status: "conflict", copyVersion: null, sourceVersion: null } as const;
    await tx.insert(setChanges).values({
      setId,
      requirementId,
      kind: "adaptation-reason",
      version: updated.version,
      changes: { adaptationReason: { old: copy.adaptationReason, new: reason } },
      changedByUserId: actorUserId,
    });
    await touchSet(tx, setId, actorUserId);
    return { status: "saved", version: updated.version } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Notifications and declines
// ---------------------------------------------------------------------------------------------

/**
 * After a content change of `sourceRequirementId` (in the same transaction): tells the creators
 * and last editors of its live copies, one group per copy set. Only people who may still read
 * the source hear of it (the same rule as the flag), and `notify` drops the actor.
 */
export async function notifySourceChanged(
  tx: Transaction,
  { sourceRequirementId, actorUserId }: { sourceRequirementId: string; actorUserId: string },
): Promise<void> {
  const copies = rowsOf<{
    id: string;
    set_id: string;
    ref: string;
    set_title: string;
    recipients: string[] | string | null;
  }>(
    await tx.execute(sql`
      select c.id, c.set_id, c.ref, s.title as set_title,
        array(select u.id from users u
          where u.id in (c.created_by_user_id, c.updated_by_user_id)
            and ${visibleToUserSql(
              {
                ownerRegionId: sql`ss.owner_region_id`,
                visibility: sql`ss.visibility`,
                collaborationId: sql`ss.collaboration_id`,
              },
              sql`u.id`,
            )}) as recipients
      from requirements c
      join requirement_sets s on s.id = c.set_id
      join requirements src on src.id = c.source_requirement_id
      join requirement_sets ss on ss.id = src.set_id
      where c.source_requirement_id = ${sourceRequirementId} and c.deleted_at is null and s.archived_at is null
      order by c.ref`),
  );
  for (const copy of copies) {
    const recipients = parseIdArray(copy.recipients);
    if (recipients.length === 0) continue;
    await notify(tx, {
      recipientUserIds: recipients,
      actorUserId,
      kind: "source_changed",
      setId: copy.set_id,
      groupKey: `source_changed:${copy.set_id}`,
      params: { set: copy.set_title, ref: copy.ref },
      link: `/sets/${copy.set_id}/requirements/${copy.id}/source`,
    });
  }
}

/** PostgreSQL arrays arrive as arrays on postgres.js and PGlite, but as "{a,b}" text through some paths. */
function parseIdArray(value: string[] | string | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, "");
  return inner === "" ? [] : inner.split(",");
}

/**
 * Records a region's decision not to use a library requirement (adoption record "avböjd"), or
 * updates its reason. The library's decline form is built on the same table.
 */
export async function recordDecline({
  regionId,
  requirementId,
  reason,
  actorUserId,
}: {
  regionId: string;
  requirementId: string;
  reason: string;
  actorUserId: string;
}): Promise<void> {
  await db
    .insert(libraryDeclines)
    .values({ regionId, requirementId, reason, decidedByUserId: actorUserId })
    .onConflictDoUpdate({
      target: [libraryDeclines.regionId, libraryDeclines.requirementId],
      set: { reason, decidedByUserId: actorUserId },
    });
}

function asSnapshot(id: string, content: RequirementContent): RequirementSnapshot {
  return { ...contentOf(content), id, sectionId: null, position: 0, version: 0 };
}

/** Field-by-field differences between two contents of a requirement, with word diffs for text. */
export function contentDiffs(before: RequirementContent, after: RequirementContent): FieldDiff[] {
  const changedFields = COMPARED_FIELDS.filter((field) => !sameFieldValue(before[field], after[field]));
  return fieldDiffs({
    id: "content",
    kind: "changed",
    changedFields,
    moved: false,
    sectionChanged: false,
    from: asSnapshot("before", before),
    to: asSnapshot("after", after),
  });
}

/** What the requirement page and the reuse lists show about a copy's source (only what the viewer may know). */
export type ProvenanceSummary = {
  state: SourceState;
  setTitle: string | null;
  ownerRegionName: string | null;
  sourceLink: string | null;
  sourceRef: string | null;
  sourceVersion: number;
  currentSourceVersion: number | null;
  changed: boolean;
  adapted: boolean;
  adaptationReason: string;
};

export function summarizeProvenance(provenance: Provenance): ProvenanceSummary {
  const visible = provenance.source;
  return {
    state: provenance.state,
    setTitle: visible?.setTitle ?? null,
    ownerRegionName: visible?.ownerRegionName ?? null,
    sourceLink:
      provenance.state === "available"
        ? `/sets/${provenance.sourceSetId}/requirements/${provenance.sourceRequirementId}`
        : null,
    sourceRef: visible ? provenance.snapshot.ref : null,
    sourceVersion: provenance.sourceVersion,
    currentSourceVersion: visible?.version ?? null,
    changed: provenance.changed,
    adapted: provenance.adapted,
    adaptationReason: provenance.adaptationReason,
  };
}
