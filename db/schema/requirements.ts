import { sql } from "drizzle-orm";
import {
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

import type { RequirementContent, SetSnapshot } from "../../app/utils/requirement-fields";

import { collaborations, regions, users } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";

export const setStatusEnum = pgEnum("set_status", ["draft", "in_review", "approved", "published", "superseded"]);
export const visibilityEnum = pgEnum("visibility", ["private", "collaboration", "portal"]);
export const obligationEnum = pgEnum("obligation", ["ska", "bor"]);
export const requirementTypeEnum = pgEnum("requirement_type", ["qualification", "technical", "award", "contract"]);
export const verificationMethodEnum = pgEnum("verification_method", [
  "yes_no",
  "description",
  "attachment",
  "demonstration",
  "scenario_test",
  "reference_check",
  "acceptance_test",
  "contract_follow_up",
]);
export const ambitionLevelEnum = pgEnum("ambition_level", ["basic", "advanced", "leading"]);
export const baselineKindEnum = pgEnum("baseline_kind", ["manual", "review", "approved"]);

/** PostgreSQL full-text vector; only ever written by the database (a generated column). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** A kravuppsättning: owned by one region, shared by a deliberate, audited act. */
export const requirementSets = pgTable(
  "requirement_sets",
  {
    id: id(),
    ownerRegionId: uuid("owner_region_id")
      .notNull()
      .references(() => regions.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Free-text tie to a procurement until the procurement register exists (issue 5). */
    procurementReference: text("procurement_reference").notNull().default(""),
    status: setStatusEnum("status").notNull().default("draft"),
    visibility: visibilityEnum("visibility").notNull().default("private"),
    collaborationId: uuid("collaboration_id").references(() => collaborations.id),
    /** The published set this draft continues, when it is "a new draft version" of one. */
    previousSetId: uuid("previous_set_id"),
    version: integer("version").notNull().default(1),
    archivedAt: timestamp("archived_at", { withTimezone: true, mode: "date" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** The title as Swedish words, for the library's set-title matches (read for every visible set). */
    titleVector: tsvector("title_vector").generatedAlwaysAs(sql`to_tsvector('swedish', coalesce(title, ''))`),
  },
  (table) => [
    index("requirement_sets_owner_idx").on(table.ownerRegionId),
    index("requirement_sets_visibility_idx").on(table.visibility, table.collaborationId),
  ],
);

export const setSections = pgTable(
  "set_sections",
  {
    id: id(),
    setId: uuid("set_id")
      .notNull()
      .references(() => requirementSets.id),
    parentId: uuid("parent_id"),
    title: text("title").notNull(),
    /** Order among siblings; gaps are fine, ties never happen (moves swap or renumber). */
    position: integer("position").notNull(),
    version: integer("version").notNull().default(1),
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("set_sections_set_idx").on(table.setId, table.parentId, table.position)],
);

export const requirements = pgTable(
  "requirements",
  {
    id: id(),
    setId: uuid("set_id")
      .notNull()
      .references(() => requirementSets.id),
    sectionId: uuid("section_id").references(() => setSections.id),
    position: integer("position").notNull(),
    ref: text("ref").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull().default(""),
    obligation: obligationEnum("obligation").notNull(),
    type: requirementTypeEnum("type").notNull(),
    area: text("area").notNull(),
    rationale: text("rationale").notNull().default(""),
    verification: verificationMethodEnum("verification").notNull(),
    weight: integer("weight"),
    ambition: ambitionLevelEnum("ambition"),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: integer("version").notNull().default(1),
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * Provenance of a copy from the library (null for requirements written here). The source
     * requirement keeps its UUID forever, so the link survives renumbering and moves.
     */
    sourceRequirementId: uuid("source_requirement_id").references((): AnyPgColumn => requirements.id),
    sourceSetId: uuid("source_set_id").references(() => requirementSets.id),
    /** The source's version whose content this copy is based on (at copy, or at the last accept). */
    sourceVersion: integer("source_version"),
    /** The source's content at `sourceVersion`: the base for "adapted" and for the source-changed diff. */
    sourceSnapshot: jsonb("source_snapshot").$type<RequirementContent>(),
    /** The newest source version the owner has acted on (accepted or kept local text). */
    sourceSeenVersion: integer("source_seen_version"),
    /** Why this region's copy differs from its source (adoption record "anpassad"). */
    adaptationReason: text("adaptation_reason").notNull().default(""),
    /** Attributes an imported file had that Samkrav has no field for (name → text), shown with the requirement. */
    importedAttributes: jsonb("imported_attributes").$type<Record<string, string>>().notNull().default({}),
    /** Swedish full-text vector: ref and title weigh most, then text, then rationale. */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('swedish', coalesce(ref, '') || ' ' || coalesce(title, '')), 'A') || setweight(to_tsvector('swedish', coalesce(text, '')), 'B') || setweight(to_tsvector('swedish', coalesce(rationale, '')), 'C')`,
    ),
  },
  (table) => [
    index("requirements_set_order_idx").on(table.setId, table.sectionId, table.position),
    // Live requirements per set, counted from the index alone (the library's sets list, set counts).
    index("requirements_live_set_idx")
      .on(table.setId)
      .where(sql`${table.deletedAt} is null`),
    index("requirements_search_idx").using("gin", table.searchVector),
    index("requirements_source_idx")
      .on(table.sourceRequirementId)
      .where(sql`${table.sourceRequirementId} is not null`),
    // A ref is unique among the set's live requirements; a deleted one keeps its ref for history.
    uniqueIndex("requirements_set_ref_key")
      .on(table.setId, table.ref)
      .where(sql`${table.deletedAt} is null`),
  ],
);

/** Every change to a requirement, section or set: who, when, which fields, old and new. */
export const setChanges = pgTable(
  "set_changes",
  {
    id: id(),
    setId: uuid("set_id")
      .notNull()
      .references(() => requirementSets.id),
    requirementId: uuid("requirement_id").references(() => requirements.id),
    sectionId: uuid("section_id").references(() => setSections.id),
    /** created, updated, deleted, restored, moved, status, baseline, shared, archived, restored-set… */
    kind: text("kind").notNull(),
    /** Version of the requirement (or set) after the change. */
    version: integer("version"),
    changes: jsonb("changes").$type<Record<string, { old: unknown; new: unknown }>>().notNull().default({}),
    changedByUserId: uuid("changed_by_user_id").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true, mode: "date" })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (table) => [
    index("set_changes_set_time_idx").on(table.setId, table.changedAt),
    index("set_changes_requirement_idx").on(table.requirementId, table.changedAt),
  ],
);

/** An immutable, named snapshot of a set (see the trigger in the migration). */
export const baselines = pgTable(
  "baselines",
  {
    id: id(),
    setId: uuid("set_id")
      .notNull()
      .references(() => requirementSets.id),
    name: text("name").notNull(),
    kind: baselineKindEnum("kind").notNull(),
    setVersion: integer("set_version").notNull(),
    requirementCount: integer("requirement_count").notNull(),
    snapshot: jsonb("snapshot").$type<SetSnapshot>().notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [index("baselines_set_idx").on(table.setId, table.createdAt)],
);
