import { describe, expect, test } from "vitest";

import { InvalidEnvironmentError, parseEnv } from "../../app/utils/env.server";
import { startServer } from "../support/spawn-server";

import { waitForExit } from "./helpers";

/** Environment validation: the defaults, and a clear refusal naming each bad variable. */

const SECRET = "x".repeat(32);

/**
 * An environment with only these variables. Remix's globals declare NODE_ENV as always present
 * on NodeJS.ProcessEnv; parseEnv is exactly the place where it may be missing.
 */
function envOf(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return vars as NodeJS.ProcessEnv;
}

/** The error parseEnv throws for `source`; fails the test when it does not throw. */
function parseError(vars: Record<string, string>): InvalidEnvironmentError {
  const source = envOf(vars);
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    if (error instanceof InvalidEnvironmentError) return error;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

/** The variable names the message lists, one `  NAME: reason` line each. */
function namedVariables(error: Error): string[] {
  return [...error.message.matchAll(/^ {2}([A-Z_]+): /gm)].map((match) => match[1] ?? "");
}

describe("parseEnv defaults", () => {
  test("an empty environment gets development defaults on port 3000 with PGlite in ./data", () => {
    const env = parseEnv(envOf({}));
    expect(env.NODE_ENV).toBe("development");
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe("./data");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SESSION_IDLE_TIMEOUT_SECONDS).toBe(1800);
    expect(env.SESSION_ABSOLUTE_TIMEOUT_SECONDS).toBe(43_200);
    expect(env.SESSION_WARNING_SECONDS).toBe(120);
    expect(env.LOG_LEVEL).toBe("info");
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.SHUTDOWN_GRACE_SECONDS).toBe(25);
    expect(env.SHUTDOWN_READINESS_DELAY_SECONDS).toBe(2);
    expect(env.SEED_DEMO_DATA).toBeUndefined();
  });

  test("string values are coerced: numbers, and true/false/1/0 flags", () => {
    const env = parseEnv(
      envOf({
        PORT: "8080",
        DATABASE_URL: "postgresql://user@db:5432/samkrav",
        SESSION_IDLE_TIMEOUT_SECONDS: "600",
        TRUST_PROXY: "1",
        SEED_DEMO_DATA: "false",
      }),
    );
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBe("postgresql://user@db:5432/samkrav");
    expect(env.SESSION_IDLE_TIMEOUT_SECONDS).toBe(600);
    expect(env.TRUST_PROXY).toBe(true);
    expect(env.SEED_DEMO_DATA).toBe(false);
  });

  test("production with a 32-character SESSION_SECRET is accepted", () => {
    const env = parseEnv(envOf({ NODE_ENV: "production", SESSION_SECRET: SECRET }));
    expect(env.NODE_ENV).toBe("production");
    expect(env.SESSION_SECRET).toBe(SECRET);
  });
});

describe("parseEnv refusals name the bad variable", () => {
  test.each(["abc", "70000", "0", "80.5"])("PORT=%s is refused, naming PORT", (port) => {
    const error = parseError({ PORT: port });
    expect(namedVariables(error)).toEqual(["PORT"]);
    expect(error.message).toMatch(/^Invalid environment variables:/);
  });

  test("a DATABASE_URL that is not PostgreSQL is refused, naming DATABASE_URL", () => {
    const error = parseError({ DATABASE_URL: "mysql://x" });
    expect(namedVariables(error)).toEqual(["DATABASE_URL"]);
    expect(error.message).toContain("must start with postgres:// or postgresql://");
  });

  test("production without SESSION_SECRET is refused, naming SESSION_SECRET", () => {
    const error = parseError({ NODE_ENV: "production" });
    expect(namedVariables(error)).toEqual(["SESSION_SECRET"]);
    expect(error.message).toContain("is required in production");
  });

  test("a SESSION_SECRET shorter than 32 characters is refused", () => {
    const error = parseError({ NODE_ENV: "production", SESSION_SECRET: "too-short" });
    expect(namedVariables(error)).toEqual(["SESSION_SECRET"]);
  });

  test("a session warning not shorter than the idle timeout is refused", () => {
    const error = parseError({ SESSION_IDLE_TIMEOUT_SECONDS: "60", SESSION_WARNING_SECONDS: "60" });
    expect(namedVariables(error)).toEqual(["SESSION_WARNING_SECONDS"]);
  });

  test("every bad variable is named at once", () => {
    const error = parseError({ PORT: "abc", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
    expect(namedVariables(error).sort()).toEqual(["DATABASE_URL", "LOG_LEVEL", "PORT"]);
  });
});

describe("the real server with a bad environment", () => {
  test("PORT=abc makes it exit non-zero with a message naming PORT", async () => {
    const server = await startServer({ env: { PORT: "abc" }, waitForReady: false });
    try {
      const code = await waitForExit(server.process, 30_000);
      expect(code).not.toBeNull();
      expect(code).not.toBe(0);
      expect(server.output()).toContain("Invalid environment variables:");
      expect(server.output()).toMatch(/^ {2}PORT: /m);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
