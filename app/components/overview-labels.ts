import type { MessageKey } from "~/utils/i18n";

/**
 * The enum values the steering group's overview shows, with their dictionary keys. Kept here
 * rather than imported from db/schema so the browser bundle does not carry drizzle; a unit test
 * checks each list against its database enum.
 */

export const LESSON_SEVERITIES = ["low", "medium", "high"] as const;
export type LessonSeverity = (typeof LESSON_SEVERITIES)[number];

export const ADOPTION_STATUSES = ["adopted", "planned", "evaluating", "not_applicable"] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];

export const COMMON_LEVELS = ["required", "recommended"] as const;
export type CommonLevel = (typeof COMMON_LEVELS)[number];

export const severityLabel: Record<LessonSeverity, MessageKey> = {
  low: "overview.severity.low",
  medium: "overview.severity.medium",
  high: "overview.severity.high",
};

/** "none" is a region that has recorded nothing for the standard. */
export const adoptionLabel: Record<AdoptionStatus | "none", MessageKey> = {
  adopted: "overview.adoption.adopted",
  planned: "overview.adoption.planned",
  evaluating: "overview.adoption.evaluating",
  not_applicable: "overview.adoption.not_applicable",
  none: "overview.adoption.none",
};

export const levelLabel: Record<CommonLevel, MessageKey> = {
  required: "overview.level.required",
  recommended: "overview.level.recommended",
};
