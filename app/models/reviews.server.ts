import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import { collaborations, memberships, users } from "../../db/schema/accounts";
import { baselines, requirementSets } from "../../db/schema/requirements";
import { baselineEstablishments, reviewInvitations, reviewRounds } from "../../db/schema/reviews";
import { writeAuditEvent } from "~/utils/audit.server";
import { rowsOf, type DbOrTransaction, type Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import { REVIEWER_ROLES, type ReviewerRole } from "~/utils/review-fields";
import { visibleToUserSql } from "~/utils/policy.server";
import type { RequestInfo } from "~/utils/request.server";

import { notify } from "./notifications.server";
import { changeSetStatusInTransaction } from "./requirement-sets.server";

export type ReviewDecision = "approve" | "request_changes";
export type ReviewRoundStatus = "open" | "approved" | "changes_requested" | "cancelled";
type Language = "sv" | "en";

/** The set's review rounds, newest first, with how many have answered and how many must approve. */
export async function listReviewRounds({ setId }: { setId: string }) {
  const rows = await db
    .select({
      id: reviewRounds.id,
      status: reviewRounds.status,
      dueDate: reviewRounds.dueDate,
      createdAt: reviewRounds.createdAt,
      closedAt: reviewRounds.closedAt,
      baselineId: reviewRounds.baselineId,
      baselineName: baselines.name,
      createdByName: users.name,
      invited: sql<number>`(select count(*)::int from review_invitations ri where ri.round_id = ${reviewRounds.id})`,
      answered: sql<number>`(select count(*)::int from review_invitations ri
        where ri.round_id = ${reviewRounds.id} and ri.decision is not null)`,
      required: sql<number>`(select count(*)::int from review_invitations ri
        where ri.round_id = ${reviewRounds.id} and ri.required)`,
      requiredApproved: sql<number>`(select count(*)::int from review_invitations ri
        where ri.round_id = ${reviewRounds.id} and ri.required and ri.decision = 'approve')`,
      changesRequested: sql<number>`(select count(*)::int from review_invitations ri
        where ri.round_id = ${reviewRounds.id} and ri.decision = 'request_changes')`,
      // Due dates are Swedish calendar days.
      overdue: sql<boolean>`(${reviewRounds.status} = 'open'
        and ${reviewRounds.dueDate} < (now() at time zone 'Europe/Stockholm')::date)`,
    })
    .from(reviewRounds)
    .innerJoin(baselines, eq(baselines.id, reviewRounds.baselineId))
    .leftJoin(users, eq(users.id, reviewRounds.createdByUserId))
    .where(eq(reviewRounds.setId, setId))
    .orderBy(desc(reviewRounds.createdAt));
  return rows.map((row) => ({
    ...row,
    invited: Number(row.invited),
    answered: Number(row.answered),
    required: Number(row.required),
    requiredApproved: Number(row.requiredApproved),
    changesRequested: Number(row.changesRequested),
    overdue: Boolean(row.overdue),
  }));
}

export type ReviewerCandidate = { userId: string; name: string; regionNames: string; role: ReviewerRole };

/**
 * Who may be invited to review a set, each with why they are suggested: the steering group of the
 * collaboration it is shared with, the owner region's legal counsel, the owner region's other
 * members, and members of other regions who can see the set (the policy's rule, in SQL). The
 * person opening the round is left out; each person appears once, under the first reason.
 */
export async function listReviewerCandidates(
  { setId, actorUserId }: { setId: string; actorUserId: string },
  tx: DbOrTransaction = db,
): Promise<ReviewerCandidate[]> {
  const rows = rowsOf<{ user_id: string; name: string; region_names: string | null; role: ReviewerRole }>(
    await tx.execute(sql`
      select u.id as user_id, u.name,
        (select string_agg(r.short_name, ', ' order by r.short_name)
          from memberships m join regions r on r.id = m.region_id where m.user_id = u.id) as region_names,
        case
          when rs.visibility = 'collaboration' and exists (select 1 from steering_group_members s
            where s.user_id = u.id and s.collaboration_id = rs.collaboration_id) then 'steering'
          when exists (select 1 from memberships m
            where m.user_id = u.id and m.region_id = rs.owner_region_id and m.is_legal_counsel) then 'legal'
          when exists (select 1 from memberships m
            where m.user_id = u.id and m.region_id = rs.owner_region_id) then 'colleague'
          else 'other_region'
        end as role
      from users u, requirement_sets rs
      where rs.id = ${setId} and u.id <> ${actorUserId}
        and ${visibleToUserSql(
          {
            ownerRegionId: sql`rs.owner_region_id`,
            visibility: sql`rs.visibility`,
            collaborationId: sql`rs.collaboration_id`,
          },
          sql`u.id`,
        )}
        and (exists (select 1 from memberships m where m.user_id = u.id)
          or (rs.visibility = 'collaboration' and exists (select 1 from steering_group_members s
            where s.user_id = u.id and s.collaboration_id = rs.collaboration_id)))
      order by u.name`),
  );
  const order = new Map(REVIEWER_ROLES.map((role, index) => [role, index]));
  return rows
    .map((row) => ({ userId: row.user_id, name: row.name, regionNames: row.region_names ?? "", role: row.role }))
    .sort((a, b) => (order.get(a.role) ?? 0) - (order.get(b.role) ?? 0) || a.name.localeCompare(b.name, "sv"));
}

/** The owner region's editors and admins: they hear of every decision on their set's rounds. */
async function ownerEditorIds(tx: DbOrTransaction, ownerRegionId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.regionId, ownerRegionId), inArray(memberships.role, ["editor", "admin"])));
  return rows.map((row) => row.userId);
}

/** Locks the set row for the rest of the transaction and reads what the review steps need. */
async function lockSet(tx: Transaction, setId: string) {
  const [set] = await tx
    .select({
      id: requirementSets.id,
      title: requirementSets.title,
      status: requirementSets.status,
      version: requirementSets.version,
      ownerRegionId: requirementSets.ownerRegionId,
      visibility: requirementSets.visibility,
      collaborationId: requirementSets.collaborationId,
      archivedAt: requirementSets.archivedAt,
    })
    .from(requirementSets)
    .where(eq(requirementSets.id, setId))
    .for("update");
  return set ?? null;
}

async function userName(tx: DbOrTransaction, userId: string): Promise<string> {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "";
}

export type OpenRoundResult =
  | { status: "opened"; roundId: string }
  | { status: "conflict" }
  | { status: "round-open" }
  | { status: "not-reviewable" }
  | { status: "invalid-reviewers"; userIds: string[] };

/**
 * Sends a set for review: in one transaction a draft moves to in_review (the existing transition,
 * with its automatic "Skickad på granskning" baseline, guarded by the version the form was opened
 * at), the round points at that baseline, the reviewers are invited and told. A set already in
 * review without a round (sent from the settings page) gets its round on the review baseline that
 * was frozen then. Reviewers must be among the suggested candidates; why each was suggested is
 * stored from the server's own list, never taken from the form.
 */
export async function openReviewRound({
  setId,
  baseVersion,
  dueDate,
  message,
  reviewers,
  actorUserId,
  language,
  request,
}: {
  setId: string;
  baseVersion: number;
  dueDate: string;
  message: string;
  reviewers: ReadonlyArray<{ userId: string; required: boolean }>;
  actorUserId: string;
  language: Language;
  request: RequestInfo;
}): Promise<OpenRoundResult> {
  return db.transaction(async (tx): Promise<OpenRoundResult> => {
    const set = await lockSet(tx, setId);
    if (!set || set.version !== baseVersion) return { status: "conflict" };
    const [open] = await tx
      .select({ id: reviewRounds.id })
      .from(reviewRounds)
      .where(and(eq(reviewRounds.setId, setId), eq(reviewRounds.status, "open")));
    if (open) return { status: "round-open" };
    if (set.archivedAt !== null) return { status: "not-reviewable" };
    const candidates = new Map(
      (await listReviewerCandidates({ setId, actorUserId }, tx)).map((candidate) => [candidate.userId, candidate]),
    );
    const unknown = reviewers.filter((reviewer) => !candidates.has(reviewer.userId)).map((r) => r.userId);
    if (unknown.length > 0) return { status: "invalid-reviewers", userIds: unknown };
    const baselineId = await reviewBaseline(tx, { setId, status: set.status, baseVersion, actorUserId, language });
    if (baselineId === null) return { status: "not-reviewable" };
    const [round] = await tx
      .insert(reviewRounds)
      .values({ setId, baselineId, dueDate, message, createdByUserId: actorUserId })
      .returning({ id: reviewRounds.id });
    if (!round) throw new Error("insert returned no row");
    await tx.insert(reviewInvitations).values(
      reviewers.map((reviewer) => ({
        roundId: round.id,
        userId: reviewer.userId,
        role: candidates.get(reviewer.userId)?.role ?? "other_region",
        required: reviewer.required,
      })),
    );
    await notify(tx, {
      recipientUserIds: reviewers.map((reviewer) => reviewer.userId),
      actorUserId,
      kind: "review_requested",
      setId,
      groupKey: `review:${round.id}`,
      params: { set: set.title, actor: await userName(tx, actorUserId), due: dueDate },
      link: `/sets/${setId}/reviews/${round.id}`,
    });
    await writeAuditEvent(tx, {
      action: "review.opened",
      actorUserId,
      regionId: set.ownerRegionId,
      targetType: "review_round",
      targetId: round.id,
      details: { setId, baselineId, reviewers: reviewers.length, dueDate },
      request,
    });
    return { status: "opened", roundId: round.id };
  });
}

/**
 * The baseline a new round reviews: for a draft, the one the move to in_review freezes; for a set
 * already in review, the latest review baseline (frozen when it was sent). Null when neither.
 */
async function reviewBaseline(
  tx: Transaction,
  {
    setId,
    status,
    baseVersion,
    actorUserId,
    language,
  }: { setId: string; status: string; baseVersion: number; actorUserId: string; language: Language },
): Promise<string | null> {
  if (status === "draft") {
    const moved = await changeSetStatusInTransaction(tx, {
      setId,
      baseVersion,
      transition: "submit_review",
      actorUserId,
      language,
    });
    return moved.status === "saved" ? moved.baselineId : null;
  }
  if (status !== "in_review") return null;
  const [latest] = await tx
    .select({ id: baselines.id })
    .from(baselines)
    .where(and(eq(baselines.setId, setId), eq(baselines.kind, "review")))
    .orderBy(desc(baselines.createdAt))
    .limit(1);
  return latest?.id ?? null;
}

/** One round of a set, or null when the round belongs to another set (or does not exist). */
export async function getReviewRound({ setId, roundId }: { setId: string; roundId: string }) {
  const [round] = await db
    .select({
      id: reviewRounds.id,
      status: reviewRounds.status,
      message: reviewRounds.message,
      dueDate: reviewRounds.dueDate,
      version: reviewRounds.version,
      createdAt: reviewRounds.createdAt,
      closedAt: reviewRounds.closedAt,
      createdByUserId: reviewRounds.createdByUserId,
      createdByName: users.name,
      baselineId: reviewRounds.baselineId,
      baselineName: baselines.name,
    })
    .from(reviewRounds)
    .innerJoin(baselines, eq(baselines.id, reviewRounds.baselineId))
    .leftJoin(users, eq(users.id, reviewRounds.createdByUserId))
    .where(and(eq(reviewRounds.id, roundId), eq(reviewRounds.setId, setId)))
    .limit(1);
  if (!round) return null;
  const invitations = await db
    .select({
      id: reviewInvitations.id,
      userId: reviewInvitations.userId,
      name: users.name,
      regionNames: sql<string | null>`(select string_agg(r.short_name, ', ' order by r.short_name)
        from memberships m join regions r on r.id = m.region_id where m.user_id = ${reviewInvitations.userId})`,
      role: reviewInvitations.role,
      required: reviewInvitations.required,
      decision: reviewInvitations.decision,
      comment: reviewInvitations.comment,
      decidedAt: reviewInvitations.decidedAt,
      version: reviewInvitations.version,
    })
    .from(reviewInvitations)
    .innerJoin(users, eq(users.id, reviewInvitations.userId))
    .where(eq(reviewInvitations.roundId, roundId))
    .orderBy(asc(reviewInvitations.role), asc(users.name));
  const approvedBaseline =
    round.status === "approved" ? await approvedBaselineOfRound(db, setId, round.createdAt) : null;
  return { ...round, invitations, approvedBaseline };
}

export type ReviewRound = NonNullable<Awaited<ReturnType<typeof getReviewRound>>>;

/**
 * The "Godkänd" baseline an approved round led to: the set's first approved baseline made after
 * the round opened (it is frozen in the same transaction that closes the round).
 */
async function approvedBaselineOfRound(tx: DbOrTransaction, setId: string, openedAt: Date) {
  const [row] = await tx
    .select({ id: baselines.id, name: baselines.name })
    .from(baselines)
    .where(and(eq(baselines.setId, setId), eq(baselines.kind, "approved"), gte(baselines.createdAt, openedAt)))
    .orderBy(asc(baselines.createdAt))
    .limit(1);
  return row ?? null;
}

/** Whether the user is invited to the round: the object-level check behind giving a decision. */
export async function isInvitedReviewer({ roundId, userId }: { roundId: string; userId: string }) {
  const [row] = await db
    .select({ id: reviewInvitations.id })
    .from(reviewInvitations)
    .where(and(eq(reviewInvitations.roundId, roundId), eq(reviewInvitations.userId, userId)));
  return row !== undefined;
}

export type DecideResult =
  | { status: "saved"; roundApproved: boolean }
  | { status: "not-invited" }
  | { status: "closed" }
  | { status: "conflict"; current: { decision: ReviewDecision | null; comment: string; version: number } };

/**
 * A reviewer's decision (or a change of it while the round is open), guarded by the version of
 * the invitation the form showed. The round row is locked first, so two reviewers deciding at
 * once are serialised: the second sees the first's decision, and exactly one of them finds every
 * required reviewer approved, closes the round and moves the set to approved (with its
 * automatic "Godkänd" baseline) in the same transaction.
 */
export async function decideReview({
  setId,
  roundId,
  userId,
  decision,
  comment,
  baseVersion,
  language,
  request,
}: {
  setId: string;
  roundId: string;
  userId: string;
  decision: ReviewDecision;
  comment: string;
  baseVersion: number;
  language: Language;
  request: RequestInfo;
}): Promise<DecideResult> {
  return db.transaction(async (tx): Promise<DecideResult> => {
    // Lock order everywhere: set, then round (the set moves with the round).
    const set = await lockSet(tx, setId);
    const [round] = await tx
      .select({ id: reviewRounds.id, status: reviewRounds.status, createdByUserId: reviewRounds.createdByUserId })
      .from(reviewRounds)
      .where(and(eq(reviewRounds.id, roundId), eq(reviewRounds.setId, setId)))
      .for("update");
    if (!set || !round) return { status: "not-invited" };
    const [invitation] = await tx
      .select({
        id: reviewInvitations.id,
        decision: reviewInvitations.decision,
        comment: reviewInvitations.comment,
        version: reviewInvitations.version,
      })
      .from(reviewInvitations)
      .where(and(eq(reviewInvitations.roundId, roundId), eq(reviewInvitations.userId, userId)));
    if (!invitation) return { status: "not-invited" };
    if (round.status !== "open") return { status: "closed" };
    if (invitation.version !== baseVersion) {
      return {
        status: "conflict",
        current: { decision: invitation.decision, comment: invitation.comment, version: invitation.version },
      };
    }
    await tx
      .update(reviewInvitations)
      .set({ decision, comment, decidedAt: new Date(), version: sql`${reviewInvitations.version} + 1` })
      .where(eq(reviewInvitations.id, invitation.id));

    const [pending] = rowsOf<{ missing: number }>(
      await tx.execute(sql`
        select count(*)::int as missing from review_invitations
        where round_id = ${roundId} and required and decision is distinct from 'approve'`),
    );
    const roundApproved = Number(pending?.missing ?? 1) === 0;
    if (roundApproved) {
      await tx
        .update(reviewRounds)
        .set({ status: "approved", closedAt: new Date(), version: sql`${reviewRounds.version} + 1` })
        .where(eq(reviewRounds.id, roundId));
      // The set may have been moved by hand meanwhile (settings page); then only the round closes.
      if (set.status === "in_review" && set.archivedAt === null) {
        await changeSetStatusInTransaction(tx, {
          setId,
          baseVersion: set.version,
          transition: "approve",
          actorUserId: userId,
          language,
        });
      }
    } else {
      await tx
        .update(reviewRounds)
        .set({ version: sql`${reviewRounds.version} + 1` })
        .where(eq(reviewRounds.id, roundId));
    }
    const recipients = [...(await ownerEditorIds(tx, set.ownerRegionId))];
    if (round.createdByUserId) recipients.push(round.createdByUserId);
    await notify(tx, {
      recipientUserIds: recipients,
      actorUserId: userId,
      kind: "review_decision",
      setId,
      groupKey: `review:${roundId}`,
      params: { set: set.title, actor: await userName(tx, userId), decision },
      link: `/sets/${setId}/reviews/${roundId}`,
    });
    await writeAuditEvent(tx, {
      action: "review.decided",
      actorUserId: userId,
      regionId: set.ownerRegionId,
      targetType: "review_round",
      targetId: roundId,
      details: { setId, decision, roundApproved },
      request,
    });
    return { status: "saved", roundApproved };
  });
}

export type CloseResult =
  { status: "closed" } | { status: "conflict" } | { status: "not-open" } | { status: "no-changes-requested" };

/**
 * The owner's end of a round that will not be approved as it stands: closed as
 * changes_requested (only when someone asked for changes) or cancelled. The set goes back to
 * draft through the existing transition, in the same transaction, when it is still in review.
 */
export async function closeReviewRound({
  setId,
  roundId,
  baseVersion,
  outcome,
  actorUserId,
  language,
  request,
}: {
  setId: string;
  roundId: string;
  baseVersion: number;
  outcome: "changes_requested" | "cancelled";
  actorUserId: string;
  language: Language;
  request: RequestInfo;
}): Promise<CloseResult> {
  return db.transaction(async (tx): Promise<CloseResult> => {
    const set = await lockSet(tx, setId);
    const [round] = await tx
      .select({ status: reviewRounds.status, version: reviewRounds.version })
      .from(reviewRounds)
      .where(and(eq(reviewRounds.id, roundId), eq(reviewRounds.setId, setId)))
      .for("update");
    if (!set || !round) return { status: "not-open" };
    if (round.status !== "open") return { status: "not-open" };
    if (round.version !== baseVersion) return { status: "conflict" };
    if (outcome === "changes_requested") {
      const [asked] = await tx
        .select({ id: reviewInvitations.id })
        .from(reviewInvitations)
        .where(and(eq(reviewInvitations.roundId, roundId), eq(reviewInvitations.decision, "request_changes")))
        .limit(1);
      if (!asked) return { status: "no-changes-requested" };
    }
    await tx
      .update(reviewRounds)
      .set({ status: outcome, closedAt: new Date(), version: sql`${reviewRounds.version} + 1` })
      .where(eq(reviewRounds.id, roundId));
    if (set.status === "in_review" && set.archivedAt === null) {
      await changeSetStatusInTransaction(tx, {
        setId,
        baseVersion: set.version,
        transition: "return_to_draft",
        actorUserId,
        language,
      });
    }
    await writeAuditEvent(tx, {
      action: "review.closed",
      actorUserId,
      regionId: set.ownerRegionId,
      targetType: "review_round",
      targetId: roundId,
      details: { setId, outcome },
      request,
    });
    return { status: "closed" };
  });
}

/** The set's latest approved baseline and its fastställelse, if any: what the steering group acts on. */
export async function getEstablishTarget({ setId }: { setId: string }) {
  const [baseline] = await db
    .select({ id: baselines.id, name: baselines.name, createdAt: baselines.createdAt })
    .from(baselines)
    .where(and(eq(baselines.setId, setId), eq(baselines.kind, "approved")))
    .orderBy(desc(baselines.createdAt))
    .limit(1);
  if (!baseline) return null;
  const establishment = await getBaselineEstablishment({ baselineId: baseline.id });
  return { ...baseline, establishment };
}

export type EstablishResult =
  | { status: "established"; baselineId: string; baselineName: string }
  | { status: "already-established" }
  | { status: "not-approved" };

/**
 * The steering group's fastställelse of the set's latest approved baseline, with its decision
 * reference. Stored beside the baseline (which stays immutable), once: a second attempt finds
 * the unique row and is told so.
 */
export async function establishBaseline({
  setId,
  decisionReference,
  decidedOn,
  actorUserId,
  request,
}: {
  setId: string;
  decisionReference: string;
  decidedOn: string;
  actorUserId: string;
  request: RequestInfo;
}): Promise<EstablishResult> {
  return db.transaction(async (tx): Promise<EstablishResult> => {
    const set = await lockSet(tx, setId);
    if (
      !set ||
      set.archivedAt !== null ||
      !["approved", "published"].includes(set.status) ||
      set.visibility !== "collaboration" ||
      set.collaborationId === null
    ) {
      return { status: "not-approved" };
    }
    const [baseline] = await tx
      .select({ id: baselines.id, name: baselines.name })
      .from(baselines)
      .where(and(eq(baselines.setId, setId), eq(baselines.kind, "approved")))
      .orderBy(desc(baselines.createdAt))
      .limit(1);
    if (!baseline) return { status: "not-approved" };
    const [created] = await tx
      .insert(baselineEstablishments)
      .values({
        baselineId: baseline.id,
        collaborationId: set.collaborationId,
        decisionReference,
        decidedOn,
        establishedByUserId: actorUserId,
      })
      .onConflictDoNothing({ target: baselineEstablishments.baselineId })
      .returning({ id: baselineEstablishments.id });
    if (!created) return { status: "already-established" };
    await writeAuditEvent(tx, {
      action: "baseline.established",
      actorUserId,
      regionId: set.ownerRegionId,
      targetType: "baseline",
      targetId: baseline.id,
      details: { setId, collaborationId: set.collaborationId, decisionReference, decidedOn },
      request,
    });
    return { status: "established", baselineId: baseline.id, baselineName: baseline.name };
  });
}

const establishedBy = alias(users, "established_by");
const establishmentColumns = {
  baselineId: baselineEstablishments.baselineId,
  decisionReference: baselineEstablishments.decisionReference,
  decidedOn: baselineEstablishments.decidedOn,
  collaborationName: collaborations.name,
  establishedByName: establishedBy.name,
  establishedAt: baselineEstablishments.establishedAt,
};

/** The fastställelse of one baseline, or null. */
export async function getBaselineEstablishment({ baselineId }: { baselineId: string }) {
  const [row] = await db
    .select(establishmentColumns)
    .from(baselineEstablishments)
    .innerJoin(collaborations, eq(collaborations.id, baselineEstablishments.collaborationId))
    .leftJoin(establishedBy, eq(establishedBy.id, baselineEstablishments.establishedByUserId))
    .where(eq(baselineEstablishments.baselineId, baselineId));
  return row ?? null;
}

export type BaselineEstablishment = NonNullable<Awaited<ReturnType<typeof getBaselineEstablishment>>>;

/** Every fastställelse of a set's baselines (for the baselines list). */
export async function listSetEstablishments({ setId }: { setId: string }) {
  return db
    .select(establishmentColumns)
    .from(baselineEstablishments)
    .innerJoin(baselines, eq(baselines.id, baselineEstablishments.baselineId))
    .innerJoin(collaborations, eq(collaborations.id, baselineEstablishments.collaborationId))
    .leftJoin(establishedBy, eq(establishedBy.id, baselineEstablishments.establishedByUserId))
    .where(eq(baselines.setId, setId));
}
