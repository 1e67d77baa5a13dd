import type { MessageKey } from "~/i18n/sv";

/**
 * The lesson vocabulary (DOMAIN.md §5): enum values in code, Swedish and English labels in the
 * lessons dictionaries. The same values as the enums of db/schema/lessons.ts; browser-safe.
 */

/** låg, medel, hög: how much a lesson should weigh when someone writes a requirement. */
export const LESSON_SEVERITIES = ["low", "medium", "high"] as const;
export type LessonSeverity = (typeof LESSON_SEVERITIES)[number];

/** domstolsavgörande, granskningsrapport, beslut, myndighet, annan källa */
export const LESSON_SOURCE_KINDS = ["court_ruling", "review_report", "decision", "authority", "other"] as const;
export type LessonSourceKind = (typeof LESSON_SOURCE_KINDS)[number];

/** How the lessons list can be sorted: the source's date (newest first), severity, title. */
export const LESSON_SORTS = ["date", "severity", "title"] as const;
export type LessonSort = (typeof LESSON_SORTS)[number];

export const severityLabel: Record<LessonSeverity, MessageKey> = {
  low: "lessons.severity.low",
  medium: "lessons.severity.medium",
  high: "lessons.severity.high",
};

export const sourceKindLabel: Record<LessonSourceKind, MessageKey> = {
  court_ruling: "lessons.sourceKind.court_ruling",
  review_report: "lessons.sourceKind.review_report",
  decision: "lessons.sourceKind.decision",
  authority: "lessons.sourceKind.authority",
  other: "lessons.sourceKind.other",
};

export function isLessonSeverity(value: unknown): value is LessonSeverity {
  return typeof value === "string" && (LESSON_SEVERITIES as readonly string[]).includes(value);
}

/** Only web links: a `javascript:` or `data:` address in a lesson's source must never become a link. */
export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}
