import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";

import { FormErrors, InputField } from "~/components/forms";
import type { ReviewerRole } from "~/utils/review-fields";
import { useT, type MessageKey } from "~/utils/i18n";
import { VersionSchema } from "~/utils/requirement-schemas";
import { UuidSchema } from "~/utils/schemas";

/**
 * Form schemas of review rounds and fastställelse, shared by the server and the browser (through
 * Conform); messages are dictionary keys. Also the labels of the review enums.
 */

/** Today's date in Sweden (YYYY-MM-DD): due dates are Swedish calendar days, wherever the server runs. */
export function swedishToday(now: Date = new Date()): string {
  // The sv-SE locale writes dates as ISO 8601 (2026-11-26).
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(now);
}

/** A real calendar day as YYYY-MM-DD: 2026-02-30 is refused, not rolled over into March. */
function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

// `abort` stops the later checks (before/after today) from adding a second message to a non-date.
const isoDate = (message: MessageKey) =>
  z.string({ error: message }).trim().refine(isCalendarDay, { message, abort: true });

export const OpenRoundSchema = z
  .object({
    intent: z.literal("open"),
    dueDate: isoDate("reviews.dueDateInvalid").refine((value) => value >= swedishToday(), "reviews.dueDatePast"),
    message: z
      .string()
      .trim()
      .max(5000, "validation.tooLong")
      .optional()
      .transform((value) => value ?? ""),
    reviewers: z.array(UuidSchema, { error: "reviews.noReviewers" }).min(1, "reviews.noReviewers"),
    required: z
      .array(UuidSchema)
      .optional()
      .transform((value) => value ?? []),
    baseVersion: VersionSchema,
  })
  // An empty choice already says "choose a reviewer"; one message is enough.
  .refine(
    (value) => value.reviewers.length === 0 || value.reviewers.some((userId) => value.required.includes(userId)),
    {
      path: ["reviewers"],
      message: "reviews.noRequiredReviewer",
    },
  );

export const DecideSchema = z
  .object({
    intent: z.literal("decide"),
    decision: z.enum(["approve", "request_changes"], { error: "reviews.decisionInvalid" }),
    comment: z
      .string()
      .trim()
      .max(5000, "validation.tooLong")
      .optional()
      .transform((value) => value ?? ""),
    baseVersion: VersionSchema,
  })
  .refine((value) => value.decision !== "request_changes" || value.comment !== "", {
    path: ["comment"],
    message: "reviews.commentRequired",
  });

export const EstablishSchema = z.object({
  intent: z.literal("establish"),
  decisionReference: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(300, "validation.tooLong"),
  decidedOn: isoDate("reviews.decidedOnInvalid").refine((value) => value <= swedishToday(), "reviews.decidedOnFuture"),
});

export type ReviewRoundStatus = "open" | "approved" | "changes_requested" | "cancelled";
export type ReviewDecision = "approve" | "request_changes";

export const roundStatusLabel: Record<ReviewRoundStatus, MessageKey> = {
  open: "reviews.status.open",
  approved: "reviews.status.approved",
  changes_requested: "reviews.status.changes_requested",
  cancelled: "reviews.status.cancelled",
};

export const reviewerRoleLabel: Record<ReviewerRole, MessageKey> = {
  steering: "reviews.role.steering",
  legal: "reviews.role.legal",
  colleague: "reviews.role.colleague",
  other_region: "reviews.role.other_region",
};

export const decisionLabel: Record<ReviewDecision, MessageKey> = {
  approve: "reviews.decision.approve",
  request_changes: "reviews.decision.request_changes",
};

export type EstablishmentView = {
  collaborationName: string;
  decisionReference: string;
  decidedOn: string;
  establishedByName: string | null;
};

/** "Fastställd av Styrgruppen 3R, beslut Styrgruppen 3R 2026-11-20 § 4", with date and who recorded it. */
export function ReviewEstablishment({ establishment }: { establishment: EstablishmentView }) {
  const t = useT();
  return (
    <p className="notice">
      <strong>
        {t("reviews.establishment", {
          collaboration: establishment.collaborationName,
          reference: establishment.decisionReference,
        })}
      </strong>{" "}
      {t("reviews.establishmentDetail", {
        date: establishment.decidedOn,
        name: establishment.establishedByName ?? t("audit.unknownPerson"),
      })}
    </p>
  );
}

/** The steering group's form to fastställa the set's approved baseline. */
export function ReviewEstablishForm({
  collaborationName,
  baselineName,
  lastResult,
}: {
  collaborationName: string;
  baselineName: string;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: "establish-baseline",
    lastResult,
    defaultValue: { decidedOn: swedishToday() },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EstablishSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <h2>{t("reviews.establish.title")}</h2>
      <p>{t("reviews.establish.intro", { collaboration: collaborationName, baseline: baselineName })}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="establish" />
      <InputField
        field={fields.decisionReference}
        label={t("reviews.establish.reference")}
        hint={t("reviews.establish.referenceHint")}
      />
      <InputField field={fields.decidedOn} label={t("reviews.establish.decidedOn")} type="date" />
      <div>
        <button type="submit">{t("reviews.establish.submit")}</button>
      </div>
    </Form>
  );
}
