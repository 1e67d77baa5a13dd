import fc from "fast-check";
import { expect, test } from "vitest";

import { readCsv, writeCsv, type CsvDelimiter } from "~/exchange/csv.server";
import {
  EXCHANGE_FORMAT,
  EXCHANGE_FORMAT_VERSION,
  type ExchangeRequirement,
  type ExchangeSection,
  type ExchangeSet,
} from "~/exchange/exchange-set";
import { hasErrors, type ImportedSet } from "~/exchange/imported-set";
import {
  defaultValueMap,
  distinctValues,
  guessHeaderRow,
  guessMapping,
  setToTable,
  suggestHierarchy,
  tableToImportedSet,
  type ValueField,
  type ValueMaps,
} from "~/exchange/tabular";
import type { Language } from "~/utils/i18n";
import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
} from "~/utils/requirement-fields";

/** Characters that break naive spreadsheet code: quotes, both delimiters, line breaks, formula starts, our own separators. */
const ODD_CHARACTERS = [
  ..."aåäöÅÄÖé Z09",
  '"',
  "'",
  ";",
  ",",
  "\t",
  "\n",
  "\r\n",
  "\r",
  "=",
  "+",
  "-",
  "@",
  ">",
  " > ",
  " / ",
  ":",
  "\\",
  "(",
  ")",
  "\u00a0",
  "😀",
];

const oddText = fc.array(fc.constantFrom(...ODD_CHARACTERS), { maxLength: 24 }).map((parts) => parts.join(""));
const longText = fc.constantFrom("", "Systemet ska ".repeat(400));
/** Text as the requirement form stores it: trimmed, so the import's trimming changes nothing. */
const fieldText = fc.tuple(oddText, longText).map(([text, long]) => (long + text).trim());
const nonEmptyTitle = fc
  // Mostly a few shared titles, so siblings repeat and paths collide (" > " inside a title) often.
  .oneof({ arbitrary: fc.constantFrom("Säkerhet", "A", "A > B", "B", "=Drift"), weight: 3 }, oddText)
  .map((title) => title.trim())
  .filter((title) => title !== "");

const uuid = (kind: number, index: number) => `0000000${kind}-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;

const requirementFields = fc.record({
  ref: fc.stringMatching(/^[A-Z0-9][A-Z0-9._-]{0,10}$/),
  title: fieldText,
  text: fieldText,
  obligation: fc.constantFrom(...OBLIGATIONS),
  type: fc.constantFrom(...REQUIREMENT_TYPES),
  area: fc.constantFrom(...AREAS),
  rationale: fieldText,
  verification: fc.constantFrom(...VERIFICATION_METHODS),
  weight: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  ambition: fc.option(fc.constantFrom(...AMBITION_LEVELS), { nil: null }),
  tags: fc.uniqueArray(
    oddText.filter((tag) => tag !== ""),
    { maxLength: 5 },
  ),
  version: fc.integer({ min: 1, max: 500 }),
  // Standards as the catalogue names them: one line each, no outer space, each once.
  linkedStandards: fc.uniqueArray(
    oddText.map((name) => name.replace(/[\r\n]/g, " ").trim()).filter((name) => name !== ""),
    { maxLength: 2 },
  ),
  source: oddText,
  importedAttributes: fc
    .uniqueArray(fc.tuple(fc.oneof(oddText, fc.constant("__proto__")), oddText), {
      maxLength: 4,
      selector: ([name]) => name,
    })
    .map((entries) => Object.fromEntries(entries)),
  sectionChoice: fc.nat(),
});

/** A set with a random section tree (pre-order, as ExchangeSet requires) and requirements in reading order. */
const exchangeSetArbitrary: fc.Arbitrary<ExchangeSet> = fc
  .record({
    sections: fc.array(fc.record({ parentChoice: fc.nat(), title: nonEmptyTitle }), { maxLength: 8 }),
    requirements: fc.array(requirementFields, { maxLength: 12 }),
  })
  .map(({ sections: drafts, requirements: requirementDrafts }) => {
    const created = drafts.map((draft, index) => ({
      id: uuid(1, index),
      // Each section hangs under an earlier one or at the top, so the tree has no cycles.
      parentId: draft.parentChoice % (index + 1) === index ? null : uuid(1, draft.parentChoice % (index + 1)),
      title: draft.title,
    }));
    const sections: ExchangeSection[] = [];
    const visit = (parentId: string | null) => {
      for (const section of created.filter((candidate) => candidate.parentId === parentId)) {
        sections.push(section);
        visit(section.id);
      }
    };
    visit(null);
    const order = new Map<string | null, number>([[null, -1], ...sections.map((s, i) => [s.id, i] as const)]);
    const requirements: ExchangeRequirement[] = requirementDrafts
      .map(({ sectionChoice, ...fields }, index) => ({
        ...fields,
        id: uuid(2, index),
        sectionId:
          sectionChoice % (sections.length + 1) === 0
            ? null
            : (sections[(sectionChoice % (sections.length + 1)) - 1]?.id ?? null),
      }))
      .sort((a, b) => (order.get(a.sectionId) ?? 0) - (order.get(b.sectionId) ?? 0));
    return {
      format: EXCHANGE_FORMAT,
      formatVersion: EXCHANGE_FORMAT_VERSION,
      exportedAt: "2026-11-30T10:00:00.000Z",
      set: {
        id: uuid(3, 0),
        title: "Gemensam kravuppsättning VIS",
        description: "",
        procurementReference: "RS 2026-0042",
        ownerRegionName: "Region Skåne",
        status: "draft",
        visibility: "private",
        collaborationName: null,
        version: 4,
        baseline: null,
      },
      sections,
      requirements,
    };
  });

/** What an import can give back of a set: sections and requirements with UUIDs instead of import keys. */
function comparableSet(set: ExchangeSet) {
  return {
    sections: set.sections.map(({ id, parentId, title }) => ({ id, parentId, title })),
    requirements: set.requirements.map(({ version: _v, source: _s, ...fields }) => fields),
  };
}

function comparableImport(imported: ImportedSet) {
  const idOfKey = new Map(imported.sections.map((section) => [section.key, section.id]));
  const idOf = (key: string | null) => (key === null ? null : (idOfKey.get(key) ?? `unknown key ${key}`));
  return {
    sections: imported.sections.map((section) => ({
      id: section.id,
      parentId: idOf(section.parentKey),
      title: section.title,
    })),
    requirements: imported.requirements.map(({ row: _row, sectionKey, ...fields }) => ({
      ...fields,
      sectionId: idOf(sectionKey),
    })),
  };
}

/** What the import page does: guess the header row, the mapping, the hierarchy and the value maps, then import. */
function importAsThePageWould(rows: string[][], sections: string[][]): ImportedSet {
  const headerRow = guessHeaderRow(rows);
  expect(headerRow).toBe(0);
  const header = rows[0] ?? [];
  const mapping = guessMapping(header, rows.slice(1));
  const valuesOf = (field: ValueField) => distinctValues(rows, mapping.indexOf(field), 0);
  const valueMaps: ValueMaps = {
    obligation: defaultValueMap("obligation", valuesOf("obligation")),
    type: defaultValueMap("type", valuesOf("type")),
    area: defaultValueMap("area", valuesOf("area")),
    verification: defaultValueMap("verification", valuesOf("verification")),
    ambition: defaultValueMap("ambition", valuesOf("ambition")),
  };
  const hierarchy = suggestHierarchy(mapping, { hasSectionsSheet: true });
  expect(hierarchy).toEqual({ kind: "sections-sheet" });
  return tableToImportedSet(rows, {
    headerRow: 0,
    mapping,
    valueMaps,
    hierarchy,
    sections,
  });
}

const cellText = (cell: string | number | null) => (cell === null ? "" : String(cell));

test("a set written as a table and read back with the guessed mapping and the sections sheet is the same set", () => {
  fc.assert(
    fc.property(exchangeSetArbitrary, fc.constantFrom<Language>("sv", "en"), (set, language) => {
      const table = setToTable(set, language);
      const rows = [table.columns.map((column) => column.header), ...table.rows.map((row) => row.map(cellText))];
      const imported = importAsThePageWould(rows, [table.sections.header, ...table.sections.rows]);
      expect(hasErrors(imported.issues)).toBe(false);
      expect(comparableImport(imported)).toEqual(comparableSet(set));
    }),
    { numRuns: 300 },
  );
});

test("a set written as CSV (both delimiters) and read back is the same set", () => {
  fc.assert(
    fc.property(
      exchangeSetArbitrary,
      fc.constantFrom<Language>("sv", "en"),
      fc.constantFrom<CsvDelimiter>(";", ","),
      (set, language, delimiter) => {
        const table = setToTable(set, language);
        const requirementsCsv = writeCsv(
          { header: table.columns.map((column) => column.header), rows: table.rows },
          { delimiter },
        );
        const sectionsCsv = writeCsv(table.sections, { delimiter });
        const rows = readCsv(requirementsCsv);
        const sections = readCsv(sectionsCsv);
        const imported = importAsThePageWould(rows, sections);
        expect(hasErrors(imported.issues)).toBe(false);
        expect(comparableImport(imported)).toEqual(comparableSet(set));
      },
    ),
    { numRuns: 300 },
  );
});
