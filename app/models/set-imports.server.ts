import { randomUUID } from "node:crypto";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";

import { and, eq, inArray, isNull, sql } from "drizzle-orm";

import { setImports } from "../../db/schema/exchange";
import { requirementStandardLinks, standards, standardVersions } from "../../db/schema/standards";
import {
  ambitionLevelEnum,
  obligationEnum,
  requirementSets,
  requirementTypeEnum,
  requirements,
  setChanges,
  setSections,
  verificationMethodEnum,
} from "../../db/schema/requirements";
import type { ImportFileFormat } from "~/exchange/detect-format";
import {
  checkImportedSet,
  hasErrors,
  type ImportedRequirement,
  type ImportedSet,
  type ImportIssue,
} from "~/exchange/imported-set";
import { writeAuditEvent } from "~/utils/audit.server";
import { rowsOf, type DbOrTransaction, type Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import type { MessageKey } from "~/utils/i18n";
import type { RequestInfo } from "~/utils/request.server";
import { COMPARED_FIELDS, sameFieldValue, type ComparedField } from "~/utils/requirement-fields";

import { lockEditableSet } from "./requirements.server";
import { MAX_SECTION_DEPTH } from "./sections.server";

/**
 * Imports: the uploaded file kept between the wizard's steps, the plan (which rows will be
 * created, updated or left alone) and applying it, all or nothing, in one transaction. An import
 * never deletes: requirements the file does not mention stay as they are, and the preview says so.
 */

export async function createSetImport(input: {
  regionId: string;
  targetSetId: string | null;
  actorUserId: string;
  fileName: string;
  format: ImportFileFormat;
  bytes: Buffer;
}): Promise<string> {
  const [created] = await db
    .insert(setImports)
    .values({
      regionId: input.regionId,
      targetSetId: input.targetSetId,
      createdByUserId: input.actorUserId,
      fileName: input.fileName,
      format: input.format,
      fileSize: input.bytes.byteLength,
      fileBytes: input.bytes,
    })
    .returning({ id: setImports.id });
  if (!created) throw new Error("insert returned no row");
  return created.id;
}

/** An import is its uploader's alone: anyone else gets null (404), like a private draft. */
export async function getSetImport({ importId, actorUserId }: { importId: string; actorUserId: string }) {
  const [row] = await db
    .select()
    .from(setImports)
    .where(and(eq(setImports.id, importId), eq(setImports.createdByUserId, actorUserId)))
    .limit(1);
  return row ?? null;
}

/** Whether `actorUserId` has an import `importId`, without loading its file (polled while applying). */
export async function setImportExists({ importId, actorUserId }: { importId: string; actorUserId: string }) {
  const [row] = await db
    .select({ id: setImports.id })
    .from(setImports)
    .where(and(eq(setImports.id, importId), eq(setImports.createdByUserId, actorUserId)));
  return row !== undefined;
}

export type SetImportRow = NonNullable<Awaited<ReturnType<typeof getSetImport>>>;

export async function saveSetImportOptions({
  importId,
  actorUserId,
  options,
}: {
  importId: string;
  actorUserId: string;
  options: Record<string, unknown>;
}): Promise<void> {
  await db
    .update(setImports)
    .set({ options, updatedAt: new Date() })
    .where(and(eq(setImports.id, importId), eq(setImports.createdByUserId, actorUserId), isNull(setImports.appliedAt)));
}

type LiveRequirement = {
  id: string;
  sectionId: string | null;
  position: number;
  version: number;
} & Record<ComparedField, unknown>;

export type PlannedRow =
  | { action: "create"; row: number; ref: string; title: string }
  | { action: "update"; row: number; ref: string; title: string; requirementId: string; fields: string[] }
  | { action: "unchanged"; row: number; ref: string; title: string; requirementId: string };

export type ImportPlan = {
  rows: PlannedRow[];
  created: number;
  updated: number;
  unchanged: number;
  /** Live requirements of the target set the file does not mention (left as they are). */
  notInFile: number;
  sectionsCreated: number;
  /** Links to catalogue standards the import adds or re-pins (it never removes one). */
  standardLinks: number;
  /** Problems only the comparison with the set can find (a ref another requirement holds). */
  issues: ImportIssue[];
};

async function loadLive(tx: DbOrTransaction, setId: string) {
  const [requirementRows, sectionRows] = await Promise.all([
    tx
      .select({
        id: requirements.id,
        sectionId: requirements.sectionId,
        position: requirements.position,
        version: requirements.version,
        ref: requirements.ref,
        title: requirements.title,
        text: requirements.text,
        obligation: requirements.obligation,
        type: requirements.type,
        area: requirements.area,
        rationale: requirements.rationale,
        verification: requirements.verification,
        weight: requirements.weight,
        ambition: requirements.ambition,
        tags: requirements.tags,
        importedAttributes: requirements.importedAttributes,
      })
      .from(requirements)
      .where(and(eq(requirements.setId, setId), isNull(requirements.deletedAt))),
    tx
      .select({
        id: setSections.id,
        parentId: setSections.parentId,
        title: setSections.title,
        position: setSections.position,
      })
      .from(setSections)
      .where(and(eq(setSections.setId, setId), isNull(setSections.deletedAt))),
  ]);
  const linkRows = await tx
    .select({
      requirementId: requirementStandardLinks.requirementId,
      standardId: requirementStandardLinks.standardId,
      version: requirementStandardLinks.standardVersion,
    })
    .from(requirementStandardLinks)
    .innerJoin(requirements, eq(requirements.id, requirementStandardLinks.requirementId))
    .where(and(eq(requirements.setId, setId), isNull(requirements.deletedAt)));
  const links = new Map<string, string | null>();
  for (const link of linkRows) links.set(linkKey(link.requirementId, link.standardId), link.version);
  return { requirements: requirementRows, sections: sectionRows, links };
}

type Live = Awaited<ReturnType<typeof loadLive>>;

function linkKey(requirementId: string, standardId: string): string {
  return `${requirementId}/${standardId}`;
}

/** The standards catalogue as an import reads names against it: by code, with its version labels. */
type Catalogue = Array<{ id: string; code: string; versions: Map<string, string> }>;

async function loadCatalogue(tx: DbOrTransaction): Promise<Catalogue> {
  const rows = await tx
    .select({ id: standards.id, code: standards.code, label: standardVersions.label })
    .from(standards)
    .leftJoin(standardVersions, eq(standardVersions.standardId, standards.id));
  const byId = new Map<string, Catalogue[number]>();
  for (const row of rows) {
    const entry = byId.get(row.id) ?? { id: row.id, code: row.code, versions: new Map<string, string>() };
    if (row.label !== null) entry.versions.set(row.label.toLowerCase(), row.label);
    byId.set(row.id, entry);
  }
  // Longest code first: "HL7 FHIR" must not take "HL7 FHIR R4 Core" from a standard coded so.
  return [...byId.values()].sort((a, b) => b.code.length - a.code.length);
}

type StandardLink = { standardId: string; version: string | null };

/**
 * The catalogue standards a row names: "CODE" links the standard without a version, "CODE
 * VERSION" pins a version the catalogue knows (codes and versions in any case). A name the
 * catalogue does not know is a warning and is not linked; an unknown version links the standard
 * without one, with a warning. Nothing here stops the import.
 */
function resolveStandards(
  requirement: ImportedRequirement,
  catalogue: Catalogue,
): { links: StandardLink[]; issues: ImportIssue[] } {
  const links: StandardLink[] = [];
  const issues: ImportIssue[] = [];
  for (const name of requirement.linkedStandards) {
    const lower = name.toLowerCase();
    const standard = catalogue.find(
      (entry) => lower === entry.code.toLowerCase() || lower.startsWith(`${entry.code.toLowerCase()} `),
    );
    const issue = (message: MessageKey, params: Record<string, string>) =>
      issues.push({
        severity: "warning",
        row: requirement.row,
        column: "linkedStandards",
        value: name,
        message,
        params,
      });
    if (!standard) {
      issue("exchange.issue.standardUnknown", { name });
      continue;
    }
    const written = name.slice(standard.code.length).trim();
    const version = written === "" ? null : (standard.versions.get(written.toLowerCase()) ?? null);
    if (written !== "" && version === null)
      issue("exchange.issue.standardVersionUnknown", { code: standard.code, version: written });
    if (!links.some((link) => link.standardId === standard.id)) links.push({ standardId: standard.id, version });
  }
  return { links, issues };
}

/** Whether linking `link` to `requirementId` changes anything: a new link, or a new pinned version. */
function changesLink(live: Live, requirementId: string | null, link: StandardLink): boolean {
  if (requirementId === null) return true;
  const key = linkKey(requirementId, link.standardId);
  if (!live.links.has(key)) return true;
  return link.version !== null && live.links.get(key) !== link.version;
}

/** Where each imported section goes: an existing section (same UUID, else same title under the same parent) or a new one. */
function resolveSections(imported: ImportedSet, live: Live["sections"]) {
  const liveById = new Map(live.map((section) => [section.id, section]));
  const liveByPlace = new Map(live.map((section) => [`${section.parentId ?? ""}/${section.title}`, section.id]));
  const target = new Map<string, { id: string | null; parentKey: string | null; depth: number }>();
  const issues: ImportIssue[] = [];
  for (const section of imported.sections) {
    const parent = section.parentKey === null ? undefined : target.get(section.parentKey);
    const depth = parent ? parent.depth + 1 : 1;
    const parentId = parent ? parent.id : null;
    // Under a section the import creates there is nothing to match; elsewhere the UUID wins, then the place.
    let id: string | null = null;
    if (parent === undefined || parent.id !== null) {
      if (section.id !== null && liveById.get(section.id)?.parentId === parentId) id = section.id;
      else id = liveByPlace.get(`${parentId ?? ""}/${section.title}`) ?? null;
    }
    target.set(section.key, { id, parentKey: section.parentKey, depth });
    if (depth > MAX_SECTION_DEPTH) {
      issues.push({
        severity: "error",
        row: null,
        column: null,
        value: section.title,
        message: "exchange.issue.sectionTooDeep",
        params: { max: MAX_SECTION_DEPTH },
      });
    }
    if (section.title.trim() === "" || section.title.length > 200) {
      issues.push({
        severity: "error",
        row: null,
        column: null,
        value: section.title,
        message: "exchange.issue.sectionTitleInvalid",
      });
    }
  }
  return { target, issues };
}

const IMPORTED_FIELDS = [...COMPARED_FIELDS, "importedAttributes"] as const;
type ImportedField = (typeof IMPORTED_FIELDS)[number];

function valuesOf(requirement: ImportedRequirement): Record<ImportedField, unknown> {
  return {
    ref: requirement.ref,
    title: requirement.title,
    text: requirement.text,
    obligation: requirement.obligation,
    type: requirement.type,
    area: requirement.area,
    rationale: requirement.rationale,
    verification: requirement.verification,
    weight: requirement.weight,
    ambition: requirement.ambition,
    tags: requirement.tags,
    importedAttributes: requirement.importedAttributes,
  };
}

type Match = {
  imported: ImportedRequirement;
  existing: (LiveRequirement & { importedAttributes: unknown }) | null;
  /** Fields whose imported value differs from the stored one (the plan's and the apply's). */
  changedFields: ImportedField[];
};

function computePlan(
  imported: ImportedSet,
  live: Live,
  catalogue: Catalogue,
): {
  plan: ImportPlan;
  matches: Match[];
  sections: ReturnType<typeof resolveSections>;
  standardLinks: Map<ImportedRequirement, StandardLink[]>;
} {
  const sections = resolveSections(imported, live.sections);
  const byId = new Map(live.requirements.map((row) => [row.id, row]));
  const byRef = new Map(live.requirements.map((row) => [row.ref, row]));
  const claimedBy = new Map<string, number>();
  const issues: ImportIssue[] = [...sections.issues];
  const matches: Match[] = [];
  // A row's UUID wins over another row's ref: a requirement claimed by its UUID is not also
  // matched by the ref it may be giving up to a new row.
  const claimedById = new Set(
    imported.requirements.flatMap((requirement) =>
      requirement.id !== null && byId.has(requirement.id) ? [requirement.id] : [],
    ),
  );
  for (const requirement of imported.requirements) {
    const byOwnId = requirement.id !== null ? byId.get(requirement.id) : undefined;
    const byOwnRef = byRef.get(requirement.ref);
    const existing = byOwnId ?? (byOwnRef && !claimedById.has(byOwnRef.id) ? byOwnRef : null);
    if (existing) {
      const earlier = claimedBy.get(existing.id);
      if (earlier !== undefined) {
        issues.push({
          severity: "error",
          row: requirement.row,
          column: null,
          value: requirement.ref,
          message: "exchange.issue.sameRequirementTwice",
          params: { row: earlier },
        });
      }
      claimedBy.set(existing.id, requirement.row);
    }
    matches.push({ imported: requirement, existing, changedFields: [] });
  }
  // A ref must stay unique among live requirements: those the file leaves alone keep theirs.
  const untouchedRefs = new Map(live.requirements.filter((row) => !claimedBy.has(row.id)).map((row) => [row.ref, row]));
  const rows: PlannedRow[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const match of matches) {
    const { imported: requirement, existing } = match;
    if (untouchedRefs.has(requirement.ref)) {
      issues.push({
        severity: "error",
        row: requirement.row,
        column: null,
        value: requirement.ref,
        message: "exchange.issue.refTakenInSet",
      });
    }
    const base = { row: requirement.row, ref: requirement.ref, title: requirement.title };
    if (!existing) {
      created += 1;
      rows.push({ action: "create", ...base });
      continue;
    }
    const values = valuesOf(requirement);
    match.changedFields = IMPORTED_FIELDS.filter((field) => !sameFieldValue(existing[field], values[field]));
    const fields: string[] = [...match.changedFields];
    const targetSection =
      requirement.sectionKey === null ? null : (sections.target.get(requirement.sectionKey)?.id ?? undefined);
    if (targetSection !== existing.sectionId) fields.push("section");
    if (fields.length === 0) {
      unchanged += 1;
      rows.push({ action: "unchanged", ...base, requirementId: existing.id });
    } else {
      updated += 1;
      rows.push({ action: "update", ...base, requirementId: existing.id, fields });
    }
  }
  const sectionsCreated = [...sections.target.values()].filter((section) => section.id === null).length;
  const standardLinks = new Map<ImportedRequirement, StandardLink[]>();
  let linkChanges = 0;
  for (const { imported: requirement, existing } of matches) {
    if (requirement.linkedStandards.length === 0) continue;
    const resolved = resolveStandards(requirement, catalogue);
    issues.push(...resolved.issues);
    const changing = resolved.links.filter((link) => changesLink(live, existing?.id ?? null, link));
    if (changing.length > 0) standardLinks.set(requirement, changing);
    linkChanges += changing.length;
  }
  return {
    plan: {
      rows,
      created,
      updated,
      unchanged,
      notInFile: live.requirements.length - claimedBy.size,
      sectionsCreated,
      standardLinks: linkChanges,
      issues,
    },
    matches,
    sections,
    standardLinks,
  };
}

const EMPTY_LIVE: Live = { requirements: [], sections: [], links: new Map() };

/** What applying would do, for the preview. A new set has nothing to compare with. */
export async function planImport({
  targetSetId,
  imported,
}: {
  targetSetId: string | null;
  imported: ImportedSet;
}): Promise<ImportPlan> {
  const [live, catalogue] = await Promise.all([
    targetSetId === null ? EMPTY_LIVE : loadLive(db, targetSetId),
    loadCatalogue(db),
  ]);
  return computePlan(imported, live, catalogue).plan;
}

/** UUIDs from the file are kept when this installation has no row with them yet (a set moved here). */
async function unusedIds(tx: Transaction, table: typeof requirements | typeof setSections, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const used = new Set<string>();
  for (let start = 0; start < ids.length; start += 1000) {
    const chunk = ids.slice(start, start + 1000);
    const rows = await tx.select({ id: table.id }).from(table).where(inArray(table.id, chunk));
    for (const row of rows) used.add(row.id);
  }
  return new Set(ids.filter((id) => !used.has(id)));
}

/**
 * Rows are written 500 to a statement, passed as one JSON parameter and unpacked by
 * `jsonb_to_recordset`: 10,000 changes are 20 statements, not 10,000, and building a statement
 * costs a JSON.stringify instead of drizzle's 9,000 bound parameters (30 ms a chunk, measured).
 */
const WRITE_CHUNK = 500;

/** The columns an import writes, as stored. */
type RequirementColumns = {
  ref: string;
  title: string;
  text: string;
  obligation: string;
  type: string;
  area: string;
  rationale: string;
  verification: string;
  weight: number | null;
  ambition: string | null;
  tags: string[];
  importedAttributes: Record<string, string>;
  sectionId: string | null;
  position: number;
};

type NewRequirement = { id: string; columns: RequirementColumns; values: Record<ImportedField, unknown> };

type ChangedRequirement = {
  id: string;
  expectedVersion: number;
  refChanges: boolean;
  columns: RequirementColumns;
  changes: Record<string, { old: unknown; new: unknown }>;
};

function columnsOf(requirement: ImportedRequirement, sectionId: string | null, position: number): RequirementColumns {
  return {
    ref: requirement.ref,
    title: requirement.title,
    text: requirement.text,
    // checkImportedSet refused the import if any of these were still null.
    obligation: requirement.obligation ?? "ska",
    type: requirement.type ?? "technical",
    area: requirement.area ?? "IS",
    rationale: requirement.rationale,
    verification: requirement.verification ?? "yes_no",
    weight: requirement.weight,
    ambition: requirement.ambition,
    tags: requirement.tags,
    importedAttributes: requirement.importedAttributes,
    sectionId,
    position,
  };
}

/** The JSON record of `columns`, named as `REQUIREMENT_RECORD` declares them. */
function recordOf(id: string, columns: RequirementColumns) {
  return {
    id,
    ref: columns.ref,
    title: columns.title,
    text: columns.text,
    obligation: columns.obligation,
    type: columns.type,
    area: columns.area,
    rationale: columns.rationale,
    verification: columns.verification,
    weight: columns.weight,
    ambition: columns.ambition,
    tags: columns.tags,
    imported_attributes: columns.importedAttributes,
    section_id: columns.sectionId,
    position: columns.position,
  };
}

const REQUIREMENT_RECORD = sql`id uuid, ref text, title text, "text" text,
  obligation ${sql.raw(obligationEnum.enumName)}, "type" ${sql.raw(requirementTypeEnum.enumName)}, area text,
  rationale text, verification ${sql.raw(verificationMethodEnum.enumName)}, weight integer,
  ambition ${sql.raw(ambitionLevelEnum.enumName)}, tags text[], imported_attributes jsonb, section_id uuid,
  position integer`;

async function insertRequirements(
  tx: Transaction,
  setId: string,
  rows: readonly NewRequirement[],
  actorUserId: string,
): Promise<void> {
  const json = JSON.stringify(rows.map((row) => recordOf(row.id, row.columns)));
  const inserted = rowsOf<{ id: string }>(
    await tx.execute(sql`insert into ${requirements} (id, set_id, section_id, position, ref, title, "text",
        obligation, "type", area, rationale, verification, weight, ambition, tags, imported_attributes,
        created_by_user_id, updated_by_user_id)
      select v.id, ${setId}, v.section_id, v.position, v.ref, v.title, v."text", v.obligation, v."type", v.area,
        v.rationale, v.verification, v.weight, v.ambition, v.tags, v.imported_attributes, ${actorUserId}, ${actorUserId}
      from jsonb_to_recordset(${json}::jsonb) as v(${REQUIREMENT_RECORD})
      returning id`),
  );
  if (inserted.length !== rows.length) throw new Error("not every requirement was inserted");
}

/**
 * One UPDATE for a chunk of changed requirements, each guarded by the version read under the set
 * lock. Returns the new version of every row; a row that changed meanwhile (which the lock rules
 * out) fails the whole import.
 */
async function updateRequirements(
  tx: Transaction,
  rows: readonly ChangedRequirement[],
  actorUserId: string,
  now: Date,
): Promise<Map<string, number>> {
  const json = JSON.stringify(
    rows.map((row) => ({ ...recordOf(row.id, row.columns), expected_version: row.expectedVersion })),
  );
  const updated = rowsOf<{ id: string; version: number }>(
    await tx.execute(sql`update ${requirements} as r set
        ref = v.ref, title = v.title, "text" = v."text", obligation = v.obligation, "type" = v."type",
        area = v.area, rationale = v.rationale, verification = v.verification, weight = v.weight,
        ambition = v.ambition, tags = v.tags, imported_attributes = v.imported_attributes,
        section_id = v.section_id, position = v.position, version = r.version + 1,
        updated_at = ${now.toISOString()}::timestamptz, updated_by_user_id = ${actorUserId}
      from jsonb_to_recordset(${json}::jsonb) as v(${REQUIREMENT_RECORD}, expected_version integer)
      where r.id = v.id and r.version = v.expected_version
      returning r.id, r.version`),
  );
  if (updated.length !== rows.length) throw new Error("requirement changed under the set lock");
  return new Map(updated.map((row) => [row.id, Number(row.version)]));
}

/** The history rows of an import: kind "imported", by the person importing. */
async function insertImportHistory(
  tx: Transaction,
  setId: string,
  rows: ReadonlyArray<{ requirementId: string; version: number; changes: Record<string, unknown> }>,
  actorUserId: string,
): Promise<void> {
  const json = JSON.stringify(
    rows.map((row) => ({ requirement_id: row.requirementId, version: row.version, changes: row.changes })),
  );
  await tx.execute(sql`insert into ${setChanges} (set_id, requirement_id, kind, version, changes, changed_by_user_id)
    select ${setId}, v.requirement_id, 'imported', v.version, v.changes, ${actorUserId}
    from jsonb_to_recordset(${json}::jsonb) as v(requirement_id uuid, version integer, changes jsonb)`);
}

export type ApplyImportResult =
  | { status: "applied"; setId: string; plan: ImportPlan }
  | { status: "invalid"; issues: ImportIssue[] }
  | { status: "not-editable" }
  | { status: "already-applied"; setId: string | null };

/**
 * Writes the import in one transaction: the new set or the locked target set, sections the file
 * adds, new requirements, and updates of changed ones (each recorded in the history as an import
 * by the actor), then the audit event. Any problem rolls everything back.
 */
export async function applyImport({
  importRow,
  imported,
  newSetTitle,
  actorUserId,
  request,
  onProgress = () => {},
}: {
  importRow: SetImportRow;
  imported: ImportedSet;
  newSetTitle: string;
  actorUserId: string;
  request: RequestInfo;
  /** Called as rows are written: `done` of `total` created and changed requirements. */
  onProgress?: (progress: { done: number; total: number }) => void;
}): Promise<ApplyImportResult> {
  return db.transaction(async (tx) => {
    // Claim the import first: a double submit waits here and then sees it applied.
    const [claimed] = rowsOf<{ applied: boolean; result: string | null }>(
      await tx.execute(sql`select applied_at is not null as applied, result_set_id as result
        from ${setImports} where id = ${importRow.id} for update`),
    );
    if (!claimed || claimed.applied) return { status: "already-applied", setId: claimed?.result ?? null } as const;

    let setId = importRow.targetSetId;
    let live = EMPTY_LIVE;
    if (setId !== null) {
      if (!(await lockEditableSet(tx, setId))) return { status: "not-editable" } as const;
      live = await loadLive(tx, setId);
      await yieldToEventLoop();
    }
    const { plan, matches, sections, standardLinks } = computePlan(imported, live, await loadCatalogue(tx));
    await yieldToEventLoop();
    // The same checks the preview showed, again: nothing invalid is half-saved, whatever the caller did.
    const issues = [...imported.issues, ...checkImportedSet(imported), ...plan.issues];
    if (hasErrors(issues)) return { status: "invalid", issues } as const;
    await yieldToEventLoop();

    if (setId === null) {
      const [created] = await tx
        .insert(requirementSets)
        .values({
          ownerRegionId: importRow.regionId,
          title: newSetTitle,
          description: imported.description ?? "",
          createdByUserId: actorUserId,
          updatedByUserId: actorUserId,
        })
        .returning({ id: requirementSets.id });
      if (!created) throw new Error("insert returned no row");
      setId = created.id;
      await tx.insert(setChanges).values({
        setId,
        kind: "set-created",
        version: 1,
        changes: { title: { old: null, new: newSetTitle } },
        changedByUserId: actorUserId,
      });
    }
    const targetSetId = setId;

    // Sections the file adds, parents first (the list is in pre-order), after existing siblings.
    const keepSectionIds = await unusedIds(
      tx,
      setSections,
      imported.sections.flatMap((section) =>
        section.id !== null && sections.target.get(section.key)?.id === null ? [section.id] : [],
      ),
    );
    const nextSectionPosition = new Map<string | null, number>();
    for (const section of live.sections) {
      nextSectionPosition.set(
        section.parentId,
        Math.max(nextSectionPosition.get(section.parentId) ?? 0, section.position),
      );
    }
    for (const section of imported.sections) {
      const placement = sections.target.get(section.key);
      if (!placement || placement.id !== null) continue;
      const parentId = placement.parentKey === null ? null : (sections.target.get(placement.parentKey)?.id ?? null);
      const position = (nextSectionPosition.get(parentId) ?? 0) + 1;
      nextSectionPosition.set(parentId, position);
      const [created] = await tx
        .insert(setSections)
        .values({
          ...(section.id !== null && keepSectionIds.has(section.id) ? { id: section.id } : {}),
          setId: targetSetId,
          parentId,
          title: section.title,
          position,
        })
        .returning({ id: setSections.id });
      if (!created) throw new Error("insert returned no row");
      placement.id = created.id;
      await tx.insert(setChanges).values({
        setId: targetSetId,
        sectionId: created.id,
        kind: "section-created",
        version: 1,
        changes: { title: { old: null, new: section.title } },
        changedByUserId: actorUserId,
      });
    }
    const sectionIdOf = (key: string | null) => (key === null ? null : (sections.target.get(key)?.id ?? null));

    // New requirements: after the existing ones of their section, in file order.
    const nextPosition = new Map<string | null, number>();
    for (const row of live.requirements) {
      nextPosition.set(row.sectionId, Math.max(nextPosition.get(row.sectionId) ?? 0, row.position));
    }
    const creations = matches.filter((match) => match.existing === null).map((match) => match.imported);
    const keepIds = await unusedIds(
      tx,
      requirements,
      creations.flatMap((requirement) => (requirement.id !== null ? [requirement.id] : [])),
    );
    const newRows: NewRequirement[] = creations.map((requirement) => {
      const sectionId = sectionIdOf(requirement.sectionKey);
      const position = (nextPosition.get(sectionId) ?? 0) + 1;
      nextPosition.set(sectionId, position);
      return {
        id: requirement.id !== null && keepIds.has(requirement.id) ? requirement.id : randomUUID(),
        columns: columnsOf(requirement, sectionId, position),
        values: valuesOf(requirement),
      };
    });

    // Changed requirements, with their new section and position (a moved one goes last there).
    const changedRows: ChangedRequirement[] = [];
    for (const { imported: requirement, existing, changedFields } of matches) {
      if (!existing) continue;
      const values = valuesOf(requirement);
      const sectionId = sectionIdOf(requirement.sectionKey);
      const moved = sectionId !== existing.sectionId;
      if (changedFields.length === 0 && !moved) continue;
      const position = moved ? (nextPosition.get(sectionId) ?? 0) + 1 : existing.position;
      if (moved) nextPosition.set(sectionId, position);
      const changes: Record<string, { old: unknown; new: unknown }> = Object.fromEntries(
        changedFields.map((field) => [field, { old: existing[field], new: values[field] }]),
      );
      if (moved) changes.section = { old: existing.sectionId, new: sectionId };
      changedRows.push({
        id: existing.id,
        expectedVersion: existing.version,
        refChanges: existing.ref !== requirement.ref,
        columns: columnsOf(requirement, sectionId, position),
        changes,
      });
    }

    const total = newRows.length + changedRows.length;
    let done = 0;
    onProgress({ done, total });
    // Updates before inserts, and refs that change are first parked on a value no valid ref can
    // have: a file may swap two refs, or give a new row the ref an existing one gives up, and the
    // set's unique ref index is checked row by row.
    const renamed = changedRows.filter((row) => row.refChanges).map((row) => row.id);
    for (let start = 0; start < renamed.length; start += WRITE_CHUNK) {
      const ids = renamed.slice(start, start + WRITE_CHUNK);
      await tx.execute(sql`update ${requirements} set ref = '~' || id::text
        where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`);
    }
    const now = new Date();
    for (let start = 0; start < changedRows.length; start += WRITE_CHUNK) {
      const chunk = changedRows.slice(start, start + WRITE_CHUNK);
      const versions = await updateRequirements(tx, chunk, actorUserId, now);
      await insertImportHistory(
        tx,
        targetSetId,
        chunk.map((row) => ({
          requirementId: row.id,
          version: versions.get(row.id) ?? row.expectedVersion + 1,
          changes: row.changes,
        })),
        actorUserId,
      );
      done += chunk.length;
      onProgress({ done, total });
      // On PGlite every statement runs in this thread: let other work (and progress polls) in between.
      await yieldToEventLoop();
    }
    for (let start = 0; start < newRows.length; start += WRITE_CHUNK) {
      const chunk = newRows.slice(start, start + WRITE_CHUNK);
      await insertRequirements(tx, targetSetId, chunk, actorUserId);
      await insertImportHistory(
        tx,
        targetSetId,
        chunk.map((row) => ({
          requirementId: row.id,
          version: 1,
          changes: Object.fromEntries(
            Object.entries(row.values).map(([field, value]) => [field, { old: null, new: value }]),
          ),
        })),
        actorUserId,
      );
      done += chunk.length;
      onProgress({ done, total });
      // On PGlite every statement runs in this thread: let other work (and progress polls) in between.
      await yieldToEventLoop();
    }

    await tx
      .update(requirementSets)
      .set({ updatedAt: new Date(), updatedByUserId: actorUserId })
      .where(eq(requirementSets.id, targetSetId));
    // The file's bytes are not kept once applied: the set and its history are the record.
    await tx
      .update(setImports)
      .set({ appliedAt: new Date(), resultSetId: targetSetId, fileBytes: Buffer.alloc(0), updatedAt: new Date() })
      .where(eq(setImports.id, importRow.id));
    // Links to standards, once every row has its id: added or re-pinned, never removed.
    const idOf = new Map<ImportedRequirement, string>();
    for (const { imported: requirement, existing } of matches) if (existing) idOf.set(requirement, existing.id);
    creations.forEach((requirement, index) => idOf.set(requirement, newRows[index]?.id ?? ""));
    const linkRows = [...standardLinks].flatMap(([requirement, links]) =>
      links.map((link) => ({
        requirement_id: idOf.get(requirement),
        standard_id: link.standardId,
        version: link.version,
      })),
    );
    for (let start = 0; start < linkRows.length; start += WRITE_CHUNK) {
      const json = JSON.stringify(linkRows.slice(start, start + WRITE_CHUNK));
      await tx.execute(sql`insert into ${requirementStandardLinks}
          (requirement_id, standard_id, standard_version, created_by_user_id)
        select v.requirement_id, v.standard_id, v.version, ${actorUserId}
        from jsonb_to_recordset(${json}::jsonb) as v(requirement_id uuid, standard_id uuid, version text)
        on conflict (requirement_id, standard_id) do update set standard_version = excluded.standard_version`);
    }

    await writeAuditEvent(tx, {
      action: "set.imported",
      actorUserId,
      regionId: importRow.regionId,
      targetType: "requirement_set",
      targetId: targetSetId,
      details: {
        format: importRow.format,
        fileName: importRow.fileName,
        created: plan.created,
        updated: plan.updated,
        unchanged: plan.unchanged,
        standardLinks: plan.standardLinks,
      },
      request,
    });
    return { status: "applied", setId: targetSetId, plan } as const;
  });
}
