import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
} from "~/utils/requirement-fields";

import type { ReqifTarget } from "./reqif-import.server";
import type { ColumnTarget, TabularHierarchyKind, ValueField } from "./tabular";

/**
 * What the import wizard's selects offer, shared by the server (which validates the posted
 * choices against the same lists) and the page. Types only from the server modules, so nothing
 * server-side reaches the browser bundle.
 */

export const COLUMN_TARGETS = [
  "ref",
  "section",
  "level",
  "title",
  "text",
  "obligation",
  "type",
  "area",
  "rationale",
  "verification",
  "weight",
  "ambition",
  "tags",
  "importedAttributes",
  "id",
  "version",
  "linkedStandards",
  "source",
  "keep",
  "ignore",
] as const satisfies readonly ColumnTarget[];

export const HIERARCHY_KINDS = [
  "none",
  "section-column",
  "level-column",
  "ref-prefix",
  "sections-sheet",
] as const satisfies readonly TabularHierarchyKind[];

export const VALUE_FIELDS = [
  "obligation",
  "type",
  "area",
  "verification",
  "ambition",
] as const satisfies readonly ValueField[];

/** Every ReqIF target once: the record's keys are checked against the type, so none can be missed. */
const reqifTargets: Record<ReqifTarget, true> = {
  ref: true,
  title: true,
  text: true,
  sectionTitle: true,
  obligation: true,
  type: true,
  area: true,
  rationale: true,
  verification: true,
  weight: true,
  ambition: true,
  tags: true,
  linkedStandards: true,
  keep: true,
  ignore: true,
};
export const REQIF_TARGET_CHOICES = Object.keys(reqifTargets) as ReqifTarget[];

const valuesOf: { [F in ValueField]: readonly string[] } = {
  obligation: OBLIGATIONS,
  type: REQUIREMENT_TYPES,
  area: AREAS,
  verification: VERIFICATION_METHODS,
  ambition: AMBITION_LEVELS,
};

/** Which of our values a value-word select offers for a field. */
export function valueChoicesFor(field: ValueField): readonly string[] {
  return valuesOf[field];
}
