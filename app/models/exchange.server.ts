import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import { requirementSets, requirements } from "../../db/schema/requirements";
import { requirementStandardLinks, standards } from "../../db/schema/standards";
import {
  EXCHANGE_FORMAT,
  EXCHANGE_FORMAT_VERSION,
  type ExchangeRequirement,
  type ExchangeSection,
  type ExchangeSet,
} from "~/exchange/exchange-set";
import type { ExportFormat } from "~/exchange/export-formats";
import { writeAuditEvent } from "~/utils/audit.server";
import type { DbOrTransaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import { translate, type Language } from "~/utils/i18n";
import { visibleTo, type Principal } from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";
import type { RequirementSnapshot, SectionSnapshot } from "~/utils/requirement-fields";

import { getBaseline, getWorkingSnapshot } from "./baselines.server";
import type { VisibleSet } from "./requirement-sets.server";

/**
 * Reading a set for export (working copy or baseline) as the ExchangeSet every writer takes, and
 * the audit record of an export. Writing an import lives in set-imports.server.ts.
 */

/** Sections in tree pre-order from rows that know their parent and position among siblings. */
function orderSections<T extends { id: string; parentId: string | null; position: number }>(rows: readonly T[]): T[] {
  const children = new Map<string | null, T[]>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  for (const list of children.values()) list.sort((a, b) => a.position - b.position);
  const ordered: T[] = [];
  const walk = (parentId: string | null) => {
    for (const row of children.get(parentId) ?? []) {
      ordered.push(row);
      walk(row.id);
    }
  };
  walk(null);
  return ordered;
}

/** Requirements in reading order: outside sections first, then by section order, then position. */
function orderRequirements<T extends { sectionId: string | null; position: number }>(
  rows: readonly T[],
  sectionOrder: ReadonlyMap<string, number>,
): T[] {
  const rank = (row: T) => (row.sectionId === null ? -1 : (sectionOrder.get(row.sectionId) ?? Number.MAX_SAFE_INTEGER));
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.position - b.position);
}

type RequirementExtras = {
  importedAttributes: Record<string, string>;
  linkedStandards: string[];
  source: string;
};

/**
 * What a snapshot row does not carry: linked standards (as they are now), provenance (naming the
 * source set only when the reader may see it) and imported attributes.
 */
async function loadRequirementExtras(
  setId: string,
  principal: Principal,
  language: Language,
  tx: DbOrTransaction = db,
): Promise<Map<string, RequirementExtras>> {
  const source = alias(requirements, "source");
  const sourceSet = alias(requirementSets, "source_set");
  const [rows, links] = await Promise.all([
    tx
      .select({
        id: requirements.id,
        importedAttributes: requirements.importedAttributes,
        sourceVersion: requirements.sourceVersion,
        sourceRef: source.ref,
        sourceSetTitle: sourceSet.title,
      })
      .from(requirements)
      .leftJoin(source, eq(source.id, requirements.sourceRequirementId))
      .leftJoin(sourceSet, and(eq(sourceSet.id, requirements.sourceSetId), visibleTo(principal, sourceSet)))
      .where(eq(requirements.setId, setId)),
    tx
      .select({
        requirementId: requirementStandardLinks.requirementId,
        code: standards.code,
        version: requirementStandardLinks.standardVersion,
      })
      .from(requirementStandardLinks)
      .innerJoin(standards, eq(standards.id, requirementStandardLinks.standardId))
      .innerJoin(requirements, eq(requirements.id, requirementStandardLinks.requirementId))
      .where(eq(requirements.setId, setId))
      .orderBy(standards.code),
  ]);
  const standardsOf = new Map<string, string[]>();
  for (const link of links) {
    const label = link.version ? `${link.code} ${link.version}` : link.code;
    standardsOf.set(link.requirementId, [...(standardsOf.get(link.requirementId) ?? []), label]);
  }
  const extras = new Map<string, RequirementExtras>();
  for (const row of rows) {
    let sourceText = "";
    if (row.sourceRef !== null) {
      sourceText = row.sourceSetTitle
        ? translate(language, "exchange.sourceFromSet", {
            set: row.sourceSetTitle,
            ref: row.sourceRef,
            version: String(row.sourceVersion ?? ""),
          })
        : translate(language, "exchange.sourceFromLibrary", {
            ref: row.sourceRef,
            version: String(row.sourceVersion ?? ""),
          });
    }
    extras.set(row.id, {
      importedAttributes: row.importedAttributes,
      linkedStandards: standardsOf.get(row.id) ?? [],
      source: sourceText,
    });
  }
  return extras;
}

function toExchangeRequirement(row: RequirementSnapshot, extras: RequirementExtras | undefined): ExchangeRequirement {
  return {
    id: row.id,
    sectionId: row.sectionId,
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
    tags: row.tags,
    version: row.version,
    linkedStandards: extras?.linkedStandards ?? [],
    source: extras?.source ?? "",
    importedAttributes: extras?.importedAttributes ?? {},
  };
}

function assemble(
  set: VisibleSet,
  sectionRows: readonly SectionSnapshot[],
  requirementRows: readonly RequirementSnapshot[],
  extras: ReadonlyMap<string, RequirementExtras>,
  baseline: ExchangeSet["set"]["baseline"],
): ExchangeSet {
  const sections = orderSections(sectionRows);
  const sectionOrder = new Map(sections.map((section, index) => [section.id, index]));
  // A requirement whose section is gone (only in an old baseline) reads as outside any section.
  const placed = requirementRows.map((row) =>
    row.sectionId !== null && !sectionOrder.has(row.sectionId) ? { ...row, sectionId: null } : row,
  );
  return {
    format: EXCHANGE_FORMAT,
    formatVersion: EXCHANGE_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    set: {
      id: set.id,
      title: set.title,
      description: set.description,
      procurementReference: set.procurementReference,
      ownerRegionName: set.ownerRegionName,
      status: set.status,
      visibility: set.visibility,
      collaborationName: set.collaborationName,
      version: set.version,
      baseline,
    },
    sections: sections.map(({ id, parentId, title }): ExchangeSection => ({ id, parentId, title })),
    requirements: orderRequirements(placed, sectionOrder).map((row) => toExchangeRequirement(row, extras.get(row.id))),
  };
}

/**
 * The set as the reader may export it: the working copy, or one of its baselines (null when the
 * baseline is not the set's). The caller has already checked `set.read` on the set.
 */
export async function loadExchangeSet({
  set,
  baselineId,
  principal,
  language,
}: {
  set: VisibleSet;
  baselineId: string | null;
  principal: Principal;
  language: Language;
}): Promise<ExchangeSet | null> {
  if (baselineId !== null) {
    const baseline = await getBaseline({ setId: set.id, baselineId });
    if (!baseline) return null;
    const extras = await loadRequirementExtras(set.id, principal, language);
    return assemble(set, baseline.snapshot.sections, baseline.snapshot.requirements, extras, {
      id: baseline.id,
      name: baseline.name,
      createdAt: new Date(baseline.createdAt).toISOString(),
    });
  }
  const [snapshot, extras] = await Promise.all([
    getWorkingSnapshot(set.id),
    loadRequirementExtras(set.id, principal, language),
  ]);
  return assemble(set, snapshot.sections, snapshot.requirements, extras, null);
}

/** The audit record of an export: who took which set (or baseline) out, in which format. */
export async function recordExport({
  set,
  baselineId,
  format,
  requirementCount,
  actorUserId,
  request,
}: {
  set: VisibleSet;
  baselineId: string | null;
  format: ExportFormat;
  requirementCount: number;
  actorUserId: string;
  request: RequestInfo;
}): Promise<void> {
  await writeAuditEvent(db, {
    action: "set.exported",
    actorUserId,
    regionId: set.ownerRegionId,
    targetType: "requirement_set",
    targetId: set.id,
    details: { format, baselineId, requirementCount },
    request,
  });
}
