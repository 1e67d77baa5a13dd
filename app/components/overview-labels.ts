import type { MessageKey } from "~/utils/i18n";
import type { LessonSeverity } from "~/utils/lesson-fields";
import type { AdoptionStatus, CommonLevel } from "~/utils/standard-fields";

/**
 * The overview's short labels for lesson severities, adoption statuses and common levels (the
 * values themselves come from the lessons' and standards' field modules).
 */

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
