import { and, asc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { notifications } from "../../db/schema/notifications";
import { baselineEstablishments, reviewInvitations, reviewRounds } from "../../db/schema/reviews";
import { swedishToday } from "~/components/review-forms";
import { setNotificationPreferences } from "~/models/notifications.server";
import { changeSetStatus } from "~/models/requirement-sets.server";
import {
  closeReviewRound,
  decideReview,
  establishBaseline,
  listReviewerCandidates,
  openReviewRound,
  type ReviewDecision,
} from "~/models/reviews.server";
import { loader as baselinePageLoader } from "~/routes/sets.$setId.baselines.$baselineId";
import { loader as baselinesLoader } from "~/routes/sets.$setId.baselines._index";
import { action as roundAction, loader as roundLoader } from "~/routes/sets.$setId.reviews.$roundId";
import { action as reviewsAction, loader as reviewsLoader } from "~/routes/sets.$setId.reviews._index";
import { db } from "~/utils/db.server";

import {
  addMembership,
  addSteeringMember,
  createCollaboration,
  createMember,
  createRegion,
  createUser,
  signInAs,
} from "../support/factories";
import { buildRequest, callRoute } from "../support/requests";
import { createSetFixture } from "../support/set-factories";

import { auditRows, errorsOf, expectRedirect } from "./route-helpers";
import { baselinesOf, setRow, TEST_REQUEST } from "./set-helpers";

/**
 * Review rounds (granskning/remiss) and fastställelse: the state machine through the model, and
 * permissions, validation, notifications and what the pages show through the real routes.
 */

/** A set of region A shared with collaboration AB, and the people around it. */
async function sharedSet() {
  const regionA = await createRegion();
  const regionB = await createRegion();
  const outsider = await createRegion();
  const collaboration = await createCollaboration([regionA.id, regionB.id]);
  const editor = await createMember(regionA.id, "editor");
  const otherEditor = await createMember(regionA.id, "editor");
  const admin = await createMember(regionA.id, "admin");
  const viewer = await createMember(regionA.id, "viewer");
  const legal = await createUser();
  await addMembership(legal.id, regionA.id, "viewer", true);
  const steering = await createUser();
  await addMembership(steering.id, outsider.id, "viewer");
  await addSteeringMember(collaboration.id, steering.id, "member");
  const memberB = await createMember(regionB.id, "viewer");
  const hidden = await createMember(outsider.id, "editor");
  const fixture = await createSetFixture({
    ownerRegionId: regionA.id,
    authorId: editor.id,
    sharing: { visibility: "collaboration", collaborationId: collaboration.id },
  });
  return {
    regionA,
    regionB,
    collaboration,
    editor,
    otherEditor,
    admin,
    viewer,
    legal,
    steering,
    memberB,
    hidden,
    ...fixture,
  };
}

type Fixture = Awaited<ReturnType<typeof sharedSet>>;

function daysFromToday(days: number): string {
  const date = new Date(`${swedishToday()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function openRound(
  fixture: Fixture,
  reviewers: Array<{ userId: string; required: boolean }>,
  dueDate = daysFromToday(14),
) {
  const set = await setRow(fixture.setId);
  const result = await openReviewRound({
    setId: fixture.setId,
    baseVersion: set.version,
    dueDate,
    message: "Granska gärna kapitel 2 särskilt.",
    reviewers,
    actorUserId: fixture.editor.id,
    language: "sv",
    request: TEST_REQUEST,
  });
  if (result.status !== "opened") throw new Error(`round not opened: ${result.status}`);
  return result.roundId;
}

async function invitationVersion(roundId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ version: reviewInvitations.version })
    .from(reviewInvitations)
    .where(and(eq(reviewInvitations.roundId, roundId), eq(reviewInvitations.userId, userId)));
  if (!row) throw new Error("not invited");
  return row.version;
}

async function decide(fixture: Fixture, roundId: string, userId: string, decision: ReviewDecision, comment = "") {
  return decideReview({
    setId: fixture.setId,
    roundId,
    userId,
    decision,
    comment,
    baseVersion: await invitationVersion(roundId, userId),
    language: "sv",
    request: TEST_REQUEST,
  });
}

async function roundRow(roundId: string) {
  const [row] = await db.select().from(reviewRounds).where(eq(reviewRounds.id, roundId));
  if (!row) throw new Error("no round");
  return row;
}

async function notificationsOf(userId: string, kind: "review_requested" | "review_decision") {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)))
    .orderBy(asc(notifications.createdAt));
}

function openForm(fixture: Fixture, version: number, overrides: Record<string, string | string[]> = {}) {
  return {
    intent: "open",
    baseVersion: String(version),
    dueDate: daysFromToday(10),
    message: "Synpunkter senast om tio dagar.",
    reviewers: [fixture.steering.id, fixture.legal.id],
    required: [fixture.steering.id, fixture.legal.id],
    ...overrides,
  };
}

async function post(
  handler: typeof reviewsAction | typeof roundAction,
  path: string,
  userId: string,
  form: Record<string, string | string[]>,
  params: Record<string, string>,
) {
  const { cookie } = await signInAs(userId);
  return callRoute(handler, buildRequest(path, { method: "POST", cookie, form }), params);
}

async function get(
  handler: typeof reviewsLoader | typeof roundLoader,
  path: string,
  userId: string,
  params: Record<string, string>,
) {
  const { cookie } = await signInAs(userId);
  return callRoute(handler, buildRequest(path, { cookie }), params);
}

describe("state machine", () => {
  test("opening a round sends the set to review, freezes the review baseline and invites the reviewers", async () => {
    const fixture = await sharedSet();
    const before = await setRow(fixture.setId);
    const roundId = await openRound(fixture, [
      { userId: fixture.steering.id, required: true },
      { userId: fixture.memberB.id, required: false },
    ]);
    const set = await setRow(fixture.setId);
    expect(set.status).toBe("in_review");
    expect(set.version).toBe(before.version + 1);
    const round = await roundRow(roundId);
    expect(round.status).toBe("open");
    const review = (await baselinesOf(fixture.setId)).find((baseline) => baseline.id === round.baselineId);
    expect(review).toMatchObject({ kind: "review", name: "Skickad på granskning" });
    const invitations = await db.select().from(reviewInvitations).where(eq(reviewInvitations.roundId, roundId));
    expect(invitations.map((row) => [row.userId, row.role, row.required]).sort()).toEqual(
      [
        [fixture.steering.id, "steering", true],
        [fixture.memberB.id, "other_region", false],
      ].sort(),
    );
    expect(await auditRows("review.opened")).toEqual(
      expect.arrayContaining([expect.objectContaining({ targetId: roundId, actorUserId: fixture.editor.id })]),
    );
  });

  test("when every required reviewer approves the round and the set are approved; an optional silence does not block", async () => {
    const fixture = await sharedSet();
    const roundId = await openRound(fixture, [
      { userId: fixture.steering.id, required: true },
      { userId: fixture.legal.id, required: true },
      { userId: fixture.memberB.id, required: false },
    ]);
    expect(await decide(fixture, roundId, fixture.steering.id, "approve")).toEqual({
      status: "saved",
      roundApproved: false,
    });
    expect((await setRow(fixture.setId)).status).toBe("in_review");
    expect(await decide(fixture, roundId, fixture.legal.id, "approve", "Juridiskt granskad.")).toEqual({
      status: "saved",
      roundApproved: true,
    });
    expect((await roundRow(roundId)).status).toBe("approved");
    expect((await setRow(fixture.setId)).status).toBe("approved");
    const approved = (await baselinesOf(fixture.setId)).filter((baseline) => baseline.kind === "approved");
    expect(approved).toHaveLength(1);
    // The round is closed: the optional reviewer can no longer answer.
    expect((await decide(fixture, roundId, fixture.memberB.id, "approve")).status).toBe("closed");
  });

  test("a reviewer can change a decision while the round is open; a stale version is a conflict", async () => {
    const fixture = await sharedSet();
    const roundId = await openRound(fixture, [
      { userId: fixture.steering.id, required: true },
      { userId: fixture.legal.id, required: true },
    ]);
    const first = await invitationVersion(roundId, fixture.legal.id);
    await decide(fixture, roundId, fixture.legal.id, "request_changes", "Avsnitt 3 saknar PDL-stöd.");
    const stale = await decideReview({
      setId: fixture.setId,
      roundId,
      userId: fixture.legal.id,
      decision: "approve",
      comment: "",
      baseVersion: first,
      language: "sv",
      request: TEST_REQUEST,
    });
    expect(stale).toEqual({
      status: "conflict",
      current: { decision: "request_changes", comment: "Avsnitt 3 saknar PDL-stöd.", version: first + 1 },
    });
    await decide(fixture, roundId, fixture.steering.id, "approve");
    expect((await setRow(fixture.setId)).status).toBe("in_review");
    expect(await decide(fixture, roundId, fixture.legal.id, "approve", "Åtgärdat.")).toEqual({
      status: "saved",
      roundApproved: true,
    });
    expect((await setRow(fixture.setId)).status).toBe("approved");
  });

  test("changes requested: the owner closes the round and the set is a draft again", async () => {
    const fixture = await sharedSet();
    const roundId = await openRound(fixture, [{ userId: fixture.steering.id, required: true }]);
    let round = await roundRow(roundId);
    // Nobody asked for changes yet: closing as changes_requested is refused.
    expect(
      await closeReviewRound({
        setId: fixture.setId,
        roundId,
        baseVersion: round.version,
        outcome: "changes_requested",
        actorUserId: fixture.editor.id,
        language: "sv",
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "no-changes-requested" });
    await decide(fixture, roundId, fixture.steering.id, "request_changes", "Lägg till krav på loggning.");
    round = await roundRow(roundId);
    expect(round.status).toBe("open");
    const closed = await closeReviewRound({
      setId: fixture.setId,
      roundId,
      baseVersion: round.version,
      outcome: "changes_requested",
      actorUserId: fixture.editor.id,
      language: "sv",
      request: TEST_REQUEST,
    });
    expect(closed).toEqual({ status: "closed" });
    expect((await roundRow(roundId)).status).toBe("changes_requested");
    expect((await setRow(fixture.setId)).status).toBe("draft");
    expect(await auditRows("review.decided")).toEqual(
      expect.arrayContaining([expect.objectContaining({ targetId: roundId, actorUserId: fixture.steering.id })]),
    );
    expect(await auditRows("review.closed")).toEqual(
      expect.arrayContaining([expect.objectContaining({ targetId: roundId, actorUserId: fixture.editor.id })]),
    );
    // A new round can be opened on the reworked draft.
    await openRound(fixture, [{ userId: fixture.steering.id, required: true }]);
    expect((await setRow(fixture.setId)).status).toBe("in_review");
  });

  test("cancel: the round is cancelled and the set goes back to draft; a stale round version is a conflict", async () => {
    const fixture = await sharedSet();
    const roundId = await openRound(fixture, [{ userId: fixture.steering.id, required: true }]);
    const round = await roundRow(roundId);
    await decide(fixture, roundId, fixture.steering.id, "request_changes", "Ett förslag.");
    const args = {
      setId: fixture.setId,
      roundId,
      outcome: "cancelled" as const,
      actorUserId: fixture.editor.id,
      language: "sv" as const,
      request: TEST_REQUEST,
    };
    expect(await closeReviewRound({ ...args, baseVersion: round.version })).toEqual({ status: "conflict" });
    expect(await closeReviewRound({ ...args, baseVersion: round.version + 1 })).toEqual({ status: "closed" });
    expect((await roundRow(roundId)).status).toBe("cancelled");
    expect((await setRow(fixture.setId)).status).toBe("draft");
    expect(await closeReviewRound({ ...args, baseVersion: round.version + 2 })).toEqual({ status: "not-open" });
  });

  test("only one open round per set, only from a draft, and a stale set version is a conflict", async () => {
    const fixture = await sharedSet();
    const set = await setRow(fixture.setId);
    const base = {
      setId: fixture.setId,
      dueDate: daysFromToday(3),
      message: "",
      reviewers: [{ userId: fixture.steering.id, required: true }],
      actorUserId: fixture.editor.id,
      language: "sv" as const,
      request: TEST_REQUEST,
    };
    expect(await openReviewRound({ ...base, baseVersion: set.version + 5 })).toEqual({ status: "conflict" });
    expect((await openReviewRound({ ...base, baseVersion: set.version })).status).toBe("opened");
    expect(await openReviewRound({ ...base, baseVersion: set.version + 1 })).toEqual({ status: "round-open" });
  });

  test("a set sent to review without a round gets its round on that review baseline; an approved set none", async () => {
    const fixture = await sharedSet();
    const before = await setRow(fixture.setId);
    const submitted = await changeSetStatus({
      setId: fixture.setId,
      baseVersion: before.version,
      transition: "submit_review",
      actorUserId: fixture.editor.id,
      language: "sv",
    });
    if (submitted.status !== "saved") throw new Error("not submitted");
    const reviewBaseline = (await baselinesOf(fixture.setId)).find((baseline) => baseline.kind === "review");
    const roundId = await openRound(fixture, [{ userId: fixture.steering.id, required: true }]);
    expect((await roundRow(roundId)).baselineId).toBe(reviewBaseline?.id);
    expect(await setRow(fixture.setId)).toMatchObject({ status: "in_review", version: submitted.version });
    expect((await baselinesOf(fixture.setId)).filter((baseline) => baseline.kind === "review")).toHaveLength(1);

    await decide(fixture, roundId, fixture.steering.id, "approve");
    const approved = await setRow(fixture.setId);
    expect(approved.status).toBe("approved");
    const again = await openReviewRound({
      setId: fixture.setId,
      baseVersion: approved.version,
      dueDate: daysFromToday(3),
      message: "",
      reviewers: [{ userId: fixture.steering.id, required: true }],
      actorUserId: fixture.editor.id,
      language: "sv",
      request: TEST_REQUEST,
    });
    expect(again).toEqual({ status: "not-reviewable" });
  });

  test("a reviewer who cannot see the set is refused when opening", async () => {
    const fixture = await sharedSet();
    const set = await setRow(fixture.setId);
    const result = await openReviewRound({
      setId: fixture.setId,
      baseVersion: set.version,
      dueDate: daysFromToday(3),
      message: "",
      reviewers: [{ userId: fixture.hidden.id, required: true }],
      actorUserId: fixture.editor.id,
      language: "sv",
      request: TEST_REQUEST,
    });
    expect(result).toEqual({ status: "invalid-reviewers", userIds: [fixture.hidden.id] });
    expect((await setRow(fixture.setId)).status).toBe("draft");
  });

  test("candidates are grouped by why they are suggested, and only people who can see the set", async () => {
    const fixture = await sharedSet();
    const candidates = await listReviewerCandidates({ setId: fixture.setId, actorUserId: fixture.editor.id });
    const roleOf = new Map(candidates.map((candidate) => [candidate.userId, candidate.role]));
    expect(roleOf.get(fixture.steering.id)).toBe("steering");
    expect(roleOf.get(fixture.legal.id)).toBe("legal");
    expect(roleOf.get(fixture.viewer.id)).toBe("colleague");
    expect(roleOf.get(fixture.admin.id)).toBe("colleague");
    expect(roleOf.get(fixture.memberB.id)).toBe("other_region");
    expect(roleOf.has(fixture.hidden.id)).toBe(false);
    expect(roleOf.has(fixture.editor.id)).toBe(false);
    expect(candidates.map((candidate) => candidate.role)).toEqual(
      [...candidates.map((candidate) => candidate.role)].sort(
        (a, b) =>
          ["steering", "legal", "colleague", "other_region"].indexOf(a) -
          ["steering", "legal", "colleague", "other_region"].indexOf(b),
      ),
    );
  });
});

describe("notifications", () => {
  test("invitees are told of the round; the creator and owner editors of each decision, grouped by round", async () => {
    const fixture = await sharedSet();
    const roundId = await openRound(fixture, [
      { userId: fixture.steering.id, required: true },
      { userId: fixture.legal.id, required: true },
    ]);
    for (const userId of [fixture.steering.id, fixture.legal.id]) {
      const [requested] = await notificationsOf(userId, "review_requested");
      expect(requested).toMatchObject({
        setId: fixture.setId,
        groupKey: `review:${roundId}`,
        link: `/sets/${fixture.setId}/reviews/${roundId}`,
      });
      expect(requested?.params).toMatchObject({ set: "Testuppsättning" });
    }
    expect(await notificationsOf(fixture.editor.id, "review_requested")).toEqual([]);

    await decide(fixture, roundId, fixture.steering.id, "request_changes", "Saknar krav på loggning.");
    await decide(fixture, roundId, fixture.legal.id, "approve");
    // The creator and the other owner editors and admins hear of both decisions, as one notification.
    for (const userId of [fixture.editor.id, fixture.otherEditor.id, fixture.admin.id]) {
      const decisions = await notificationsOf(userId, "review_decision");
      expect(decisions).toHaveLength(1);
      expect(decisions[0]).toMatchObject({ count: 2, groupKey: `review:${roundId}` });
    }
    // Viewers of the owner region are not told of decisions.
    expect(await notificationsOf(fixture.viewer.id, "review_decision")).toEqual([]);
  });

  test("a reviewer who turned review requests off gets none", async () => {
    const fixture = await sharedSet();
    await setNotificationPreferences({
      userId: fixture.legal.id,
      preferences: {
        review_requested: "off",
        review_decision: "on",
        comment: "on",
        mention: "on",
        source_changed: "on",
      },
    });
    await openRound(fixture, [
      { userId: fixture.steering.id, required: true },
      { userId: fixture.legal.id, required: true },
    ]);
    expect(await notificationsOf(fixture.legal.id, "review_requested")).toEqual([]);
    expect(await notificationsOf(fixture.steering.id, "review_requested")).toHaveLength(1);
  });
});

describe("fastställelse", () => {
  async function approvedSet() {
    const fixture = await sharedSet();
    const roundId = await openRound(fixture, [{ userId: fixture.steering.id, required: true }]);
    await decide(fixture, roundId, fixture.steering.id, "approve");
    return { ...fixture, roundId };
  }

  test("the steering group establishes the approved baseline once; it shows on the round and baseline pages", async () => {
    const fixture = await approvedSet();
    const path = `/sets/${fixture.setId}/reviews/${fixture.roundId}`;
    const params = { setId: fixture.setId, roundId: fixture.roundId };
    const form = { intent: "establish", decisionReference: "Styrgruppen 3R 2026-11-20 § 4", decidedOn: swedishToday() };
    const page = await get(roundLoader, path, fixture.steering.id, params);
    expect(page.body).toMatchObject({ canEstablish: true, establishment: null });

    expectRedirect(await post(roundAction, path, fixture.steering.id, form, params), path);
    const [stored] = await db.select().from(baselineEstablishments);
    const approved = (await baselinesOf(fixture.setId)).find((baseline) => baseline.kind === "approved");
    expect(stored).toBeDefined();
    const [mine] = await db
      .select()
      .from(baselineEstablishments)
      .where(eq(baselineEstablishments.baselineId, approved?.id ?? ""));
    expect(mine).toMatchObject({
      collaborationId: fixture.collaboration.id,
      decisionReference: "Styrgruppen 3R 2026-11-20 § 4",
      decidedOn: swedishToday(),
      establishedByUserId: fixture.steering.id,
    });
    expect(await auditRows("baseline.established")).toEqual(
      expect.arrayContaining([expect.objectContaining({ targetId: approved?.id })]),
    );

    // Once only: a second attempt is told so, and nothing changes.
    const again = await post(
      roundAction,
      path,
      fixture.steering.id,
      { ...form, decisionReference: "Annat beslut" },
      params,
    );
    expect(again.status).toBe(409);
    expect(errorsOf(again.body)).toEqual(["reviews.establish.already"]);

    const establishment = {
      decisionReference: "Styrgruppen 3R 2026-11-20 § 4",
      collaborationName: fixture.collaboration.name,
    };
    expect((await get(roundLoader, path, fixture.memberB.id, params)).body).toMatchObject({
      canEstablish: false,
      establishment,
    });
    const baselineParams = { setId: fixture.setId, baselineId: approved?.id ?? "" };
    const baselinePage = await callRoute(
      baselinePageLoader,
      buildRequest(`/sets/${fixture.setId}/baselines/${approved?.id}`, {
        cookie: (await signInAs(fixture.viewer.id)).cookie,
      }),
      baselineParams,
    );
    expect(baselinePage.body).toMatchObject({ establishment });
    const list = await callRoute(
      baselinesLoader,
      buildRequest(`/sets/${fixture.setId}/baselines`, { cookie: (await signInAs(fixture.viewer.id)).cookie }),
      { setId: fixture.setId },
    );
    const rows = (list.body as { baselines: Array<{ id: string; establishment: unknown }> }).baselines;
    expect(rows.find((row) => row.id === approved?.id)?.establishment).toMatchObject(establishment);
    expect(rows.filter((row) => row.establishment !== null)).toHaveLength(1);
  });

  test("only steering members establish, and only an approved set", async () => {
    const fixture = await sharedSet();
    const path = `/sets/${fixture.setId}/reviews`;
    const params = { setId: fixture.setId };
    const form = { intent: "establish", decisionReference: "Styrgruppen 2026-11-20 § 4", decidedOn: swedishToday() };
    // A draft: even the steering group may not.
    expect((await post(reviewsAction, path, fixture.steering.id, form, params)).status).toBe(403);
    const roundId = await openRound(fixture, [{ userId: fixture.steering.id, required: true }]);
    await decide(fixture, roundId, fixture.steering.id, "approve");
    for (const user of [fixture.editor, fixture.admin, fixture.memberB]) {
      expect((await post(reviewsAction, path, user.id, form, params)).status).toBe(403);
    }
    expect((await post(reviewsAction, path, fixture.hidden.id, form, params)).status).toBe(404);
    const missing = await post(reviewsAction, path, fixture.steering.id, { ...form, decisionReference: " " }, params);
    expect(missing.status).toBe(400);
    expect(errorsOf(missing.body, "decisionReference")).toEqual(["validation.required"]);
    const future = await post(
      reviewsAction,
      path,
      fixture.steering.id,
      { ...form, decidedOn: daysFromToday(2) },
      params,
    );
    expect(future.status).toBe(400);
    expect(errorsOf(future.body, "decidedOn")).toEqual(["reviews.decidedOnFuture"]);
    expect(
      await db
        .select()
        .from(baselineEstablishments)
        .where(eq(baselineEstablishments.collaborationId, fixture.collaboration.id)),
    ).toEqual([]);
    expectRedirect(await post(reviewsAction, path, fixture.steering.id, form, params), path);
    const page = await get(reviewsLoader, path, fixture.viewer.id, params);
    expect(page.body).toMatchObject({ establish: { establishment: { decisionReference: form.decisionReference } } });
  });

  test("the model refuses a set that is not approved", async () => {
    const fixture = await sharedSet();
    expect(
      await establishBaseline({
        setId: fixture.setId,
        decisionReference: "Beslut",
        decidedOn: swedishToday(),
        actorUserId: fixture.steering.id,
        request: TEST_REQUEST,
      }),
    ).toEqual({ status: "not-approved" });
  });
});

describe("routes", () => {
  test("an owner editor opens a round from the form; the list shows it with its counts", async () => {
    const fixture = await sharedSet();
    const path = `/sets/${fixture.setId}/reviews`;
    const params = { setId: fixture.setId };
    const page = await get(reviewsLoader, path, fixture.editor.id, params);
    expect(page.body).toMatchObject({ canOpen: true });
    const candidates = (page.body as { candidates: Array<{ userId: string }> }).candidates;
    expect(candidates.map((candidate) => candidate.userId)).toContain(fixture.steering.id);
    const version = (await setRow(fixture.setId)).version;

    const result = await post(
      reviewsAction,
      path,
      fixture.editor.id,
      openForm(fixture, version, { reviewers: [fixture.steering.id, fixture.legal.id, fixture.memberB.id] }),
      params,
    );
    expect(result.status).toBe(302);
    const [round] = await db.select().from(reviewRounds).where(eq(reviewRounds.setId, fixture.setId));
    expect(result.headers.get("Location")).toBe(`/sets/${fixture.setId}/reviews/${round?.id}`);
    const invitations = await db
      .select()
      .from(reviewInvitations)
      .where(eq(reviewInvitations.roundId, round?.id ?? ""));
    expect(
      invitations
        .filter((row) => row.required)
        .map((row) => row.userId)
        .sort(),
    ).toEqual([fixture.steering.id, fixture.legal.id].sort());

    const list = await get(reviewsLoader, path, fixture.memberB.id, params);
    expect(list.body).toMatchObject({
      canOpen: false,
      rounds: [{ status: "open", invited: 3, answered: 0, required: 2, requiredApproved: 0, overdue: false }],
    });
  });

  test("a stale set version gives 409 and nothing is saved", async () => {
    const fixture = await sharedSet();
    const version = (await setRow(fixture.setId)).version;
    const result = await post(
      reviewsAction,
      `/sets/${fixture.setId}/reviews`,
      fixture.editor.id,
      openForm(fixture, version - 1 > 0 ? version - 1 : version + 1),
      { setId: fixture.setId },
    );
    expect(result.status).toBe(409);
    expect(errorsOf(result.body)).toEqual(["reviews.conflict"]);
    expect(await db.select().from(reviewRounds).where(eq(reviewRounds.setId, fixture.setId))).toEqual([]);
    expect((await setRow(fixture.setId)).status).toBe("draft");
  });

  test("bad input: a past due date, no reviewers, none required; each a translated field error and nothing saved", async () => {
    const fixture = await sharedSet();
    const version = (await setRow(fixture.setId)).version;
    const send = (overrides: Record<string, string | string[]>) =>
      post(reviewsAction, `/sets/${fixture.setId}/reviews`, fixture.editor.id, openForm(fixture, version, overrides), {
        setId: fixture.setId,
      });
    const past = await send({ dueDate: daysFromToday(-1) });
    expect(past.status).toBe(400);
    expect(errorsOf(past.body, "dueDate")).toEqual(["reviews.dueDatePast"]);
    const nonsense = await send({ dueDate: "2026-02-30" });
    expect(errorsOf(nonsense.body, "dueDate")).toEqual(["reviews.dueDateInvalid"]);
    const nobody = await send({ reviewers: [], required: [] });
    expect(nobody.status).toBe(400);
    expect(errorsOf(nobody.body, "reviewers")).toEqual(["reviews.noReviewers"]);
    const noneRequired = await send({ required: [] });
    expect(errorsOf(noneRequired.body, "reviewers")).toEqual(["reviews.noRequiredReviewer"]);
    const hidden = await send({ reviewers: [fixture.hidden.id], required: [fixture.hidden.id] });
    expect(hidden.status).toBe(400);
    expect(errorsOf(hidden.body, "reviewers")).toEqual(["reviews.reviewerInvalid"]);
    // Today is fine.
    const today = await send({ dueDate: swedishToday() });
    expect(today.status).toBe(302);
    expect(await db.select().from(reviewRounds).where(eq(reviewRounds.setId, fixture.setId))).toHaveLength(1);
  });

  test("who may open: 403 for viewers and other regions, 404 when the set is hidden", async () => {
    const fixture = await sharedSet();
    const version = (await setRow(fixture.setId)).version;
    const path = `/sets/${fixture.setId}/reviews`;
    const params = { setId: fixture.setId };
    for (const user of [fixture.viewer, fixture.legal, fixture.memberB, fixture.steering]) {
      expect((await post(reviewsAction, path, user.id, openForm(fixture, version), params)).status).toBe(403);
    }
    expect((await post(reviewsAction, path, fixture.hidden.id, openForm(fixture, version), params)).status).toBe(404);
    expect((await get(reviewsLoader, path, fixture.hidden.id, params)).status).toBe(404);
    expect((await get(reviewsLoader, path, fixture.viewer.id, params)).body).toMatchObject({
      canOpen: false,
      candidates: [],
    });
  });

  test("decisions: only invitees, comment required when requesting changes, hidden set 404", async () => {
    const fixture = await sharedSet();
    const roundId = await openRound(fixture, [
      { userId: fixture.steering.id, required: true },
      { userId: fixture.memberB.id, required: false },
    ]);
    const path = `/sets/${fixture.setId}/reviews/${roundId}`;
    const params = { setId: fixture.setId, roundId };
    const version = String(await invitationVersion(roundId, fixture.memberB.id));
    const form = { intent: "decide", decision: "approve", comment: "", baseVersion: version };
    // Not invited: the owner's admin and a colleague may see the round but not decide.
    expect((await post(roundAction, path, fixture.admin.id, form, params)).status).toBe(403);
    expect((await post(roundAction, path, fixture.viewer.id, form, params)).status).toBe(403);
    expect((await post(roundAction, path, fixture.hidden.id, form, params)).status).toBe(404);
    expect((await get(roundLoader, path, fixture.hidden.id, params)).status).toBe(404);
    // A round id of another set is 404 too.
    const other = await sharedSet();
    expect(
      (
        await get(roundLoader, `/sets/${other.setId}/reviews/${roundId}`, other.editor.id, {
          setId: other.setId,
          roundId,
        })
      ).status,
    ).toBe(404);

    const noComment = await post(
      roundAction,
      path,
      fixture.memberB.id,
      { ...form, decision: "request_changes" },
      params,
    );
    expect(noComment.status).toBe(400);
    expect(errorsOf(noComment.body, "comment")).toEqual(["reviews.commentRequired"]);
    const noDecision = await post(roundAction, path, fixture.memberB.id, { ...form, decision: "" }, params);
    expect(errorsOf(noDecision.body, "decision")).toEqual(["reviews.decisionInvalid"]);

    expectRedirect(
      await post(
        roundAction,
        path,
        fixture.memberB.id,
        { ...form, decision: "request_changes", comment: "Kap. 2." },
        params,
      ),
      path,
    );
    // The same form again (its version is now stale): 409 with the stored answer, nothing overwritten.
    const stale = await post(roundAction, path, fixture.memberB.id, form, params);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ theirs: { decision: "request_changes", comment: "Kap. 2." } });

    const page = await get(roundLoader, path, fixture.editor.id, params);
    expect(page.body).toMatchObject({ canManage: true, mine: null });
    const invitations = (
      page.body as { invitations: Array<{ userId: string; decision: string | null; comment: string }> }
    ).invitations;
    expect(invitations.find((row) => row.userId === fixture.memberB.id)).toMatchObject({
      decision: "request_changes",
      comment: "Kap. 2.",
    });
    expect(invitations.find((row) => row.userId === fixture.steering.id)).toMatchObject({ decision: null });

    // The owner closes it as changes requested through the page; a viewer may not.
    const roundVersion = String((await roundRow(roundId)).version);
    expect(
      (await post(roundAction, path, fixture.viewer.id, { intent: "close-changes", baseVersion: roundVersion }, params))
        .status,
    ).toBe(403);
    expectRedirect(
      await post(roundAction, path, fixture.editor.id, { intent: "close-changes", baseVersion: roundVersion }, params),
      path,
    );
    expect((await roundRow(roundId)).status).toBe("changes_requested");
    expect((await setRow(fixture.setId)).status).toBe("draft");
  });

  test("an overdue open round is marked in the list", async () => {
    const fixture = await sharedSet();
    const roundId = await openRound(fixture, [{ userId: fixture.steering.id, required: true }]);
    await db
      .update(reviewRounds)
      .set({ dueDate: daysFromToday(-1) })
      .where(eq(reviewRounds.id, roundId));
    const list = await get(reviewsLoader, `/sets/${fixture.setId}/reviews`, fixture.editor.id, {
      setId: fixture.setId,
    });
    expect(list.body).toMatchObject({ rounds: [{ id: roundId, overdue: true }] });
  });
});
