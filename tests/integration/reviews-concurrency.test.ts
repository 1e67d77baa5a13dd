import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";

import { reviewInvitations, reviewRounds } from "../../db/schema/reviews";
import { swedishToday } from "~/components/review-forms";
import { decideReview, openReviewRound } from "~/models/reviews.server";
import { db } from "~/utils/db.server";

import { createCollaboration, createMember, createRegion } from "../support/factories";
import { createSetFixture } from "../support/set-factories";

import { baselinesOf, changesOf, setRow, TEST_REQUEST } from "./set-helpers";

/**
 * Reviewers deciding at the same moment: the round row is locked, so exactly one of them sees
 * every required reviewer approved and approves the set; nobody misses it and nothing happens
 * twice. All decisions start together (Promise.all), so on PostgreSQL they really overlap.
 */

async function roundWithReviewers(count: number) {
  const owner = await createRegion();
  const other = await createRegion();
  const collaboration = await createCollaboration([owner.id, other.id]);
  const editor = await createMember(owner.id, "editor");
  const reviewers = [];
  for (let index = 0; index < count; index += 1) reviewers.push(await createMember(other.id, "viewer"));
  const { setId } = await createSetFixture({
    ownerRegionId: owner.id,
    authorId: editor.id,
    sharing: { visibility: "collaboration", collaborationId: collaboration.id },
  });
  const set = await setRow(setId);
  const opened = await openReviewRound({
    setId,
    baseVersion: set.version,
    dueDate: swedishToday(),
    message: "",
    reviewers: reviewers.map((reviewer) => ({ userId: reviewer.id, required: true })),
    actorUserId: editor.id,
    language: "sv",
    request: TEST_REQUEST,
  });
  if (opened.status !== "opened") throw new Error(opened.status);
  return { setId, roundId: opened.roundId, reviewers };
}

function approveAll(setId: string, roundId: string, userIds: string[]) {
  return Promise.all(
    userIds.map((userId) =>
      decideReview({
        setId,
        roundId,
        userId,
        decision: "approve",
        comment: "",
        baseVersion: 1,
        language: "sv",
        request: TEST_REQUEST,
      }),
    ),
  );
}

async function expectApprovedOnce(setId: string, roundId: string) {
  const [round] = await db.select().from(reviewRounds).where(eq(reviewRounds.id, roundId));
  expect(round?.status).toBe("approved");
  expect((await setRow(setId)).status).toBe("approved");
  expect((await baselinesOf(setId)).filter((baseline) => baseline.kind === "approved")).toHaveLength(1);
  const toApproved = (await changesOf(setId, "status")).filter(
    (change) => (change.changes as { status?: { new?: string } } | null)?.status?.new === "approved",
  );
  expect(toApproved).toHaveLength(1);
}

test("the last two required reviewers approve at once: the set is approved exactly once", async () => {
  const { setId, roundId, reviewers } = await roundWithReviewers(2);
  const results = await approveAll(
    setId,
    roundId,
    reviewers.map((reviewer) => reviewer.id),
  );
  expect(results.map((result) => result.status)).toEqual(["saved", "saved"]);
  expect(results.filter((result) => result.status === "saved" && result.roundApproved)).toHaveLength(1);
  await expectApprovedOnce(setId, roundId);
});

test("twenty required reviewers approve at once: one of them closes the round, none misses it", async () => {
  const { setId, roundId, reviewers } = await roundWithReviewers(20);
  const results = await approveAll(
    setId,
    roundId,
    reviewers.map((reviewer) => reviewer.id),
  );
  expect(results.every((result) => result.status === "saved")).toBe(true);
  expect(results.filter((result) => result.status === "saved" && result.roundApproved)).toHaveLength(1);
  await expectApprovedOnce(setId, roundId);
  const decided = await db
    .select()
    .from(reviewInvitations)
    .where(and(eq(reviewInvitations.roundId, roundId), eq(reviewInvitations.decision, "approve")));
  expect(decided).toHaveLength(20);
});

test("one reviewer's double submit from the same version: one lands, the other is a conflict", async () => {
  const { setId, roundId, reviewers } = await roundWithReviewers(2);
  const reviewer = reviewers[0];
  if (!reviewer) throw new Error("no reviewer");
  const results = await approveAll(setId, roundId, [reviewer.id, reviewer.id]);
  expect(results.map((result) => result.status).sort()).toEqual(["conflict", "saved"]);
  expect((await setRow(setId)).status).toBe("in_review");
});
