import { reviewInvitations, reviewRounds } from "../../db/schema/reviews";
import { db } from "~/utils/db.server";

import {
  ACTORS,
  lengthOf,
  setExpectation,
  SET_TARGETS,
  type Actor,
  type FeatureMatrix,
  type MatrixRow,
  type MatrixUsers,
  type SetTarget,
} from "./matrix-helpers";

/**
 * Authorization matrix rows for the review rounds and fastställelse (see matrix-helpers.ts).
 *
 * Each set target gets one review round on its fixture baseline, with these invited reviewers.
 * The round is written straight to the tables as a cancelled round: the fixture sets must stay
 * drafts for the other features' rows, a cancelled round is what a draft set may have behind it,
 * and going through the model would notify people (and change other features' visible counts).
 */
const INVITED: Record<SetTarget, Array<Exclude<Actor, "anonymous">>> = {
  setA: ["viewerA"],
  setB: ["editorB"],
  setSharedB: ["steeringAB", "editorA"],
  setPortalC: ["editorB"],
};

async function createRound(params: Record<string, string>, target: SetTarget, users: MatrixUsers) {
  const setId = params.setId;
  const baselineId = params.baselineId;
  if (!setId || !baselineId) throw new Error(`set target ${target} has no set or baseline`);
  const [round] = await db
    .insert(reviewRounds)
    .values({ setId, baselineId, status: "cancelled", dueDate: "2026-12-31", closedAt: new Date() })
    .returning({ id: reviewRounds.id });
  if (!round) throw new Error("no round");
  await db
    .insert(reviewInvitations)
    .values(
      INVITED[target].map((actor) => ({ roundId: round.id, userId: users[actor], role: "other_region" as const })),
    );
  return { roundId: round.id };
}

/** The statuses of a set route, with the allowed cells answering `allowed` instead. */
function withAllowed(expect: Record<Actor, number>, from: number, allowed: number): Record<Actor, number> {
  return Object.fromEntries(ACTORS.map((actor) => [actor, expect[actor] === from ? allowed : expect[actor]])) as Record<
    Actor,
    number
  >;
}

/** How many rows each actor who may read the target sees. */
function countsFor(target: SetTarget, count: number): Partial<Record<Actor, number>> {
  const expect = setExpectation("read", target, "loader");
  return Object.fromEntries(ACTORS.filter((actor) => expect[actor] === 200).map((actor) => [actor, count]));
}

function rows(): MatrixRow[] {
  return SET_TARGETS.flatMap((target): MatrixRow[] => {
    const readAction = setExpectation("read", target, "action");
    // Only the invited reviewers reach the decision form's validation; others who see the set get 403.
    const decide = withAllowed(readAction, 400, 403);
    for (const actor of INVITED[target]) decide[actor] = 400;
    return [
      {
        route: "sets.$setId.reviews._index",
        handler: "loader",
        target,
        expect: setExpectation("read", target, "loader"),
        visibleCount: { read: lengthOf("rounds"), expect: countsFor(target, 1) },
      },
      {
        route: "sets.$setId.reviews._index",
        handler: "action",
        target,
        form: { intent: "open" },
        expect: setExpectation("edit", target, "action"),
      },
      {
        // The fixture sets are drafts: nobody may fastställa them, and a hidden set stays 404.
        route: "sets.$setId.reviews._index",
        handler: "action",
        target,
        form: { intent: "establish" },
        expect: withAllowed(readAction, 400, 403),
      },
      {
        route: "sets.$setId.reviews.$roundId",
        handler: "loader",
        target,
        expect: setExpectation("read", target, "loader"),
        visibleCount: { read: lengthOf("invitations"), expect: countsFor(target, INVITED[target].length) },
      },
      { route: "sets.$setId.reviews.$roundId", handler: "action", target, form: { intent: "decide" }, expect: decide },
      {
        route: "sets.$setId.reviews.$roundId",
        handler: "action",
        target,
        form: { intent: "cancel" },
        expect: setExpectation("edit", target, "action"),
      },
      {
        route: "sets.$setId.reviews.$roundId",
        handler: "action",
        target,
        form: { intent: "establish" },
        expect: withAllowed(readAction, 400, 403),
      },
    ];
  });
}

export const reviewsMatrix: FeatureMatrix = {
  rows,
  extendSetTarget: ({ target, params, users }) => createRound(params, target, users),
};
