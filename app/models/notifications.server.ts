import { and, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";

import { notificationPreferences, notifications } from "../../db/schema/notifications";
import { requirementSets } from "../../db/schema/requirements";
import { db } from "~/utils/db.server";
import { rowsOf, type DbOrTransaction } from "~/utils/db-connect.server";
import { visibleTo, visibleToUserSql, type Principal } from "~/utils/policy.server";

export const NOTIFICATION_KINDS = [
  "review_requested",
  "review_decision",
  "comment",
  "mention",
  "source_changed",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_MODES = ["on", "digest", "off"] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

/** Events of one kind about one thing within this window are one notification (a burst). */
const BURST_WINDOW = sql`interval '1 hour'`;
/** When a day's digest becomes visible: the next morning, Swedish time. */
const DIGEST_HOUR = 7;

export type NotificationEvent = {
  /** Who should hear of it; the actor and anyone who cannot see the set are left out here. */
  recipientUserIds: readonly string[];
  actorUserId: string | null;
  kind: NotificationKind;
  /** The set the event is about: recipients must be able to see it, now and when they read the list. */
  setId: string;
  /** What a burst is grouped by, e.g. `comment:<setId>` or `review:<roundId>`. */
  groupKey: string;
  /** Message parameters (set title, actor name, ref …) for the dictionary text of `kind`. */
  params: Record<string, string | number>;
  /** Where the notification leads (a path inside Samkrav). */
  link: string;
};

/**
 * Records an event for its recipients, in the caller's transaction so that a notification exists
 * exactly when the thing it tells of was saved. Per recipient and kind: "off" drops it, "digest"
 * adds it to today's digest (visible tomorrow morning), "on" adds it to an unread notification of
 * the same group from the last hour or starts a new one.
 */
export async function notify(tx: DbOrTransaction, event: NotificationEvent): Promise<void> {
  const candidates = [...new Set(event.recipientUserIds)].filter((userId) => userId !== event.actorUserId);
  if (candidates.length === 0) return;
  const recipients = await usersWhoCanSeeSet(tx, event.setId, candidates);
  if (recipients.length === 0) return;
  const preferences = await tx
    .select({ userId: notificationPreferences.userId, mode: notificationPreferences.mode })
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, recipients), eq(notificationPreferences.kind, event.kind)));
  const modeOf = new Map(preferences.map((row) => [row.userId, row.mode]));
  for (const userId of recipients) {
    const mode = modeOf.get(userId) ?? "on";
    if (mode === "off") continue;
    const digest = mode === "digest";
    const groupKey = digest ? `digest:${event.kind}` : event.groupKey;
    // Serialise writers of the same group so a burst never splits into two rows.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${userId}|${event.kind}|${groupKey}`}, 0))`);
    const [grouped] = rowsOf<{ id: string }>(
      await tx.execute(sql`
        update notifications set count = count + 1, params = ${JSON.stringify(event.params)}::jsonb,
          link = ${digest ? "/notifications" : event.link}, set_id = ${event.setId}, last_event_at = now()
        where id = (
          select id from notifications
          where user_id = ${userId} and kind = ${event.kind} and group_key = ${groupKey} and read_at is null
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
      values (${userId}, ${event.kind}, ${event.setId}, ${groupKey}, ${JSON.stringify(event.params)}::jsonb,
        ${digest ? "/notifications" : event.link},
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

export async function listNotifications({ principal, limit = 50 }: { principal: Principal; limit?: number }) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      count: notifications.count,
      params: notifications.params,
      link: notifications.link,
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
    .orderBy(desc(notifications.lastEventAt))
    .limit(limit);
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
