import type { MessageKey } from "~/i18n/sv";
import { REF_PATTERN, REQUIREMENT_TEXT_MAX } from "~/utils/requirement-schemas";
import type { AmbitionLevel, Area, Obligation, RequirementType, VerificationMethod } from "~/utils/requirement-fields";

/**
 * What every importer (spreadsheet, ReqIF, JSON) hands over: the set as read from the file,
 * before it is compared with the database. Field values are already mapped to our vocabulary;
 * a value the importer could not map is `null` with an issue saying why, so the report can name
 * the row, the column and the value the user wrote.
 */

export type ImportedSection = {
  /** Identifies the section inside this import (a path, a ReqIF identifier, a UUID). */
  key: string;
  parentKey: string | null;
  title: string;
  /** Samkrav's own UUID when the file came from Samkrav (keeps identity on a round trip). */
  id: string | null;
};

export type ImportedRequirement = {
  /** Where it came from, for messages: the spreadsheet row number (1-based, as Excel shows it), or the n:th object. */
  row: number;
  /** Samkrav's UUID when the file carries one; updates match on it first, then on ref. */
  id: string | null;
  sectionKey: string | null;
  ref: string;
  title: string;
  text: string;
  obligation: Obligation | null;
  type: RequirementType | null;
  area: Area | null;
  rationale: string;
  verification: VerificationMethod | null;
  weight: number | null;
  ambition: AmbitionLevel | null;
  tags: string[];
  /** Source attributes with no Samkrav field, kept and shown ("importerade attribut"). */
  importedAttributes: Record<string, string>;
  /**
   * Standards as the file names them ("HL7 FHIR R4": the catalogue's code, then the pinned
   * version if any). Applying links those the catalogue knows and warns about the rest.
   */
  linkedStandards: string[];
};

export type ImportIssue = {
  severity: "error" | "warning";
  /** Row as in `ImportedRequirement.row`; null for the file as a whole. */
  row: number | null;
  /** The column or attribute as the file names it, or our field name when the file has none. */
  column: string | null;
  /** The offending value as written in the file (shortened for display by the page). */
  value: string;
  message: MessageKey;
  params?: Record<string, string | number>;
};

export type ImportedSet = {
  /** A title for a new set, when the file has one (JSON, ReqIF specification name, workbook metadata). */
  title: string | null;
  description: string | null;
  sections: ImportedSection[];
  requirements: ImportedRequirement[];
  /** What the importer itself found (unmappable values, formulas neutralised, unknown columns). */
  issues: ImportIssue[];
};

/** The fields the row-by-row check looks at, and the column label to show when the file has none. */
export type CheckedField =
  | "ref"
  | "title"
  | "text"
  | "obligation"
  | "type"
  | "area"
  | "verification"
  | "weight"
  | "ambition"
  | "tags"
  | "rationale";

const TITLE_MAX = 300;
const RATIONALE_MAX = 10_000;
const TAGS_MAX = 20;
const TAG_LENGTH_MAX = 40;
const WEIGHT_MAX = 1000;

/**
 * The same rules as the requirement form (RequirementSchema), applied to every imported row, plus
 * what only a batch can break: a ref or an id used twice. Issues an importer already reported for
 * a row and field are not repeated. `columnOf` names the file's column for a field.
 */
export function checkImportedSet(
  imported: ImportedSet,
  columnOf: (field: CheckedField) => string = (field) => field,
): ImportIssue[] {
  const reported = new Set(imported.issues.map((issue) => `${issue.row}:${issue.column}`));
  const issues: ImportIssue[] = [];
  const add = (
    row: number,
    field: CheckedField,
    value: string,
    message: MessageKey,
    params?: ImportIssue["params"],
  ) => {
    const column = columnOf(field);
    if (reported.has(`${row}:${column}`)) return;
    reported.add(`${row}:${column}`);
    issues.push({ severity: "error", row, column, value, message, ...(params ? { params } : {}) });
  };
  const firstRowOfRef = new Map<string, number>();
  const firstRowOfId = new Map<string, number>();
  for (const requirement of imported.requirements) {
    const { row } = requirement;
    if (requirement.ref === "") add(row, "ref", "", "validation.required");
    else if (!REF_PATTERN.test(requirement.ref)) add(row, "ref", requirement.ref, "requirement.refInvalid");
    else {
      const earlier = firstRowOfRef.get(requirement.ref);
      if (earlier !== undefined) add(row, "ref", requirement.ref, "exchange.issue.duplicateRef", { row: earlier });
      else firstRowOfRef.set(requirement.ref, row);
    }
    if (requirement.id !== null) {
      const earlier = firstRowOfId.get(requirement.id);
      if (earlier !== undefined) add(row, "ref", requirement.id, "exchange.issue.duplicateId", { row: earlier });
      else firstRowOfId.set(requirement.id, row);
    }
    if (requirement.title === "") add(row, "title", "", "validation.required");
    else if (requirement.title.length > TITLE_MAX) add(row, "title", requirement.title, "validation.tooLong");
    if (requirement.text === "") add(row, "text", "", "validation.required");
    else if (requirement.text.length > REQUIREMENT_TEXT_MAX)
      add(row, "text", requirement.text, "requirement.textTooLong");
    if (requirement.rationale.length > RATIONALE_MAX)
      add(row, "rationale", requirement.rationale, "validation.tooLong");
    if (requirement.obligation === null) add(row, "obligation", "", "requirement.obligationInvalid");
    if (requirement.type === null) add(row, "type", "", "requirement.typeInvalid");
    if (requirement.area === null) add(row, "area", "", "requirement.areaInvalid");
    if (requirement.verification === null) add(row, "verification", "", "requirement.verificationInvalid");
    if (requirement.weight !== null) {
      if (!Number.isInteger(requirement.weight) || requirement.weight < 0 || requirement.weight > WEIGHT_MAX) {
        add(row, "weight", String(requirement.weight), "requirement.weightInvalid");
      } else if (requirement.obligation === "ska") {
        add(row, "weight", String(requirement.weight), "requirement.weightOnlyForBor");
      }
    }
    const texts = [
      requirement.ref,
      requirement.title,
      requirement.text,
      requirement.rationale,
      ...requirement.tags,
      ...Object.entries(requirement.importedAttributes).flat(),
    ];
    if (texts.some(hasUnstorableCharacters)) add(row, "text", "", "exchange.issue.unstorableCharacters");
    if (requirement.tags.length > TAGS_MAX || requirement.tags.some((tag) => tag.length > TAG_LENGTH_MAX)) {
      add(row, "tags", requirement.tags.join(", "), "requirement.tagsInvalid");
    }
  }
  for (const section of imported.sections) {
    if (hasUnstorableCharacters(section.title)) {
      issues.push({
        severity: "error",
        row: null,
        column: null,
        value: "",
        message: "exchange.issue.unstorableCharacters",
      });
    }
  }
  return issues;
}

/**
 * Titles, texts and rationales without leading or trailing whitespace, as the forms store them:
 * a spreadsheet cell's stray line break, or a ReqIF paragraph's indentation, is not content.
 */
export function trimImportedTexts(imported: ImportedSet): ImportedSet {
  return {
    ...imported,
    sections: imported.sections.map((section) => ({ ...section, title: section.title.trim() })),
    requirements: imported.requirements.map((requirement) => ({
      ...requirement,
      title: requirement.title.trim(),
      text: requirement.text.trim(),
      rationale: requirement.rationale.trim(),
    })),
  };
}

/** NUL and unpaired surrogates: a file can carry them, PostgreSQL text cannot. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasUnstorableCharacters(value: string): boolean {
  return UNSTORABLE.test(value);
}

export function hasErrors(issues: readonly ImportIssue[]): boolean {
  return issues.some((issue) => issue.severity === "error");
}
