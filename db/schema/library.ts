import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { regions, users } from "./accounts";
import { createdAt, id } from "./columns";
import { requirements } from "./requirements";

/**
 * A region's recorded decision not to use a library requirement (adoption record "avböjd"),
 * made from the library without copying. "Adopted" and "adapted" are not stored here: they
 * follow from the region's copies (`requirements.source_requirement_id`) and whether the copy's
 * content differs from its source.
 */
export const libraryDeclines = pgTable(
  "library_declines",
  {
    id: id(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    requirementId: uuid("requirement_id")
      .notNull()
      .references(() => requirements.id),
    reason: text("reason").notNull(),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
    decidedAt: createdAt("decided_at"),
  },
  (table) => [
    uniqueIndex("library_declines_region_requirement_key").on(table.regionId, table.requirementId),
    index("library_declines_requirement_idx").on(table.requirementId),
  ],
);
