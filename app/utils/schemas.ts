import { z } from "zod";

/**
 * Field schemas shared by the server and the browser (through Conform). Messages are dictionary
 * keys; the form shows them translated.
 */
export const EmailSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.emailInvalid")
  .email("validation.emailInvalid")
  .transform((value) => value.toLowerCase());

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** No trimming and no truncation: what the person typed is what is hashed. */
export const NewPasswordSchema = z
  .string({ error: "validation.required" })
  .min(PASSWORD_MIN, "validation.passwordTooShort")
  .max(PASSWORD_MAX, "validation.passwordTooLong");

export const PersonNameSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(120, "validation.tooLong");

export const RegionRoleSchema = z.enum(["viewer", "editor", "admin"], { error: "validation.roleInvalid" });
export const SteeringRoleSchema = z.enum(["chair", "member"], { error: "validation.roleInvalid" });

export const SlugSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(2, "validation.slugInvalid")
  .max(40, "validation.slugInvalid")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "validation.slugInvalid");

export const ShortTextSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(120, "validation.tooLong");

export const UuidSchema = z.string().uuid("validation.invalid");

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z
    .string({ error: "validation.required" })
    .min(1, "validation.required")
    .max(PASSWORD_MAX, "validation.passwordTooLong"),
  redirectTo: z.string().optional(),
});

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "validation.required" }).min(1, "validation.required"),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
  });

export const AcceptInviteNewUserSchema = z
  .object({
    name: PersonNameSchema,
    password: NewPasswordSchema,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
  });

export const AcceptInviteExistingUserSchema = z.object({
  password: z.string({ error: "validation.required" }).min(1, "validation.required"),
});

export const InviteSchema = z.object({
  email: EmailSchema,
  role: RegionRoleSchema,
});

export const CreateRegionSchema = z.object({
  name: ShortTextSchema,
  shortName: ShortTextSchema,
  slug: SlugSchema,
});

export const CreateCollaborationSchema = z.object({
  name: ShortTextSchema,
  slug: SlugSchema,
  description: z.string().trim().max(2000, "validation.tooLong").default(""),
  regionIds: z.array(UuidSchema).default([]),
});

/** A same-site path to return to after sign-in; anything else (//evil, https://…) becomes "/". */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
