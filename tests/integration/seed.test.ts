import { count, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { database } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";

import {
  collaborationRegions,
  collaborations,
  memberships,
  regions,
  steeringGroupMembers,
  users,
} from "../../db/schema/accounts";
import {
  DEMO_ACCOUNTS,
  DEMO_COLLABORATIONS,
  DEMO_PASSWORD,
  DEMO_REGIONS,
  DEMO_STEERING_GROUPS,
  DEMO_USERS,
  type RegionRole,
} from "../../db/seed/demo-data";
import { isDatabaseSeeded, seedDemoData } from "../../db/seed/seed";

const db = database.db;

// Not a real argon2 hash: these tests are about rows, and hashing costs ~0.1 s.
const FAST_HASH = "$argon2id$v=19$m=19456,t=2,p=1$not-a-real-hash";

async function rowCounts() {
  const tables = { users, regions, memberships, collaborations, collaborationRegions, steeringGroupMembers };
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => {
      const [row] = await db.select({ n: count() }).from(table);
      return [name, row?.n ?? 0] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function membershipsByEmail() {
  const rows = await db
    .select({
      email: users.email,
      regionSlug: regions.slug,
      role: memberships.role,
      isLegalCounsel: memberships.isLegalCounsel,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(regions, eq(regions.id, memberships.regionId));
  const byEmail = new Map<string, typeof rows>();
  for (const row of rows) byEmail.set(row.email, [...(byEmail.get(row.email) ?? []), row]);
  return byEmail;
}

describe("demo data", () => {
  test("uses unique, ASCII-only example.se addresses under each member's region", () => {
    const emails = DEMO_USERS.map((user) => user.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const user of DEMO_USERS) {
      expect(user.email).toMatch(/^[a-z]+(\.[a-z]+)?@[a-z0-9]+\.example\.se$/);
      for (const membership of user.memberships) {
        expect(user.email.endsWith(`@${membership.regionSlug}.example.se`)).toBe(true);
      }
    }
  });

  test("puts every steering group member in a region of that collaboration", () => {
    for (const group of DEMO_STEERING_GROUPS) {
      const collaboration = DEMO_COLLABORATIONS.find((candidate) => candidate.slug === group.collaborationSlug);
      const regionSlugs: readonly string[] = collaboration?.regionSlugs ?? [];
      expect(group.members.filter((member) => member.role === "chair")).toHaveLength(1);
      for (const member of group.members) {
        const user = DEMO_USERS.find((candidate) => candidate.email === member.email);
        const roles = user?.memberships.filter((membership) => regionSlugs.includes(membership.regionSlug)) ?? [];
        expect(roles.length, member.email).toBeGreaterThan(0);
        expect(roles.every((membership) => membership.role !== "admin")).toBe(true);
      }
    }
  });
});

// The harness gives this file a fresh, migrated database and vitest runs these tests in order,
// so the first one sees it empty.
describe("seedDemoData", () => {
  test("reports an empty database as not seeded, and a seeded one as seeded", async () => {
    expect(await isDatabaseSeeded(db)).toBe(false);
    const summary = await seedDemoData(db, { passwordHash: FAST_HASH });
    expect(summary).toEqual({
      users: DEMO_USERS.length,
      regions: DEMO_REGIONS.length,
      collaborations: DEMO_COLLABORATIONS.length,
      // The demo requirement sets; seed-sets.test.ts checks them in detail.
      sets: expect.any(Number),
      requirements: expect.any(Number),
      baselines: expect.any(Number),
    });
    expect(await isDatabaseSeeded(db)).toBe(true);
  });

  test("creates the 12 regions and 3 collaborations with their member regions", async () => {
    await seedDemoData(db, { passwordHash: FAST_HASH });

    const regionRows = await db.select({ slug: regions.slug, name: regions.name }).from(regions);
    expect(regionRows).toHaveLength(12);
    expect(regionRows).toEqual(
      expect.arrayContaining([
        { slug: "skane", name: "Region Skåne" },
        { slug: "vgr", name: "Västra Götalandsregionen" },
        { slug: "stockholm", name: "Region Stockholm" },
        { slug: "orebro", name: "Region Örebro län" },
      ]),
    );

    const memberCounts = await db
      .select({ slug: collaborations.slug, name: collaborations.name, regions: count(collaborationRegions.regionId) })
      .from(collaborations)
      .leftJoin(collaborationRegions, eq(collaborationRegions.collaborationId, collaborations.id))
      .groupBy(collaborations.id, collaborations.slug, collaborations.name);
    expect(memberCounts).toHaveLength(3);
    expect(memberCounts).toEqual(
      expect.arrayContaining([
        { slug: "3r", name: "3R", regions: 3 },
        { slug: "sussa", name: "Sussa samverkan", regions: 9 },
        { slug: "alla", name: "Alla regioner", regions: 12 },
      ]),
    );

    const threeR = await db
      .select({ slug: regions.slug })
      .from(collaborationRegions)
      .innerJoin(collaborations, eq(collaborations.id, collaborationRegions.collaborationId))
      .innerJoin(regions, eq(regions.id, collaborationRegions.regionId))
      .where(eq(collaborations.slug, "3r"));
    expect(threeR.map((row) => row.slug).sort()).toEqual(["skane", "stockholm", "vgr"]);
  });

  test("gives every region at least one admin, two editors and one viewer", async () => {
    await seedDemoData(db, { passwordHash: FAST_HASH });

    const rows = await db
      .select({ slug: regions.slug, role: memberships.role })
      .from(memberships)
      .innerJoin(regions, eq(regions.id, memberships.regionId));
    for (const region of DEMO_REGIONS) {
      const rolesHere = rows.filter((row) => row.slug === region.slug).map((row) => row.role);
      const countOf = (role: RegionRole) => rolesHere.filter((candidate) => candidate === role).length;
      expect(countOf("admin"), `${region.slug} admins`).toBeGreaterThanOrEqual(1);
      expect(countOf("editor"), `${region.slug} editors`).toBeGreaterThanOrEqual(2);
      expect(countOf("viewer"), `${region.slug} viewers`).toBeGreaterThanOrEqual(1);
    }
  });

  test("marks a jurist as legal counsel in Skåne, VGR, Stockholm and Örebro", async () => {
    await seedDemoData(db, { passwordHash: FAST_HASH });

    const rows = await db
      .select({ slug: regions.slug, role: memberships.role })
      .from(memberships)
      .innerJoin(regions, eq(regions.id, memberships.regionId))
      .where(eq(memberships.isLegalCounsel, true));
    expect(rows.map((row) => row.slug).sort()).toEqual(["orebro", "skane", "stockholm", "vgr"]);
    expect(rows.every((row) => row.role === "viewer")).toBe(true);
  });

  test("creates the platform admin without any region membership", async () => {
    await seedDemoData(db, { passwordHash: FAST_HASH });

    const admins = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.isPlatformAdmin, true));
    expect(admins.map((row) => row.email)).toEqual(["plattform@samkrav.example.se"]);
    const adminId = admins[0]?.id ?? "";
    expect(await db.select().from(memberships).where(eq(memberships.userId, adminId))).toEqual([]);
  });

  test("gives the README's demo accounts the documented roles", async () => {
    await seedDemoData(db, { passwordHash: FAST_HASH });
    const byEmail = await membershipsByEmail();
    const rolesOf = (email: string) =>
      (byEmail.get(email) ?? []).map(({ regionSlug, role, isLegalCounsel }) => ({ regionSlug, role, isLegalCounsel }));

    expect(byEmail.has(DEMO_ACCOUNTS.platformAdmin)).toBe(false);
    expect(rolesOf(DEMO_ACCOUNTS.skaneAdmin)).toEqual([{ regionSlug: "skane", role: "admin", isLegalCounsel: false }]);
    expect(rolesOf(DEMO_ACCOUNTS.skaneEditor)).toEqual([
      { regionSlug: "skane", role: "editor", isLegalCounsel: false },
    ]);
    expect(rolesOf(DEMO_ACCOUNTS.skaneViewer)).toEqual([
      { regionSlug: "skane", role: "viewer", isLegalCounsel: false },
    ]);
    expect(rolesOf(DEMO_ACCOUNTS.skaneLegalCounsel)).toEqual([
      { regionSlug: "skane", role: "viewer", isLegalCounsel: true },
    ]);
    expect(rolesOf(DEMO_ACCOUNTS.vgrAdmin)).toEqual([{ regionSlug: "vgr", role: "admin", isLegalCounsel: false }]);
    expect(rolesOf(DEMO_ACCOUNTS.vgrEditor)).toEqual([{ regionSlug: "vgr", role: "editor", isLegalCounsel: false }]);

    const chairs = await db
      .select({ email: users.email, collaboration: collaborations.slug })
      .from(steeringGroupMembers)
      .innerJoin(users, eq(users.id, steeringGroupMembers.userId))
      .innerJoin(collaborations, eq(collaborations.id, steeringGroupMembers.collaborationId))
      .where(eq(steeringGroupMembers.role, "chair"));
    expect(chairs).toEqual(
      expect.arrayContaining([
        { email: DEMO_ACCOUNTS.sussaSteeringChair, collaboration: "sussa" },
        { email: DEMO_ACCOUNTS.threeRSteeringChair, collaboration: "3r" },
      ]),
    );
    expect(chairs).toHaveLength(3);
    expect(rolesOf(DEMO_ACCOUNTS.sussaSteeringChair).map((row) => row.regionSlug)).toEqual(["sormland"]);
    expect(rolesOf(DEMO_ACCOUNTS.threeRSteeringChair).map((row) => row.regionSlug)).toEqual(["skane"]);
  });

  test("is idempotent: seeding again keeps every row count and id", async () => {
    await seedDemoData(db, { passwordHash: FAST_HASH });
    const before = await rowCounts();
    const idsBefore = await db.select({ id: users.id, email: users.email }).from(users).orderBy(users.email);

    await seedDemoData(db, { passwordHash: FAST_HASH });
    await seedDemoData(db, { passwordHash: FAST_HASH });

    expect(await rowCounts()).toEqual(before);
    expect(await db.select({ id: users.id, email: users.email }).from(users).orderBy(users.email)).toEqual(idsBefore);
    expect(before).toEqual({
      users: DEMO_USERS.length,
      regions: 12,
      memberships: DEMO_USERS.reduce((total, user) => total + user.memberships.length, 0),
      collaborations: 3,
      collaborationRegions: 3 + 9 + 12,
      steeringGroupMembers: DEMO_STEERING_GROUPS.reduce((total, group) => total + group.members.length, 0),
    });
  });

  test("hashes DEMO_PASSWORD once for all demo users when no hash is given", async () => {
    await seedDemoData(db);

    const [editor] = await db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, DEMO_ACCOUNTS.skaneEditor));
    const passwordHash = editor?.passwordHash ?? "";
    expect(await verifyPassword(passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(passwordHash, "fel-lösenord-123")).toBe(false);

    const distinctHashes = await db.selectDistinct({ passwordHash: users.passwordHash }).from(users);
    expect(distinctHashes).toEqual([{ passwordHash }]);
  });
});
