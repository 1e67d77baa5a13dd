import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { z } from "zod";

import { sessions, users } from "../../db/schema/accounts";
import { action as passwordAction } from "~/routes/account.password";
import { action as sessionsAction, loader as sessionsLoader } from "~/routes/account.sessions";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { hashToken, validateSessionToken } from "~/utils/session.server";

import { createUser, signInAs, TEST_PASSWORD } from "../support/factories";
import { buildRequest, callRoute, testContext } from "../support/requests";

import { auditRows, errorsOf, expectRedirect, sessionTokenFrom } from "./route-helpers";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

async function sessionRow(id: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row ?? null;
}

async function passwordHashOf(userId: string): Promise<string> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!row) throw new Error("no such user");
  return row.passwordHash;
}

function changePassword(
  cookie: string,
  form: { currentPassword: string; newPassword: string; confirmPassword?: string },
) {
  return callRoute(
    passwordAction,
    buildRequest("/account/password", {
      method: "POST",
      cookie,
      form: { ...form, confirmPassword: form.confirmPassword ?? form.newPassword },
    }),
    {},
    testContext({ requestId: "password-req" }),
  );
}

const SessionsPage = z.object({
  sessions: z.array(
    z.object({
      key: z.string(),
      current: z.boolean(),
      ipAddress: z.string().nullable(),
      userAgent: z.string().nullable(),
    }),
  ),
});

async function listMySessions(cookie: string) {
  const result = await callRoute(sessionsLoader, buildRequest("/account/sessions", { cookie }));
  expect(result.status).toBe(200);
  return SessionsPage.parse(result.body).sessions;
}

function revoke(cookie: string, key: string) {
  return callRoute(
    sessionsAction,
    buildRequest("/account/sessions", { method: "POST", cookie, form: { intent: "revoke", session: key } }),
    {},
    testContext({ requestId: "revoke-req" }),
  );
}

const NEW_PASSWORD = "a-brand-new-long-passphrase";

describe("sessions", () => {
  test("a session past its idle expiry is refused and deleted", async () => {
    const user = await createUser();
    const { token, session } = await signInAs(user.id);
    await db
      .update(sessions)
      .set({ idleExpiresAt: new Date(Date.now() - SECOND) })
      .where(eq(sessions.id, session.id));
    expect(await validateSessionToken(token)).toBeNull();
    expect(await sessionRow(session.id)).toBeNull();
  });

  test("a session past its absolute expiry is refused and deleted, even when recently active", async () => {
    const user = await createUser();
    const { token, session } = await signInAs(user.id);
    await db
      .update(sessions)
      .set({
        absoluteExpiresAt: new Date(Date.now() - SECOND),
        idleExpiresAt: new Date(Date.now() + 10 * MINUTE),
        lastActiveAt: new Date(),
      })
      .where(eq(sessions.id, session.id));
    expect(await validateSessionToken(token)).toBeNull();
    expect(await sessionRow(session.id)).toBeNull();
  });

  test("a fresh session validates to its user and stays", async () => {
    const user = await createUser();
    const { token, session } = await signInAs(user.id);
    const validated = await validateSessionToken(token);
    expect(validated?.user).toMatchObject({ id: user.id, email: user.email });
    expect(validated?.session.id).toBe(session.id);
    expect(await sessionRow(session.id)).not.toBeNull();
  });

  test("an unknown token validates to null", async () => {
    expect(await validateSessionToken("a".repeat(32))).toBeNull();
  });

  test("activity more than 15 s after the last one slides the idle expiry forward by the idle timeout", async () => {
    const user = await createUser();
    const { token, session } = await signInAs(user.id);
    const soon = new Date(Date.now() + MINUTE);
    await db
      .update(sessions)
      .set({ lastActiveAt: new Date(Date.now() - 20 * SECOND), idleExpiresAt: soon })
      .where(eq(sessions.id, session.id));
    const before = Date.now();
    const validated = await validateSessionToken(token);
    const after = Date.now();
    const idleMs = getEnv().SESSION_IDLE_TIMEOUT_SECONDS * SECOND;
    const slid = validated?.session.idleExpiresAt.getTime() ?? 0;
    expect(slid).toBeGreaterThanOrEqual(before + idleMs);
    expect(slid).toBeLessThanOrEqual(after + idleMs);
    const row = await sessionRow(session.id);
    expect(row?.idleExpiresAt.getTime()).toBe(slid);
    expect(row?.lastActiveAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  test("sliding never moves the idle expiry beyond the absolute expiry", async () => {
    const user = await createUser();
    const { token, session } = await signInAs(user.id);
    const absolute = new Date(Date.now() + 5 * MINUTE);
    await db
      .update(sessions)
      .set({
        lastActiveAt: new Date(Date.now() - 20 * SECOND),
        idleExpiresAt: new Date(Date.now() + MINUTE),
        absoluteExpiresAt: absolute,
      })
      .where(eq(sessions.id, session.id));
    const validated = await validateSessionToken(token);
    expect(validated?.session.idleExpiresAt.getTime()).toBe(absolute.getTime());
    expect((await sessionRow(session.id))?.idleExpiresAt.getTime()).toBe(absolute.getTime());
  });

  test("activity within 15 s of the last one does not write the expiry again", async () => {
    const user = await createUser();
    const { token, session } = await signInAs(user.id);
    const idle = new Date(Date.now() + MINUTE);
    const lastActive = new Date(Date.now() - 5 * SECOND);
    await db.update(sessions).set({ lastActiveAt: lastActive, idleExpiresAt: idle }).where(eq(sessions.id, session.id));
    const validated = await validateSessionToken(token);
    expect(validated?.session.idleExpiresAt.getTime()).toBe(idle.getTime());
    const row = await sessionRow(session.id);
    expect(row?.idleExpiresAt.getTime()).toBe(idle.getTime());
    expect(row?.lastActiveAt.getTime()).toBe(lastActive.getTime());
  });

  test("validating with extend: false never slides the expiry", async () => {
    const user = await createUser();
    const { token, session } = await signInAs(user.id);
    const idle = new Date(Date.now() + MINUTE);
    await db
      .update(sessions)
      .set({ lastActiveAt: new Date(Date.now() - 10 * MINUTE), idleExpiresAt: idle })
      .where(eq(sessions.id, session.id));
    expect((await validateSessionToken(token, { extend: false }))?.session.idleExpiresAt.getTime()).toBe(
      idle.getTime(),
    );
    expect((await sessionRow(session.id))?.idleExpiresAt.getTime()).toBe(idle.getTime());
  });

  test("changing the password ends every session of the user, this one included, and sets a new valid cookie", async () => {
    const user = await createUser();
    const bystander = await createUser();
    const here = await signInAs(user.id);
    const elsewhere = await signInAs(user.id);
    const theirs = await signInAs(bystander.id);

    const result = await changePassword(here.cookie, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expectRedirect(result, "/account");
    const newToken = sessionTokenFrom(result.headers);
    expect(newToken).not.toBeNull();
    expect(newToken).not.toBe(here.token);

    expect(await validateSessionToken(here.token)).toBeNull();
    expect(await validateSessionToken(elsewhere.token)).toBeNull();
    expect((await validateSessionToken(newToken ?? ""))?.user.id).toBe(user.id);
    const remaining = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    expect(remaining).toEqual([{ id: hashToken(newToken ?? "") }]);
    // Someone else's session is untouched.
    expect((await validateSessionToken(theirs.token))?.user.id).toBe(bystander.id);

    const stored = await passwordHashOf(user.id);
    expect(await verifyPassword(stored, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(stored, TEST_PASSWORD)).toBe(false);
    const audited = (await auditRows("auth.password_changed")).filter((row) => row.actorUserId === user.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]?.requestId).toBe("password-req");
    expect(JSON.stringify(audited)).not.toContain(NEW_PASSWORD);
  });

  test("a wrong current password answers 400 and changes nothing", async () => {
    const user = await createUser();
    const here = await signInAs(user.id);
    const elsewhere = await signInAs(user.id);
    const hashBefore = await passwordHashOf(user.id);

    const result = await changePassword(here.cookie, {
      currentPassword: "not-my-current-password",
      newPassword: NEW_PASSWORD,
    });
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "currentPassword")).toEqual(["account.wrongPassword"]);
    expect(sessionTokenFrom(result.headers)).toBeNull();
    expect(JSON.stringify(result.body)).not.toContain(NEW_PASSWORD);
    expect(JSON.stringify(result.body)).not.toContain("not-my-current-password");

    expect(await passwordHashOf(user.id)).toBe(hashBefore);
    expect((await validateSessionToken(here.token))?.user.id).toBe(user.id);
    expect((await validateSessionToken(elsewhere.token))?.user.id).toBe(user.id);
    expect((await auditRows("auth.password_changed")).filter((row) => row.actorUserId === user.id)).toEqual([]);
  });

  test("a new password shorter than 12 characters is refused with validation.passwordTooShort", async () => {
    const user = await createUser();
    const { cookie } = await signInAs(user.id);
    const hashBefore = await passwordHashOf(user.id);
    const result = await changePassword(cookie, { currentPassword: TEST_PASSWORD, newPassword: "eleven-char" });
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "newPassword")).toContain("validation.passwordTooShort");
    expect(await passwordHashOf(user.id)).toBe(hashBefore);
  });

  test("a new password of 257 characters is refused with validation.passwordTooLong", async () => {
    const user = await createUser();
    const { cookie } = await signInAs(user.id);
    const result = await changePassword(cookie, { currentPassword: TEST_PASSWORD, newPassword: "x".repeat(257) });
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "newPassword")).toContain("validation.passwordTooLong");
  });

  test("a common password of 12+ characters is refused with validation.passwordCommon, whatever its case", async () => {
    const user = await createUser();
    const { cookie } = await signInAs(user.id);
    const hashBefore = await passwordHashOf(user.id);
    for (const common of ["qwerty123456", "1q2w3e4r5t6y", "QWERTY123456"]) {
      const result = await changePassword(cookie, { currentPassword: TEST_PASSWORD, newPassword: common });
      expect(result.status).toBe(400);
      expect(errorsOf(result.body, "newPassword")).toEqual(["validation.passwordCommon"]);
    }
    expect(await passwordHashOf(user.id)).toBe(hashBefore);
  });

  test("a confirmation that differs from the new password is refused with validation.passwordsDiffer", async () => {
    const user = await createUser();
    const { cookie } = await signInAs(user.id);
    const result = await changePassword(cookie, {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: `${NEW_PASSWORD}!`,
    });
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "confirmPassword")).toEqual(["validation.passwordsDiffer"]);
  });

  test("a 256-character password is accepted and stored whole: its 255-character prefix does not verify", async () => {
    const user = await createUser();
    const { cookie } = await signInAs(user.id);
    const long = "lång-lösenfras-".repeat(20).slice(0, 255) + "Z";
    expect(long).toHaveLength(256);
    const result = await changePassword(cookie, { currentPassword: TEST_PASSWORD, newPassword: long });
    expectRedirect(result, "/account");
    const stored = await passwordHashOf(user.id);
    expect(await verifyPassword(stored, long)).toBe(true);
    expect(await verifyPassword(stored, long.slice(0, 255))).toBe(false);
    expect(await verifyPassword(stored, `${long.slice(0, 255)}Y`)).toBe(false);
  });

  test("hashPassword keeps every character of a 256-character password, multi-byte ones included", async () => {
    const password = "ä".repeat(200) + "b".repeat(56);
    expect(password).toHaveLength(256);
    const hash = await hashPassword(password);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, password)).toBe(true);
    expect(await verifyPassword(hash, password.slice(0, 255))).toBe(false);
    expect(await verifyPassword(hash, `${password.slice(0, 255)}c`)).toBe(false);
    expect(await verifyPassword("not-a-hash", password)).toBe(false);
  });

  test("the sessions page lists my live sessions only, with exactly one marked current", async () => {
    const user = await createUser();
    const stranger = await createUser();
    const here = await signInAs(user.id);
    const elsewhere = await signInAs(user.id);
    const expired = await signInAs(user.id);
    await db
      .update(sessions)
      .set({ idleExpiresAt: new Date(Date.now() - SECOND) })
      .where(eq(sessions.id, expired.session.id));
    await signInAs(stranger.id);

    const listed = await listMySessions(here.cookie);
    expect(listed.map((session) => session.key).sort()).toEqual(
      [here.session.id.slice(0, 16), elsewhere.session.id.slice(0, 16)].sort(),
    );
    expect(listed.filter((session) => session.current).map((session) => session.key)).toEqual([
      here.session.id.slice(0, 16),
    ]);
    // Only a prefix of the hash is shown, never the full id.
    expect(JSON.stringify(listed)).not.toContain(here.session.id);
  });

  test("revoking another of my sessions by its 16-character key deletes it and audits auth.session_revoked", async () => {
    const user = await createUser();
    const here = await signInAs(user.id);
    const elsewhere = await signInAs(user.id);
    const result = await revoke(here.cookie, elsewhere.session.id.slice(0, 16));
    expectRedirect(result, "/account/sessions");
    expect(await sessionRow(elsewhere.session.id)).toBeNull();
    expect(await validateSessionToken(elsewhere.token)).toBeNull();
    expect((await validateSessionToken(here.token))?.user.id).toBe(user.id);
    const audited = (await auditRows("auth.session_revoked")).filter((row) => row.actorUserId === user.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      targetType: "session",
      targetId: elsewhere.session.id.slice(0, 12),
      requestId: "revoke-req",
    });
  });

  test("revoking an unknown key, a shorter prefix or my current session answers 400 and deletes nothing", async () => {
    const user = await createUser();
    const here = await signInAs(user.id);
    const elsewhere = await signInAs(user.id);
    for (const key of ["0000000000000000", elsewhere.session.id.slice(0, 4), "", here.session.id.slice(0, 16)]) {
      const result = await revoke(here.cookie, key);
      expect(result.status).toBe(400);
      expect(result.body).toEqual({ error: "account.sessionNotFound" });
    }
    expect(await sessionRow(here.session.id)).not.toBeNull();
    expect(await sessionRow(elsewhere.session.id)).not.toBeNull();
    expect((await auditRows("auth.session_revoked")).filter((row) => row.actorUserId === user.id)).toEqual([]);
  });

  test("I cannot revoke another user's session, even knowing its key", async () => {
    const me = await createUser();
    const other = await createUser();
    const mine = await signInAs(me.id);
    const theirs = await signInAs(other.id);
    const result = await revoke(mine.cookie, theirs.session.id.slice(0, 16));
    expect(result.status).toBe(400);
    expect(await sessionRow(theirs.session.id)).not.toBeNull();
    expect((await validateSessionToken(theirs.token))?.user.id).toBe(other.id);
  });

  test("without a session the sessions page redirects to sign-in and a post answers 401", async () => {
    const page = await callRoute(sessionsLoader, buildRequest("/account/sessions"));
    expectRedirect(page, `/login?${new URLSearchParams({ redirectTo: "/account/sessions" })}`);
    const post = await callRoute(
      sessionsAction,
      buildRequest("/account/sessions", { method: "POST", form: { intent: "revoke", session: "0000000000000000" } }),
    );
    expect(post.status).toBe(401);
    const password = await callRoute(
      passwordAction,
      buildRequest("/account/password", {
        method: "POST",
        form: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      }),
    );
    expect(password.status).toBe(401);
    // The re-sign-in payload keeps what was typed, but never a password.
    expect(JSON.stringify(password.body)).not.toContain(NEW_PASSWORD);
    expect(JSON.stringify(password.body)).not.toContain(TEST_PASSWORD);
  });
});
