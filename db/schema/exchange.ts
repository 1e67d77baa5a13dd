import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { regions, users } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";
import { requirementSets } from "./requirements";

/** Raw bytes; postgres.js gives a Buffer and PGlite a Uint8Array, so reads are normalised. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) =>
    Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * An import in progress: the uploaded file and the choices made so far (sheet, column mapping,
 * value words, hierarchy, ReqIF specification). The wizard's steps read and update it; applying
 * it writes the set in one transaction and drops the file's bytes.
 */
export const setImports = pgTable(
  "set_imports",
  {
    id: id(),
    /** The workspace the import belongs to: a new set is created here; an existing target is owned here. */
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    /** The draft set to update; null when the import creates a new set. */
    targetSetId: uuid("target_set_id").references(() => requirementSets.id),
    createdByUserId: uuid("created_by_user_id")
      .notNull()
      .references(() => users.id),
    fileName: text("file_name").notNull(),
    /** xlsx, csv, reqif (also .reqifz) or json. */
    format: text("format").notNull(),
    fileSize: integer("file_size").notNull(),
    fileBytes: bytea("file_bytes").notNull(),
    options: jsonb("options").$type<Record<string, unknown>>().notNull().default({}),
    /** The set the import wrote, once applied. */
    resultSetId: uuid("result_set_id").references(() => requirementSets.id),
    appliedAt: timestamp("applied_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("set_imports_user_idx").on(table.createdByUserId, table.createdAt)],
);
