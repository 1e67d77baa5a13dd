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

import { collaborations, regions, users } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";
import { requirements, requirementSets, visibilityEnum } from "./requirements";

/** The LOU phases of DOMAIN.md §2.1, avbruten included; shared by lessons and procurements. */
export const louPhaseEnum = pgEnum("lou_phase", [
  "needs_analysis",
  "market_analysis",
  "preparation",
  "tender_documents",
  "publication",
  "tender_period",
  "opening",
  "evaluation",
  "award",
  "standstill",
  "review",
  "contract",
  "contract_management",
  "cancelled",
]);
export const lessonSeverityEnum = pgEnum("lesson_severity", ["low", "medium", "high"]);
/** domstolsavgörande, granskningsrapport, beslut, myndighet, annan källa */
export const lessonSourceKindEnum = pgEnum("lesson_source_kind", [
  "court_ruling",
  "review_report",
  "decision",
  "authority",
  "other",
]);

/** A lärdom: what happened in a procurement, what to learn, and what to do next time. Shareable. */
export const lessons = pgTable(
  "lessons",
  {
    id: id(),
    ownerRegionId: uuid("owner_region_id")
      .notNull()
      .references(() => regions.id),
    title: text("title").notNull(),
    whatHappened: text("what_happened").notNull().default(""),
    lesson: text("lesson").notNull().default(""),
    recommendation: text("recommendation").notNull().default(""),
    sourceKind: lessonSourceKindEnum("source_kind").notNull(),
    sourceTitle: text("source_title").notNull().default(""),
    sourceDate: date("source_date", { mode: "string" }),
    sourceUrl: text("source_url").notNull().default(""),
    /** The source itself flags a date or fact as not yet verified (DOMAIN.md "(verify)"). */
    unverified: boolean("unverified").notNull().default(false),
    phase: louPhaseEnum("phase"),
    /** Requirement areas (AREAS codes) the lesson concerns: it surfaces on requirements of these areas. */
    areas: text("areas")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    severity: lessonSeverityEnum("severity").notNull().default("medium"),
    visibility: visibilityEnum("visibility").notNull().default("private"),
    collaborationId: uuid("collaboration_id").references(() => collaborations.id),
    version: integer("version").notNull().default(1),
    archivedAt: timestamp("archived_at", { withTimezone: true, mode: "date" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("lessons_owner_idx").on(table.ownerRegionId),
    index("lessons_visibility_idx").on(table.visibility, table.collaborationId),
    index("lessons_areas_idx").using("gin", table.areas),
  ],
);

/** A requirement written because of (or guarded by) a lesson. */
export const requirementLessonLinks = pgTable(
  "requirement_lesson_links",
  {
    requirementId: uuid("requirement_id")
      .notNull()
      .references(() => requirements.id),
    lessonId: uuid("lesson_id")
      .notNull()
      .references(() => lessons.id),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("requirement_lesson_links_key").on(table.requirementId, table.lessonId),
    index("requirement_lesson_links_lesson_idx").on(table.lessonId),
  ],
);

/** A lesson that concerns a whole requirement set. */
export const lessonSetLinks = pgTable(
  "lesson_set_links",
  {
    lessonId: uuid("lesson_id")
      .notNull()
      .references(() => lessons.id),
    setId: uuid("set_id")
      .notNull()
      .references(() => requirementSets.id),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("lesson_set_links_key").on(table.lessonId, table.setId),
    index("lesson_set_links_set_idx").on(table.setId),
  ],
);
