import fc from "fast-check";
import { describe, expect, test } from "vitest";

import { readImport } from "~/exchange/import-session.server";
import { writeSetXlsx } from "~/exchange/set-spreadsheet.server";

import { exchangeSetArbitrary, shapeOfExported, shapeOfImported, trimmedTexts } from "../support/exchange-arbitraries";

/**
 * Property: any set exported as our workbook and read back by the import wizard with its own
 * guesses (header row, column mapping, value words, hierarchy from the sections sheet) gives the
 * same sections (ids, parents, titles, order) and requirements (ids, sections, every field,
 * imported attributes, order), in both languages, without a single issue.
 */

let uploads = 0;

describe("XLSX round trip", () => {
  test.each(["sv", "en"] as const)(
    "property: export → import keeps fields, tree, order and ids (%s)",
    async (language) => {
      await fc.assert(
        fc.asyncProperty(exchangeSetArbitrary().map(trimmedTexts), async (original) => {
          const bytes = await writeSetXlsx(original, language);
          uploads += 1;
          const reading = await readImport(
            { id: `roundtrip-${uploads}`, format: "xlsx", fileName: "export.xlsx", fileBytes: bytes },
            {},
            language,
          );
          expect(reading.issues.filter((issue) => issue.severity === "error")).toEqual([]);
          expect(shapeOfImported(reading.imported)).toEqual(shapeOfExported(original));
          expect(reading.suggestedTitle).toBe(original.set.title);
        }),
        { numRuns: 40 },
      );
    },
  );
});
