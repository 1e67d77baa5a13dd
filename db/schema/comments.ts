import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

import { users } from "./accounts";
import { createdAt, id } from "./columns";
import { requirementSets, requirements } from "./requirements";

/**
 * A comment on a set (requirement_id null) or on one of its requirements. Replies point at the
 * thread's first comment (one level of threading, as in a review). Never hard-deleted: a deleted
 * comment keeps its place in the thread and shows "kommentaren togs bort".
 */
export const comments = pgTable(
  "comments",
  {
    id: id(),
    setId: uuid("set_id")
      .notNull()
      .references(() => requirementSets.id),
    requirementId: uuid("requirement_id").references(() => requirements.id),
    parentId: uuid("parent_id").references((): AnyPgColumn => comments.id),
    authorUserId: uuid("author_user_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    /** The requirement's version when the comment was written ("skriven mot v2"). */
    requirementVersion: integer("requirement_version"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    editedAt: timestamp("edited_at", { withTimezone: true, mode: "date" }),
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    /** Threads (first comments) only. */
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date" }),
    resolvedByUserId: uuid("resolved_by_user_id").references(() => users.id),
  },
  (table) => [
    index("comments_set_idx").on(table.setId, table.requirementId, table.createdAt),
    index("comments_parent_idx")
      .on(table.parentId)
      .where(sql`${table.parentId} is not null`),
  ],
);

/** Earlier bodies of an edited comment: the edit history everyone who can read it can see. */
export const commentRevisions = pgTable(
  "comment_revisions",
  {
    id: id(),
    commentId: uuid("comment_id")
      .notNull()
      .references(() => comments.id),
    body: text("body").notNull(),
    /** When this body was written (the comment's creation or an earlier edit). */
    writtenAt: timestamp("written_at", { withTimezone: true, mode: "date" }).notNull(),
    replacedAt: createdAt("replaced_at"),
  },
  (table) => [index("comment_revisions_comment_idx").on(table.commentId, table.writtenAt)],
);

/** People mentioned with @name in a comment (only people who can see the set). */
export const commentMentions = pgTable(
  "comment_mentions",
  {
    commentId: uuid("comment_id")
      .notNull()
      .references(() => comments.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
  },
  (table) => [primaryKey({ columns: [table.commentId, table.userId] })],
);
