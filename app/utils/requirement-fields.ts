/**
 * The requirement vocabulary (DOMAIN.md §2.2–2.3, §4): enum values in code, Swedish and English
 * labels in the dictionaries. Shared by server and browser.
 */

export const SET_STATUSES = ["draft", "in_review", "approved", "published", "superseded"] as const;
export type SetStatus = (typeof SET_STATUSES)[number];

export const VISIBILITIES = ["private", "collaboration", "portal"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const OBLIGATIONS = ["ska", "bor"] as const;
export type Obligation = (typeof OBLIGATIONS)[number];

export const REQUIREMENT_TYPES = ["qualification", "technical", "award", "contract"] as const;
export type RequirementType = (typeof REQUIREMENT_TYPES)[number];

export const VERIFICATION_METHODS = [
  "yes_no",
  "description",
  "attachment",
  "demonstration",
  "scenario_test",
  "reference_check",
  "acceptance_test",
  "contract_follow_up",
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const AMBITION_LEVELS = ["basic", "advanced", "leading"] as const;
export type AmbitionLevel = (typeof AMBITION_LEVELS)[number];

/** Kravområden with their ref prefixes (DOMAIN.md §4). */
export const AREAS = ["JF", "LM", "RS", "VA", "BS", "IN", "IS", "BL", "TA", "DR", "MG", "UT", "KV"] as const;
export type Area = (typeof AREAS)[number];

/** One requirement as frozen in a baseline and compared by the diff. */
export type RequirementSnapshot = {
  id: string;
  sectionId: string | null;
  position: number;
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
};

/** A requirement's content without its place in a set: what a library copy takes from its source. */
export type RequirementContent = Pick<
  RequirementSnapshot,
  | "ref"
  | "title"
  | "text"
  | "obligation"
  | "type"
  | "area"
  | "rationale"
  | "verification"
  | "weight"
  | "ambition"
  | "tags"
>;

export type SectionSnapshot = {
  id: string;
  parentId: string | null;
  position: number;
  title: string;
};

/** A whole set at one moment: a baseline's frozen content, or the working copy. */
export type SetSnapshot = {
  sections: SectionSnapshot[];
  requirements: RequirementSnapshot[];
};

/** The fields a diff compares and a history entry records, in display order. */
export const COMPARED_FIELDS = [
  "ref",
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
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/**
 * Whether two values of a requirement field are the same: primitives by identity, lists (tags)
 * item by item in order, records (imported attributes) by name whatever their key order, since
 * jsonb stores keys sorted and a file or a form in its own order.
 */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameFieldValue(item, b[index]));
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const aEntries = Object.entries(a);
    const bRecord = b as Record<string, unknown>;
    return (
      aEntries.length === Object.keys(b).length &&
      aEntries.every(([key, value]) => Object.hasOwn(bRecord, key) && sameFieldValue(value, bRecord[key]))
    );
  }
  return false;
}
