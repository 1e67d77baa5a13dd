import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { z } from "zod";

import { invites, memberships, users } from "../../db/schema/accounts";
import { createInvite } from "~/models/invites.server";
import { action as acceptAction, loader as acceptLoader } from "~/routes/invite.$token";
import { action as membersAction } from "~/routes/regions.$regionId.members";
import { db } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import type { RegionRole } from "~/utils/policy.server";
import { hashToken, validateSessionToken } from "~/utils/session.server";

import { addMembership, createMember, createRegion, createUser, signInAs, TEST_PASSWORD } from "../support/factories";
import { buildRequest, callRoute, testContext } from "../support/requests";

import { auditRows, errorsOf, expectRedirect, sessionTokenFrom } from "./route-helpers";

const NEW_PASSWORD = "ett-helt-nytt-lösenord";
const DAY = 24 * 60 * 60 * 1000;

const InviteAnswer = z.object({
  inviteLink: z.object({ url: z.string(), email: z.string(), expiresAt: z.string() }),
});

const InviteInfo = z.object({
  invite: z.object({
    email: z.string(),
    role: z.enum(["viewer", "editor", "admin"]),
    regionName: z.string(),
    existingUserName: z.string().nullable(),
  }),
});

function members(regionId: string, cookie: string, form: Record<string, string>, requestId = "members-req") {
  return callRoute(
    membersAction,
    buildRequest(`/regions/${regionId}/members`, { method: "POST", cookie, form }),
    { regionId },
    testContext({ requestId }),
  );
}

/** Invites through the members page as `cookie`'s user and returns the token from the link. */
async function inviteThroughRoute(regionId: string, cookie: string, email: string, role: RegionRole): Promise<string> {
  const result = await members(regionId, cookie, { intent: "invite", email, role });
  expect(result.status).toBe(200);
  const url = InviteAnswer.parse(result.body).inviteLink.url;
  const match = /\/invite\/([a-z2-7]{32})$/.exec(url);
  if (!match?.[1]) throw new Error(`no token in ${url}`);
  return match[1];
}

function openInvite(token: string) {
  return callRoute(acceptLoader, buildRequest(`/invite/${token}`), { token });
}

function accept(token: string, form: Record<string, string>, requestId = "accept-req") {
  return callRoute(
    acceptAction,
    buildRequest(`/invite/${token}`, { method: "POST", form }),
    { token },
    testContext({ requestId, clientIp: "192.0.2.7" }),
  );
}

function newUserForm(name = "Ny Person") {
  return { name, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
}

async function roleIn(userId: string, regionId: string): Promise<RegionRole | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.regionId, regionId)));
  return row?.role ?? null;
}

async function usersWithEmail(email: string) {
  return db.select().from(users).where(eq(users.email, email));
}

async function regionWithAdmin() {
  const region = await createRegion();
  const admin = await createMember(region.id, "admin");
  const { cookie } = await signInAs(admin.id, region.id);
  return { region, admin, cookie };
}

function uniqueEmail(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}@test.example.se`;
}

describe("invites and members", () => {
  test("a region admin's invite answers 200 with a link holding a token whose hash alone is stored, and is audited", async () => {
    const { region, admin, cookie } = await regionWithAdmin();
    const email = uniqueEmail("invitee");
    const result = await members(
      region.id,
      cookie,
      { intent: "invite", email: email.toUpperCase(), role: "editor" },
      "invite-req",
    );
    expect(result.status).toBe(200);
    const link = InviteAnswer.parse(result.body).inviteLink;
    expect(link.url).toMatch(/^http:\/\/localhost\/invite\/[a-z2-7]{32}$/);
    expect(link.email).toBe(email);
    const token = link.url.split("/invite/")[1] ?? "";

    const [stored] = await db
      .select()
      .from(invites)
      .where(eq(invites.tokenHash, hashToken(token)));
    expect(stored).toMatchObject({
      email,
      regionId: region.id,
      role: "editor",
      invitedByUserId: admin.id,
      acceptedAt: null,
    });
    expect(JSON.stringify(stored)).not.toContain(token);
    const days = ((stored?.expiresAt.getTime() ?? 0) - (stored?.createdAt.getTime() ?? 0)) / DAY;
    expect(days).toBeCloseTo(7, 5);

    const audited = (await auditRows("invite.created")).filter((row) => row.targetId === stored?.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      actorUserId: admin.id,
      regionId: region.id,
      targetType: "invite",
      requestId: "invite-req",
    });
    expect(JSON.parse(audited[0]?.details ?? "{}")).toEqual({ email, role: "editor" });
    expect(audited[0]?.details ?? "").not.toContain(token);
  });

  test("an editor of the region cannot invite: 403 and no invite", async () => {
    const { region } = await regionWithAdmin();
    const editor = await createMember(region.id, "editor");
    const { cookie } = await signInAs(editor.id, region.id);
    const email = uniqueEmail("by-editor");
    const result = await members(region.id, cookie, { intent: "invite", email, role: "viewer" });
    expect(result.status).toBe(403);
    expect(await db.select().from(invites).where(eq(invites.email, email))).toEqual([]);
  });

  test("an admin of another region cannot invite: 404 and no invite", async () => {
    const { region } = await regionWithAdmin();
    const other = await regionWithAdmin();
    const email = uniqueEmail("by-stranger");
    const result = await members(region.id, other.cookie, { intent: "invite", email, role: "viewer" });
    expect(result.status).toBe(404);
    expect(await db.select().from(invites).where(eq(invites.email, email))).toEqual([]);
  });

  test("an unknown or malformed region id answers 404", async () => {
    const { cookie } = await regionWithAdmin();
    for (const regionId of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const result = await members(regionId, cookie, { intent: "invite", email: uniqueEmail("x"), role: "viewer" });
      expect(result.status).toBe(404);
    }
  });

  test("a bad e-mail or role answers 400 with field errors", async () => {
    const { region, cookie } = await regionWithAdmin();
    const badEmail = await members(region.id, cookie, { intent: "invite", email: "not an address", role: "editor" });
    expect(badEmail.status).toBe(400);
    expect(errorsOf(badEmail.body, "email")).toContain("validation.emailInvalid");
    const badRole = await members(region.id, cookie, { intent: "invite", email: uniqueEmail("role"), role: "owner" });
    expect(badRole.status).toBe(400);
    expect(errorsOf(badRole.body, "role")).toContain("validation.roleInvalid");
    expect(await db.select().from(invites).where(eq(invites.regionId, region.id))).toEqual([]);
  });

  test("the invite page shows a valid invite's e-mail, role and region", async () => {
    const { region, cookie } = await regionWithAdmin();
    const email = uniqueEmail("page");
    const token = await inviteThroughRoute(region.id, cookie, email, "viewer");
    const result = await openInvite(token);
    expect(result.status).toBe(200);
    expect(InviteInfo.parse(result.body).invite).toEqual({
      email,
      role: "viewer",
      regionName: region.name,
      existingUserName: null,
    });
  });

  test("accepting as a new person signs in (302 + cookie), creates the user with the invited role and audits it", async () => {
    const { region, cookie } = await regionWithAdmin();
    const email = uniqueEmail("newcomer");
    const token = await inviteThroughRoute(region.id, cookie, email, "editor");

    const result = await accept(token, newUserForm("Nora Nykomling"), "accept-new");
    expectRedirect(result, "/");
    const sessionToken = sessionTokenFrom(result.headers);
    const validated = await validateSessionToken(sessionToken ?? "");
    expect(validated?.user).toMatchObject({ email, name: "Nora Nykomling", isPlatformAdmin: false });
    expect(validated?.session.currentRegionId).toBe(region.id);

    const [created] = await usersWithEmail(email);
    expect(created).toBeDefined();
    expect(await roleIn(created?.id ?? "", region.id)).toBe("editor");
    expect(await verifyPassword(created?.passwordHash ?? "", NEW_PASSWORD)).toBe(true);

    const [invite] = await db
      .select()
      .from(invites)
      .where(eq(invites.tokenHash, hashToken(token)));
    expect(invite?.acceptedAt).not.toBeNull();
    expect(invite?.acceptedByUserId).toBe(created?.id);

    const audited = (await auditRows("invite.accepted")).filter((row) => row.targetId === invite?.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      actorUserId: created?.id,
      actorEmail: email,
      regionId: region.id,
      requestId: "accept-new",
      ipAddress: "192.0.2.7",
    });
    expect(JSON.parse(audited[0]?.details ?? "{}")).toEqual({ role: "editor", newAccount: true });
    expect(audited[0]?.details ?? "").not.toContain(NEW_PASSWORD);
  });

  test("an invite link works once: the second use answers 404 on the page and on submit", async () => {
    const { region, cookie } = await regionWithAdmin();
    const email = uniqueEmail("twice");
    const token = await inviteThroughRoute(region.id, cookie, email, "viewer");
    expectRedirect(await accept(token, newUserForm()), "/");

    expect((await openInvite(token)).status).toBe(404);
    const again = await accept(token, newUserForm("Someone Else"));
    expect(again.status).toBe(404);
    expect(sessionTokenFrom(again.headers)).toBeNull();
    expect(await usersWithEmail(email)).toHaveLength(1);
    expect((await auditRows("invite.accepted")).filter((row) => row.actorEmail === email)).toHaveLength(1);
  });

  test("an expired invite answers 404 on the page and on submit, and creates nobody", async () => {
    const { region, admin } = await regionWithAdmin();
    const email = uniqueEmail("expired");
    const { token } = await createInvite({
      regionId: region.id,
      email,
      role: "editor",
      actorUserId: admin.id,
      request: { requestId: "old", ipAddress: null, userAgent: null },
      now: new Date(Date.now() - 8 * DAY),
    });
    expect((await openInvite(token)).status).toBe(404);
    const result = await accept(token, newUserForm());
    expect(result.status).toBe(404);
    expect(sessionTokenFrom(result.headers)).toBeNull();
    expect(await usersWithEmail(email)).toEqual([]);
  });

  test("an invite six days old still works", async () => {
    const { region, admin } = await regionWithAdmin();
    const { token } = await createInvite({
      regionId: region.id,
      email: uniqueEmail("six-days"),
      role: "viewer",
      actorUserId: admin.id,
      request: { requestId: "old", ipAddress: null, userAgent: null },
      now: new Date(Date.now() - 6 * DAY),
    });
    expect((await openInvite(token)).status).toBe(200);
  });

  test("a revoked invite answers 404 on the page and on submit", async () => {
    const { region, cookie } = await regionWithAdmin();
    const email = uniqueEmail("revoked");
    const token = await inviteThroughRoute(region.id, cookie, email, "editor");
    const [invite] = await db
      .select({ id: invites.id })
      .from(invites)
      .where(eq(invites.tokenHash, hashToken(token)));
    const revoked = await members(region.id, cookie, { intent: "revoke-invite", inviteId: invite?.id ?? "" });
    expectRedirect(revoked, `/regions/${region.id}/members`);
    expect((await auditRows("invite.revoked")).filter((row) => row.targetId === invite?.id)).toHaveLength(1);

    expect((await openInvite(token)).status).toBe(404);
    expect((await accept(token, newUserForm())).status).toBe(404);
    expect(await usersWithEmail(email)).toEqual([]);
  });

  test("an unknown token answers 404", async () => {
    expect((await openInvite("a".repeat(32))).status).toBe(404);
    expect((await accept("a".repeat(32), newUserForm())).status).toBe(404);
  });

  test("a new person's weak password is refused with 400 and the invite stays usable", async () => {
    const { region, cookie } = await regionWithAdmin();
    const email = uniqueEmail("weak");
    const token = await inviteThroughRoute(region.id, cookie, email, "viewer");
    const common = await accept(token, { name: "Svag", password: "qwerty123456", confirmPassword: "qwerty123456" });
    expect(common.status).toBe(400);
    expect(errorsOf(common.body, "password")).toEqual(["validation.passwordCommon"]);
    const short = await accept(token, { name: "Svag", password: "kort", confirmPassword: "kort" });
    expect(short.status).toBe(400);
    expect(errorsOf(short.body, "password")).toContain("validation.passwordTooShort");
    expect(await usersWithEmail(email)).toEqual([]);
    expect((await openInvite(token)).status).toBe(200);
  });

  test("someone with an account joins a second region with their current password: membership added, no new user", async () => {
    const first = await regionWithAdmin();
    const second = await regionWithAdmin();
    const person = await createMember(first.region.id, "editor");
    const token = await inviteThroughRoute(second.region.id, second.cookie, person.email, "viewer");

    const page = await openInvite(token);
    expect(InviteInfo.parse(page.body).invite.existingUserName).toBe(person.name);

    const result = await accept(token, { password: TEST_PASSWORD }, "accept-existing");
    expectRedirect(result, "/");
    expect((await validateSessionToken(sessionTokenFrom(result.headers) ?? ""))?.user.id).toBe(person.id);
    expect(await roleIn(person.id, second.region.id)).toBe("viewer");
    expect(await roleIn(person.id, first.region.id)).toBe("editor");
    const sameEmail = await usersWithEmail(person.email);
    expect(sameEmail.map((row) => row.id)).toEqual([person.id]);
    // Their password and name are untouched.
    expect(sameEmail[0]?.passwordHash).toBe(person.passwordHash);
    expect(sameEmail[0]?.name).toBe(person.name);
    const audited = (await auditRows("invite.accepted")).filter((row) => row.requestId === "accept-existing");
    expect(JSON.parse(audited[0]?.details ?? "{}")).toEqual({ role: "viewer", newAccount: false });
  });

  test("a wrong password for an existing account answers 400, adds no membership and keeps the invite usable", async () => {
    const first = await regionWithAdmin();
    const second = await regionWithAdmin();
    const person = await createMember(first.region.id, "viewer");
    const token = await inviteThroughRoute(second.region.id, second.cookie, person.email, "admin");

    const result = await accept(token, { password: "not-their-password-at-all" });
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "password")).toEqual(["account.wrongPassword"]);
    expect(JSON.stringify(result.body)).not.toContain("not-their-password-at-all");
    expect(sessionTokenFrom(result.headers)).toBeNull();
    expect(await roleIn(person.id, second.region.id)).toBeNull();
    expect((await openInvite(token)).status).toBe(200);
  });

  test("a region admin changes a member's role: redirect, new role, audit member.role_changed", async () => {
    const { region, admin, cookie } = await regionWithAdmin();
    const member = await createMember(region.id, "editor");
    const result = await members(
      region.id,
      cookie,
      { intent: "change-role", userId: member.id, role: "viewer" },
      "role-req",
    );
    expectRedirect(result, `/regions/${region.id}/members`);
    expect(await roleIn(member.id, region.id)).toBe("viewer");
    const audited = (await auditRows("member.role_changed")).filter((row) => row.targetId === member.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorUserId: admin.id, regionId: region.id, requestId: "role-req" });
    expect(JSON.parse(audited[0]?.details ?? "{}")).toEqual({ from: "editor", to: "viewer" });
  });

  test("a region admin removes a member: redirect, membership gone, audit member.removed", async () => {
    const { region, admin, cookie } = await regionWithAdmin();
    const member = await createMember(region.id, "viewer");
    const result = await members(region.id, cookie, { intent: "remove", userId: member.id });
    expectRedirect(result, `/regions/${region.id}/members`);
    expect(await roleIn(member.id, region.id)).toBeNull();
    // The person keeps their account.
    expect(await usersWithEmail(member.email)).toHaveLength(1);
    const audited = (await auditRows("member.removed")).filter((row) => row.targetId === member.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorUserId: admin.id, regionId: region.id });
  });

  test("the last admin can be neither demoted nor removed: 409 with members.lastAdmin, nothing changes", async () => {
    const { region, admin, cookie } = await regionWithAdmin();
    const platformAdmin = await createUser({ isPlatformAdmin: true });
    const platformCookie = (await signInAs(platformAdmin.id)).cookie;
    for (const actorCookie of [cookie, platformCookie]) {
      const demote = await members(region.id, actorCookie, { intent: "change-role", userId: admin.id, role: "editor" });
      expect(demote.status).toBe(409);
      expect(errorsOf(demote.body)).toEqual(["members.lastAdmin"]);
      const removal = await members(region.id, actorCookie, { intent: "remove", userId: admin.id });
      expect(removal.status).toBe(409);
      expect(errorsOf(removal.body)).toEqual(["members.lastAdmin"]);
    }
    expect(await roleIn(admin.id, region.id)).toBe("admin");
    expect((await auditRows("member.role_changed")).filter((row) => row.targetId === admin.id)).toEqual([]);
    expect((await auditRows("member.removed")).filter((row) => row.targetId === admin.id)).toEqual([]);
  });

  test("with a second admin, an admin may step down", async () => {
    const { region, admin, cookie } = await regionWithAdmin();
    const other = await createUser();
    await addMembership(other.id, region.id, "admin");
    const result = await members(region.id, cookie, { intent: "change-role", userId: admin.id, role: "editor" });
    expectRedirect(result, `/regions/${region.id}/members`);
    expect(await roleIn(admin.id, region.id)).toBe("editor");
  });

  test("changing the role of someone outside the region answers 404; an editor cannot change roles (403)", async () => {
    const { region, cookie } = await regionWithAdmin();
    const outsider = await createUser();
    const missing = await members(region.id, cookie, { intent: "change-role", userId: outsider.id, role: "admin" });
    expect(missing.status).toBe(404);
    expect(await roleIn(outsider.id, region.id)).toBeNull();

    const editor = await createMember(region.id, "editor");
    const viewer = await createMember(region.id, "viewer");
    const editorCookie = (await signInAs(editor.id, region.id)).cookie;
    const promote = await members(region.id, editorCookie, { intent: "change-role", userId: viewer.id, role: "admin" });
    expect(promote.status).toBe(403);
    const removal = await members(region.id, editorCookie, { intent: "remove", userId: viewer.id });
    expect(removal.status).toBe(403);
    expect(await roleIn(viewer.id, region.id)).toBe("viewer");
  });
});

describe("invites to people already in the region", () => {
  test("an invite never changes an existing member's role: 409 invite.alreadyMember, role and admins unchanged", async () => {
    const { region, cookie, admin } = await regionWithAdmin();
    const token = await inviteThroughRoute(region.id, cookie, admin.email, "viewer");
    const result = await accept(token, { password: TEST_PASSWORD });
    expect(result.status).toBe(409);
    expect(errorsOf(result.body, "")).toEqual(["invite.alreadyMember"]);
    expect(await roleIn(admin.id, region.id)).toBe("admin");
  });

  test("guessing an existing account's password through an invite is throttled like sign-in (429)", async () => {
    const first = await regionWithAdmin();
    const second = await regionWithAdmin();
    const person = await createMember(first.region.id, "viewer");
    const token = await inviteThroughRoute(second.region.id, second.cookie, person.email, "viewer");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      statuses.push((await accept(token, { password: `wrong-guess-number-${attempt}` })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses).toContain(429);
    expect(await roleIn(person.id, second.region.id)).toBeNull();
  });
});
