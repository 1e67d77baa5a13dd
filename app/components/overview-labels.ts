import type { MessageKey } from "~/utils/i18n";

/**
 * The enum values the steering group's overview shows, with their dictionary keys. Kept here
 * rather than imported from db/schema so the browser bundle does not carry drizzle; a unit test
 * checks each list against its database enum.
 */

export const LOU_PHASES = [
  "needs_analysis",
  "market_analysis",
  "preparation",
  "tender_documents",
  "publication",
  "tender_period",
  "opening",
  "evaluation",
  "award",
  "standstill",
  "review",
  "contract",
  "contract_management",
  "cancelled",
] as const;
export type LouPhase = (typeof LOU_PHASES)[number];

export const RAG_STATUSES = ["green", "amber", "red"] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

export const LESSON_SEVERITIES = ["low", "medium", "high"] as const;
export type LessonSeverity = (typeof LESSON_SEVERITIES)[number];

export const ADOPTION_STATUSES = ["adopted", "planned", "evaluating", "not_applicable"] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];

export const COMMON_LEVELS = ["required", "recommended"] as const;
export type CommonLevel = (typeof COMMON_LEVELS)[number];

export const phaseLabel: Record<LouPhase, MessageKey> = {
  needs_analysis: "overview.phase.needs_analysis",
  market_analysis: "overview.phase.market_analysis",
  preparation: "overview.phase.preparation",
  tender_documents: "overview.phase.tender_documents",
  publication: "overview.phase.publication",
  tender_period: "overview.phase.tender_period",
  opening: "overview.phase.opening",
  evaluation: "overview.phase.evaluation",
  award: "overview.phase.award",
  standstill: "overview.phase.standstill",
  review: "overview.phase.review",
  contract: "overview.phase.contract",
  contract_management: "overview.phase.contract_management",
  cancelled: "overview.phase.cancelled",
};

export const ragLabel: Record<RagStatus, MessageKey> = {
  green: "overview.rag.green",
  amber: "overview.rag.amber",
  red: "overview.rag.red",
};

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
