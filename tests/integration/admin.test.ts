import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { z } from "zod";

import { auditEvents, collaborationRegions, collaborations, invites, regions } from "../../db/schema/accounts";
import { action as adminAction, loader as adminLoader } from "~/routes/admin._index";
import { loader as platformAuditLoader } from "~/routes/admin.audit";
import { loader as regionAuditLoader } from "~/routes/regions.$regionId.audit";
import { db } from "~/utils/db.server";

import { createMember, createRegion, createUser, signInAs } from "../support/factories";
import { buildRequest, callRoute, testContext } from "../support/requests";

import { auditRows, errorsOf, expectRedirect } from "./route-helpers";

async function platformAdminCookie(): Promise<{ id: string; cookie: string }> {
  const admin = await createUser({ isPlatformAdmin: true });
  return { id: admin.id, cookie: (await signInAs(admin.id)).cookie };
}

function adminPost(cookie: string, form: Record<string, string | string[]>, requestId = "admin-req") {
  return callRoute(
    adminAction,
    buildRequest("/admin", { method: "POST", cookie, form }),
    {},
    testContext({ requestId }),
  );
}

function suffix(): string {
  return Math.random().toString(36).slice(2, 8);
}

const InviteLinkBody = z.object({
  inviteLink: z.object({ url: z.string(), email: z.string(), regionName: z.string() }),
});

const AuditPage = z.object({
  events: z.array(z.object({ id: z.string(), action: z.string(), regionName: z.string().nullable() })),
});

async function eventIds(result: { status: number; body: unknown }): Promise<string[]> {
  expect(result.status).toBe(200);
  return AuditPage.parse(result.body)
    .events.map((event) => event.id)
    .sort();
}

function regionAudit(regionId: string, cookie: string, query = "") {
  return callRoute(regionAuditLoader, buildRequest(`/regions/${regionId}/audit${query}`, { cookie }), { regionId });
}

function platformAudit(cookie: string, query = "") {
  return callRoute(platformAuditLoader, buildRequest(`/admin/audit${query}`, { cookie }));
}

/** Two regions with a known history: events written straight into the log with chosen times. */
async function auditFixture() {
  const regionA = await createRegion();
  const regionB = await createRegion();
  const adminA = await createMember(regionA.id, "admin");
  const editorA = await createMember(regionA.id, "editor");
  const adminB = await createMember(regionB.id, "admin");
  const actor1 = await createMember(regionA.id, "editor");
  const actor2 = await createMember(regionA.id, "viewer");
  const rows = await db
    .insert(auditEvents)
    .values([
      {
        action: "region.updated",
        actorUserId: actor1.id,
        regionId: regionA.id,
        occurredAt: new Date("2024-01-10T09:00:00Z"),
      },
      {
        action: "member.removed",
        actorUserId: actor2.id,
        regionId: regionA.id,
        occurredAt: new Date("2024-02-10T09:00:00Z"),
      },
      {
        action: "member.removed",
        actorUserId: actor1.id,
        regionId: regionA.id,
        occurredAt: new Date("2024-02-20T15:00:00Z"),
      },
      {
        action: "region.updated",
        actorUserId: adminB.id,
        regionId: regionB.id,
        occurredAt: new Date("2024-02-10T10:00:00Z"),
      },
    ])
    .returning({ id: auditEvents.id });
  const [a1, a2, a3, b1] = rows.map((row) => row.id);
  if (!a1 || !a2 || !a3 || !b1) throw new Error("fixture events missing");
  return {
    regionA,
    regionB,
    actor1,
    actor2,
    events: { a1, a2, a3, b1 },
    cookies: {
      adminA: (await signInAs(adminA.id, regionA.id)).cookie,
      editorA: (await signInAs(editorA.id, regionA.id)).cookie,
      adminB: (await signInAs(adminB.id, regionB.id)).cookie,
    },
  };
}

describe("platform administration and audit log", () => {
  test("a platform admin creates a region: redirect to /admin, the row exists and region.created is audited", async () => {
    const admin = await platformAdminCookie();
    const name = `Region Nyland ${suffix()}`;
    const slug = `nyland-${suffix()}`;
    const result = await adminPost(
      admin.cookie,
      { intent: "create-region", name, shortName: "Nyland", slug },
      "create-region-req",
    );
    expectRedirect(result, "/admin");
    const [created] = await db.select().from(regions).where(eq(regions.slug, slug));
    expect(created).toMatchObject({ name, shortName: "Nyland", slug });
    const audited = (await auditRows("region.created")).filter((row) => row.targetId === created?.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorUserId: admin.id, regionId: created?.id, requestId: "create-region-req" });
  });

  test("a duplicate region name or slug answers 409 with validation.duplicate on that field", async () => {
    const admin = await platformAdminCookie();
    const existing = await createRegion();
    const byName = await adminPost(admin.cookie, {
      intent: "create-region",
      name: existing.name,
      shortName: "X",
      slug: `fresh-${suffix()}`,
    });
    expect(byName.status).toBe(409);
    expect(errorsOf(byName.body, "name")).toEqual(["validation.duplicate"]);
    const bySlug = await adminPost(admin.cookie, {
      intent: "create-region",
      name: `Fresh ${suffix()}`,
      shortName: "X",
      slug: existing.slug,
    });
    expect(bySlug.status).toBe(409);
    expect(errorsOf(bySlug.body, "slug")).toEqual(["validation.duplicate"]);
    expect(await db.select().from(regions).where(eq(regions.shortName, "X"))).toEqual([]);
  });

  test("a slug that is not lower-case words joined by hyphens answers 400 with validation.slugInvalid", async () => {
    const admin = await platformAdminCookie();
    for (const slug of ["Not A Slug", "trailing-", "ÅÄÖ", "a"]) {
      const result = await adminPost(admin.cookie, {
        intent: "create-region",
        name: `Slug test ${suffix()}`,
        shortName: "S",
        slug,
      });
      expect(result.status).toBe(400);
      expect(errorsOf(result.body, "slug")).toContain("validation.slugInvalid");
    }
    expect(await db.select().from(regions).where(eq(regions.shortName, "S"))).toEqual([]);
  });

  test("invite-admin creates an admin invite for the chosen region and shows its link once", async () => {
    const admin = await platformAdminCookie();
    const region = await createRegion();
    const email = `first-admin-${suffix()}@test.example.se`;
    const result = await adminPost(admin.cookie, { intent: "invite-admin", regionId: region.id, email });
    expect(result.status).toBe(200);
    const link = InviteLinkBody.parse(result.body).inviteLink;
    expect(link.url).toMatch(/^http:\/\/localhost\/invite\/[a-z2-7]{32}$/);
    expect(link.regionName).toBe(region.name);
    const stored = await db.select().from(invites).where(eq(invites.email, email));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ regionId: region.id, role: "admin", invitedByUserId: admin.id });
    expect((await auditRows("invite.created")).filter((row) => row.targetId === stored[0]?.id)).toHaveLength(1);
  });

  test("invite-admin for an unknown region answers 400 and invites nobody", async () => {
    const admin = await platformAdminCookie();
    const email = `nowhere-${suffix()}@test.example.se`;
    const result = await adminPost(admin.cookie, {
      intent: "invite-admin",
      regionId: "00000000-0000-4000-8000-000000000000",
      email,
    });
    expect(result.status).toBe(400);
    expect(errorsOf(result.body, "regionId")).toEqual(["validation.invalid"]);
    expect(await db.select().from(invites).where(eq(invites.email, email))).toEqual([]);
  });

  test("create-collaboration with several regionIds redirects to it, links every region and is audited", async () => {
    const admin = await platformAdminCookie();
    const regionA = await createRegion();
    const regionB = await createRegion();
    const slug = `samverkan-${suffix()}`;
    const result = await adminPost(admin.cookie, {
      intent: "create-collaboration",
      name: `Samverkan ${slug}`,
      slug,
      description: "Gemensam upphandling",
      regionIds: [regionA.id, regionB.id],
    });
    const [created] = await db.select().from(collaborations).where(eq(collaborations.slug, slug));
    expect(created).toMatchObject({ name: `Samverkan ${slug}`, description: "Gemensam upphandling" });
    expectRedirect(result, `/collaborations/${created?.id}`);
    const links = await db
      .select({ regionId: collaborationRegions.regionId })
      .from(collaborationRegions)
      .where(eq(collaborationRegions.collaborationId, created?.id ?? ""));
    expect(links.map((link) => link.regionId).sort()).toEqual([regionA.id, regionB.id].sort());
    const audited = (await auditRows("collaboration.created")).filter((row) => row.targetId === created?.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]?.actorUserId).toBe(admin.id);
    expect(JSON.parse(audited[0]?.details ?? "{}")).toEqual({ name: `Samverkan ${slug}`, regions: 2 });
  });

  test("create-collaboration with a malformed region id answers 400 and creates nothing", async () => {
    const admin = await platformAdminCookie();
    const slug = `broken-${suffix()}`;
    const result = await adminPost(admin.cookie, {
      intent: "create-collaboration",
      name: `Broken ${slug}`,
      slug,
      regionIds: ["not-a-uuid"],
    });
    expect(result.status).toBe(400);
    expect(await db.select().from(collaborations).where(eq(collaborations.slug, slug))).toEqual([]);
  });

  test("someone who is not a platform admin gets 403 for the admin page and every admin action, and nothing is created", async () => {
    const region = await createRegion();
    const regionAdmin = await createMember(region.id, "admin");
    const { cookie } = await signInAs(regionAdmin.id, region.id);
    expect((await callRoute(adminLoader, buildRequest("/admin", { cookie }))).status).toBe(403);
    const slug = `forbidden-${suffix()}`;
    const email = `forbidden-${suffix()}@test.example.se`;
    const attempts: Array<Record<string, string | string[]>> = [
      { intent: "create-region", name: `Forbidden ${slug}`, shortName: "F", slug },
      { intent: "invite-admin", regionId: region.id, email },
      { intent: "create-collaboration", name: `Forbidden ${slug}`, slug, regionIds: [region.id] },
    ];
    for (const form of attempts) expect((await adminPost(cookie, form)).status).toBe(403);
    expect(await db.select().from(regions).where(eq(regions.slug, slug))).toEqual([]);
    expect(await db.select().from(collaborations).where(eq(collaborations.slug, slug))).toEqual([]);
    expect(await db.select().from(invites).where(eq(invites.email, email))).toEqual([]);
  });

  test("the admin page sends a visitor who is not signed in to sign-in", async () => {
    const result = await callRoute(adminLoader, buildRequest("/admin"));
    expectRedirect(result, `/login?${new URLSearchParams({ redirectTo: "/admin" })}`);
    expect((await adminPost("", { intent: "create-region", name: "N", shortName: "N", slug: "n-n" })).status).toBe(401);
  });

  test("a region admin's audit log shows only that region's events", async () => {
    const fixture = await auditFixture();
    const { a1, a2, a3 } = fixture.events;
    expect(await eventIds(await regionAudit(fixture.regionA.id, fixture.cookies.adminA))).toEqual([a1, a2, a3].sort());
    expect(await eventIds(await regionAudit(fixture.regionB.id, fixture.cookies.adminB))).toEqual([fixture.events.b1]);
  });

  test("the region audit log narrows by actor, by action and by date range (the end day included)", async () => {
    const fixture = await auditFixture();
    const { a1, a2, a3 } = fixture.events;
    const region = fixture.regionA.id;
    const cookie = fixture.cookies.adminA;
    expect(await eventIds(await regionAudit(region, cookie, `?actor=${fixture.actor1.id}`))).toEqual([a1, a3].sort());
    expect(await eventIds(await regionAudit(region, cookie, "?action=member.removed"))).toEqual([a2, a3].sort());
    expect(await eventIds(await regionAudit(region, cookie, "?from=2024-02-01&to=2024-02-15"))).toEqual([a2]);
    expect(await eventIds(await regionAudit(region, cookie, "?from=2024-02-01&to=2024-02-20"))).toEqual(
      [a2, a3].sort(),
    );
    expect(await eventIds(await regionAudit(region, cookie, "?to=2024-01-31"))).toEqual([a1]);
    expect(
      await eventIds(await regionAudit(region, cookie, `?actor=${fixture.actor1.id}&action=member.removed`)),
    ).toEqual([a3]);
    // Filtering by someone from another region still shows nothing from that region.
    const [bActor] = await db
      .select({ id: auditEvents.actorUserId })
      .from(auditEvents)
      .where(eq(auditEvents.id, fixture.events.b1));
    expect(await eventIds(await regionAudit(region, cookie, `?actor=${bActor?.id ?? ""}`))).toEqual([]);
  });

  test("an editor gets 403 on the region audit log, an admin of another region 404", async () => {
    const fixture = await auditFixture();
    expect((await regionAudit(fixture.regionA.id, fixture.cookies.editorA)).status).toBe(403);
    expect((await regionAudit(fixture.regionA.id, fixture.cookies.adminB)).status).toBe(404);
    expect((await regionAudit("00000000-0000-4000-8000-000000000000", fixture.cookies.adminA)).status).toBe(404);
  });

  test("a platform admin sees the events of every region in the platform audit log, and may read a region's log", async () => {
    const fixture = await auditFixture();
    const admin = await platformAdminCookie();
    const { a1, a2, a3, b1 } = fixture.events;
    const inFixtureYear = "?from=2024-01-01&to=2024-12-31";
    expect(await eventIds(await platformAudit(admin.cookie, inFixtureYear))).toEqual(
      expect.arrayContaining([a1, a2, a3, b1]),
    );
    const narrowed = await eventIds(await platformAudit(admin.cookie, `${inFixtureYear}&action=region.updated`));
    expect(narrowed).toEqual(expect.arrayContaining([a1, b1]));
    expect(narrowed).not.toContain(a2);
    expect(await eventIds(await regionAudit(fixture.regionA.id, admin.cookie))).toEqual([a1, a2, a3].sort());
  });

  test("a region admin gets 403 on the platform audit log", async () => {
    const fixture = await auditFixture();
    expect((await platformAudit(fixture.cookies.adminA)).status).toBe(403);
  });

  test("the audit table is append-only: UPDATE and DELETE are refused by the database", async () => {
    const [row] = await db
      .insert(auditEvents)
      .values({ action: "region.updated", actorUserId: null, details: "original" })
      .returning({ id: auditEvents.id });
    const id = row?.id ?? "";
    await expect(db.execute(sql`update audit_events set details = 'tampered' where id = ${id}`)).rejects.toThrow();
    await expect(db.execute(sql`update audit_events set details = 'tampered'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_events where id = ${id}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_events`)).rejects.toThrow();
    await expect(db.update(auditEvents).set({ details: "tampered" }).where(eq(auditEvents.id, id))).rejects.toThrow();
    await expect(db.delete(auditEvents).where(inArray(auditEvents.id, [id]))).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const [after] = await db.select({ details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.id, id));
    expect(after?.details).toBe("original");
  });
});
