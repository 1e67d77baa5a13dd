import { z } from "zod";

import type { MessageKey } from "./i18n";
import { VersionSchema } from "./requirement-schemas";
import { UuidSchema } from "./schemas";

/**
 * The standards feature's enums, their labels, its form schemas (shared by the server and the
 * browser through Conform; messages are dictionary keys) and the rule for when a requirement's
 * reference to a standard points at an older version. No database access: pages, models and
 * other features (the requirement page's standard links) import it alike.
 */

/** Same order as the `standard_category` enum: the order the catalogue sorts and filters by. */
export const STANDARD_CATEGORIES = [
  "architecture",
  "informatics",
  "terminology",
  "interoperability",
  "security",
  "accessibility",
  "law",
] as const;
export type StandardCategory = (typeof STANDARD_CATEGORIES)[number];

/** The catalogue's sortable columns. */
export const STANDARD_SORTS = ["code", "name", "owner", "version", "category", "lifecycle", "adoption"] as const;
export type StandardSort = (typeof STANDARD_SORTS)[number];

/** gällande, på väg in, utgående */
export const STANDARD_LIFECYCLES = ["current", "incoming", "outgoing"] as const;
export type StandardLifecycle = (typeof STANDARD_LIFECYCLES)[number];

/** krav, rekommendation */
export const COMMON_LEVELS = ["required", "recommended"] as const;
export type CommonLevel = (typeof COMMON_LEVELS)[number];

/** infört, planerat, utreds, ej aktuellt */
export const ADOPTION_STATUSES = ["adopted", "planned", "evaluating", "not_applicable"] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];
/** A matrix cell where the region has recorded nothing yet. */
export type AdoptionCellStatus = AdoptionStatus | "none";
export const ADOPTION_CELL_STATUSES: readonly AdoptionCellStatus[] = [...ADOPTION_STATUSES, "none"];

/**
 * Statuses that keep a region in step with a collaboration's common standard: anything else
 * (utreds, ej aktuellt, nothing recorded) is a deviation the steering group should see.
 */
export const IN_STEP_STATUSES: readonly AdoptionStatus[] = ["adopted", "planned"];

export function isDeviation(status: AdoptionCellStatus): boolean {
  return !(IN_STEP_STATUSES as readonly string[]).includes(status);
}

export const standardCategoryLabel: Record<StandardCategory, MessageKey> = {
  architecture: "standards.category.architecture",
  informatics: "standards.category.informatics",
  terminology: "standards.category.terminology",
  interoperability: "standards.category.interoperability",
  security: "standards.category.security",
  accessibility: "standards.category.accessibility",
  law: "standards.category.law",
};

export const standardLifecycleLabel: Record<StandardLifecycle, MessageKey> = {
  current: "standards.lifecycle.current",
  incoming: "standards.lifecycle.incoming",
  outgoing: "standards.lifecycle.outgoing",
};

export const commonLevelLabel: Record<CommonLevel, MessageKey> = {
  required: "standards.level.required",
  recommended: "standards.level.recommended",
};

export const adoptionStatusLabel: Record<AdoptionCellStatus, MessageKey> = {
  adopted: "standards.adoption.adopted",
  planned: "standards.adoption.planned",
  evaluating: "standards.adoption.evaluating",
  not_applicable: "standards.adoption.not_applicable",
  none: "standards.adoption.none",
};

/** The one-letter mark each status carries in the matrix, so that colour is never the only cue. */
export const adoptionStatusLetter: Record<AdoptionCellStatus, MessageKey> = {
  adopted: "standards.adoption.letter.adopted",
  planned: "standards.adoption.letter.planned",
  evaluating: "standards.adoption.letter.evaluating",
  not_applicable: "standards.adoption.letter.not_applicable",
  none: "standards.adoption.letter.none",
};

export type StandardLinkState = "current" | "outdated" | "unpinned";

/**
 * Where a requirement's reference to a standard stands: pinned to the standard's current
 * version, pinned to another (older: adding a version always makes it the current one), or not
 * pinned to any version. A standard without a current version flags nobody. The SQL twin of this
 * rule is `standardLinkStateSql` in standards.server.ts; a test holds the two together.
 */
export function standardLinkState({
  pinnedVersion,
  currentVersion,
}: {
  pinnedVersion: string | null;
  currentVersion: string;
}): StandardLinkState {
  const pinned = pinnedVersion?.trim() ?? "";
  if (pinned === "") return "unpinned";
  if (currentVersion === "" || pinned === currentVersion) return "current";
  return "outdated";
}

export function isPinnedVersionOutdated(link: { pinnedVersion: string | null; currentVersion: string }): boolean {
  return standardLinkState(link) === "outdated";
}

/** Today's date in Sweden (YYYY-MM-DD), wherever the server runs. */
export function swedishToday(now: Date = new Date()): string {
  // The sv-SE locale writes dates as ISO 8601 (2026-11-20).
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(now);
}

/** A real calendar day as YYYY-MM-DD: 2026-02-30 is refused, not rolled over into March. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((value) => value ?? "");

const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");

/** A date that may be left out; when given it must be a real day and not in the future. */
const optionalPastDate = (invalid: MessageKey, future: MessageKey) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value ?? "")
    .refine((value) => value === "" || isCalendarDay(value), { message: invalid, abort: true })
    .refine((value) => value === "" || value <= swedishToday(), future)
    .transform((value) => (value === "" ? null : value));

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export const STANDARD_CODE_MAX = 60;

export const StandardSchema = z.object({
  code: requiredText(STANDARD_CODE_MAX),
  name: requiredText(300),
  ownerBody: optionalText(200),
  category: z.enum(STANDARD_CATEGORIES, { error: "standards.categoryInvalid" }),
  // Only web addresses: a javascript: or data: link would run in the reader's browser.
  link: optionalText(1000).refine((value) => value === "" || isWebAddress(value), "standards.linkInvalid"),
  description: optionalText(5000),
  lifecycle: z.enum(STANDARD_LIFECYCLES, { error: "standards.lifecycleInvalid" }),
});
export type StandardInput = z.infer<typeof StandardSchema>;

/** A new catalogue entry may name the version it starts at (which becomes its first version). */
export const NewStandardSchema = StandardSchema.extend({ firstVersion: optionalText(100) });

export const EditStandardSchema = StandardSchema.extend({ baseVersion: VersionSchema });

export const AddVersionSchema = z.object({
  intent: z.literal("add-version"),
  label: requiredText(100),
  releasedOn: optionalPastDate("standards.releasedOnInvalid", "standards.releasedOnFuture"),
  note: optionalText(2000),
  baseVersion: VersionSchema,
});

export const MarkCommonSchema = z.object({
  intent: z.literal("mark-common"),
  collaborationId: UuidSchema,
  level: z.enum(COMMON_LEVELS, { error: "standards.levelInvalid" }),
  decisionReference: requiredText(300),
  decidedOn: z
    .string({ error: "standards.decidedOnInvalid" })
    .trim()
    .refine(isCalendarDay, { message: "standards.decidedOnInvalid", abort: true })
    .refine((value) => value <= swedishToday(), "standards.decidedOnFuture"),
});

export const RemoveCommonSchema = z.object({
  intent: z.literal("remove-common"),
  collaborationId: UuidSchema,
  // Taking a common standard back is a decision too: the reference goes into the audit log.
  decisionReference: requiredText(300),
});

/**
 * A region's adoption. The date is when it was adopted or decided, and for "planerat" the date it
 * is planned for, which may lie ahead. `baseVersion` 0: the form was opened when the region had
 * recorded nothing.
 */
export const AdoptionSchema = z
  .object({
    intent: z.literal("adopt"),
    status: z.enum(ADOPTION_STATUSES, { error: "standards.adoptionStatusInvalid" }),
    statusDate: z
      .string()
      .trim()
      .optional()
      .transform((value) => value ?? "")
      .refine((value) => value === "" || isCalendarDay(value), "standards.statusDateInvalid")
      .transform((value) => (value === "" ? null : value)),
    note: optionalText(2000),
    baseVersion: z.coerce.number({ error: "validation.invalid" }).int().min(0),
  })
  .refine((value) => value.status === "planned" || value.statusDate === null || value.statusDate <= swedishToday(), {
    path: ["statusDate"],
    message: "standards.statusDateFuture",
  });
