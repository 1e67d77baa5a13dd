import { z } from "zod";

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

/** An empty variable (`DATABASE_URL=` in a .env or compose file) means "not set". */
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
        .optional(),
    ),
    SESSION_SECRET: z.preprocess(unsetIfEmpty, z.string().min(32, "must be at least 32 characters").optional()),
    SESSION_IDLE_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(10)
      .max(86_400)
      .default(30 * 60),
    SESSION_ABSOLUTE_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 86_400)
      .default(12 * 60 * 60),
    SESSION_WARNING_SECONDS: z.coerce.number().int().min(5).max(3_600).default(120),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    TRUST_PROXY: booleanFlag.default(false),
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(25).default(25),
    /** Seed demo data into an empty database on start; unset means "only on the embedded database". */
    SEED_DEMO_DATA: booleanFlag.optional(),
    /** After SIGTERM, keep serving (with /readyz at 503) this long so load balancers notice. */
    SHUTDOWN_READINESS_DELAY_SECONDS: z.coerce.number().min(0).max(10).default(2),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "is required in production (it signs the flash-message cookie)",
      });
    }
    if (env.SESSION_WARNING_SECONDS >= env.SESSION_IDLE_TIMEOUT_SECONDS) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_WARNING_SECONDS"],
        message: "must be shorter than SESSION_IDLE_TIMEOUT_SECONDS",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export class InvalidEnvironmentError extends Error {}

/** Reads and validates the environment; the message names every bad variable at once. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new InvalidEnvironmentError(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

/** The flash cookie secret; development and tests use a fixed one so `npm start` needs no setup. */
export function getCookieSecret(): string {
  return getEnv().SESSION_SECRET ?? "samkrav-development-only-secret-not-for-production";
}
