import { sql } from "drizzle-orm";
import { date, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { collaborations, regions, users } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";
import { requirements } from "./requirements";

export const standardCategoryEnum = pgEnum("standard_category", [
  "architecture",
  "informatics",
  "terminology",
  "interoperability",
  "security",
  "accessibility",
  "law",
]);
/** gällande, på väg in, utgående */
export const standardLifecycleEnum = pgEnum("standard_lifecycle", ["current", "incoming", "outgoing"]);
/** krav, rekommendation */
export const commonStandardLevelEnum = pgEnum("common_standard_level", ["required", "recommended"]);
/** infört, planerat, utreds, ej aktuellt */
export const standardAdoptionStatusEnum = pgEnum("standard_adoption_status", [
  "adopted",
  "planned",
  "evaluating",
  "not_applicable",
]);

/**
 * The shared standards catalogue (NI, NPÖ, HL7 FHIR, ISO/IEC 27001 …). Reference data every
 * signed-in user reads; `currentVersion` is the version requirements should pin today.
 */
export const standards = pgTable(
  "standards",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    ownerBody: text("owner_body").notNull().default(""),
    category: standardCategoryEnum("category").notNull(),
    currentVersion: text("current_version").notNull().default(""),
    link: text("link").notNull().default(""),
    description: text("description").notNull().default(""),
    lifecycle: standardLifecycleEnum("lifecycle").notNull().default("current"),
    version: integer("version").notNull().default(1),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // Codes are unique whatever their case ("hl7 fhir" is HL7 FHIR): the model checks first for a
  // clear message, the index settles two simultaneous creates.
  (table) => [uniqueIndex("standards_code_key").on(sql`lower(${table.code})`)],
);

/** The versions of a standard, newest by `releasedOn`; a new one flags requirements pinned to older ones. */
export const standardVersions = pgTable(
  "standard_versions",
  {
    id: id(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    label: text("label").notNull(),
    releasedOn: date("released_on", { mode: "string" }),
    note: text("note").notNull().default(""),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("standard_versions_key").on(table.standardId, table.label)],
);

/** A collaboration's decision that a standard is common to its regions (krav or rekommendation). */
export const collaborationStandards = pgTable(
  "collaboration_standards",
  {
    collaborationId: uuid("collaboration_id")
      .notNull()
      .references(() => collaborations.id),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    level: commonStandardLevelEnum("level").notNull(),
    decisionReference: text("decision_reference").notNull(),
    decidedOn: date("decided_on", { mode: "string" }),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.collaborationId, table.standardId] }),
    index("collaboration_standards_standard_idx").on(table.standardId),
  ],
);

/** A region's adoption of a standard: one current record per region and standard (history in the audit log). */
export const regionStandardAdoptions = pgTable(
  "region_standard_adoptions",
  {
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    status: standardAdoptionStatusEnum("status").notNull(),
    statusDate: date("status_date", { mode: "string" }),
    note: text("note").notNull().default(""),
    version: integer("version").notNull().default(1),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.regionId, table.standardId] }),
    index("region_standard_adoptions_standard_idx").on(table.standardId),
  ],
);

/** A requirement's reference to a standard, pinned to the version it was written against. */
export const requirementStandardLinks = pgTable(
  "requirement_standard_links",
  {
    requirementId: uuid("requirement_id")
      .notNull()
      .references(() => requirements.id),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    standardVersion: text("standard_version"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("requirement_standard_links_key").on(table.requirementId, table.standardId),
    index("requirement_standard_links_standard_idx").on(table.standardId),
  ],
);
