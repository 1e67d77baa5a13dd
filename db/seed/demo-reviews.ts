/**
 * Demo review rounds and fastställelse:
 *
 * - The Skåne VIS set was sent to review from the settings page by Erik Svensson (demo-sets.ts),
 *   so it is in review with a "Skickad på granskning" baseline and no round. Erik now invites the
 *   3R steering group, Skåne's jurist, a Skåne colleague and VGR's procurer to review that
 *   baseline (the model's path for a set already in review: no new baseline, no status change).
 *   Helena Bergström (3R steering group) approves and Johan Berg (jurist) asks for changes; the
 *   round stays open for the others.
 * - The Sussa common requirements were approved by Fredrik Olsson; Eva Karlsson, chair of the
 *   Sussa steering group, records its fastställelse with the decision reference.
 *
 * Written through the reviews model as the demo users, so notifications and audit events come
 * out as they would from the UI. Idempotent: a set that already has a round gets no other, and
 * an established baseline is not established again (the model says so and nothing changes).
 */
import { and, eq } from "drizzle-orm";

import { decideReview, establishBaseline, openReviewRound } from "../../app/models/reviews.server";
import { db } from "../../app/utils/db.server";
import type { RequestInfo } from "../../app/utils/request.server";
import { regions, users } from "../schema/accounts";
import { requirementSets } from "../schema/requirements";
import { reviewInvitations, reviewRounds } from "../schema/reviews";

import type { DemoRegionSlug, DemoUserEmail } from "./demo-data";
import { SKANE_SET_TITLE, SUSSA_SET_TITLE } from "./demo-titles";

const SEED_REQUEST: RequestInfo = { requestId: "demo-seed", ipAddress: null, userAgent: "samkrav-seed" };

type DemoReviewer = { readonly email: DemoUserEmail; readonly required: boolean };
type DemoDecision = {
  readonly by: DemoUserEmail;
  readonly decision: "approve" | "request_changes";
  readonly comment: string;
};

const SKANE_ROUND = {
  regionSlug: "skane",
  title: SKANE_SET_TITLE,
  by: "erik.svensson@skane.example.se",
  /** Days from the seed run: the round is open, with three weeks to answer. */
  dueInDays: 21,
  message:
    "Version 1.1 med remissvaren inarbetade. Granska särskilt avsnitten om behörighetsstyrning och " +
    "migrering, som har ändrats mest sedan remissversion 1.0. Styrgruppens och juristens godkännande " +
    "krävs innan vi fastställer kravspecifikationen.",
  reviewers: [
    { email: "per.andersson@skane.example.se", required: true },
    { email: "helena.bergstrom@vgr.example.se", required: true },
    { email: "magnus.lundgren@stockholm.example.se", required: true },
    { email: "johan.berg@skane.example.se", required: true },
    { email: "karin.holm@skane.example.se", required: false },
    { email: "lars.nilsson@vgr.example.se", required: false },
  ] satisfies readonly DemoReviewer[],
  decisions: [
    {
      by: "helena.bergstrom@vgr.example.se",
      decision: "approve",
      comment:
        "Godkänner för VGR:s del i 3R. Arkitekturkraven följer den gemensamma 3R-arkitekturen och " +
        "hänvisar till HL7 FHIR med svenska basprofiler eller likvärdigt.",
    },
    {
      by: "johan.berg@skane.example.se",
      decision: "request_changes",
      comment:
        "Kraven på personuppgiftsbiträdesavtal behöver hänvisa till dataskyddsförordningen artikel 28 " +
        "och ange att behandling utanför EU/EES kräver regionens skriftliga godkännande. Migreringskravet " +
        "MG-005 bör också säga vem som ansvarar för loggarna under migreringen.",
    },
  ] satisfies readonly DemoDecision[],
} as const;

const SUSSA_ESTABLISHMENT = {
  regionSlug: "sormland",
  title: SUSSA_SET_TITLE,
  by: "eva.karlsson@sormland.example.se",
  decisionReference: "Styrgruppen Sussa 2026-11-20 § 4",
  decidedOn: "2026-11-20",
} as const;

async function userId(email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`Demo reviews refer to unknown user "${email}"; seed the accounts first`);
  return row.id;
}

async function findSet(regionSlug: DemoRegionSlug, title: string) {
  const [row] = await db
    .select({ id: requirementSets.id, status: requirementSets.status, version: requirementSets.version })
    .from(requirementSets)
    .innerJoin(regions, eq(regions.id, requirementSets.ownerRegionId))
    .where(and(eq(regions.slug, regionSlug), eq(requirementSets.title, title)));
  return row ?? null;
}

function daysFromToday(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(date);
}

async function seedSkaneRound(): Promise<void> {
  const set = await findSet(SKANE_ROUND.regionSlug, SKANE_ROUND.title);
  if (!set || set.status !== "in_review") return;
  const [existing] = await db.select({ id: reviewRounds.id }).from(reviewRounds).where(eq(reviewRounds.setId, set.id));
  if (existing) return;
  const reviewers = [];
  for (const reviewer of SKANE_ROUND.reviewers) {
    reviewers.push({ userId: await userId(reviewer.email), required: reviewer.required });
  }
  const opened = await openReviewRound({
    setId: set.id,
    baseVersion: set.version,
    dueDate: daysFromToday(SKANE_ROUND.dueInDays),
    message: SKANE_ROUND.message,
    reviewers,
    actorUserId: await userId(SKANE_ROUND.by),
    language: "sv",
    request: SEED_REQUEST,
  });
  if (opened.status !== "opened") throw new Error(`Demo review round not opened: ${opened.status}`);
  for (const decision of SKANE_ROUND.decisions) {
    const reviewerId = await userId(decision.by);
    const [invitation] = await db
      .select({ version: reviewInvitations.version })
      .from(reviewInvitations)
      .where(and(eq(reviewInvitations.roundId, opened.roundId), eq(reviewInvitations.userId, reviewerId)));
    if (!invitation) throw new Error(`Demo reviewer ${decision.by} is not invited`);
    const result = await decideReview({
      setId: set.id,
      roundId: opened.roundId,
      userId: reviewerId,
      decision: decision.decision,
      comment: decision.comment,
      baseVersion: invitation.version,
      language: "sv",
      request: SEED_REQUEST,
    });
    if (result.status !== "saved") throw new Error(`Demo review decision not saved: ${result.status}`);
  }
}

async function seedSussaEstablishment(): Promise<void> {
  const set = await findSet(SUSSA_ESTABLISHMENT.regionSlug, SUSSA_ESTABLISHMENT.title);
  if (!set || set.status !== "approved") return;
  // On a rerun the model answers "already-established" and nothing changes.
  await establishBaseline({
    setId: set.id,
    decisionReference: SUSSA_ESTABLISHMENT.decisionReference,
    decidedOn: SUSSA_ESTABLISHMENT.decidedOn,
    actorUserId: await userId(SUSSA_ESTABLISHMENT.by),
    request: SEED_REQUEST,
  });
}

/** Needs the demo accounts and sets (seedDemoSets) to be committed already. */
export async function seedDemoReviews(): Promise<void> {
  await seedSkaneRound();
  await seedSussaEstablishment();
}
