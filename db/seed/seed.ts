import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

import type { Database, Transaction } from "../../app/utils/db-connect.server";
import { hashPassword } from "../../app/utils/password.server";
import {
  collaborationRegions,
  collaborations,
  memberships,
  regions,
  steeringGroupMembers,
  users,
} from "../schema/accounts";
import {
  DEMO_COLLABORATIONS,
  DEMO_PASSWORD,
  DEMO_REGIONS,
  DEMO_STEERING_GROUPS,
  DEMO_USERS,
  type DemoCollaboration,
  type DemoRegion,
  type DemoSteeringGroup,
  type DemoUser,
} from "./demo-data";

export type SeedOptions = {
  /**
   * A ready-made hash for every demo account. Tests pass one because argon2 costs ~0.1 s per
   * hash; without it DEMO_PASSWORD is hashed once and shared by all demo users.
   */
  passwordHash?: string;
};

export type SeedSummary = {
  users: number;
  regions: number;
  collaborations: number;
  /** The demo requirement sets (demo-sets.ts) and their live requirements and baselines. */
  sets: number;
  requirements: number;
  baselines: number;
};

/** The value the conflicting INSERT proposed, so an upsert can write the whole batch in one statement. */
function excluded(column: AnyPgColumn): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}

function lookup(ids: ReadonlyMap<string, string>, key: string, kind: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Demo data refers to unknown ${kind} "${key}"`);
  return id;
}

async function upsertRegions(tx: Transaction, rows: readonly DemoRegion[]): Promise<Map<string, string>> {
  const saved = await tx
    .insert(regions)
    .values(rows.map(({ slug, name, shortName }) => ({ slug, name, shortName })))
    .onConflictDoUpdate({
      target: regions.slug,
      set: { name: excluded(regions.name), shortName: excluded(regions.shortName), updatedAt: new Date() },
    })
    .returning({ id: regions.id, slug: regions.slug });
  return new Map(saved.map((row) => [row.slug, row.id]));
}

async function upsertCollaborations(
  tx: Transaction,
  rows: readonly DemoCollaboration[],
  regionIds: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const saved = await tx
    .insert(collaborations)
    .values(rows.map(({ slug, name, description }) => ({ slug, name, description })))
    .onConflictDoUpdate({
      target: collaborations.slug,
      set: {
        name: excluded(collaborations.name),
        description: excluded(collaborations.description),
        updatedAt: new Date(),
      },
    })
    .returning({ id: collaborations.id, slug: collaborations.slug });
  const collaborationIds = new Map(saved.map((row) => [row.slug, row.id]));

  const links = rows.flatMap((collaboration) =>
    collaboration.regionSlugs.map((regionSlug) => ({
      collaborationId: lookup(collaborationIds, collaboration.slug, "collaboration"),
      regionId: lookup(regionIds, regionSlug, "region"),
    })),
  );
  if (links.length > 0) await tx.insert(collaborationRegions).values(links).onConflictDoNothing();
  return collaborationIds;
}

/**
 * Re-seeding resets the demo accounts' names, titles and password to the published ones, so
 * `npm run db:seed` also repairs a demo whose visitors changed them.
 */
async function upsertUsers(
  tx: Transaction,
  rows: readonly DemoUser[],
  regionIds: ReadonlyMap<string, string>,
  passwordHash: string,
): Promise<Map<string, string>> {
  const saved = await tx
    .insert(users)
    .values(
      rows.map((user) => ({
        // The unique index is on the stored (lower-cased) address; see the users table.
        email: user.email.toLowerCase(),
        name: user.name,
        title: user.title,
        passwordHash,
        isPlatformAdmin: user.isPlatformAdmin ?? false,
      })),
    )
    .onConflictDoUpdate({
      target: users.email,
      set: {
        name: excluded(users.name),
        title: excluded(users.title),
        passwordHash: excluded(users.passwordHash),
        isPlatformAdmin: excluded(users.isPlatformAdmin),
        updatedAt: new Date(),
      },
    })
    .returning({ id: users.id, email: users.email });
  const userIds = new Map(saved.map((row) => [row.email, row.id]));

  const membershipRows = rows.flatMap((user) =>
    user.memberships.map((membership) => ({
      userId: lookup(userIds, user.email.toLowerCase(), "user"),
      regionId: lookup(regionIds, membership.regionSlug, "region"),
      role: membership.role,
      isLegalCounsel: membership.isLegalCounsel ?? false,
    })),
  );
  if (membershipRows.length > 0) {
    await tx
      .insert(memberships)
      .values(membershipRows)
      .onConflictDoUpdate({
        target: [memberships.userId, memberships.regionId],
        set: { role: excluded(memberships.role), isLegalCounsel: excluded(memberships.isLegalCounsel) },
      });
  }
  return userIds;
}

async function upsertSteeringGroups(
  tx: Transaction,
  groups: readonly DemoSteeringGroup[],
  collaborationIds: ReadonlyMap<string, string>,
  userIds: ReadonlyMap<string, string>,
): Promise<void> {
  const rows = groups.flatMap((group) =>
    group.members.map((member) => ({
      collaborationId: lookup(collaborationIds, group.collaborationSlug, "collaboration"),
      userId: lookup(userIds, member.email.toLowerCase(), "user"),
      role: member.role,
    })),
  );
  if (rows.length === 0) return;
  await tx
    .insert(steeringGroupMembers)
    .values(rows)
    .onConflictDoUpdate({
      target: [steeringGroupMembers.collaborationId, steeringGroupMembers.userId],
      set: { role: excluded(steeringGroupMembers.role) },
    });
}

/**
 * Inserts or refreshes the demo regions, collaborations, users, memberships and steering groups.
 * Every insert is an upsert on a unique key, so running it again changes no row counts; rows the
 * demo data does not mention (for example users invited during a demo) are left alone.
 */
export async function seedDemoData(db: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  // Hash before the transaction opens, so argon2's CPU time is not spent holding locks.
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));

  const accounts = await db.transaction(async (tx) => {
    const regionIds = await upsertRegions(tx, DEMO_REGIONS);
    const collaborationIds = await upsertCollaborations(tx, DEMO_COLLABORATIONS, regionIds);
    const userIds = await upsertUsers(tx, DEMO_USERS, regionIds, passwordHash);
    await upsertSteeringGroups(tx, DEMO_STEERING_GROUPS, collaborationIds, userIds);
    return { users: userIds.size, regions: regionIds.size, collaborations: collaborationIds.size };
  });

  // The sets are written through the app's models, which use the process's database handle and
  // open their own transactions, so they run after the accounts have committed. Imported here so
  // that loading this module does not open a database (see cli.ts).
  const [
    { database },
    { seedDemoSets, summarizeDemoSets },
    { seedDemoReuse },
    { seedDemoComments },
    { seedDemoReviews },
    { seedDemoStandards },
    { seedDemoLessons },
    { seedDemoProcurements },
  ] = await Promise.all([
    import("../../app/utils/db.server"),
    import("./demo-sets"),
    import("./demo-reuse"),
    import("./demo-comments"),
    import("./demo-reviews"),
    import("./demo-standards"),
    import("./demo-lessons"),
    import("./demo-procurements"),
  ]);
  if (database.db !== db) throw new Error("seedDemoData must be given the app's database handle (db.server)");
  await seedDemoSets();
  // Library copies, then the conversation about them, then the review round: each builds on the last.
  await seedDemoReuse();
  await seedDemoComments();
  await seedDemoReviews();
  // Standards (and the requirements' links to them), lessons (linked to requirements), then the
  // procurements that the sets and lessons belong to.
  await seedDemoStandards();
  await seedDemoLessons();
  await seedDemoProcurements();
  return { ...accounts, ...(await summarizeDemoSets()) };
}

/** Whether any region exists, so a caller can seed an empty database once and leave a used one alone. */
export async function isDatabaseSeeded(db: Database): Promise<boolean> {
  const rows = await db.select({ id: regions.id }).from(regions).limit(1);
  return rows.length > 0;
}
