import { randomUUID } from "node:crypto";

import { and, eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { expect, test } from "vitest";

import {
  collaborationRegions,
  collaborations,
  memberships,
  regions,
  steeringGroupMembers,
  users,
} from "../../db/schema/accounts";
import { requirementSets, requirements } from "../../db/schema/requirements";
import { searchLibrary } from "~/models/library.server";
import { usersWhoCanSeeSet } from "~/models/notifications.server";
import { setResource } from "~/models/requirement-sets.server";
import { buildPrincipal, loadAccess } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { can, visibleTo } from "~/utils/policy.server";
import { VISIBILITIES } from "~/utils/requirement-fields";

/**
 * "Visibility everywhere": on random worlds of regions, collaborations, memberships, steering
 * groups and sets, the three forms of the one rule agree for every (user, set) pair — `can()` on
 * the object, the `visibleTo` SQL predicate of lists and the `visibleToUserSql` predicate of
 * notifications — and the library never returns a set the user may not read, nor misses one
 * another region offers.
 */

const ROLES = ["viewer", "editor", "admin"] as const;

const worldArbitrary = fc
  .record({ regionCount: fc.integer({ min: 2, max: 4 }), collaborationCount: fc.integer({ min: 0, max: 2 }) })
  .chain(({ regionCount, collaborationCount }) => {
    const region = fc.integer({ min: 0, max: regionCount - 1 });
    const collaboration =
      collaborationCount > 0 ? fc.integer({ min: 0, max: collaborationCount - 1 }) : fc.constant(-1);
    return fc.record({
      regionCount: fc.constant(regionCount),
      collaborations: fc.array(fc.uniqueArray(region, { maxLength: regionCount }), {
        minLength: collaborationCount,
        maxLength: collaborationCount,
      }),
      users: fc.array(
        fc.record({
          isPlatformAdmin: fc.boolean(),
          memberships: fc.uniqueArray(fc.record({ region, role: fc.constantFrom(...ROLES) }), {
            selector: (m) => m.region,
            maxLength: 2,
          }),
          steering: collaborationCount > 0 ? fc.uniqueArray(collaboration, { maxLength: 2 }) : fc.constant([]),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      sets: fc.array(
        fc.record({
          owner: region,
          visibility: fc.constantFrom(...VISIBILITIES),
          collaboration,
          archived: fc.boolean(),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    });
  });

type World = typeof worldArbitrary extends fc.Arbitrary<infer T> ? T : never;

async function build(world: World, word: string) {
  const tag = randomUUID().slice(0, 8);
  const regionRows = await db
    .insert(regions)
    .values(
      Array.from({ length: world.regionCount }, (_, i) => ({
        slug: `vc-${tag}-${i}`,
        name: `Region vc ${tag} ${i}`,
        shortName: `vc${i}`,
      })),
    )
    .returning({ id: regions.id });
  const regionIds = regionRows.map((row) => row.id);
  const collaborationIds: string[] = [];
  for (const [i, members] of world.collaborations.entries()) {
    const [row] = await db
      .insert(collaborations)
      .values({ slug: `vc-${tag}-c${i}`, name: `Samverkan vc ${tag} ${i}` })
      .returning({ id: collaborations.id });
    if (!row) throw new Error("no collaboration");
    collaborationIds.push(row.id);
    if (members.length > 0) {
      await db
        .insert(collaborationRegions)
        .values(members.map((m) => ({ collaborationId: row.id, regionId: regionIds[m] ?? "" })));
    }
  }
  const userIds: string[] = [];
  for (const [i, user] of world.users.entries()) {
    const [row] = await db
      .insert(users)
      .values({
        email: `vc-${tag}-${i}@test.example.se`,
        name: `vc ${i}`,
        passwordHash: "x",
        isPlatformAdmin: user.isPlatformAdmin,
      })
      .returning({ id: users.id });
    if (!row) throw new Error("no user");
    userIds.push(row.id);
    for (const m of user.memberships) {
      await db.insert(memberships).values({ userId: row.id, regionId: regionIds[m.region] ?? "", role: m.role });
    }
    for (const c of user.steering) {
      if (c >= 0)
        await db
          .insert(steeringGroupMembers)
          .values({ userId: row.id, collaborationId: collaborationIds[c] ?? "", role: "member" });
    }
  }
  const setRows = await db
    .insert(requirementSets)
    .values(
      world.sets.map((set, i) => {
        const collaborationId =
          set.visibility === "collaboration" && set.collaboration >= 0 ? collaborationIds[set.collaboration] : null;
        return {
          ownerRegionId: regionIds[set.owner] ?? "",
          title: `Uppsättning ${i}`,
          // A collaboration set without a collaboration is never written by the app; keep it private then.
          visibility: set.visibility === "collaboration" && !collaborationId ? ("private" as const) : set.visibility,
          collaborationId: collaborationId ?? null,
          archivedAt: set.archived ? new Date() : null,
        };
      }),
    )
    .returning();
  await db.insert(requirements).values(
    setRows.map((set, i) => ({
      setId: set.id,
      position: 1,
      ref: `VC-${i}`,
      title: `Krav ${i}`,
      text: `Kravtext om ${word}.`,
      obligation: "ska" as const,
      type: "technical" as const,
      area: "IS",
      verification: "yes_no" as const,
    })),
  );
  return { userIds, setRows };
}

function uniqueWord(): string {
  const letters = "bcdfghjklmnpqrstvxz";
  return `vcx${Array.from(randomUUID().replaceAll("-", "").slice(0, 10), (c) => letters[parseInt(c, 16)]).join("")}`;
}

test(
  "can(set.read), visibleTo, visibleToUserSql and the library agree on random worlds",
  { timeout: 600_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(worldArbitrary, async (world) => {
        const word = uniqueWord();
        const { userIds, setRows } = await build(world, word);
        const setIds = setRows.map((set) => set.id);
        for (const userId of userIds) {
          const [userRow] = await db
            .select({ isPlatformAdmin: users.isPlatformAdmin })
            .from(users)
            .where(eq(users.id, userId));
          const principal = buildPrincipal(
            { id: userId, isPlatformAdmin: userRow?.isPlatformAdmin ?? false },
            await loadAccess(userId),
          );
          const listed = new Set(
            (
              await db
                .select({ id: requirementSets.id })
                .from(requirementSets)
                .where(and(inArray(requirementSets.id, setIds), visibleTo(principal, requirementSets)))
            ).map((row) => row.id),
          );
          const library = await searchLibrary({ principal, filters: { q: word, page: 1 } });
          const librarySets = new Set(library.requirements.map((row) => row.setId));
          for (const set of setRows) {
            const readable = can(principal, "set.read", setResource(set));
            expect(listed.has(set.id), "visibleTo agrees with can").toBe(readable);
            const notified = await usersWhoCanSeeSet(db, set.id, [userId]);
            expect(notified.includes(userId), "visibleToUserSql agrees with can").toBe(readable);
            const offered = readable && set.archivedAt === null && !principal.regionRoles.has(set.ownerRegionId);
            expect(librarySets.has(set.id), "the library shows exactly the readable sets of other regions").toBe(
              offered,
            );
          }
          for (const set of library.sets) expect(setIds.includes(set.id) && listed.has(set.id)).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  },
);
