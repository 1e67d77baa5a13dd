import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { collaborations, users } from "./accounts";
import { createdAt, id } from "./columns";
import { baselines, requirementSets } from "./requirements";

export const reviewRoundStatusEnum = pgEnum("review_round_status", [
  "open",
  "approved",
  "changes_requested",
  "cancelled",
]);
export const reviewDecisionEnum = pgEnum("review_decision", ["approve", "request_changes"]);
/** Why a reviewer was invited: shown on the round page and used for the defaults. */
export const reviewerRoleEnum = pgEnum("reviewer_role", ["steering", "legal", "colleague", "other_region"]);

/** A granskning/remiss of one baseline of a set. */
export const reviewRounds = pgTable(
  "review_rounds",
  {
    id: id(),
    setId: uuid("set_id")
      .notNull()
      .references(() => requirementSets.id),
    /** The frozen content under review (made when the round is opened). */
    baselineId: uuid("baseline_id")
      .notNull()
      .references(() => baselines.id),
    status: reviewRoundStatusEnum("status").notNull().default("open"),
    message: text("message").notNull().default(""),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    version: integer("version").notNull().default(1),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [
    index("review_rounds_set_idx").on(table.setId, table.createdAt),
    // At most one open round per set.
    uniqueIndex("review_rounds_one_open_key")
      .on(table.setId)
      .where(sql`${table.status} = 'open'`),
  ],
);

export const reviewInvitations = pgTable(
  "review_invitations",
  {
    id: id(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => reviewRounds.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: reviewerRoleEnum("role").notNull(),
    /** The set is approved when every required reviewer has approved. */
    required: boolean("required").notNull().default(true),
    decision: reviewDecisionEnum("decision"),
    comment: text("comment").notNull().default(""),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("review_invitations_round_user_key").on(table.roundId, table.userId),
    index("review_invitations_user_idx").on(table.userId),
  ],
);

/**
 * A steering group's fastställelse of an approved baseline, with its decision reference
 * ("Styrgruppen 3R 2026-11-20 § 4"). Kept beside the baseline, which itself stays immutable.
 */
export const baselineEstablishments = pgTable(
  "baseline_establishments",
  {
    id: id(),
    baselineId: uuid("baseline_id")
      .notNull()
      .references(() => baselines.id),
    collaborationId: uuid("collaboration_id")
      .notNull()
      .references(() => collaborations.id),
    decisionReference: text("decision_reference").notNull(),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    establishedByUserId: uuid("established_by_user_id").references(() => users.id),
    establishedAt: createdAt("established_at"),
  },
  (table) => [uniqueIndex("baseline_establishments_baseline_key").on(table.baselineId)],
);
