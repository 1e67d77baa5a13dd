import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { users } from "./accounts";
import { createdAt, id } from "./columns";
import { requirementSets } from "./requirements";

export const notificationKindEnum = pgEnum("notification_kind", [
  "review_requested",
  "review_decision",
  "comment",
  "mention",
  "source_changed",
]);
export const notificationModeEnum = pgEnum("notification_mode", ["on", "digest", "off"]);

/**
 * One in-app notification. A burst of events of one kind about one thing (ten comments on a
 * set within an hour) is one row whose `count` grows; a daily digest is one row per kind and day.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: notificationKindEnum("kind").notNull(),
    setId: uuid("set_id").references(() => requirementSets.id),
    /** What events are grouped by (e.g. the set, the thread, the review round). */
    groupKey: text("group_key").notNull(),
    count: integer("count").notNull().default(1),
    /** Message parameters of the latest event (set title, actor name, …); rendered from the dictionaries. */
    params: jsonb("params").$type<Record<string, string | number>>().notNull().default({}),
    link: text("link").notNull(),
    /** Digest notifications become visible the next morning; instant ones at once. */
    visibleFrom: timestamp("visible_from", { withTimezone: true, mode: "date" })
      .notNull()
      .default(sql`now()`),
    /** The Stockholm date a digest row collects (null for instant notifications). */
    digestDay: text("digest_day"),
    createdAt: createdAt(),
    lastEventAt: timestamp("last_event_at", { withTimezone: true, mode: "date" })
      .notNull()
      .default(sql`now()`),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [
    index("notifications_user_idx").on(table.userId, table.readAt, table.visibleFrom),
    index("notifications_group_idx").on(table.userId, table.kind, table.groupKey, table.lastEventAt),
  ],
);

/** Each person's choice per kind; no row means "on". */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: notificationKindEnum("kind").notNull(),
    mode: notificationModeEnum("mode").notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);
