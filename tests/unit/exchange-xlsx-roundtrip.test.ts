import fc from "fast-check";
import { describe, expect, test } from "vitest";

import type { ExchangeSet } from "~/exchange/exchange-set";
import type { ImportedSet } from "~/exchange/imported-set";
import { readImport } from "~/exchange/import-session.server";
import { writeSetXlsx } from "~/exchange/set-spreadsheet.server";

import { exchangeSetArbitrary, trimmedTexts } from "../support/exchange-arbitraries";

/**
 * Property: any set exported as our workbook and read back by the import wizard with its own
 * guesses (header row, column mapping, value words, hierarchy from the sections sheet) gives the
 * same sections (ids, parents, titles, order) and requirements (ids, sections, every field,
 * imported attributes, order), in both languages, without a single issue.
 */

/** The tree and fields with each section's parent and each requirement's section as UUIDs. */
function shapeOfImported(imported: ImportedSet) {
  const idOf = new Map(imported.sections.map((section) => [section.key, section.id]));
  return {
    sections: imported.sections.map((section) => ({
      id: section.id,
      parentId: section.parentKey === null ? null : (idOf.get(section.parentKey) ?? "?"),
      title: section.title,
    })),
    requirements: imported.requirements.map((requirement) => ({
      id: requirement.id,
      sectionId: requirement.sectionKey === null ? null : (idOf.get(requirement.sectionKey) ?? "?"),
      ref: requirement.ref,
      title: requirement.title,
      text: requirement.text,
      obligation: requirement.obligation,
      type: requirement.type,
      area: requirement.area,
      rationale: requirement.rationale,
      verification: requirement.verification,
      weight: requirement.weight,
      ambition: requirement.ambition,
      tags: requirement.tags,
      importedAttributes: requirement.importedAttributes,
    })),
  };
}

function shapeOfExported(set: ExchangeSet) {
  return {
    sections: set.sections,
    requirements: set.requirements.map(
      ({ version: _version, linkedStandards: _standards, source: _source, ...requirement }) => requirement,
    ),
  };
}

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
