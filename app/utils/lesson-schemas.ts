import { z } from "zod";

import { isWebLink, LESSON_SEVERITIES, LESSON_SOURCE_KINDS } from "./lesson-fields";
import { LOU_PHASES } from "./lou-phases";
import { AREAS } from "./requirement-fields";
import { VersionSchema } from "./requirement-schemas";

/** Form schemas of the lessons feature, shared by server and browser; messages are dictionary keys. */

export const LESSON_TEXT_MAX = 10_000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((value) => value ?? "");

/** A calendar date as the date input sends it (2016-09-16), checked to be a real day. */
const DateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "lessons.dateInvalid")
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, "lessons.dateInvalid");

export const LessonSchema = z.object({
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(300, "validation.tooLong"),
  whatHappened: optionalText(LESSON_TEXT_MAX),
  lesson: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(LESSON_TEXT_MAX, "validation.tooLong"),
  recommendation: optionalText(LESSON_TEXT_MAX),
  sourceKind: z.enum(LESSON_SOURCE_KINDS, { error: "lessons.sourceKindInvalid" }),
  sourceTitle: optionalText(300),
  sourceDate: DateText.optional().transform((value) => value ?? null),
  sourceUrl: z
    .string()
    .trim()
    .max(2000, "validation.tooLong")
    .refine(isWebLink, "lessons.urlInvalid")
    .optional()
    .transform((value) => value ?? ""),
  unverified: z
    .boolean()
    .optional()
    .transform((value) => value ?? false),
  phase: z
    .enum(LOU_PHASES, { error: "lessons.phaseInvalid" })
    .optional()
    .transform((value) => value ?? null),
  areas: z
    .array(z.enum(AREAS, { error: "lessons.areasInvalid" }))
    .optional()
    .transform((value) => [...new Set(value ?? [])]),
  severity: z.enum(LESSON_SEVERITIES, { error: "lessons.severityInvalid" }),
});

export type LessonInput = z.output<typeof LessonSchema>;

export const EditLessonSchema = LessonSchema.extend({ baseVersion: VersionSchema });
