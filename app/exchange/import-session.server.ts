import { z } from "zod";

import type { Language } from "~/utils/i18n";
import { translate } from "~/utils/i18n";
import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
} from "~/utils/requirement-fields";

import { readCsv } from "./csv.server";
import { COLUMN_TARGETS, HIERARCHY_KINDS, VALUE_FIELDS } from "./import-choices";
import type { ImportFileFormat } from "./detect-format";
import { checkImportedSet, trimImportedTexts, type ImportedSet, type ImportIssue } from "./imported-set";
import { exchangeSetToImported, readSetJson } from "./json";
import {
  readReqif,
  reqifColumnOf,
  REQIF_TARGETS,
  reqifToImportedSet,
  suggestReqifMapping,
  type ReqifAttributeKind,
  type ReqifDocument,
  type ReqifTarget,
} from "./reqif-import.server";
import {
  defaultValueMap,
  distinctValues,
  guessHeaderRow,
  guessMapping,
  importColumnOf,
  suggestHierarchy,
  tableToImportedSet,
  type ColumnMapping,
  type ColumnTarget,
  type TabularHierarchyKind,
  type ValueField,
  type ValueMaps,
} from "./tabular";
import { readXlsx, type XlsxReadSheet } from "./xlsx.server";

/**
 * The import wizard's reading of a stored upload: the file parsed once (and kept for a while, so
 * each step does not parse it again), the user's choices applied, and what the page shows — the
 * choices available, the rows as they will be stored, and the row-by-row report.
 */

export const MAX_IMPORT_ROWS = 20_000;

/** The choices made so far, as stored with the import. Every part is optional: absent means "the guess". */
export const ImportOptionsSchema = z.object({
  title: z.string().max(200).optional(),
  sheet: z.string().max(100).optional(),
  delimiter: z.enum(["auto", ";", ",", "\t"]).optional(),
  headerRow: z.number().int().min(1).max(50).optional(),
  mapping: z.array(z.enum(COLUMN_TARGETS)).max(500).optional(),
  valueMaps: z
    .object({
      obligation: z.record(z.string(), z.enum(OBLIGATIONS).nullable()).optional(),
      type: z.record(z.string(), z.enum(REQUIREMENT_TYPES).nullable()).optional(),
      area: z.record(z.string(), z.enum(AREAS).nullable()).optional(),
      verification: z.record(z.string(), z.enum(VERIFICATION_METHODS).nullable()).optional(),
      ambition: z.record(z.string(), z.enum(AMBITION_LEVELS).nullable()).optional(),
    })
    .optional(),
  hierarchy: z.enum(HIERARCHY_KINDS).optional(),
  defaults: z
    .object({
      obligation: z.enum(OBLIGATIONS).nullable().optional(),
      type: z.enum(REQUIREMENT_TYPES).nullable().optional(),
      area: z.enum(AREAS).nullable().optional(),
      verification: z.enum(VERIFICATION_METHODS).nullable().optional(),
    })
    .optional(),
  specification: z.string().max(500).optional(),
  attributeMapping: z.record(z.string(), z.enum(REQIF_TARGETS)).optional(),
});

export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

/** Stored options that no longer parse (an older shape) count as no choices made. */
export function parseStoredOptions(stored: unknown): ImportOptions {
  const parsed = ImportOptionsSchema.safeParse(stored);
  return parsed.success ? parsed.data : {};
}

type ParsedFile =
  | { format: "xlsx"; sheets: XlsxReadSheet[] }
  | { format: "csv"; rows: string[][] }
  | { format: "reqif"; doc: ReqifDocument }
  | { format: "json"; imported: ImportedSet };

/** A few parsed files stay in memory: the wizard's steps come one after another for one upload. */
const parsedCache = new Map<string, ParsedFile>();
const CACHE_ENTRIES = 4;

async function parseFile(
  importId: string,
  format: ImportFileFormat,
  fileName: string,
  bytes: Uint8Array,
  delimiter: ImportOptions["delimiter"],
): Promise<ParsedFile> {
  const key = `${importId}:${delimiter ?? "auto"}`;
  const cached = parsedCache.get(key);
  if (cached) return cached;
  let parsed: ParsedFile;
  switch (format) {
    case "xlsx":
      parsed = { format, sheets: await readXlsx(bytes, { maxRows: MAX_IMPORT_ROWS }) };
      break;
    case "csv":
      parsed = {
        format,
        rows: readCsv(bytes, {
          delimiter: delimiter === undefined || delimiter === "\t" ? "auto" : delimiter,
          maxRows: MAX_IMPORT_ROWS,
        }),
      };
      break;
    case "reqif":
      parsed = { format, doc: await readReqif(bytes, fileName) };
      break;
    case "json":
      parsed = { format, imported: exchangeSetToImported(readSetJson(bytes)) };
      break;
  }
  parsedCache.set(key, parsed);
  while (parsedCache.size > CACHE_ENTRIES) {
    const oldest = parsedCache.keys().next().value;
    if (oldest === undefined) break;
    parsedCache.delete(oldest);
  }
  return parsed;
}

export function forgetParsedImport(importId: string): void {
  for (const key of [...parsedCache.keys()]) if (key.startsWith(`${importId}:`)) parsedCache.delete(key);
}

export type TabularChoices = {
  kind: "tabular";
  format: "xlsx" | "csv";
  sheets: string[];
  sheet: string | null;
  delimiter: NonNullable<ImportOptions["delimiter"]>;
  headerRow: number;
  columns: Array<{ index: number; header: string; samples: string[]; target: ColumnTarget }>;
  values: Array<{ field: ValueField; column: string; entries: Array<{ text: string; target: string | null }> }>;
  hierarchy: TabularHierarchyKind;
  hasSectionsSheet: boolean;
};

export type ReqifChoices = {
  kind: "reqif";
  sourceTool: string;
  specifications: Array<{ key: string; name: string; objectCount: number }>;
  specification: string;
  attributes: Array<{ key: string; name: string; kind: ReqifAttributeKind; target: ReqifTarget }>;
};

export type ImportReading = {
  choices: TabularChoices | ReqifChoices | { kind: "json" };
  defaults: NonNullable<ImportOptions["defaults"]>;
  imported: ImportedSet;
  /** The importer's issues and the row-by-row check together, in row order. */
  issues: ImportIssue[];
  suggestedTitle: string;
};

/** Our own sheet names in both languages: the sections sheet and the sheet about the set. */
function ownSheet(sheets: readonly XlsxReadSheet[], key: "exchange.sheet.sections" | "exchange.sheet.about") {
  const names = new Set((["sv", "en"] as const).map((language) => translate(language, key)));
  return sheets.find((sheet) => names.has(sheet.name)) ?? null;
}

function requirementsSheet(sheets: readonly XlsxReadSheet[], chosen: string | undefined): XlsxReadSheet | null {
  if (chosen !== undefined) {
    const picked = sheets.find((sheet) => sheet.name === chosen);
    if (picked) return picked;
  }
  // The first sheet with rows that is not one of our own helper sheets.
  const helpers = new Set([ownSheet(sheets, "exchange.sheet.sections"), ownSheet(sheets, "exchange.sheet.about")]);
  return sheets.find((sheet) => !helpers.has(sheet) && sheet.rows.length > 0) ?? sheets[0] ?? null;
}

function readTabular(
  format: "xlsx" | "csv",
  rows: string[][],
  extra: {
    sheets: string[];
    sheet: string | null;
    sections: string[][] | null;
    metadata: string[][] | null;
    formulaCells: XlsxReadSheet["formulaCells"];
  },
  options: ImportOptions,
  language: Language,
): Omit<ImportReading, "suggestedTitle"> {
  const headerIndex = options.headerRow !== undefined ? options.headerRow - 1 : (guessHeaderRow(rows) ?? 0);
  const headerCells = rows[headerIndex] ?? [];
  const dataRows = rows.slice(headerIndex + 1);
  const guessed = guessMapping(headerCells, dataRows);
  const mapping: ColumnMapping =
    options.mapping && options.mapping.length === headerCells.length ? options.mapping : guessed;
  const hasSectionsSheet = extra.sections !== null;
  const hierarchy = options.hierarchy ?? suggestHierarchy(mapping, { hasSectionsSheet }).kind;
  const valueMaps: Record<string, Record<string, string | null>> = {};
  const values: TabularChoices["values"] = [];
  for (const field of VALUE_FIELDS) {
    const column = mapping.indexOf(field);
    if (column === -1) continue;
    const found = distinctValues(rows, column, headerIndex).slice(0, 100);
    const stored: Record<string, string | null> = options.valueMaps?.[field] ?? {};
    const suggested: Record<string, string | null> = defaultValueMap(field, found);
    const merged = Object.fromEntries(
      found.map((text) => [text, Object.hasOwn(stored, text) ? (stored[text] ?? null) : (suggested[text] ?? null)]),
    );
    valueMaps[field] = merged;
    values.push({
      field,
      column: headerCells[column] ?? "",
      entries: found.map((text) => ({ text, target: merged[text] ?? null })),
    });
  }
  const defaults = options.defaults ?? {};
  const imported = tableToImportedSet(rows, {
    headerRow: headerIndex,
    mapping,
    valueMaps: valueMaps as ValueMaps,
    hierarchy: { kind: hierarchy },
    ...(extra.sections ? { sections: extra.sections } : {}),
    ...(extra.metadata ? { metadata: extra.metadata } : {}),
    defaults: {
      ...(defaults.obligation ? { obligation: defaults.obligation } : {}),
      ...(defaults.type ? { type: defaults.type } : {}),
      ...(defaults.area ? { area: defaults.area } : {}),
      ...(defaults.verification ? { verification: defaults.verification } : {}),
    },
    language,
  });
  const formulaWarnings: ImportIssue[] = extra.formulaCells.map((cell) => ({
    severity: "warning",
    row: cell.row,
    column: headerCells[cell.column - 1] ?? null,
    value: `=${cell.formula.replace(/^=/, "")}`,
    message: "exchange.issue.formulaCell",
  }));
  const columnOf = importColumnOf(mapping, headerCells);
  const issues = [...imported.issues, ...formulaWarnings, ...checkImportedSet(imported, columnOf)];
  return {
    choices: {
      kind: "tabular",
      format,
      sheets: extra.sheets,
      sheet: extra.sheet,
      delimiter: options.delimiter ?? "auto",
      headerRow: headerIndex + 1,
      columns: headerCells.map((header, index) => ({
        index,
        header,
        samples: dataRows
          .map((row) => (row[index] ?? "").trim())
          .filter((value) => value !== "")
          .slice(0, 2)
          .map((value) => (value.length > 60 ? `${value.slice(0, 59)}…` : value)),
        target: mapping[index] ?? "keep",
      })),
      values,
      hierarchy,
      hasSectionsSheet,
    },
    defaults,
    imported,
    issues,
  };
}

function byRow(a: ImportIssue, b: ImportIssue): number {
  return (a.row ?? 0) - (b.row ?? 0);
}

/**
 * Reads a stored upload with the choices made so far. Throws ExchangeFileError when the file
 * cannot be read at all (the page shows the message and offers another upload).
 */
export async function readImport(
  upload: { id: string; format: string; fileName: string; fileBytes: Buffer },
  options: ImportOptions,
  language: Language,
): Promise<ImportReading> {
  const reading = await readImportAsWritten(upload, options, language);
  const imported = trimImportedTexts(reading.imported);
  // A title or text of whitespace only passed the check above and is empty once trimmed.
  const blankAfterTrim: ImportIssue[] = [];
  reading.imported.requirements.forEach((before, index) => {
    for (const field of ["title", "text"] as const) {
      if (before[field] !== "" && imported.requirements[index]?.[field] === "") {
        blankAfterTrim.push({
          severity: "error",
          row: before.row,
          column: field,
          value: before[field],
          message: "validation.required",
        });
      }
    }
  });
  return { ...reading, imported, issues: [...reading.issues, ...blankAfterTrim].sort(byRow) };
}

async function readImportAsWritten(
  upload: { id: string; format: string; fileName: string; fileBytes: Buffer },
  options: ImportOptions,
  language: Language,
): Promise<ImportReading> {
  const format = upload.format as ImportFileFormat;
  const parsed = await parseFile(upload.id, format, upload.fileName, upload.fileBytes, options.delimiter);
  const baseTitle = upload.fileName.replace(/\.[^.]+$/, "");
  switch (parsed.format) {
    case "json": {
      const issues = [...parsed.imported.issues, ...checkImportedSet(parsed.imported)].sort(byRow);
      return {
        choices: { kind: "json" },
        defaults: {},
        imported: parsed.imported,
        issues,
        suggestedTitle: parsed.imported.title ?? baseTitle,
      };
    }
    case "csv": {
      const reading = readTabular(
        "csv",
        parsed.rows,
        { sheets: [], sheet: null, sections: null, metadata: null, formulaCells: [] },
        options,
        language,
      );
      return { ...reading, issues: reading.issues.sort(byRow), suggestedTitle: reading.imported.title ?? baseTitle };
    }
    case "xlsx": {
      const sheet = requirementsSheet(parsed.sheets, options.sheet);
      const sections = ownSheet(parsed.sheets, "exchange.sheet.sections");
      const about = ownSheet(parsed.sheets, "exchange.sheet.about");
      const reading = readTabular(
        "xlsx",
        sheet?.rows ?? [],
        {
          sheets: parsed.sheets.map((candidate) => candidate.name),
          sheet: sheet?.name ?? null,
          sections: sections && sections !== sheet ? sections.rows : null,
          metadata: about && about !== sheet ? about.rows : null,
          formulaCells: sheet?.formulaCells ?? [],
        },
        options,
        language,
      );
      return { ...reading, issues: reading.issues.sort(byRow), suggestedTitle: reading.imported.title ?? baseTitle };
    }
    case "reqif": {
      const doc = parsed.doc;
      const specification =
        doc.specifications.find((candidate) => candidate.key === options.specification) ?? doc.specifications[0];
      if (!specification) throw new Error("readReqif returned a document without specifications");
      const suggested = suggestReqifMapping(doc);
      const mapping = { ...suggested, ...(options.attributeMapping ?? {}) };
      const defaults = options.defaults ?? {};
      const imported = reqifToImportedSet(doc, {
        specificationKey: specification.key,
        mapping,
        defaults: {
          obligation: defaults.obligation ?? null,
          type: defaults.type ?? null,
          area: defaults.area ?? null,
          verification: defaults.verification ?? null,
        },
      });
      const issues = [...imported.issues, ...checkImportedSet(imported, reqifColumnOf(doc, mapping))].sort(byRow);
      return {
        choices: {
          kind: "reqif",
          sourceTool: doc.sourceTool,
          specifications: doc.specifications.map(({ key, name, objectCount }) => ({ key, name, objectCount })),
          specification: specification.key,
          attributes: doc.attributes.map((attribute) => ({
            key: attribute.key,
            name: attribute.name,
            kind: attribute.kind,
            target: mapping[attribute.key] ?? "keep",
          })),
        },
        defaults,
        imported,
        issues,
        suggestedTitle: imported.title ?? specification.name ?? baseTitle,
      };
    }
  }
}
