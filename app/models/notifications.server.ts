import { and, desc, eq, exists, inArray, isNull, lte, sql } from "drizzle-orm";

import { notificationPreferences, notifications } from "../../db/schema/notifications";
import { requirementSets } from "../../db/schema/requirements";
import { db } from "~/utils/db.server";
import { rowsOf, type DbOrTransaction } from "~/utils/db-connect.server";
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationMode } from "~/utils/notification-kinds";
import { visibleTo, visibleToUserSql, type Principal } from "~/utils/policy.server";

/**
 * Events of one kind, group and set, each within this time of the group's previous one and while
 * it is unread, are one notification (a burst).
 */
const BURST_WINDOW = sql`interval '1 hour'`;
/** When a day's digest becomes visible: the next morning, Swedish time. */
const DIGEST_HOUR = 7;

export type NotificationParams = {
  set: string;
  actor?: string;
  ref?: string;
  due?: string;
  decision?: "approve" | "request_changes";
};

export type NotificationEvent = {
  /** Who should hear of it; the actor and anyone who cannot see the set are left out here. */
  recipientUserIds: readonly string[];
  actorUserId: string | null;
  kind: NotificationKind;
  /** The set the event is about: recipients must be able to see it, now and when they read the list. */
  setId: string;
  /** What a burst is grouped by, e.g. `comment:<setId>` or `review:<roundId>`. */
  groupKey: string;
  /**
   * Message parameters of the dictionary text of `kind` (notifications.text.*), the latest
   * event's values win in a group:
   *   every kind: `set` (the set's title); `actor` (who did it) where a person did it
   *   mention and source_changed: `ref` (the requirement's ref, or the set's title)
   *   review_requested: `due` (the due date, YYYY-MM-DD)
   *   review_decision: `decision` ("approve" or "request_changes")
   * Typed, so that a caller cannot pass names the texts do not read.
   */
  params: NotificationParams;
  /** Where the notification leads: a path inside Samkrav, starting with one "/". */
  link: string;
};

/**
 * Records an event for its recipients, in the caller's transaction so that a notification exists
 * exactly when the thing it tells of was saved. Per recipient and kind: "off" drops it, "digest"
 * adds it to today's digest row of that kind and set (visible tomorrow morning), "on" adds it to
 * an unread notification of the same group whose last event is less than an hour old, or starts
 * a new one.
 */
export async function notify(tx: DbOrTransaction, event: NotificationEvent): Promise<void> {
  const candidates = [...new Set(event.recipientUserIds)].filter((userId) => userId !== event.actorUserId);
  if (candidates.length === 0) return;
  // Sorted so that concurrent calls take the recipients' group locks in the same order (no deadlock).
  const recipients = (await usersWhoCanSeeSet(tx, event.setId, candidates)).sort();
  if (recipients.length === 0) return;
  const preferences = await tx
    .select({ userId: notificationPreferences.userId, mode: notificationPreferences.mode })
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, recipients), eq(notificationPreferences.kind, event.kind)));
  const modeOf = new Map(preferences.map((row) => [row.userId, row.mode]));
  const params = JSON.stringify(event.params);
  for (const userId of recipients) {
    const mode = modeOf.get(userId) ?? "on";
    if (mode === "off") continue;
    const digest = mode === "digest";
    // A digest row collects one kind about one set, so that it disappears with the set's visibility
    // like any other notification (a digest across sets would keep counting hidden ones).
    const groupKey = digest ? `digest:${event.kind}:${event.setId}` : event.groupKey;
    // Serialise writers of the same group until commit: without a unique key to conflict on, two
    // transactions would both find no row to add to and split a burst into two rows.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${userId}|${event.kind}|${groupKey}`}, 0))`);
    const [grouped] = rowsOf<{ id: string }>(
      await tx.execute(sql`
        update notifications set count = count + 1, params = ${params}::jsonb, link = ${event.link},
          last_event_at = now()
        where id = (
          select id from notifications
          where user_id = ${userId} and kind = ${event.kind} and group_key = ${groupKey} and set_id = ${event.setId}
            and read_at is null
            and ${
              digest
                ? sql`digest_day = to_char(now() at time zone 'Europe/Stockholm', 'YYYY-MM-DD')`
                : sql`digest_day is null and last_event_at > now() - ${BURST_WINDOW}`
            }
          order by last_event_at desc limit 1)
        returning id`),
    );
    if (grouped) continue;
    await tx.execute(sql`
      insert into notifications (user_id, kind, set_id, group_key, params, link, visible_from, digest_day)
      values (${userId}, ${event.kind}, ${event.setId}, ${groupKey}, ${params}::jsonb, ${event.link},
        ${
          digest
            ? sql`((now() at time zone 'Europe/Stockholm')::date + 1 + make_interval(hours => ${DIGEST_HOUR})) at time zone 'Europe/Stockholm'`
            : sql`now()`
        },
        ${digest ? sql`to_char(now() at time zone 'Europe/Stockholm', 'YYYY-MM-DD')` : sql`null`})`);
  }
}

/** The users among `userIds` who may see the set, by the policy's rule (`visibleToUserSql`). */
export async function usersWhoCanSeeSet(
  tx: DbOrTransaction,
  setId: string,
  userIds: readonly string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select u.id from users u, requirement_sets rs
      where rs.id = ${setId} and u.id in (${sql.join(
        userIds.map((userId) => sql`${userId}`),
        sql`, `,
      )})
        and ${visibleToUserSql(
          {
            ownerRegionId: sql`rs.owner_region_id`,
            visibility: sql`rs.visibility`,
            collaborationId: sql`rs.collaboration_id`,
          },
          sql`u.id`,
        )}`),
  );
  return rows.map((row) => row.id);
}

/** The SQL condition "this notification's set is visible to the user" (for counts and lists). */
function visibleNotification(principal: Principal) {
  return visibleTo(principal, {
    ownerRegionId: requirementSets.ownerRegionId,
    visibility: requirementSets.visibility,
    collaborationId: requirementSets.collaborationId,
  });
}

export type NotificationItem = {
  id: string;
  kind: NotificationKind;
  count: number;
  params: Record<string, string | number>;
  digestDay: string | null;
  lastEventAt: Date;
  readAt: Date | null;
};

/**
 * The user's notifications that are visible now (digests from their morning on) about sets the
 * user may still see, newest first; one page of `limit` and whether there are older ones.
 */
export async function listNotifications({
  principal,
  limit = 50,
  offset = 0,
}: {
  principal: Principal;
  limit?: number;
  offset?: number;
}): Promise<{ items: NotificationItem[]; hasOlder: boolean }> {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      count: notifications.count,
      params: notifications.params,
      digestDay: notifications.digestDay,
      lastEventAt: notifications.lastEventAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .innerJoin(requirementSets, eq(requirementSets.id, notifications.setId))
    .where(
      and(
        eq(notifications.userId, principal.userId),
        lte(notifications.visibleFrom, sql`now()`),
        visibleNotification(principal),
      ),
    )
    // The id breaks ties between rows of the same instant, so the order is the same on every page.
    .orderBy(desc(notifications.lastEventAt), desc(notifications.id))
    .limit(limit + 1)
    .offset(offset);
  return { items: rows.slice(0, limit), hasOlder: rows.length > limit };
}

export async function countUnreadNotifications({ principal }: { principal: Principal }): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .innerJoin(requirementSets, eq(requirementSets.id, notifications.setId))
    .where(
      and(
        eq(notifications.userId, principal.userId),
        isNull(notifications.readAt),
        lte(notifications.visibleFrom, sql`now()`),
        visibleNotification(principal),
      ),
    );
  return Number(row?.count ?? 0);
}

/**
 * Opens one of the user's own notifications: marks it read and returns where it leads, or null
 * when it is not the user's, not visible yet, or about a set the user can no longer see.
 */
export async function openNotification({ principal, id }: { principal: Principal; id: string }) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(
      and(
        eq(notifications.id, id),
        eq(notifications.userId, principal.userId),
        lte(notifications.visibleFrom, sql`now()`),
        exists(
          db
            .select({ id: requirementSets.id })
            .from(requirementSets)
            .where(and(eq(requirementSets.id, notifications.setId), visibleNotification(principal))),
        ),
      ),
    )
    .returning({ link: notifications.link });
  if (!row) return null;
  // Links are written by our own code, but a redirect target is checked all the same: only a
  // path inside Samkrav ("/x", never "//host" or "/\host", which browsers treat as another site).
  return /^\/(?![/\\])/.test(row.link) ? row.link : "/notifications";
}

/** Marks the user's own notifications read: the given ones, or all that are visible now. */
export async function markNotificationsRead({ userId, ids }: { userId: string; ids: readonly string[] | "all" }) {
  const conditions = [eq(notifications.userId, userId), isNull(notifications.readAt)];
  if (ids !== "all") {
    if (ids.length === 0) return 0;
    conditions.push(inArray(notifications.id, [...ids]));
  } else {
    conditions.push(lte(notifications.visibleFrom, sql`now()`));
  }
  const updated = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(...conditions))
    .returning({ id: notifications.id });
  return updated.length;
}

export async function getNotificationPreferences({
  userId,
}: {
  userId: string;
}): Promise<Record<NotificationKind, NotificationMode>> {
  const rows = await db
    .select({ kind: notificationPreferences.kind, mode: notificationPreferences.mode })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((row) => [row.kind, row.mode]));
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, chosen.get(kind) ?? "on"])) as Record<
    NotificationKind,
    NotificationMode
  >;
}

export async function setNotificationPreferences({
  userId,
  preferences,
}: {
  userId: string;
  preferences: Record<NotificationKind, NotificationMode>;
}) {
  await db.transaction(async (tx) => {
    for (const kind of NOTIFICATION_KINDS) {
      await tx
        .insert(notificationPreferences)
        .values({ userId, kind, mode: preferences[kind] })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.kind],
          set: { mode: preferences[kind] },
        });
    }
  });
}
