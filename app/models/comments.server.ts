import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";

import { users } from "../../db/schema/accounts";
import { commentMentions, commentRevisions, comments } from "../../db/schema/comments";
import { requirementSets, requirements } from "../../db/schema/requirements";
import { MENTION_TOKEN, mentionToken, unescapeName } from "~/utils/comment-schemas";
import { rowsOf, type DbOrTransaction, type Transaction } from "~/utils/db-connect.server";
import { db } from "~/utils/db.server";
import { visibleToUserSql } from "~/utils/policy.server";
import { UuidSchema } from "~/utils/schemas";

import { notify, usersWhoCanSeeSet } from "./notifications.server";

/**
 * Comments on a set (requirement null) or on one of its requirements. A thread is a first
 * comment and its replies (one level). Every function takes the set id the route has already
 * authorized and refuses ids that belong to another set, so a comment id from a hidden set
 * behaves as a missing one.
 */

/** The policy's "the user u can see this set" rule, for a statement that joins `requirement_sets rs`. */
function userSeesSet(userId: SQL): SQL {
  return visibleToUserSql(
    {
      ownerRegionId: sql`rs.owner_region_id`,
      visibility: sql`rs.visibility`,
      collaborationId: sql`rs.collaboration_id`,
    },
    userId,
  );
}

/** One region short name for a person: the set owner's region if they belong to it, else the first by name. */
function regionShortNameOf(userId: SQL, ownerRegionId: SQL): SQL<string | null> {
  return sql<string | null>`(select r.short_name from memberships m join regions r on r.id = m.region_id
    where m.user_id = ${userId} order by (m.region_id = ${ownerRegionId}) desc, r.name limit 1)`;
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export type CommentView = {
  id: string;
  parentId: string | null;
  authorUserId: string;
  authorName: string;
  authorRegion: string | null;
  /** Empty for a deleted comment: what it said is gone from the page. */
  body: string;
  requirementVersion: number | null;
  version: number;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  revisions: Array<{ body: string; writtenAt: Date; replacedAt: Date }>;
  mentionedUserIds: string[];
};

export type ThreadView = CommentView & { replies: CommentView[] };

type CommentRowSql = {
  id: string;
  parent_id: string | null;
  author_user_id: string;
  author_name: string;
  author_region: string | null;
  body: string;
  requirement_version: number | null;
  version: number;
  created_at: string | Date;
  edited_at: string | Date | null;
  deleted_at: string | Date | null;
  resolved_at: string | Date | null;
  resolved_by_name: string | null;
};

const toDate = (value: string | Date) => new Date(value);
const toDateOrNull = (value: string | Date | null) => (value === null ? null : new Date(value));

/** The threads on a set's general discussion (requirementId null) or on one requirement, oldest first. */
export async function listThreads({
  setId,
  requirementId,
}: {
  setId: string;
  requirementId: string | null;
}): Promise<ThreadView[]> {
  const rows = rowsOf<CommentRowSql>(
    await db.execute(sql`
      select c.id, c.parent_id, c.author_user_id, u.name as author_name,
        ${regionShortNameOf(sql`c.author_user_id`, sql`rs.owner_region_id`)} as author_region,
        c.body, c.requirement_version, c.version, c.created_at, c.edited_at, c.deleted_at, c.resolved_at,
        ru.name as resolved_by_name
      from comments c
      join requirement_sets rs on rs.id = c.set_id
      join users u on u.id = c.author_user_id
      left join users ru on ru.id = c.resolved_by_user_id
      where c.set_id = ${setId}
        and ${requirementId === null ? sql`c.requirement_id is null` : sql`c.requirement_id = ${requirementId}`}
      order by c.created_at, c.id`),
  );
  const liveIds = rows.filter((row) => row.deleted_at === null).map((row) => row.id);
  const revisions =
    liveIds.length === 0
      ? []
      : await db
          .select({
            commentId: commentRevisions.commentId,
            body: commentRevisions.body,
            writtenAt: commentRevisions.writtenAt,
            replacedAt: commentRevisions.replacedAt,
          })
          .from(commentRevisions)
          .where(inArray(commentRevisions.commentId, liveIds))
          .orderBy(asc(commentRevisions.writtenAt));
  const mentions =
    liveIds.length === 0
      ? []
      : await db
          .select({ commentId: commentMentions.commentId, userId: commentMentions.userId })
          .from(commentMentions)
          .where(inArray(commentMentions.commentId, liveIds));
  const views: CommentView[] = rows.map((row) => {
    const deleted = row.deleted_at !== null;
    return {
      id: row.id,
      parentId: row.parent_id,
      authorUserId: row.author_user_id,
      authorName: row.author_name,
      authorRegion: row.author_region,
      body: deleted ? "" : row.body,
      requirementVersion: row.requirement_version === null ? null : Number(row.requirement_version),
      version: Number(row.version),
      createdAt: toDate(row.created_at),
      editedAt: toDateOrNull(row.edited_at),
      deletedAt: toDateOrNull(row.deleted_at),
      resolvedAt: toDateOrNull(row.resolved_at),
      resolvedByName: row.resolved_by_name,
      revisions: revisions
        .filter((revision) => revision.commentId === row.id)
        .map(({ body, writtenAt, replacedAt }) => ({ body, writtenAt, replacedAt })),
      mentionedUserIds: mentions.filter((mention) => mention.commentId === row.id).map((mention) => mention.userId),
    };
  });
  const threads = new Map<string, ThreadView>();
  for (const view of views) if (view.parentId === null) threads.set(view.id, { ...view, replies: [] });
  for (const view of views) if (view.parentId !== null) threads.get(view.parentId)?.replies.push(view);
  return [...threads.values()];
}

/** "Open" = not deleted, in a thread nobody has resolved. */
const openCommentCondition = sql`c.deleted_at is null and coalesce(root.resolved_at, c.resolved_at) is null`;

/** How many open comments one requirement has (for the "Kommentarer (N)" link on its page). */
export async function countOpenComments({
  setId,
  requirementId,
}: {
  setId: string;
  requirementId: string;
}): Promise<number> {
  const [row] = rowsOf<{ count: number | string }>(
    await db.execute(sql`
      select count(*)::int as count from comments c left join comments root on root.id = c.parent_id
      where c.set_id = ${setId} and c.requirement_id = ${requirementId} and ${openCommentCondition}`),
  );
  return Number(row?.count ?? 0);
}

/**
 * The requirements of a set that have open threads, in the order of their refs: how many open
 * threads (a thread stays open when its first comment is deleted) and live comments in them.
 */
export async function listOpenRequirementThreads({ setId }: { setId: string }) {
  const rows = rowsOf<{
    requirement_id: string;
    ref: string;
    title: string;
    open_threads: number | string;
    open_comments: number | string;
  }>(
    await db.execute(sql`
      select c.requirement_id, r.ref, r.title,
        count(distinct coalesce(c.parent_id, c.id))::int as open_threads,
        (count(*) filter (where c.deleted_at is null))::int as open_comments
      from comments c
      left join comments root on root.id = c.parent_id
      join requirements r on r.id = c.requirement_id
      where c.set_id = ${setId} and c.requirement_id is not null
        and coalesce(root.resolved_at, c.resolved_at) is null
      group by c.requirement_id, r.ref, r.title
      having count(*) filter (where c.deleted_at is null) > 0
      order by r.ref`),
  );
  return rows.map((row) => ({
    requirementId: row.requirement_id,
    ref: row.ref,
    title: row.title,
    openThreads: Number(row.open_threads),
    openComments: Number(row.open_comments),
  }));
}

/** Open comments per requirement of a set (requirement id → count), for lists of requirements. */
export async function countOpenCommentsByRequirement({ setId }: { setId: string }): Promise<Map<string, number>> {
  const rows = await listOpenRequirementThreads({ setId });
  return new Map(rows.map((row) => [row.requirementId, row.openComments]));
}

export type MentionCandidate = { id: string; name: string; regionShortName: string | null };

export const MENTION_SUGGESTIONS = 10;

/**
 * People who can see the set whose name (or a word of it) starts with `query` (the first ten
 * by name for an empty query): the mention autocomplete. Visibility is the policy's rule for each candidate, so a private set offers
 * only its own region and a shared one its collaboration and steering group.
 */
export async function searchMentionCandidates({
  setId,
  query,
  excludeUserId,
}: {
  setId: string;
  query: string;
  excludeUserId: string;
}): Promise<MentionCandidate[]> {
  const escaped = query.trim().replace(/[\\%_]/g, (character) => `\\${character}`);
  const rows = rowsOf<{ id: string; name: string; region_short_name: string | null }>(
    await db.execute(sql`
      select u.id, u.name, ${regionShortNameOf(sql`u.id`, sql`rs.owner_region_id`)} as region_short_name
      from users u, requirement_sets rs
      where rs.id = ${setId} and u.id <> ${excludeUserId}
        and (u.name ilike ${`${escaped}%`} or u.name ilike ${`% ${escaped}%`})
        and ${userSeesSet(sql`u.id`)}
      order by u.name, u.id
      limit ${MENTION_SUGGESTIONS}`),
  );
  return rows.map((row) => ({ id: row.id, name: row.name, regionShortName: row.region_short_name }));
}

// ---------------------------------------------------------------------------------------------
// Mentions
// ---------------------------------------------------------------------------------------------

/** `@` at the start or after a space or bracket, then up to four words: a name typed without the autocomplete. */
const TYPED_MENTION = /(^|[\s(])@(\p{L}[\p{L}\p{M}'’-]*(?:[ \t]+\p{L}[\p{L}\p{M}'’-]*){0,3})/gu;
const WORD = /\p{L}[\p{L}\p{M}'’-]*/gu;

/**
 * Rewrites a body's mentions and returns who is mentioned. A typed `@Förnamn Efternamn` (the
 * longest run of words that is exactly one visible person's name) becomes a token; every token
 * is checked against the set's visibility: a person who can see it gets their current name in
 * the token, anyone else is silently left as plain text and not mentioned.
 */
export async function resolveMentions(
  tx: DbOrTransaction,
  { setId, body, pickedUserIds = [] }: { setId: string; body: string; pickedUserIds?: readonly string[] },
): Promise<{ body: string; userIds: string[] }> {
  const typed = [...body.matchAll(TYPED_MENTION)].map((match) => {
    const words = [...(match[2] ?? "").matchAll(WORD)];
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    // Each prefix of the words: "Anna", "Anna Lindqvist", "Anna Lindqvist tycker" …
    const prefixes = words.map((word) => {
      const end = start + 1 + (word.index ?? 0) + word[0].length;
      return { text: body.slice(start + 1, end), end };
    });
    return { start, prefixes };
  });
  const names = [...new Set(typed.flatMap((mention) => mention.prefixes.map((p) => p.text.replace(/\s+/g, " "))))];
  let rewritten = body;
  if (names.length > 0) {
    const rows = rowsOf<{ id: string; name: string }>(
      await tx.execute(sql`
        select u.id, u.name from users u, requirement_sets rs
        where rs.id = ${setId}
          and lower(u.name) in (${sql.join(
            names.map((name) => sql`${name.toLowerCase()}`),
            sql`, `,
          )})
          and ${userSeesSet(sql`u.id`)}`),
    );
    const byName = new Map<string, Array<{ id: string; name: string }>>();
    for (const row of rows) {
      const key = row.name.toLowerCase();
      byName.set(key, [...(byName.get(key) ?? []), row]);
    }
    // Replace from the end so earlier offsets stay valid.
    for (const mention of [...typed].reverse()) {
      const chosen = (prefix: { text: string }) => {
        const people = byName.get(prefix.text.replace(/\s+/g, " ").toLowerCase()) ?? [];
        // Two people of one name: the one picked from the autocomplete, or neither.
        return people.length === 1 ? people[0] : people.find((person) => pickedUserIds.includes(person.id));
      };
      const match = [...mention.prefixes].reverse().find((prefix) => chosen(prefix) !== undefined);
      const person = match ? chosen(match) : undefined;
      if (!match || !person) continue;
      rewritten = rewritten.slice(0, mention.start) + mentionToken(person.name, person.id) + rewritten.slice(match.end);
    }
  }
  // Only well-formed ids reach the uuid comparison; anything else is not a mention (and not a 500).
  const tokenIds = [
    ...new Set([...rewritten.matchAll(MENTION_TOKEN)].map((match) => (match[2] ?? "").toLowerCase())),
  ].filter((id) => UuidSchema.safeParse(id).success);
  const visibleIds = new Set(await usersWhoCanSeeSet(tx, setId, tokenIds));
  const namesById = new Map(
    visibleIds.size === 0
      ? []
      : (
          await tx
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(inArray(users.id, [...visibleIds]))
        ).map((row) => [row.id, row.name]),
  );
  const normalized = rewritten.replace(MENTION_TOKEN, (_whole, name: string, id: string) => {
    const current = namesById.get(id.toLowerCase());
    return current === undefined ? `@${unescapeName(name)}` : mentionToken(current, id.toLowerCase());
  });
  return { body: normalized, userIds: [...namesById.keys()] };
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

type CommentContext = {
  setId: string;
  setTitle: string;
  ownerRegionId: string;
  requirementId: string | null;
  requirementRef: string | null;
  /** Where the page with this comment is, for notification links. */
  pagePath: string;
};

async function actorName(tx: Transaction, userId: string): Promise<string> {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "";
}

/** The parameters the notification texts use (notifications.text.comment / .mention): set, actor, ref. */
function notificationParams(context: CommentContext, name: string) {
  // A comment on the set's general discussion is "about" the set itself.
  return { set: context.setTitle, actor: name, ref: context.requirementRef ?? context.setTitle };
}

async function notifyMentions(
  tx: Transaction,
  context: CommentContext,
  { threadId, commentId, userIds, actorUserId, name }: MentionNotice,
) {
  await notify(tx, {
    recipientUserIds: userIds,
    actorUserId,
    kind: "mention",
    setId: context.setId,
    groupKey: `mention:${threadId}`,
    params: notificationParams(context, name),
    link: `${context.pagePath}#comment-${commentId}`,
  });
}

type MentionNotice = { threadId: string; commentId: string; userIds: string[]; actorUserId: string; name: string };

export type CreateCommentResult =
  | { status: "created"; commentId: string; threadId: string }
  | { status: "parent-not-found" }
  | { status: "requirement-not-found" };

/**
 * Writes a comment (a new thread, or a reply when `parentId` is given), its mentions and the
 * notifications, in one transaction. A reply to a reply joins the same thread.
 */
export async function createComment({
  setId,
  requirementId,
  parentId,
  body,
  mentionIds = [],
  actorUserId,
}: {
  setId: string;
  requirementId: string | null;
  parentId?: string;
  body: string;
  /** People picked from the autocomplete (see resolveMentions). */
  mentionIds?: readonly string[];
  actorUserId: string;
}): Promise<CreateCommentResult> {
  return db.transaction(async (tx) => {
    const context = await loadContext(tx, setId, requirementId);
    if (!context) return { status: "requirement-not-found" };
    let threadId: string | null = null;
    if (parentId) {
      const [parent] = await tx
        .select({ id: comments.id, parentId: comments.parentId, requirementId: comments.requirementId })
        .from(comments)
        .where(and(eq(comments.id, parentId), eq(comments.setId, setId)));
      if (!parent || parent.requirementId !== requirementId) return { status: "parent-not-found" };
      threadId = parent.parentId ?? parent.id;
    }
    const mentions = await resolveMentions(tx, { setId, body, pickedUserIds: mentionIds });
    const [created] = await tx
      .insert(comments)
      .values({
        setId,
        requirementId,
        parentId: threadId,
        authorUserId: actorUserId,
        body: mentions.body,
        requirementVersion: context.requirementVersion,
      })
      .returning({ id: comments.id });
    if (!created) throw new Error("insert returned no row");
    const thread = threadId ?? created.id;
    const mentioned = mentions.userIds.filter((userId) => userId !== actorUserId);
    if (mentioned.length > 0) {
      await tx.insert(commentMentions).values(mentioned.map((userId) => ({ commentId: created.id, userId })));
    }
    const name = await actorName(tx, actorUserId);
    await notifyMentions(tx, context, {
      threadId: thread,
      commentId: created.id,
      userIds: mentioned,
      actorUserId,
      name,
    });
    // The owner of the set hears of a new thread, the people in a thread of a reply; someone
    // mentioned already has the mention and does not get this one too.
    const owners = threadId === null ? await ownerEditors(tx, context.ownerRegionId) : await participants(tx, threadId);
    await notify(tx, {
      recipientUserIds: owners.filter((userId) => !mentioned.includes(userId)),
      actorUserId,
      kind: "comment",
      setId,
      groupKey: `comment:${setId}`,
      params: notificationParams(context, name),
      link: `${context.pagePath}#comment-${created.id}`,
    });
    return { status: "created", commentId: created.id, threadId: thread };
  });
}

async function loadContext(
  tx: Transaction,
  setId: string,
  requirementId: string | null,
): Promise<(CommentContext & { requirementVersion: number | null }) | null> {
  const [set] = await tx
    .select({ title: requirementSets.title, ownerRegionId: requirementSets.ownerRegionId })
    .from(requirementSets)
    .where(eq(requirementSets.id, setId));
  if (!set) return null;
  const base = { setId, setTitle: set.title, ownerRegionId: set.ownerRegionId };
  if (requirementId === null) {
    return {
      ...base,
      requirementId,
      requirementRef: null,
      requirementVersion: null,
      pagePath: `/sets/${setId}/comments`,
    };
  }
  const [requirement] = await tx
    .select({ ref: requirements.ref, version: requirements.version })
    .from(requirements)
    .where(and(eq(requirements.id, requirementId), eq(requirements.setId, setId), isNull(requirements.deletedAt)));
  if (!requirement) return null;
  return {
    ...base,
    requirementId,
    requirementRef: requirement.ref,
    requirementVersion: requirement.version,
    pagePath: `/sets/${setId}/requirements/${requirementId}/comments`,
  };
}

async function ownerEditors(tx: Transaction, regionId: string): Promise<string[]> {
  const rows = rowsOf<{ user_id: string }>(
    await tx.execute(
      sql`select user_id from memberships where region_id = ${regionId} and role in ('editor', 'admin')`,
    ),
  );
  return rows.map((row) => row.user_id);
}

async function participants(tx: Transaction, threadId: string): Promise<string[]> {
  const rows = rowsOf<{ author_user_id: string }>(
    await tx.execute(
      sql`select distinct author_user_id from comments where id = ${threadId} or parent_id = ${threadId}`,
    ),
  );
  return rows.map((row) => row.author_user_id);
}

type OwnComment = {
  id: string;
  parentId: string | null;
  requirementId: string | null;
  authorUserId: string;
  body: string;
  version: number;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
};

async function loadComment(tx: Transaction, setId: string, commentId: string): Promise<OwnComment | null> {
  const [row] = await tx
    .select({
      id: comments.id,
      parentId: comments.parentId,
      requirementId: comments.requirementId,
      authorUserId: comments.authorUserId,
      body: comments.body,
      version: comments.version,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
      deletedAt: comments.deletedAt,
    })
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.setId, setId)))
    .for("update");
  return row ?? null;
}

export type EditCommentResult =
  | { status: "saved"; commentId: string }
  | { status: "not-found" }
  | { status: "forbidden" }
  | { status: "conflict"; current: { body: string; version: number; editedAt: Date | null } };

/**
 * Saves a new body for one's own comment, guarded by the version the form was opened at: the
 * earlier body goes to the edit history, and people newly mentioned are notified.
 */
export async function editComment({
  setId,
  commentId,
  baseVersion,
  body,
  mentionIds = [],
  actorUserId,
}: {
  setId: string;
  commentId: string;
  baseVersion: number;
  body: string;
  mentionIds?: readonly string[];
  actorUserId: string;
}): Promise<EditCommentResult> {
  return db.transaction(async (tx) => {
    const comment = await loadComment(tx, setId, commentId);
    if (!comment || comment.deletedAt) return { status: "not-found" };
    if (comment.authorUserId !== actorUserId) return { status: "forbidden" };
    if (comment.version !== baseVersion) {
      return {
        status: "conflict",
        current: { body: comment.body, version: comment.version, editedAt: comment.editedAt },
      };
    }
    const mentions = await resolveMentions(tx, { setId, body, pickedUserIds: mentionIds });
    const updated = await tx
      .update(comments)
      .set({ body: mentions.body, version: sql`${comments.version} + 1`, editedAt: sql`now()` })
      .where(and(eq(comments.id, commentId), eq(comments.version, baseVersion)))
      .returning({ id: comments.id });
    if (updated.length === 0) throw new Error("comment changed under its row lock");
    await tx.insert(commentRevisions).values({
      commentId,
      body: comment.body,
      writtenAt: comment.editedAt ?? comment.createdAt,
    });
    const before = new Set(
      (
        await tx
          .select({ userId: commentMentions.userId })
          .from(commentMentions)
          .where(eq(commentMentions.commentId, commentId))
      ).map((row) => row.userId),
    );
    const now = mentions.userIds.filter((userId) => userId !== actorUserId);
    const removed = [...before].filter((userId) => !now.includes(userId));
    const added = now.filter((userId) => !before.has(userId));
    if (removed.length > 0) {
      await tx
        .delete(commentMentions)
        .where(and(eq(commentMentions.commentId, commentId), inArray(commentMentions.userId, removed)));
    }
    if (added.length > 0) {
      await tx.insert(commentMentions).values(added.map((userId) => ({ commentId, userId })));
      const context = await loadContext(tx, setId, comment.requirementId);
      if (context) {
        const name = await actorName(tx, actorUserId);
        await notifyMentions(tx, context, {
          threadId: comment.parentId ?? comment.id,
          commentId,
          userIds: added,
          actorUserId,
          name,
        });
      }
    }
    return { status: "saved", commentId };
  });
}

export type CommentActionResult =
  | { status: "done"; commentId: string; requirementId: string | null }
  | { status: "not-found" }
  | { status: "forbidden" }
  | { status: "not-a-thread" };

/** Soft-deletes one's own comment: it keeps its place (and its replies) and shows "Kommentaren togs bort." */
export async function deleteComment({
  setId,
  commentId,
  actorUserId,
}: {
  setId: string;
  commentId: string;
  actorUserId: string;
}): Promise<CommentActionResult> {
  return db.transaction(async (tx) => {
    const comment = await loadComment(tx, setId, commentId);
    if (!comment || comment.deletedAt) return { status: "not-found" };
    if (comment.authorUserId !== actorUserId) return { status: "forbidden" };
    await tx
      .update(comments)
      .set({ deletedAt: sql`now()`, version: sql`${comments.version} + 1` })
      .where(eq(comments.id, commentId));
    return { status: "done", commentId, requirementId: comment.requirementId };
  });
}

/**
 * Resolves or reopens a thread. `mayResolveAny` is the policy's `set.comment_resolve` (editors of
 * the owner region); the thread's author may always do it.
 */
export async function setThreadResolved({
  setId,
  commentId,
  resolved,
  actorUserId,
  mayResolveAny,
}: {
  setId: string;
  commentId: string;
  resolved: boolean;
  actorUserId: string;
  mayResolveAny: boolean;
}): Promise<CommentActionResult> {
  return db.transaction(async (tx) => {
    const comment = await loadComment(tx, setId, commentId);
    if (!comment) return { status: "not-found" };
    if (comment.parentId !== null) return { status: "not-a-thread" };
    if (!mayResolveAny && comment.authorUserId !== actorUserId) return { status: "forbidden" };
    await tx
      .update(comments)
      .set(
        resolved
          ? { resolvedAt: sql`now()`, resolvedByUserId: actorUserId }
          : { resolvedAt: null, resolvedByUserId: null },
      )
      .where(eq(comments.id, commentId));
    return { status: "done", commentId, requirementId: comment.requirementId };
  });
}

/** The requirement a comment page is about: ref, title and current version, if it is in the set. */
export async function getCommentedRequirement({ setId, requirementId }: { setId: string; requirementId: string }) {
  const [row] = await db
    .select({
      id: requirements.id,
      ref: requirements.ref,
      title: requirements.title,
      version: requirements.version,
      deletedAt: requirements.deletedAt,
    })
    .from(requirements)
    .where(and(eq(requirements.id, requirementId), eq(requirements.setId, setId)));
  return row ?? null;
}
