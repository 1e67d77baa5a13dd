import { createComment } from "~/models/comments.server";

import { createUser } from "../support/factories";

import {
  ACTORS,
  lengthOf,
  setExpectation,
  SET_TARGETS,
  type Actor,
  type FeatureMatrix,
  type MatrixRow,
  type SetTarget,
} from "./matrix-helpers";

/**
 * Authorization matrix rows for the comments routes (see matrix-helpers.ts).
 *
 * Commenting follows reading (viewers and other regions too); editing is the author's alone;
 * resolving is for the owner region's editors and the thread's author. Each set target gets:
 *   commentId          a thread on the set by the actor who wrote the set (the "author" below)
 *   strangerCommentId  a thread by someone who is none of the actors (so no actor is its author)
 *   and a thread on the target's requirement by the author.
 */

/** Who wrote `commentId` on each target. */
const AUTHOR: Record<SetTarget, Exclude<Actor, "anonymous">> = {
  setA: "editorA",
  setB: "editorB",
  setSharedB: "editorB",
  setPortalC: "steeringAB",
};

/** Filled by extendSetTarget; forms read it when the cells run, after the fixture exists. */
const created: Partial<Record<SetTarget, { commentId: string; strangerCommentId: string }>> = {};

/**
 * Expected statuses for a comment action on `target`: hidden sets 404, anonymous 401, and for
 * those who see the set `reader`, or `ownerEditor` for editors and admins of the owner region,
 * or `author` for the one who wrote the comment.
 */
function commentExpectation(
  target: SetTarget,
  statuses: { reader: number; ownerEditor?: number; author?: number },
): Record<Actor, number> {
  const read = setExpectation("read", target, "loader");
  const edit = setExpectation("edit", target, "loader");
  const entries = ACTORS.map((actor): [Actor, number] => {
    if (actor === "anonymous") return [actor, 401];
    if (read[actor] === 404) return [actor, 404];
    if (actor === AUTHOR[target] && statuses.author !== undefined) return [actor, statuses.author];
    if (edit[actor] === 200 && statuses.ownerEditor !== undefined) return [actor, statuses.ownerEditor];
    return [actor, statuses.reader];
  });
  return Object.fromEntries(entries) as Record<Actor, number>;
}

/** How many people each actor is offered by the mention autocomplete (everyone visible but oneself). */
const MENTION_COUNTS: Partial<Record<SetTarget, Partial<Record<Actor, number>>>> = {
  // Region A: viewerA, editorA, adminA.
  setA: { viewerA: 2, editorA: 2, adminA: 2 },
  // Region B has editorB alone.
  setB: { editorB: 0 },
  // Collaboration AB: region A's three, editorB, and steeringAB through the steering group.
  setSharedB: { viewerA: 4, editorA: 4, adminA: 4, editorB: 4, steeringAB: 4 },
  // setPortalC is visible to every account in the database, so its count depends on other fixtures.
};

function visibleOnly(target: SetTarget, count: number): Partial<Record<Actor, number>> {
  const read = setExpectation("read", target, "loader");
  return Object.fromEntries(
    ACTORS.filter((actor) => actor !== "anonymous" && read[actor] === 200).map((actor) => [actor, count]),
  );
}

function rows(): MatrixRow[] {
  return SET_TARGETS.flatMap((target): MatrixRow[] => [
    {
      route: "sets.$setId.comments",
      handler: "loader",
      target,
      expect: setExpectation("read", target, "loader"),
      visibleCount: { read: lengthOf("threads"), expect: visibleOnly(target, 2) },
    },
    {
      route: "sets.$setId.comments",
      handler: "action",
      target,
      form: {},
      expect: setExpectation("read", target, "action"),
    },
    {
      // A stale version: the author reaches the conflict (409) without changing anything.
      route: "sets.$setId.comments",
      handler: "action",
      target,
      form: () => ({ intent: "edit", commentId: created[target]?.commentId ?? "", version: "999", body: "Ändrad" }),
      expect: commentExpectation(target, { reader: 403, author: 409 }),
    },
    {
      route: "sets.$setId.comments",
      handler: "action",
      target,
      form: () => ({ intent: "delete", commentId: created[target]?.strangerCommentId ?? "" }),
      expect: commentExpectation(target, { reader: 403 }),
    },
    {
      // Resolving twice is harmless, so every permitted actor gets through (302).
      route: "sets.$setId.comments",
      handler: "action",
      target,
      form: () => ({ intent: "resolve", commentId: created[target]?.strangerCommentId ?? "" }),
      expect: commentExpectation(target, { reader: 403, ownerEditor: 302 }),
    },
    {
      route: "sets.$setId.requirements.$requirementId.comments",
      handler: "loader",
      target,
      expect: setExpectation("read", target, "loader"),
      visibleCount: { read: lengthOf("threads"), expect: visibleOnly(target, 1) },
    },
    {
      route: "sets.$setId.requirements.$requirementId.comments",
      handler: "action",
      target,
      form: {},
      expect: setExpectation("read", target, "action"),
    },
    {
      route: "sets.$setId.mentions",
      handler: "loader",
      target,
      expect: setExpectation("read", target, "loader"),
      visibleCount: MENTION_COUNTS[target] ? { read: lengthOf("people"), expect: MENTION_COUNTS[target] } : undefined,
    },
  ]);
}

export const commentsMatrix: FeatureMatrix = {
  rows,
  extendSetTarget: async ({ target, params, users }) => {
    const setId = params.setId ?? "";
    const requirementId = params.requirementId ?? "";
    const author = users[AUTHOR[target]];
    const stranger = await createUser();
    const own = await createComment({ setId, requirementId: null, body: "Matriskommentar", actorUserId: author });
    const foreign = await createComment({ setId, requirementId: null, body: "Främlingens", actorUserId: stranger.id });
    await createComment({ setId, requirementId, body: "På kravet", actorUserId: author });
    if (own.status !== "created" || foreign.status !== "created") throw new Error("matrix comments not created");
    created[target] = { commentId: own.commentId, strangerCommentId: foreign.commentId };
    return { commentId: own.commentId, strangerCommentId: foreign.commentId };
  },
};
