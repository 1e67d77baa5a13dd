import { eq, inArray, sql } from "drizzle-orm";

import { rateLimits } from "../../db/schema/accounts";

import { db } from "./db.server";

/**
 * Sign-in throttling, in the database so every app instance shares the counters.
 *
 * - Per IP address: 10 failures in 15 minutes, then 429 until the window ends.
 * - Per account: the first 5 failures are free, then each further failure blocks the account
 *   for 2^(n-5) seconds, capped at 60 s. An attacker spraying from many addresses can only
 *   keep a real user waiting a minute at a time, never locked out; a success clears the count.
 */
export const IP_FAILURE_LIMIT = 10;
export const WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_MAX_BLOCK_MS = 60 * 1000;

export function ipKey(ip: string | null): string {
  return `signin:ip:${ip ?? "unknown"}`;
}

export function accountKey(email: string): string {
  return `signin:account:${email.toLowerCase()}`;
}

/** Seconds until a sign-in may be tried again, or 0 when it may be tried now. */
export async function getSignInRetryAfter(keys: string[], now = new Date()): Promise<number> {
  const rows = await db
    .select({ blockedUntil: rateLimits.blockedUntil })
    .from(rateLimits)
    .where(inArray(rateLimits.key, keys));
  let waitMs = 0;
  for (const row of rows) {
    if (row.blockedUntil) waitMs = Math.max(waitMs, row.blockedUntil.getTime() - now.getTime());
  }
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

/** Counts one failure for the IP and the account, in one statement each, race-free. */
export async function recordSignInFailure(ip: string | null, email: string, at = new Date()): Promise<void> {
  // Raw SQL gets timestamps as ISO text with a cast: drizzle's postgres.js driver does not
  // serialise Date parameters in `sql` templates (TOOLCHAIN.md: driver differences).
  const now = sql`${at.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(at.getTime() - WINDOW_MS).toISOString()}::timestamptz`;
  await db.execute(sql`
    insert into rate_limits (key, window_started_at, failures, blocked_until)
    values (${ipKey(ip)}, ${now}, 1, null)
    on conflict (key) do update set
      window_started_at = case when rate_limits.window_started_at < ${windowStart} then ${now} else rate_limits.window_started_at end,
      failures = case when rate_limits.window_started_at < ${windowStart} then 1 else rate_limits.failures + 1 end,
      blocked_until = case
        when rate_limits.window_started_at >= ${windowStart} and rate_limits.failures + 1 >= ${IP_FAILURE_LIMIT}
          then rate_limits.window_started_at + interval '15 minutes'
        else null end
  `);
  await db.execute(sql`
    insert into rate_limits (key, window_started_at, failures, blocked_until)
    values (${accountKey(email)}, ${now}, 1, null)
    on conflict (key) do update set
      window_started_at = case when rate_limits.window_started_at < ${windowStart} then ${now} else rate_limits.window_started_at end,
      failures = case when rate_limits.window_started_at < ${windowStart} then 1 else rate_limits.failures + 1 end,
      blocked_until = case
        when rate_limits.window_started_at >= ${windowStart} and rate_limits.failures + 1 > ${ACCOUNT_FREE_FAILURES}
          then ${now} + least(
            power(2, rate_limits.failures + 1 - ${ACCOUNT_FREE_FAILURES}) * interval '1 second',
            ${ACCOUNT_MAX_BLOCK_MS / 1000} * interval '1 second')
        else null end
  `);
}

export async function clearAccountFailures(email: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, accountKey(email)));
}
