import {
  boolean,
  date,
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

import { collaborations, regions, users } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";
import { lessons, louPhaseEnum } from "./lessons";
import { requirementSets, visibilityEnum } from "./requirements";

/** grön, gul, röd */
export const ragStatusEnum = pgEnum("rag_status", ["green", "amber", "red"]);

/**
 * An upphandling, led by one region (the owner) with participating regions. Shareable like every
 * item; the participating regions' members read it whatever its visibility.
 */
export const procurements = pgTable(
  "procurements",
  {
    id: id(),
    ownerRegionId: uuid("owner_region_id")
      .notNull()
      .references(() => regions.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Diarienummer (Dnr) of the procurement, when the lead region has one. */
    caseNumber: text("case_number").notNull().default(""),
    phase: louPhaseEnum("phase").notNull().default("needs_analysis"),
    rag: ragStatusEnum("rag").notNull().default("green"),
    ragReason: text("rag_reason").notNull().default(""),
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
    index("procurements_owner_idx").on(table.ownerRegionId),
    index("procurements_visibility_idx").on(table.visibility, table.collaborationId),
  ],
);

export const procurementRegions = pgTable(
  "procurement_regions",
  {
    procurementId: uuid("procurement_id")
      .notNull()
      .references(() => procurements.id),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.procurementId, table.regionId] }),
    index("procurement_regions_region_idx").on(table.regionId),
  ],
);

/** A milestone: the date a phase is planned to start and the date it actually did. */
export const procurementMilestones = pgTable(
  "procurement_milestones",
  {
    id: id(),
    procurementId: uuid("procurement_id")
      .notNull()
      .references(() => procurements.id),
    phase: louPhaseEnum("phase").notNull(),
    label: text("label").notNull().default(""),
    plannedOn: date("planned_on", { mode: "string" }),
    actualOn: date("actual_on", { mode: "string" }),
    unverified: boolean("unverified").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("procurement_milestones_procurement_idx").on(table.procurementId)],
);

/** Beslutslogg: decisions by a body, with their reference ("RS 2016-05-12 § 106"). */
export const procurementDecisions = pgTable(
  "procurement_decisions",
  {
    id: id(),
    procurementId: uuid("procurement_id")
      .notNull()
      .references(() => procurements.id),
    body: text("body").notNull(),
    reference: text("reference").notNull(),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    summary: text("summary").notNull().default(""),
    link: text("link").notNull().default(""),
    unverified: boolean("unverified").notNull().default(false),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [index("procurement_decisions_procurement_idx").on(table.procurementId, table.decidedOn)],
);

/** The lead region's periodic status report: the regional director's recurring follow-up. */
export const procurementStatusReports = pgTable(
  "procurement_status_reports",
  {
    id: id(),
    procurementId: uuid("procurement_id")
      .notNull()
      .references(() => procurements.id),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    rag: ragStatusEnum("rag").notNull(),
    summary: text("summary").notNull(),
    risks: text("risks").notNull().default(""),
    nextSteps: text("next_steps").notNull().default(""),
    authorUserId: uuid("author_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [index("procurement_status_reports_procurement_idx").on(table.procurementId, table.periodEnd)],
);

export const procurementSetLinks = pgTable(
  "procurement_set_links",
  {
    procurementId: uuid("procurement_id")
      .notNull()
      .references(() => procurements.id),
    setId: uuid("set_id")
      .notNull()
      .references(() => requirementSets.id),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("procurement_set_links_key").on(table.procurementId, table.setId),
    index("procurement_set_links_set_idx").on(table.setId),
  ],
);

export const procurementLessonLinks = pgTable(
  "procurement_lesson_links",
  {
    procurementId: uuid("procurement_id")
      .notNull()
      .references(() => procurements.id),
    lessonId: uuid("lesson_id")
      .notNull()
      .references(() => lessons.id),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("procurement_lesson_links_key").on(table.procurementId, table.lessonId),
    index("procurement_lesson_links_lesson_idx").on(table.lessonId),
  ],
);
