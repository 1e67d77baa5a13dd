import { randomUUID } from "node:crypto";

import { eq } from "drizzle-orm";
import fc from "fast-check";
import { expect, test } from "vitest";

import { requirementSets } from "../../db/schema/requirements";
import { resolveMentions, searchMentionCandidates } from "~/models/comments.server";
import { setResource } from "~/models/requirement-sets.server";
import { buildPrincipal, loadAccess } from "~/utils/auth.server";
import { mentionToken } from "~/utils/comment-schemas";
import { db } from "~/utils/db.server";
import { can, type Visibility } from "~/utils/policy.server";

import { addMembership, addSteeringMember, createCollaboration, createRegion, createUser } from "../support/factories";
import { createSetFixture } from "../support/set-factories";

/**
 * On random worlds, the mention autocomplete and the server-side mention check offer exactly
 * the people for whom the policy's `can(set.read)` holds: never someone who cannot see the set.
 */

const VISIBILITIES: Visibility[] = ["private", "collaboration", "portal"];

const worldArbitrary = fc.record({
  /** Which of three regions take part in the collaboration. */
  collaborationRegions: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
  people: fc.array(
    fc.record({
      region: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
      role: fc.constantFrom("viewer" as const, "editor" as const, "admin" as const),
      steering: fc.boolean(),
    }),
    { minLength: 2, maxLength: 6 },
  ),
  set: fc.record({ owner: fc.integer({ min: 0, max: 2 }), visibility: fc.constantFrom(...VISIBILITIES) }),
});

test("mention candidates and accepted mentions agree with can(set.read)", async () => {
  await fc.assert(
    fc.asyncProperty(worldArbitrary, async (world) => {
      const regions = [await createRegion(), await createRegion(), await createRegion()];
      const collaboration = await createCollaboration(
        world.collaborationRegions.map((index) => regions[index]?.id ?? ""),
      );
      const people = [];
      for (const person of world.people) {
        const user = await createUser({ name: `Person ${randomUUID().slice(0, 8)}` });
        if (person.region !== null) await addMembership(user.id, regions[person.region]?.id ?? "", person.role);
        if (person.steering) await addSteeringMember(collaboration.id, user.id, "member");
        people.push(user);
      }
      const author = await createUser();
      const { setId } = await createSetFixture({
        ownerRegionId: regions[world.set.owner]?.id ?? "",
        authorId: author.id,
        sharing:
          world.set.visibility === "collaboration"
            ? { visibility: "collaboration", collaborationId: collaboration.id }
            : { visibility: world.set.visibility },
      });
      const [set] = await db.select().from(requirementSets).where(eq(requirementSets.id, setId));
      if (!set) throw new Error("no set");
      const resource = setResource(set);
      for (const person of people) {
        const principal = buildPrincipal({ id: person.id, isPlatformAdmin: false }, await loadAccess(person.id));
        const allowed = can(principal, "set.read", resource);
        const offered = await searchMentionCandidates({ setId, query: person.name, excludeUserId: author.id });
        expect(offered.some((candidate) => candidate.id === person.id)).toBe(allowed);
        const mentioned = await resolveMentions(db, { setId, body: mentionToken(person.name, person.id) });
        expect(mentioned.userIds.includes(person.id)).toBe(allowed);
      }
    }),
    { numRuns: 8 },
  );
});
