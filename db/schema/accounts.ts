import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { createdAt, id, updatedAt } from "./columns";

export const localeEnum = pgEnum("locale", ["sv", "en"]);
export const regionRoleEnum = pgEnum("region_role", ["viewer", "editor", "admin"]);
export const steeringRoleEnum = pgEnum("steering_role", ["chair", "member"]);

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Stored lower-cased; the unique index makes sign-in case-insensitive. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    title: text("title"),
    passwordHash: text("password_hash").notNull(),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    locale: localeEnum("locale"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("users_email_key").on(table.email)],
);

export const regions = pgTable(
  "regions",
  {
    id: id(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("regions_slug_key").on(table.slug), uniqueIndex("regions_name_key").on(table.name)],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id, { onDelete: "cascade" }),
    role: regionRoleEnum("role").notNull(),
    /** The region's legal counsel (jurist) is invited to review rounds. */
    isLegalCounsel: boolean("is_legal_counsel").notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.regionId] }),
    index("memberships_region_idx").on(table.regionId),
  ],
);

export const collaborations = pgTable(
  "collaborations",
  {
    id: id(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("collaborations_slug_key").on(table.slug),
    uniqueIndex("collaborations_name_key").on(table.name),
  ],
);

export const collaborationRegions = pgTable(
  "collaboration_regions",
  {
    collaborationId: uuid("collaboration_id")
      .notNull()
      .references(() => collaborations.id, { onDelete: "cascade" }),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.collaborationId, table.regionId] }),
    index("collaboration_regions_region_idx").on(table.regionId),
  ],
);

export const steeringGroupMembers = pgTable(
  "steering_group_members",
  {
    collaborationId: uuid("collaboration_id")
      .notNull()
      .references(() => collaborations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: steeringRoleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.collaborationId, table.userId] }),
    index("steering_group_members_user_idx").on(table.userId),
  ],
);

/**
 * A session row is keyed by the SHA-256 of the secret token; the token itself only ever
 * lives in the browser's cookie (https://lucia-auth.com/sessions/basic).
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    currentRegionId: uuid("current_region_id").references(() => regions.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastActiveAt: timestamp("last_active_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    idleExpiresAt: timestamp("idle_expires_at", { withTimezone: true, mode: "date" }).notNull(),
    absoluteExpiresAt: timestamp("absolute_expires_at", { withTimezone: true, mode: "date" }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (table) => [index("sessions_user_idx").on(table.userId)],
);

export const invites = pgTable(
  "invites",
  {
    id: id(),
    /** SHA-256 of the token in the link; the link itself is shown once to the inviter. */
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id, { onDelete: "cascade" }),
    role: regionRoleEnum("role").notNull(),
    invitedByUserId: uuid("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    acceptedByUserId: uuid("accepted_by_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [
    uniqueIndex("invites_token_hash_key").on(table.tokenHash),
    index("invites_region_idx").on(table.regionId),
  ],
);

/** Counters for sign-in throttling, shared by every app instance through the database. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true, mode: "date" }).notNull(),
  failures: integer("failures").notNull().default(0),
  blockedUntil: timestamp("blocked_until", { withTimezone: true, mode: "date" }),
});

export const auditOutcomeEnum = pgEnum("audit_outcome", ["success", "failure", "denied"]);

/** Append-only: the application never updates or deletes a row (see the trigger in the migration). */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" })
      .notNull()
      .default(sql`clock_timestamp()`),
    // No cascade: audited people and regions are never hard-deleted (a "set null" would be an
    // UPDATE of the log, which the append-only trigger refuses).
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "restrict" }),
    actorEmail: text("actor_email"),
    regionId: uuid("region_id").references(() => regions.id, { onDelete: "restrict" }),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    outcome: auditOutcomeEnum("outcome").notNull().default("success"),
    requestId: text("request_id"),
    ipAddress: text("ip_address"),
    details: text("details"),
  },
  (table) => [
    index("audit_events_region_time_idx").on(table.regionId, table.occurredAt),
    index("audit_events_time_idx").on(table.occurredAt),
  ],
);
