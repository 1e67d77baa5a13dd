import { randomUUID } from "node:crypto";

import { asc, sql } from "drizzle-orm";
import { pgTable, serial, text, uuid } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";

import { db } from "~/utils/db.server";
import {
  can,
  visibleTo,
  type Principal,
  type RegionRole,
  type SteeringRole,
  type Visibility,
} from "~/utils/policy.server";

/**
 * `visibleTo()` (the SQL for lists) must select exactly the rows `can(…, "item.read", …)` allows,
 * on a throwaway table of this test file's own database.
 */

const testItems = pgTable("test_items", {
  id: serial("id").primaryKey(),
  ownerRegionId: uuid("owner_region_id").notNull(),
  visibility: text("visibility").$type<Visibility>().notNull(),
  collaborationId: uuid("collaboration_id"),
});

type Item = { ownerRegionId: string; visibility: Visibility; collaborationId: string | null };
type StoredItem = Item & { id: number };

const REGIONS = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const COLLABORATIONS = [randomUUID(), randomUUID(), randomUUID()];
/** A collaboration id no item uses: a principal may take part in one with nothing shared yet. */
const EMPTY_COLLABORATION = randomUUID();
const VISIBILITIES: Visibility[] = ["private", "collaboration", "portal"];
const ROLES: RegionRole[] = ["viewer", "editor", "admin"];
const STEERING_ROLES: SteeringRole[] = ["chair", "member"];

const columns = {
  ownerRegionId: testItems.ownerRegionId,
  visibility: testItems.visibility,
  collaborationId: testItems.collaborationId,
};

async function replaceItems(items: Item[]): Promise<StoredItem[]> {
  await db.delete(testItems);
  if (items.length === 0) return [];
  return db.insert(testItems).values(items).returning();
}

async function selectedIds(principal: Principal | null): Promise<number[]> {
  const rows = await db
    .select({ id: testItems.id })
    .from(testItems)
    .where(visibleTo(principal, columns))
    .orderBy(asc(testItems.id));
  return rows.map((row) => row.id);
}

function allowedIds(principal: Principal | null, items: StoredItem[]): number[] {
  return items
    .filter((item) =>
      can(principal, "item.read", {
        type: "shareable",
        ownerRegionId: item.ownerRegionId,
        visibility: item.visibility,
        collaborationId: item.collaborationId,
      }),
    )
    .map((item) => item.id)
    .sort((a, b) => a - b);
}

const itemArbitrary: fc.Arbitrary<Item> = fc.record({
  ownerRegionId: fc.constantFrom(...REGIONS),
  visibility: fc.constantFrom(...VISIBILITIES),
  collaborationId: fc.option(fc.constantFrom(...COLLABORATIONS), { nil: null }),
});

const principalArbitrary: fc.Arbitrary<Principal> = fc
  .record({
    userId: fc.uuid(),
    isPlatformAdmin: fc.boolean(),
    regionRoles: fc.uniqueArray(fc.tuple(fc.constantFrom(...REGIONS), fc.constantFrom(...ROLES)), {
      selector: ([regionId]) => regionId,
      maxLength: REGIONS.length,
    }),
    steeringRoles: fc.uniqueArray(fc.tuple(fc.constantFrom(...COLLABORATIONS), fc.constantFrom(...STEERING_ROLES)), {
      selector: ([collaborationId]) => collaborationId,
      maxLength: COLLABORATIONS.length,
    }),
    collaborationIds: fc.subarray([...COLLABORATIONS, EMPTY_COLLABORATION]),
  })
  .map((raw) => ({
    userId: raw.userId,
    isPlatformAdmin: raw.isPlatformAdmin,
    regionRoles: new Map(raw.regionRoles),
    steeringRoles: new Map(raw.steeringRoles),
    // As buildPrincipal does: steering a collaboration means taking part in it.
    collaborationIds: new Set([...raw.collaborationIds, ...raw.steeringRoles.map(([id]) => id)]),
  }));

function makePrincipal(overrides: Partial<Principal>): Principal {
  return {
    userId: randomUUID(),
    isPlatformAdmin: false,
    regionRoles: new Map(),
    steeringRoles: new Map(),
    collaborationIds: new Set(),
    ...overrides,
  };
}

/** Every combination of owner region, visibility and collaboration (or none), twice. */
function everyCombination(): Item[] {
  const items: Item[] = [];
  for (let copy = 0; copy < 2; copy += 1) {
    for (const ownerRegionId of REGIONS) {
      for (const visibility of VISIBILITIES) {
        for (const collaborationId of [null, ...COLLABORATIONS])
          items.push({ ownerRegionId, visibility, collaborationId });
      }
    }
  }
  return items;
}

beforeAll(async () => {
  await db.execute(
    sql`create table test_items (id serial primary key, owner_region_id uuid not null, visibility text not null, collaboration_id uuid)`,
  );
});

describe("visibleTo", () => {
  test("selects exactly what can(item.read) allows, for random principals over every kind of item", async () => {
    const fixedItems = await replaceItems(everyCombination());
    expect(fixedItems).toHaveLength(2 * REGIONS.length * VISIBILITIES.length * (COLLABORATIONS.length + 1));
    await fc.assert(
      fc.asyncProperty(principalArbitrary, async (principal) => {
        expect(await selectedIds(principal)).toEqual(allowedIds(principal, fixedItems));
      }),
      { numRuns: 150 },
    );
  });

  test("selects exactly what can(item.read) allows, for random items and principals", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArbitrary, { maxLength: 40 }),
        fc.array(principalArbitrary, { minLength: 1, maxLength: 4 }),
        async (items, principals) => {
          const stored = await replaceItems(items);
          for (const principal of principals) {
            expect(await selectedIds(principal)).toEqual(allowedIds(principal, stored));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test("selects nothing for an anonymous visitor", async () => {
    const stored = await replaceItems(everyCombination());
    expect(stored.length).toBeGreaterThan(0);
    expect(await selectedIds(null)).toEqual([]);
    expect(allowedIds(null, stored)).toEqual([]);
  });

  test("selects only portal items for someone with no region and no collaboration, platform admins included", async () => {
    const stored = await replaceItems(everyCombination());
    const portal = stored.filter((item) => item.visibility === "portal").map((item) => item.id);
    expect(portal.length).toBeGreaterThan(0);
    expect(await selectedIds(makePrincipal({}))).toEqual(portal);
    expect(await selectedIds(makePrincipal({ isPlatformAdmin: true }))).toEqual(portal);
  });

  test("selects the own region's items of every visibility, others' collaboration items only for my collaborations", async () => {
    const stored = await replaceItems(everyCombination());
    const mine = REGIONS[0] ?? "";
    const shared = COLLABORATIONS[0] ?? "";
    const principal = makePrincipal({
      regionRoles: new Map([[mine, "viewer"]]),
      collaborationIds: new Set([shared]),
    });
    const expected = stored
      .filter(
        (item) =>
          item.ownerRegionId === mine ||
          item.visibility === "portal" ||
          (item.visibility === "collaboration" && item.collaborationId === shared),
      )
      .map((item) => item.id);
    const ids = await selectedIds(principal);
    expect(ids).toEqual(expected);
    // A private item of another region is never selected, even when it names my collaboration.
    const leaked = stored.filter(
      (item) => ids.includes(item.id) && item.ownerRegionId !== mine && item.visibility === "private",
    );
    expect(leaked).toEqual([]);
  });

  test("counts through visibleTo agree with the list: a count never reveals hidden rows", async () => {
    const stored = await replaceItems(everyCombination());
    const principal = makePrincipal({ collaborationIds: new Set(COLLABORATIONS.slice(0, 2)) });
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(testItems)
      .where(visibleTo(principal, columns));
    expect(Number(row?.n)).toBe(allowedIds(principal, stored).length);
    expect(Number(row?.n)).toBeLessThan(stored.length);
  });
});
