import { z } from "zod";

import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
  VISIBILITIES,
} from "./requirement-fields";

/** Form schemas for sets and requirements, shared by server and browser; messages are dictionary keys. */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((value) => value ?? "");

export const SetDetailsSchema = z.object({
  title: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong"),
  description: optionalText(5000),
  procurementReference: optionalText(200),
});

export const VersionSchema = z.coerce.number({ error: "validation.invalid" }).int().min(1);

export const EditSetSchema = SetDetailsSchema.extend({ baseVersion: VersionSchema });

export const REF_PATTERN = /^[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9._-]{0,29}$/;
export const REQUIREMENT_TEXT_MAX = 20_000;

export const RequirementSchema = z
  .object({
    ref: z
      .string({ error: "validation.required" })
      .trim()
      .toUpperCase()
      .min(1, "validation.required")
      .regex(REF_PATTERN, "requirement.refInvalid"),
    title: z
      .string({ error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(300, "validation.tooLong"),
    text: z
      .string({ error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(REQUIREMENT_TEXT_MAX, "requirement.textTooLong"),
    obligation: z.enum(OBLIGATIONS, { error: "requirement.obligationInvalid" }),
    type: z.enum(REQUIREMENT_TYPES, { error: "requirement.typeInvalid" }),
    area: z.enum(AREAS, { error: "requirement.areaInvalid" }),
    rationale: optionalText(10_000),
    verification: z.enum(VERIFICATION_METHODS, { error: "requirement.verificationInvalid" }),
    weight: z.coerce
      .number({ error: "requirement.weightInvalid" })
      .int("requirement.weightInvalid")
      .min(0, "requirement.weightInvalid")
      .max(1000, "requirement.weightInvalid")
      .optional()
      .transform((value) => value ?? null),
    ambition: z
      .enum(AMBITION_LEVELS, { error: "requirement.ambitionInvalid" })
      .optional()
      .transform((value) => value ?? null),
    tags: z
      .string()
      .max(1000, "validation.tooLong")
      .optional()
      .transform((value) => [
        ...new Set(
          (value ?? "")
            .split(",")
            .map((tag) => tag.trim())
            .filter((tag) => tag.length > 0),
        ),
      ])
      .refine((tags) => tags.length <= 20 && tags.every((tag) => tag.length <= 40), "requirement.tagsInvalid"),
  })
  .refine((value) => value.obligation === "bor" || value.weight === null, {
    path: ["weight"],
    message: "requirement.weightOnlyForBor",
  });

export const NewRequirementSchema = RequirementSchema.and(
  z.object({ sectionId: z.string().uuid("validation.invalid").optional() }),
);

export const EditRequirementSchema = RequirementSchema.and(z.object({ baseVersion: VersionSchema }));

export const SectionTitleSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(200, "validation.tooLong");

export const ShareSchema = z
  .object({
    visibility: z.enum(VISIBILITIES, { error: "validation.invalid" }),
    collaborationId: z.string().uuid("validation.invalid").optional(),
    confirmPublicRecord: z.literal("on", { error: "share.confirmRequired" }),
    baseVersion: VersionSchema,
  })
  .refine((value) => value.visibility !== "collaboration" || value.collaborationId !== undefined, {
    path: ["collaborationId"],
    message: "share.collaborationRequired",
  });

export const BaselineNameSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong"),
});
