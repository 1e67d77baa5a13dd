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
 * The one in-memory shape every exchange format is written from and read into (XLSX, CSV, DOCX,
 * JSON, ReqIF). Formats differ in what they can carry; this carries everything a set has, so
 * each writer and reader is a pure function of it and the database is touched in one place.
 *
 * Order is meaning: `sections` are in tree pre-order (a parent before its children, siblings in
 * their order) and `requirements` in the set's reading order (requirements outside any section
 * first, then section by section in tree order, each section's requirements in their order).
 */

export const EXCHANGE_FORMAT = "samkrav-requirement-set";
/** Bumped when the JSON shape changes incompatibly; readers refuse versions they do not know. */
export const EXCHANGE_FORMAT_VERSION = 1;

export type ExchangeSection = {
  id: string;
  parentId: string | null;
  title: string;
};

export type ExchangeRequirement = {
  id: string;
  sectionId: string | null;
  ref: string;
  title: string;
  text: string;
  obligation: Obligation;
  type: RequirementType;
  area: Area;
  rationale: string;
  verification: VerificationMethod;
  weight: number | null;
  ambition: AmbitionLevel | null;
  tags: string[];
  version: number;
  /** Display names of linked catalogue standards ("HSLF-FS 2016:40"); exported, not imported as links. */
  linkedStandards: string[];
  /** Provenance as readable text ("Kopierat från … IS-004, version 3"), empty when written here. */
  source: string;
  /** Attributes another tool's file had that Samkrav has no field for, kept visibly (name → text). */
  importedAttributes: Record<string, string>;
};

export type ExchangeSetInfo = {
  id: string;
  title: string;
  description: string;
  procurementReference: string;
  ownerRegionName: string;
  status: SetStatus;
  visibility: Visibility;
  collaborationName: string | null;
  version: number;
  /** Set when the export is of a baseline rather than the working copy. */
  baseline: { id: string; name: string; createdAt: string } | null;
};

export type ExchangeSet = {
  format: typeof EXCHANGE_FORMAT;
  formatVersion: typeof EXCHANGE_FORMAT_VERSION;
  exportedAt: string;
  set: ExchangeSetInfo;
  sections: ExchangeSection[];
  requirements: ExchangeRequirement[];
};

/** Depth (1 = top level) and chapter number ("2.1.3") of every section, from the pre-order list. */
export function sectionNumbering(sections: readonly ExchangeSection[]): Map<string, { depth: number; number: string }> {
  const numbering = new Map<string, { depth: number; number: string }>();
  const childCount = new Map<string | null, number>();
  for (const section of sections) {
    const index = (childCount.get(section.parentId) ?? 0) + 1;
    childCount.set(section.parentId, index);
    const parent = section.parentId === null ? undefined : numbering.get(section.parentId);
    numbering.set(section.id, {
      depth: parent ? parent.depth + 1 : 1,
      number: parent ? `${parent.number}.${index}` : String(index),
    });
  }
  return numbering;
}

/** Titles from the top section down to this one ("Säkerhet", "Behörighet"). */
export function sectionTitlePath(sections: readonly ExchangeSection[], sectionId: string | null): string[] {
  const byId = new Map(sections.map((section) => [section.id, section]));
  const path: string[] = [];
  let current = sectionId === null ? undefined : byId.get(sectionId);
  while (current) {
    path.unshift(current.title);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return path;
}
