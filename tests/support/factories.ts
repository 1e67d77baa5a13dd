import { randomUUID } from "node:crypto";

import {
  collaborationRegions,
  collaborations,
  memberships,
  regions,
  steeringGroupMembers,
  users,
} from "../../db/schema/accounts";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import type { RegionRole, SteeringRole } from "~/utils/policy.server";
import { createSession, generateSessionToken, sessionCookieName } from "~/utils/session.server";

/** Test data builders: each test makes what it needs, with unique names, and nothing else. */

export const TEST_PASSWORD = "korrekt-häst-batteri-häftklammer";
let cachedHash: Promise<string> | undefined;
/** Hashing costs ~0.1 s, so factories share one hash of TEST_PASSWORD. */
export function testPasswordHash(): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createRegion(overrides: { name?: string } = {}) {
  const slug = unique("region");
  const [region] = await db
    .insert(regions)
    .values({ name: overrides.name ?? `Region ${slug}`, shortName: slug, slug })
    .returning();
  if (!region) throw new Error("no region");
  return region;
}

export async function createUser(
  overrides: { email?: string; name?: string; isPlatformAdmin?: boolean; password?: string } = {},
) {
  const email = overrides.email ?? `${unique("user")}@test.example.se`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      name: overrides.name ?? `Test ${email.split("@")[0]}`,
      passwordHash: overrides.password ? await hashPassword(overrides.password) : await testPasswordHash(),
      isPlatformAdmin: overrides.isPlatformAdmin ?? false,
    })
    .returning();
  if (!user) throw new Error("no user");
  return user;
}

export async function addMembership(userId: string, regionId: string, role: RegionRole, isLegalCounsel = false) {
  await db.insert(memberships).values({ userId, regionId, role, isLegalCounsel });
}

export async function createMember(regionId: string, role: RegionRole) {
  const user = await createUser();
  await addMembership(user.id, regionId, role);
  return user;
}

export async function createCollaboration(regionIds: string[]) {
  const slug = unique("collab");
  const [collaboration] = await db
    .insert(collaborations)
    .values({ name: `Samverkan ${slug}`, slug })
    .returning();
  if (!collaboration) throw new Error("no collaboration");
  if (regionIds.length > 0) {
    await db
      .insert(collaborationRegions)
      .values(regionIds.map((regionId) => ({ collaborationId: collaboration.id, regionId })));
  }
  return collaboration;
}

export async function addSteeringMember(collaborationId: string, userId: string, role: SteeringRole) {
  await db.insert(steeringGroupMembers).values({ collaborationId, userId, role });
}

/** A signed-in session for `userId`, as the Cookie header a browser would send. */
export async function signInAs(userId: string, currentRegionId: string | null = null) {
  const token = generateSessionToken();
  const session = await createSession({ token, userId, currentRegionId, ipAddress: "127.0.0.1", userAgent: "vitest" });
  return { token, session, cookie: `${sessionCookieName()}=${token}` };
}
