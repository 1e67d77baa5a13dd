import { createHash } from "node:crypto";

import { eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { rateLimits, sessions } from "../../db/schema/accounts";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction, loader as logoutLoader } from "~/routes/logout";
import { db } from "~/utils/db.server";
import {
  ACCOUNT_MAX_BLOCK_MS,
  accountKey,
  clearAccountFailures,
  getSignInRetryAfter,
  ipKey,
  recordSignInFailure,
} from "~/utils/rate-limit.server";
import { hashToken, validateSessionToken } from "~/utils/session.server";

import { createUser, signInAs, TEST_PASSWORD } from "../support/factories";
import { buildRequest, callRoute, testContext } from "../support/requests";

import { auditRows, cookieHeader, errorsOf, expectRedirect, sessionTokenFrom } from "./route-helpers";

let ipCounter = 0;
/** A fresh client address per use, so one test's failures never throttle another's. */
function freshIp(): string {
  ipCounter += 1;
  return `10.1.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

function login(
  form: Record<string, string>,
  { ip = freshIp(), requestId = "test-request", cookie }: { ip?: string; requestId?: string; cookie?: string } = {},
) {
  return callRoute(
    loginAction,
    buildRequest("/login", { method: "POST", form, cookie, headers: { "User-Agent": "vitest-browser" } }),
    {},
    testContext({ clientIp: ip, requestId }),
  );
}

const WRONG_PASSWORD = "wrong-but-very-recognisable-secret-42";

describe("sign-in", () => {
  test("good credentials answer 302 to redirectTo with a session cookie whose token validates", async () => {
    const user = await createUser();
    const result = await login({ email: user.email, password: TEST_PASSWORD, redirectTo: "/regions" });
    expectRedirect(result, "/regions");
    const token = sessionTokenFrom(result.headers);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const setCookie = result.headers.getSetCookie().join("\n");
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    const validated = await validateSessionToken(token ?? "");
    expect(validated?.user.id).toBe(user.id);
  });

  test("the e-mail address is matched case-insensitively", async () => {
    const user = await createUser();
    const result = await login({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD });
    expectRedirect(result, "/");
    expect(sessionTokenFrom(result.headers)).not.toBeNull();
  });

  test("an off-site redirectTo is replaced by /", async () => {
    const user = await createUser();
    const result = await login({ email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example/steal" });
    expectRedirect(result, "/");
  });

  test("the session row's id is the SHA-256 hex of the token, and the token itself is stored nowhere", async () => {
    const user = await createUser();
    const result = await login({ email: user.email, password: TEST_PASSWORD });
    const token = sessionTokenFrom(result.headers) ?? "";
    expect(token).not.toBe("");
    const expectedId = createHash("sha256").update(token).digest("hex");
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((row) => row.id)).toEqual([expectedId]);
    expect(hashToken(token)).toBe(expectedId);
    const byToken = await db.select().from(sessions).where(eq(sessions.id, token));
    expect(byToken).toEqual([]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  test("every sign-in starts a new session with a new token, whatever session cookie the browser sent (no fixation)", async () => {
    const user = await createUser();
    const planted = await signInAs(user.id);
    const first = await login({ email: user.email, password: TEST_PASSWORD }, { cookie: planted.cookie });
    const second = await login({ email: user.email, password: TEST_PASSWORD }, { cookie: planted.cookie });
    const firstToken = sessionTokenFrom(first.headers);
    const secondToken = sessionTokenFrom(second.headers);
    expect(firstToken).not.toBeNull();
    expect(secondToken).not.toBeNull();
    expect(new Set([planted.token, firstToken, secondToken]).size).toBe(3);
    const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((row) => row.id).sort()).toEqual(
      [planted.session.id, hashToken(firstToken ?? ""), hashToken(secondToken ?? "")].sort(),
    );
  });

  test("a wrong password answers 401 with a form error, sets no cookie and never echoes the password", async () => {
    const user = await createUser();
    const result = await login({ email: user.email, password: WRONG_PASSWORD });
    expect(result.status).toBe(401);
    expect(errorsOf(result.body)).toEqual(["login.invalid"]);
    expect(JSON.stringify(result.body)).not.toContain(WRONG_PASSWORD);
    expect(sessionTokenFrom(result.headers)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
  });

  test("an unknown e-mail answers exactly like a wrong password: same status, same message", async () => {
    const user = await createUser();
    const wrongPassword = await login({ email: user.email, password: WRONG_PASSWORD });
    const unknown = await login({ email: `nobody-${Date.now()}@test.example.se`, password: WRONG_PASSWORD });
    expect(unknown.status).toBe(401);
    expect(unknown.status).toBe(wrongPassword.status);
    expect(errorsOf(unknown.body)).toEqual(errorsOf(wrongPassword.body));
    expect(JSON.stringify(unknown.body)).not.toContain(WRONG_PASSWORD);
  });

  test("bad input answers 400 with field errors and counts no failure", async () => {
    const ip = freshIp();
    const empty = await login({ email: "", password: TEST_PASSWORD }, { ip });
    expect(empty.status).toBe(400);
    expect(errorsOf(empty.body, "email")).toContain("validation.required");

    const invalid = await login({ email: "not-an-address", password: TEST_PASSWORD }, { ip });
    expect(invalid.status).toBe(400);
    expect(errorsOf(invalid.body, "email")).toContain("validation.emailInvalid");

    const longPassword = "p".repeat(300);
    const tooLong = await login({ email: "someone@test.example.se", password: longPassword }, { ip });
    expect(tooLong.status).toBe(400);
    expect(errorsOf(tooLong.body, "password")).toContain("validation.passwordTooLong");
    expect(JSON.stringify(tooLong.body)).not.toContain(longPassword);

    const counters = await db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, ipKey(ip)));
    expect(counters).toEqual([]);
  });

  test("a sign-in and a failed sign-in are audited with the request id and client address from the context", async () => {
    const user = await createUser();
    const ip = freshIp();
    await login({ email: user.email, password: WRONG_PASSWORD }, { ip, requestId: "abc" });
    await login({ email: user.email, password: TEST_PASSWORD }, { ip, requestId: "def" });

    const failed = (await auditRows("auth.sign_in_failed")).filter((row) => row.actorEmail === user.email);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ requestId: "abc", ipAddress: ip, outcome: "failure", actorUserId: user.id });

    const succeeded = (await auditRows("auth.sign_in")).filter((row) => row.actorUserId === user.id);
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]).toMatchObject({ requestId: "def", ipAddress: ip, outcome: "success", actorEmail: user.email });
    expect(JSON.stringify([...failed, ...succeeded])).not.toContain(WRONG_PASSWORD);
  });

  test("after 10 failures from one address the 11th attempt answers 429 with Retry-After, even with the right password", async () => {
    const user = await createUser();
    const ip = freshIp();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      // Different (unknown) accounts each time, so only the address counter reaches its limit.
      const result = await login({ email: `spray-${attempt}-${ip}@test.example.se`, password: WRONG_PASSWORD }, { ip });
      expect(result.status).toBe(401);
    }
    const throttled = await login({ email: user.email, password: TEST_PASSWORD }, { ip, requestId: "throttled-req" });
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(errorsOf(throttled.body)).toEqual(["login.throttled"]);
    expect(sessionTokenFrom(throttled.headers)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);

    const audited = (await auditRows("auth.sign_in_throttled")).filter((row) => row.requestId === "throttled-req");
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ ipAddress: ip, actorEmail: user.email, outcome: "denied" });

    // Another account from another address is not held up.
    const other = await createUser();
    const elsewhere = await login({ email: other.email, password: TEST_PASSWORD }, { ip: freshIp() });
    expectRedirect(elsewhere, "/");
    expect(sessionTokenFrom(elsewhere.headers)).not.toBeNull();
  });

  test("nine failures from one address still let the right password in", async () => {
    const user = await createUser();
    const ip = freshIp();
    for (let attempt = 0; attempt < 9; attempt += 1) {
      await login({ email: `nine-${attempt}-${ip}@test.example.se`, password: WRONG_PASSWORD }, { ip });
    }
    const result = await login({ email: user.email, password: TEST_PASSWORD }, { ip });
    expectRedirect(result, "/");
  });

  test("an account gets a short block after more than 5 failures from different addresses, at most 60 s", async () => {
    const user = await createUser();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await login({ email: user.email, password: WRONG_PASSWORD })).status).toBe(401);
    }
    // The first 5 failures are free.
    expect(await getSignInRetryAfter([accountKey(user.email)])).toBe(0);
    expect((await login({ email: user.email, password: WRONG_PASSWORD })).status).toBe(401);

    const blocked = await login({ email: user.email, password: TEST_PASSWORD }, { requestId: "account-blocked" });
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const audited = (await auditRows("auth.sign_in_throttled")).filter((row) => row.requestId === "account-blocked");
    expect(audited).toHaveLength(1);
  });

  test("the account block doubles from 2 s with each further failure and stops at 60 s", async () => {
    const email = `doubling-${Date.now()}@test.example.se`;
    const now = new Date("2030-01-01T12:00:00Z");
    const waits: number[] = [];
    for (let failure = 1; failure <= 12; failure += 1) {
      await recordSignInFailure(`10.9.0.${failure}`, email, now);
      waits.push(await getSignInRetryAfter([accountKey(email)], now));
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 2, 4, 8, 16, 32, 60, 60]);
    expect(Math.max(...waits)).toBe(ACCOUNT_MAX_BLOCK_MS / 1000);
    // The block ends: a minute later the account may try again.
    expect(await getSignInRetryAfter([accountKey(email)], new Date(now.getTime() + 61_000))).toBe(0);
  });

  test("a successful sign-in clears the account's failure count", async () => {
    const user = await createUser();
    for (let attempt = 0; attempt < 5; attempt += 1) await login({ email: user.email, password: WRONG_PASSWORD });
    expectRedirect(await login({ email: user.email, password: TEST_PASSWORD }), "/");
    expect(
      await db
        .select()
        .from(rateLimits)
        .where(eq(rateLimits.key, accountKey(user.email))),
    ).toEqual([]);
    // Had the count survived, this sixth failure would block the account.
    expect((await login({ email: user.email, password: WRONG_PASSWORD })).status).toBe(401);
    expect(await getSignInRetryAfter([accountKey(user.email)])).toBe(0);
    expectRedirect(await login({ email: user.email, password: TEST_PASSWORD }), "/");
  });

  test("clearAccountFailures lifts an account block but leaves the address counter alone", async () => {
    const email = `cleared-${Date.now()}@test.example.se`;
    const ip = "10.9.1.1";
    const now = new Date();
    for (let failure = 0; failure < 10; failure += 1) await recordSignInFailure(ip, email, now);
    expect(await getSignInRetryAfter([accountKey(email)], now)).toBeGreaterThan(0);
    expect(await getSignInRetryAfter([ipKey(ip)], now)).toBeGreaterThan(0);
    await clearAccountFailures(email.toUpperCase());
    expect(await getSignInRetryAfter([accountKey(email)], now)).toBe(0);
    expect(await getSignInRetryAfter([ipKey(ip)], now)).toBeGreaterThan(0);
  });

  test("an address block lasts until its 15-minute window ends, and counting then starts again", async () => {
    const ip = "10.9.2.1";
    const start = new Date("2030-02-01T08:00:00Z");
    for (let failure = 0; failure < 10; failure += 1) {
      await recordSignInFailure(ip, `window-${failure}@test.example.se`, new Date(start.getTime() + failure * 1000));
    }
    expect(await getSignInRetryAfter([ipKey(ip)], new Date(start.getTime() + 60_000))).toBe(14 * 60);
    expect(await getSignInRetryAfter([ipKey(ip)], new Date(start.getTime() + 15 * 60_000))).toBe(0);

    const later = new Date(start.getTime() + 16 * 60_000);
    await recordSignInFailure(ip, "window-later@test.example.se", later);
    const [row] = await db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, ipKey(ip)));
    expect(row?.failures).toBe(1);
    expect(row?.blockedUntil).toBeNull();
    expect(row?.windowStartedAt.getTime()).toBe(later.getTime());
  });

  test("failures spread beyond the 15-minute window restart the count and never block an address", async () => {
    const ip = "10.9.3.1";
    const start = new Date("2030-03-01T08:00:00Z");
    for (let failure = 0; failure < 12; failure += 1) {
      const at = new Date(start.getTime() + failure * 2 * 60_000);
      await recordSignInFailure(ip, `spread-${failure}@test.example.se`, at);
    }
    // Failures at 0..22 min: the window restarted at 16 min, so only 4 count now.
    const [row] = await db
      .select()
      .from(rateLimits)
      .where(inArray(rateLimits.key, [ipKey(ip)]));
    expect(row?.failures).toBe(4);
    expect(row?.blockedUntil).toBeNull();
  });

  test("signing out deletes the session row, blanks the cookie and audits auth.sign_out", async () => {
    const user = await createUser();
    const { token, session, cookie } = await signInAs(user.id);
    const result = await callRoute(
      logoutAction,
      buildRequest("/logout", { method: "POST", cookie }),
      {},
      testContext({ requestId: "logout-req" }),
    );
    expectRedirect(result, "/login");
    const setCookie = result.headers.getSetCookie().join("\n");
    expect(setCookie).toContain(`${cookieHeader("")};`);
    expect(setCookie).toContain("Max-Age=0");
    expect(await db.select().from(sessions).where(eq(sessions.id, session.id))).toEqual([]);
    expect(await validateSessionToken(token)).toBeNull();
    const audited = (await auditRows("auth.sign_out")).filter((row) => row.actorUserId === user.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]?.requestId).toBe("logout-req");
  });

  test("signing out ends only this session, not the user's others", async () => {
    const user = await createUser();
    const mine = await signInAs(user.id);
    const other = await signInAs(user.id);
    await callRoute(logoutAction, buildRequest("/logout", { method: "POST", cookie: mine.cookie }));
    expect(await validateSessionToken(mine.token)).toBeNull();
    expect((await validateSessionToken(other.token))?.user.id).toBe(user.id);
  });

  test("a GET to /logout redirects home and changes nothing", async () => {
    const user = await createUser();
    const { token, session, cookie } = await signInAs(user.id);
    const before = (await auditRows("auth.sign_out")).length;
    const result = await callRoute(logoutLoader, buildRequest("/logout", { cookie }));
    expectRedirect(result, "/");
    expect(result.headers.getSetCookie()).toEqual([]);
    expect(await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, session.id))).toEqual([
      { id: session.id },
    ]);
    expect((await validateSessionToken(token))?.user.id).toBe(user.id);
    expect((await auditRows("auth.sign_out")).length).toBe(before);
  });
});
