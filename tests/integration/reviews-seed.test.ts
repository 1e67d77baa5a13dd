import { and, count, eq } from "drizzle-orm";
import { expect, test } from "vitest";

import { collaborations, regions, users } from "../../db/schema/accounts";
import { baselines, requirementSets } from "../../db/schema/requirements";
import { baselineEstablishments, reviewInvitations, reviewRounds } from "../../db/schema/reviews";
import { seedDemoReviews } from "../../db/seed/demo-reviews";
import { SKANE_SET_TITLE } from "../../db/seed/demo-titles";
import { seedDemoData } from "../../db/seed/seed";
import { db } from "~/utils/db.server";

// The harness gives this file a fresh, migrated database.

async function setOf(regionSlug: string, title: string) {
  const [row] = await db
    .select({ id: requirementSets.id, status: requirementSets.status, version: requirementSets.version })
    .from(requirementSets)
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(and(eq(regions.slug, regionSlug), eq(requirementSets.title, title)));
  if (!row) throw new Error(`no set ${title}`);
  return row;
}

async function counts() {
  const [rounds] = await db.select({ n: count() }).from(reviewRounds);
  const [invitations] = await db.select({ n: count() }).from(reviewInvitations);
  const [establishments] = await db.select({ n: count() }).from(baselineEstablishments);
  const [frozen] = await db.select({ n: count() }).from(baselines);
  return { rounds: rounds?.n, invitations: invitations?.n, establishments: establishments?.n, baselines: frozen?.n };
}

test("demo reviews: a round in progress on the Skåne VIS set and the Sussa fastställelse; a rerun adds nothing", async () => {
  await seedDemoData(db, { passwordHash: "x" });
  const skaneBefore = await setOf("skane", SKANE_SET_TITLE);
  expect(skaneBefore.status).toBe("in_review");
  await seedDemoReviews();

  const skane = await setOf("skane", SKANE_SET_TITLE);
  // The round reviews the baseline frozen when the set was sent; the set itself is untouched.
  expect(skane).toEqual(skaneBefore);
  const [round] = await db
    .select({ id: reviewRounds.id, status: reviewRounds.status, baselineKind: baselines.kind })
    .from(reviewRounds)
    .innerJoin(baselines, eq(baselines.id, reviewRounds.baselineId))
    .where(eq(reviewRounds.setId, skane.id));
  expect(round).toMatchObject({ status: "open", baselineKind: "review" });
  const answers = await db
    .select({ email: users.email, decision: reviewInvitations.decision, comment: reviewInvitations.comment })
    .from(reviewInvitations)
    .innerJoin(users, eq(users.id, reviewInvitations.userId))
    .where(eq(reviewInvitations.roundId, round?.id ?? ""));
  expect(answers).toHaveLength(6);
  expect(answers.filter((answer) => answer.decision === "approve").map((answer) => answer.email)).toEqual([
    "helena.bergstrom@vgr.example.se",
  ]);
  const changes = answers.filter((answer) => answer.decision === "request_changes");
  expect(changes.map((answer) => answer.email)).toEqual(["johan.berg@skane.example.se"]);
  expect(changes[0]?.comment).toMatch(/artikel 28/);

  const sussa = await setOf("sormland", "Sussa gemensam kravbild – informationssäkerhet och PDL");
  const [establishment] = await db
    .select({
      reference: baselineEstablishments.decisionReference,
      kind: baselines.kind,
      setId: baselines.setId,
      collaboration: collaborations.slug,
    })
    .from(baselineEstablishments)
    .innerJoin(baselines, eq(baselines.id, baselineEstablishments.baselineId))
    .innerJoin(collaborations, eq(collaborations.id, baselineEstablishments.collaborationId));
  expect(establishment).toEqual({
    reference: "Styrgruppen Sussa 2026-11-20 § 4",
    kind: "approved",
    setId: sussa.id,
    collaboration: "sussa",
  });

  const before = await counts();
  await seedDemoReviews();
  expect(await counts()).toEqual(before);
});
