import { asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { z } from "zod";

import { auditEvents } from "../../db/schema/accounts";
import { db } from "~/utils/db.server";
import { sessionCookieName } from "~/utils/session.server";

import type { RouteResult } from "../support/requests";

/** Shared by the integration tests in this folder: reading route answers and audit rows. */

const ConformBody = z.object({
  result: z
    .object({
      error: z.record(z.string(), z.array(z.string()).nullable()).optional(),
    })
    .nullable(),
});

/** The error keys Conform's `submission.reply()` put on a field ("" is the form itself). */
export function errorsOf(body: unknown, field = ""): string[] {
  const parsed = ConformBody.safeParse(body);
  if (!parsed.success) return [];
  return parsed.data.result?.error?.[field] ?? [];
}

/** The session token the response sets, or null when it sets none (or a blank one). */
export function sessionTokenFrom(headers: Headers): string | null {
  const prefix = `${sessionCookieName()}=`;
  for (const cookie of headers.getSetCookie()) {
    if (!cookie.startsWith(prefix)) continue;
    const value = cookie.slice(prefix.length).split(";")[0] ?? "";
    return value === "" ? null : value;
  }
  return null;
}

export function expectRedirect(result: RouteResult, location?: string): void {
  expect(result.status).toBe(302);
  if (location !== undefined) expect(result.headers.get("Location")).toBe(location);
}

export async function auditRows(action: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(asc(auditEvents.occurredAt));
}

export function cookieHeader(token: string): string {
  return `${sessionCookieName()}=${token}`;
}
