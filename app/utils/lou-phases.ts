import type { MessageKey } from "~/i18n/sv";

/**
 * The LOU phases of DOMAIN.md §2.1 in the order a procurement moves through them, with
 * "avbruten" (cancelled, possible at any stage) last. The same values as the `lou_phase` enum of
 * db/schema/lessons.ts (a test keeps the two equal); browser-safe, so forms and pages of lessons
 * and procurements share one list and one set of labels (`phase.<value>` in sv-lessons.ts).
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

export const louPhaseLabel: Record<LouPhase, MessageKey> = {
  needs_analysis: "phase.needs_analysis",
  market_analysis: "phase.market_analysis",
  preparation: "phase.preparation",
  tender_documents: "phase.tender_documents",
  publication: "phase.publication",
  tender_period: "phase.tender_period",
  opening: "phase.opening",
  evaluation: "phase.evaluation",
  award: "phase.award",
  standstill: "phase.standstill",
  review: "phase.review",
  contract: "phase.contract",
  contract_management: "phase.contract_management",
  cancelled: "phase.cancelled",
};

export function isLouPhase(value: unknown): value is LouPhase {
  return typeof value === "string" && (LOU_PHASES as readonly string[]).includes(value);
}
