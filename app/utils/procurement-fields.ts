import { z } from "zod";

import type { ProcurementAuditAction } from "./audit.server";
import type { MessageKey } from "./i18n";
import { LOU_PHASES, type LouPhase } from "./lou-phases";
import { VISIBILITIES } from "./requirement-fields";

/**
 * The procurement vocabulary (DOMAIN.md §2.1) and the form schemas of the procurement pages,
 * shared by the server and the browser (through Conform); messages are dictionary keys.
 */

/** grön, gul, röd: in the order a list sorts them when "worst first" matters. */
export const RAG_STATUSES = ["green", "amber", "red"] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

/** How the list can be sorted (the `sort` parameter). */
export const PROCUREMENT_SORTS = ["title", "lead", "phase", "rag", "report"] as const;
export type ProcurementSort = (typeof PROCUREMENT_SORTS)[number];

export const ragLabel: Record<RagStatus, MessageKey> = {
  green: "procurements.rag.green",
  amber: "procurements.rag.amber",
  red: "procurements.rag.red",
};

/** The phase's number in the LOU order (1–13; avbruten is 14), for "Fas 4 av 13". */
export function phaseNumber(phase: LouPhase): number {
  return LOU_PHASES.indexOf(phase) + 1;
}

/** Today's date in Sweden (YYYY-MM-DD), wherever the server runs. */
export function swedishDate(now: Date = new Date()): string {
  // The sv-SE locale writes dates as ISO 8601 (2026-12-02).
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(now);
}

/**
 * A real calendar day as YYYY-MM-DD: 2026-02-30 is refused, not rolled over into March, and so is a
 * year outside 1900–2199 (a typo, and year 0000 is not a date the database takes).
 */
export function isCalendarDay(value: string): boolean {
  if (!/^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The submitted object as it came, for `when` conditions that look at fields before they are parsed. */
function rawFields(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((value) => value ?? "");

// `abort` stops later checks (before/after today, end before start) from adding a second message to a non-date.
const requiredDate = (message: MessageKey) =>
  z.string({ error: message }).trim().refine(isCalendarDay, { message, abort: true });

const optionalDate = (message: MessageKey) =>
  z
    .string()
    .trim()
    .optional()
    .refine((value) => value === undefined || isCalendarDay(value), { message, abort: true })
    .transform((value) => value ?? null);

const checkbox = z
  .literal("on")
  .optional()
  .transform((value) => value === "on");

/** A link is shown as a link: only http(s), never javascript: or data:. */
const optionalLink = z
  .string()
  .trim()
  .max(1000, "validation.tooLong")
  .optional()
  .refine(
    (value) => {
      if (value === undefined) return true;
      try {
        const url = new URL(value);
        return url.protocol === "https:" || url.protocol === "http:";
      } catch {
        return false;
      }
    },
    { message: "procurements.linkInvalid" },
  )
  .transform((value) => value ?? "");

export const VersionSchema = z.coerce.number({ error: "validation.invalid" }).int().min(1);

const UuidArray = z
  .array(z.string().uuid("validation.invalid"), { error: "validation.invalid" })
  .optional()
  .transform((value) => [...new Set(value ?? [])]);

/** Title, Dnr, participants, phase and RAG: the create and edit forms. */
export const ProcurementSchema = z
  .object({
    title: requiredText(200),
    description: optionalText(5000),
    caseNumber: optionalText(100),
    participantRegionIds: UuidArray,
    phase: z.enum(LOU_PHASES, { error: "procurements.phaseInvalid" }),
    rag: z.enum(RAG_STATUSES, { error: "procurements.ragInvalid" }),
    ragReason: optionalText(2000),
  })
  // Gul and röd must say why: the steering group reads the reason before anything else. Checked
  // even when another field is wrong, so that every message shows at once.
  .refine((value) => value.rag === "green" || value.ragReason !== "", {
    path: ["ragReason"],
    message: "procurements.ragReasonRequired",
    when: (payload) => {
      const raw = rawFields(payload.value);
      return (RAG_STATUSES as readonly unknown[]).includes(raw.rag) && typeof (raw.ragReason ?? "") === "string";
    },
  });
export type ProcurementInput = z.infer<typeof ProcurementSchema>;

export const EditProcurementSchema = ProcurementSchema.and(z.object({ baseVersion: VersionSchema }));

export const ShareProcurementSchema = z
  .object({
    visibility: z.enum(VISIBILITIES, { error: "validation.invalid" }),
    collaborationId: z.string().uuid("validation.invalid").optional(),
    confirmPublicRecord: z.literal("on", { error: "procurements.share.confirmRequired" }),
    baseVersion: VersionSchema,
  })
  .refine((value) => value.visibility !== "collaboration" || value.collaborationId !== undefined, {
    path: ["collaborationId"],
    message: "procurements.share.collaborationRequired",
  });

/** A milestone: the date a phase is planned to start and the date it actually did; one of them at least. */
export const MilestoneSchema = z
  .object({
    phase: z.enum(LOU_PHASES, { error: "procurements.phaseInvalid" }),
    label: optionalText(200),
    plannedOn: optionalDate("procurements.dateInvalid"),
    actualOn: optionalDate("procurements.dateInvalid"),
    unverified: checkbox,
  })
  .refine((value) => value.plannedOn !== null || value.actualOn !== null, {
    path: ["plannedOn"],
    message: "procurements.milestone.dateRequired",
  });
export type MilestoneInput = z.infer<typeof MilestoneSchema>;

export const AddMilestoneSchema = MilestoneSchema.and(z.object({ intent: z.literal("add-milestone") }));

/** The edit page carries the token of the milestone as it was shown (optimistic concurrency). */
export const EditMilestoneSchema = MilestoneSchema.and(
  z.object({ baseToken: z.string({ error: "validation.invalid" }).regex(/^[0-9a-f]{16,64}$/, "validation.invalid") }),
);

export const DecisionSchema = z.object({
  intent: z.literal("add-decision"),
  body: requiredText(200),
  reference: requiredText(200),
  // A decision in the log has been taken: not in the future.
  decidedOn: requiredDate("procurements.dateInvalid").refine(
    (value) => value <= swedishDate(),
    "procurements.decision.decidedOnFuture",
  ),
  summary: optionalText(5000),
  link: optionalLink,
  unverified: checkbox,
});
export type DecisionInput = Omit<z.infer<typeof DecisionSchema>, "intent">;

export const StatusReportSchema = z
  .object({
    periodStart: requiredDate("procurements.dateInvalid").refine(
      (value) => value <= swedishDate(),
      "procurements.report.periodStartFuture",
    ),
    periodEnd: requiredDate("procurements.dateInvalid"),
    rag: z.enum(RAG_STATUSES, { error: "procurements.ragInvalid" }),
    summary: requiredText(5000),
    risks: optionalText(5000),
    nextSteps: optionalText(5000),
  })
  .refine((value) => value.periodEnd >= value.periodStart, {
    path: ["periodEnd"],
    message: "procurements.report.periodEndBeforeStart",
    // Also when the summary is missing: every message at once. Not when a date is not a date.
    when: (payload) => {
      const raw = rawFields(payload.value);
      return [raw.periodStart, raw.periodEnd].every((day) => typeof day === "string" && isCalendarDay(day.trim()));
    },
  });
export type StatusReportInput = z.infer<typeof StatusReportSchema>;

export const RemoveSchema = (intent: string) =>
  z.object({ intent: z.literal(intent), id: z.string({ error: "validation.invalid" }).uuid("validation.invalid") });

export const LinkSchema = (intent: string) =>
  z.object({
    intent: z.literal(intent),
    id: z.string({ error: "procurements.link.chooseOne" }).uuid("procurements.link.chooseOne"),
  });

/** Audit-log labels of the procurement actions (spread into labels.ts's auditActionLabel). */
export const procurementAuditActionLabel: Record<ProcurementAuditAction, MessageKey> = {
  "procurement.created": "procurements.audit.created",
  "procurement.updated": "procurements.audit.updated",
  "procurement.shared": "procurements.audit.shared",
  "procurement.archived": "procurements.audit.archived",
  "procurement.restored": "procurements.audit.restored",
  "procurement.milestone_added": "procurements.audit.milestoneAdded",
  "procurement.milestone_updated": "procurements.audit.milestoneUpdated",
  "procurement.milestone_removed": "procurements.audit.milestoneRemoved",
  "procurement.decision_added": "procurements.audit.decisionAdded",
  "procurement.decision_removed": "procurements.audit.decisionRemoved",
  "procurement.report_added": "procurements.audit.reportAdded",
  "procurement.set_linked": "procurements.audit.setLinked",
  "procurement.set_unlinked": "procurements.audit.setUnlinked",
  "procurement.lesson_linked": "procurements.audit.lessonLinked",
  "procurement.lesson_unlinked": "procurements.audit.lessonUnlinked",
};
