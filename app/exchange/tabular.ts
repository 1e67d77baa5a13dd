import type { MessageKey } from "~/i18n/sv";
import { formatDateTime, translate, type Language } from "~/utils/i18n";
import {
  ambitionLabel,
  areaLabel,
  obligationLabel,
  requirementTypeLabel,
  setStatusLabel,
  verificationLabel,
  visibilityLabel,
} from "~/utils/labels";
import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
  type AmbitionLevel,
  type Area,
  type Obligation,
  type RequirementType,
  type VerificationMethod,
} from "~/utils/requirement-fields";

import { sectionNumbering, type ExchangeRequirement, type ExchangeSection, type ExchangeSet } from "./exchange-set";
import type { CheckedField, ImportIssue, ImportedRequirement, ImportedSection, ImportedSet } from "./imported-set";

/**
 * The spreadsheet ("tabular") layer shared by XLSX and CSV: the columns of a requirements sheet,
 * a set written as rows, and the import engine that reads a user's own sheet (rows of cell texts)
 * through a column mapping, value maps and a hierarchy option into an ImportedSet.
 *
 * Cell representations (each one read back by the import, so our own export round-trips):
 * - Section path: the section titles from the top down joined with " > " ("Säkerhet > Behörighet").
 *   A title that itself contains " > " is written as it is; with the sections sheet (our own
 *   export) the path cell is matched whole against the paths the sheet gives, so it still lands
 *   in the right section. Without the sheet (a CSV alone, a user's file) " > " always separates
 *   levels. When two sections would give the same text (siblings with the same title), the cell
 *   gets the chapter number in parentheses ("Säkerhet (2)", "Säkerhet (3)") so it stays unique.
 * - Tags: joined with ", ". A tag that contains a comma or a double quote, or starts or ends with
 *   white space, is written in double quotes with inner quotes doubled (`"A, B", C` is the two
 *   tags `A, B` and `C`), as in CSV. Reading splits on commas outside quotes, trims unquoted tags
 *   and drops empty and repeated ones, like the requirement form.
 * - Imported attributes: one "Name: value" line per attribute; further lines of a value are
 *   indented by two spaces. In a name, `\`, `:` and line breaks are escaped with a backslash
 *   (`\\`, `\:`, `\n`, `\r`), and so is a leading space.
 * - Linked standards: one a line, the catalogue's code and the pinned version ("HL7 FHIR R4").
 * - Enum values: the labels of the export's language ("Ska", "Kvalificeringskrav"); the import
 *   reads labels of both languages and common synonyms (see `defaultValueMap`).
 */

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

export type TabularColumnKey =
  | "ref"
  | "section"
  | "title"
  | "text"
  | "obligation"
  | "type"
  | "area"
  | "rationale"
  | "verification"
  | "weight"
  | "ambition"
  | "tags"
  | "linkedStandards"
  | "source"
  | "importedAttributes"
  | "id"
  | "version";

export type TabularColumn = {
  key: TabularColumnKey;
  header: MessageKey;
  /** Column width for XLSX, in Excel's character units. */
  width: number;
  /** Long text: XLSX wraps it in the cell. */
  wrap: boolean;
};

/** The columns of a requirements sheet, in order. XLSX, CSV and the documentation use this list. */
export const TABULAR_COLUMNS: readonly TabularColumn[] = [
  { key: "ref", header: "exchange.tabular.column.ref", width: 12, wrap: false },
  { key: "section", header: "exchange.tabular.column.section", width: 30, wrap: true },
  { key: "title", header: "exchange.tabular.column.title", width: 36, wrap: true },
  { key: "text", header: "exchange.tabular.column.text", width: 70, wrap: true },
  { key: "obligation", header: "exchange.tabular.column.obligation", width: 11, wrap: false },
  { key: "type", header: "exchange.tabular.column.type", width: 24, wrap: true },
  { key: "area", header: "exchange.tabular.column.area", width: 24, wrap: true },
  { key: "rationale", header: "exchange.tabular.column.rationale", width: 50, wrap: true },
  { key: "verification", header: "exchange.tabular.column.verification", width: 18, wrap: true },
  { key: "weight", header: "exchange.tabular.column.weight", width: 10, wrap: false },
  { key: "ambition", header: "exchange.tabular.column.ambition", width: 14, wrap: false },
  { key: "tags", header: "exchange.tabular.column.tags", width: 24, wrap: true },
  { key: "linkedStandards", header: "exchange.tabular.column.linkedStandards", width: 28, wrap: true },
  { key: "source", header: "exchange.tabular.column.source", width: 36, wrap: true },
  { key: "importedAttributes", header: "exchange.tabular.column.importedAttributes", width: 40, wrap: true },
  { key: "id", header: "exchange.tabular.column.id", width: 38, wrap: false },
  { key: "version", header: "exchange.tabular.column.version", width: 9, wrap: false },
];

/** Columns of the sections sheet: chapter number, title, UUID, parent UUID. */
const SECTION_COLUMNS = [
  "exchange.tabular.sectionColumn.number",
  "exchange.tabular.sectionColumn.title",
  "exchange.tabular.sectionColumn.id",
  "exchange.tabular.sectionColumn.parentId",
] as const satisfies readonly MessageKey[];

export const SECTION_PATH_SEPARATOR = " > ";

export type TabularCell = string | number | null;

export type RequirementTable = {
  columns: { key: TabularColumnKey; header: string; width: number; wrap: boolean }[];
  /** One row per requirement in reading order, cells in the order of `columns`. */
  rows: TabularCell[][];
  /** The sections sheet: keeps section identity and empty sections; header row first in `header`. */
  sections: { header: string[]; rows: string[][] };
  /** Label and value pairs for an "about this file" sheet. */
  metadata: [string, string | number][];
};

const obligationCellLabel: Record<Obligation, MessageKey> = {
  ska: "exchange.tabular.value.ska",
  bor: "exchange.tabular.value.bor",
};

/** The set as a requirements table, a sections table and metadata, in the given language. */
export function setToTable(set: ExchangeSet, language: Language): RequirementTable {
  const t = (key: MessageKey) => translate(language, key);
  const pathCells = sectionPathCells(set.sections);
  const cellOf = (requirement: ExchangeRequirement, key: TabularColumnKey): TabularCell => {
    switch (key) {
      case "ref":
        return requirement.ref;
      case "section":
        return requirement.sectionId === null ? "" : (pathCells.get(requirement.sectionId) ?? "");
      case "title":
        return requirement.title;
      case "text":
        return requirement.text;
      case "obligation":
        return t(obligationCellLabel[requirement.obligation]);
      case "type":
        return t(requirementTypeLabel[requirement.type]);
      case "area":
        return t(areaLabel[requirement.area]);
      case "rationale":
        return requirement.rationale;
      case "verification":
        return t(verificationLabel[requirement.verification]);
      case "weight":
        return requirement.weight;
      case "ambition":
        return requirement.ambition === null ? null : t(ambitionLabel[requirement.ambition]);
      case "tags":
        return joinTags(requirement.tags);
      case "linkedStandards":
        return requirement.linkedStandards.join("\n");
      case "source":
        return requirement.source;
      case "importedAttributes":
        return formatImportedAttributes(requirement.importedAttributes);
      case "id":
        return requirement.id;
      case "version":
        return requirement.version;
    }
  };
  const numbering = sectionNumbering(set.sections);
  const info = set.set;
  const metadata: [string, string | number][] = [
    [t("exchange.tabular.meta.title"), info.title],
    [t("exchange.tabular.meta.description"), info.description],
    [t("exchange.tabular.meta.procurementReference"), info.procurementReference],
    [t("exchange.tabular.meta.region"), info.ownerRegionName],
    [t("exchange.tabular.meta.status"), t(setStatusLabel[info.status])],
    [t("exchange.tabular.meta.visibility"), t(visibilityLabel[info.visibility])],
    [t("exchange.tabular.meta.collaboration"), info.collaborationName ?? ""],
    [t("exchange.tabular.meta.version"), info.version],
    [t("exchange.tabular.meta.baseline"), info.baseline ? info.baseline.name : t("exchange.tabular.meta.workingCopy")],
    [
      t("exchange.tabular.meta.baselineCreatedAt"),
      info.baseline ? formatDateTime(language, info.baseline.createdAt) : "",
    ],
    [t("exchange.tabular.meta.exportedAt"), formatDateTime(language, set.exportedAt)],
    [t("exchange.tabular.meta.requirementCount"), set.requirements.length],
    [t("exchange.tabular.meta.setId"), info.id],
    [t("exchange.tabular.meta.format"), set.format],
    [t("exchange.tabular.meta.formatVersion"), set.formatVersion],
  ];
  return {
    columns: TABULAR_COLUMNS.map((column) => ({
      key: column.key,
      header: t(column.header),
      width: column.width,
      wrap: column.wrap,
    })),
    rows: set.requirements.map((requirement) => TABULAR_COLUMNS.map((column) => cellOf(requirement, column.key))),
    sections: {
      header: SECTION_COLUMNS.map(t),
      rows: set.sections.map((section) => [
        numbering.get(section.id)?.number ?? "",
        section.title,
        section.id,
        section.parentId ?? "",
      ]),
    },
    metadata,
  };
}

/**
 * The section column's text for every section (pre-order list in, section id → cell out). Export
 * and import both call this, so a path cell is found again exactly when the sections sheet is read.
 */
export function sectionPathCells(sections: readonly ExchangeSection[]): Map<string, string> {
  const plain = new Map<string, string>();
  for (const section of sections) {
    const parentPath = section.parentId === null ? undefined : plain.get(section.parentId);
    plain.set(
      section.id,
      parentPath === undefined ? section.title : parentPath + SECTION_PATH_SEPARATOR + section.title,
    );
  }
  const uses = new Map<string, number>();
  for (const path of plain.values()) uses.set(path, (uses.get(path) ?? 0) + 1);
  // An empty path would read as "no section", so it is numbered like an ambiguous one.
  const ambiguous = (path: string) => (uses.get(path) ?? 0) > 1 || path.trim() === "";
  const taken = new Set([...plain.values()].filter((path) => !ambiguous(path)));
  const numbering = sectionNumbering(sections);
  const cells = new Map<string, string>();
  for (const [id, path] of plain) {
    if (!ambiguous(path)) {
      cells.set(id, path);
      continue;
    }
    const number = numbering.get(id)?.number ?? "";
    let cell = path;
    do cell = `${cell} (${number})`;
    while (taken.has(cell));
    cells.set(id, cell);
    taken.add(cell);
  }
  return cells;
}

// ---------------------------------------------------------------------------------------------
// Cell formats that read back
// ---------------------------------------------------------------------------------------------

const NEEDS_TAG_QUOTES = /[",]|^\s|\s$/;

/** Tags as one cell: `a, "b, c", d` (see the module comment). */
export function joinTags(tags: readonly string[]): string {
  return tags
    .map((tag) => (tag === "" || NEEDS_TAG_QUOTES.test(tag) ? `"${tag.replaceAll('"', '""')}"` : tag))
    .join(", ");
}

/** The non-empty lines of a cell, trimmed, each once. */
export function splitLines(cell: string): string[] {
  return [...new Set(cell.split(/\r\n|\r|\n/).map((line) => line.trim()))].filter((line) => line !== "");
}

/** The tags of a cell written by `joinTags` or by a person ("a, b, c"). */
export function splitTags(cell: string): string[] {
  const tags: string[] = [];
  const add = (tag: string) => {
    if (tag !== "" && !tags.includes(tag)) tags.push(tag);
  };
  let index = 0;
  while (index < cell.length) {
    while (index < cell.length && /\s/.test(cell.charAt(index))) index += 1;
    if (index >= cell.length) break;
    if (cell.charAt(index) === '"') {
      let value = "";
      let position = index + 1;
      let closed = false;
      while (position < cell.length) {
        const char = cell.charAt(position);
        if (char === '"') {
          if (cell.charAt(position + 1) === '"') {
            value += '"';
            position += 2;
            continue;
          }
          closed = true;
          position += 1;
          break;
        }
        value += char;
        position += 1;
      }
      if (closed) {
        const comma = cell.indexOf(",", position);
        const end = comma === -1 ? cell.length : comma;
        // Text after the closing quote (a person's typo) is kept rather than lost.
        add(value + cell.slice(position, end).trim());
        index = end + 1;
        continue;
      }
      // An unclosed quote is an ordinary character: the tag runs to the next comma.
    }
    const comma = cell.indexOf(",", index);
    const end = comma === -1 ? cell.length : comma;
    add(cell.slice(index, end).trim());
    index = end + 1;
  }
  return tags;
}

function escapeAttributeName(name: string): string {
  const escaped = name.replace(/[\\:\n\r]/g, (char) => (char === "\n" ? "\\n" : char === "\r" ? "\\r" : `\\${char}`));
  // A line that starts with white space continues the value above it.
  return /^\s/.test(escaped) ? `\\${escaped}` : escaped;
}

/** Imported attributes as one readable cell: "Name: value" lines (see the module comment). */
export function formatImportedAttributes(attributes: Readonly<Record<string, string>>): string {
  return Object.entries(attributes)
    .map(([name, value]) => `${escapeAttributeName(name)}: ${value.replaceAll("\n", "\n  ")}`)
    .join("\n");
}

/** Splits "Name: value" at the first unescaped colon; null when the line has none. */
function parseAttributeLine(line: string): { name: string; value: string } | null {
  let name = "";
  for (let index = 0; index < line.length; index += 1) {
    const char = line.charAt(index);
    if (char === "\\" && index + 1 < line.length) {
      const next = line.charAt(index + 1);
      name += next === "n" ? "\n" : next === "r" ? "\r" : next;
      index += 1;
    } else if (char === ":") {
      const rest = line.slice(index + 1);
      return { name, value: rest.startsWith(" ") ? rest.slice(1) : rest };
    } else {
      name += char;
    }
  }
  return null;
}

/** Reads a cell written by `formatImportedAttributes`; a line without a name continues the value above. */
export function parseImportedAttributes(cell: string): Record<string, string> {
  const attributes = new Map<string, string>();
  let current: string | null = null;
  if (cell.trim() === "") return {};
  for (const line of cell.split("\n")) {
    if (current !== null && line.startsWith("  ")) {
      attributes.set(current, `${attributes.get(current) ?? ""}\n${line.slice(2)}`);
      continue;
    }
    const parsed = parseAttributeLine(line);
    if (parsed) {
      current = parsed.name;
      attributes.set(current, parsed.value);
    } else if (current !== null) {
      attributes.set(current, `${attributes.get(current) ?? ""}\n${line}`);
    } else if (line.trim() !== "") {
      current = "";
      attributes.set(current, line);
    }
  }
  // fromEntries defines own properties, so a name like "__proto__" stays an ordinary key.
  return Object.fromEntries(attributes);
}

// ---------------------------------------------------------------------------------------------
// Import: mapping
// ---------------------------------------------------------------------------------------------

/**
 * What a column of the user's sheet is read as. `level` marks heading rows (level-column
 * hierarchy). `linkedStandards` holds one standard a line, linked on import when the catalogue
 * knows it. `version` and `source` are recognised in our own export but not imported: the
 * database keeps versions, and the import records its own provenance.
 */
export type TabularField = TabularColumnKey | "level";
/** "keep" puts the cell into importedAttributes under the column's header; "ignore" drops it. */
export type ColumnTarget = TabularField | "ignore" | "keep";
/** One target per column of the sheet, by column index. Columns past its end count as "keep". */
export type ColumnMapping = readonly ColumnTarget[];

const NOT_IMPORTED: ReadonlySet<ColumnTarget> = new Set(["ignore", "version", "source"]);

/** Labels of the targets for the mapping form, in the order it lists them. */
export const COLUMN_TARGET_LABELS: Readonly<Record<ColumnTarget, MessageKey>> = {
  ref: "exchange.tabular.target.ref",
  section: "exchange.tabular.target.section",
  level: "exchange.tabular.target.level",
  title: "exchange.tabular.target.title",
  text: "exchange.tabular.target.text",
  obligation: "exchange.tabular.target.obligation",
  type: "exchange.tabular.target.type",
  area: "exchange.tabular.target.area",
  rationale: "exchange.tabular.target.rationale",
  verification: "exchange.tabular.target.verification",
  weight: "exchange.tabular.target.weight",
  ambition: "exchange.tabular.target.ambition",
  tags: "exchange.tabular.target.tags",
  importedAttributes: "exchange.tabular.target.importedAttributes",
  id: "exchange.tabular.target.id",
  version: "exchange.tabular.target.version",
  linkedStandards: "exchange.tabular.target.linkedStandards",
  source: "exchange.tabular.target.source",
  keep: "exchange.tabular.target.keep",
  ignore: "exchange.tabular.target.ignore",
};

/** Case, diacritics, spaces and punctuation do not matter when headers and values are compared. */
function normalizeWord(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** Header words per field, after our own headers; normalised when the table is built. */
const HEADER_SYNONYMS: Record<Exclude<TabularField, "id">, readonly string[]> = {
  ref: ["Kravnummer", "Kravnr", "Krav-ID", "Krav-nr", "Kravreferens", "ID", "Ref", "Referens", "Nr", "Nummer"].concat([
    "Reference",
    "Number",
    "No",
    "Requirement ID",
    "Req ID",
    "Req. no.",
  ]),
  title: ["Rubrik", "Titel", "Kravrubrik", "Kravets rubrik", "Benämning", "Namn", "Title", "Name", "Heading"],
  text: ["Kravtext", "Krav", "Kravet", "Beskrivning", "Kravbeskrivning", "Kravformulering", "Text"].concat([
    "Requirement",
    "Requirement text",
    "Description",
  ]),
  obligation: ["Ska/bör", "Skall/bör", "Ska eller bör", "S/B", "Obligatorisk", "Obligatoriskt", "Kravnivå"].concat([
    "Obligation",
    "Priority",
    "Prioritet",
    "MoSCoW",
    "Mandatory",
  ]),
  type: ["Kravtyp", "Typ", "Typ av krav", "Type", "Requirement type"],
  area: ["Område", "Kravområde", "Kategori", "Area", "Category", "Requirement area"],
  rationale: ["Motiv", "Motivering", "Syfte", "Bakgrund", "Rationale", "Justification", "Purpose", "Reason"],
  verification: ["Verifiering", "Verifieringsmetod", "Verifikat", "Verification", "Verification method"],
  weight: ["Vikt", "Viktning", "Poäng", "Maxpoäng", "Weight", "Weighting", "Points", "Max points", "Score"],
  ambition: ["Ambitionsnivå", "Ambition", "Ambition level"],
  tags: ["Taggar", "Tagg", "Etiketter", "Etikett", "Nyckelord", "Tags", "Labels", "Keywords"],
  section: ["Avsnitt", "Kapitel", "Sektion", "Avsnittsrubrik", "Section", "Chapter"],
  level: ["Nivå", "Rubriknivå", "Level", "Outline", "Outline level", "Heading level"],
  importedAttributes: [],
  version: [],
  linkedStandards: ["Standarder", "Standard", "Länkade standarder", "Standards", "Linked standards"],
  source: [],
};

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const headerTable: ReadonlyMap<string, TabularField> = (() => {
  const table = new Map<string, TabularField>();
  const add = (word: string, field: TabularField) => {
    const key = normalizeWord(word);
    if (key !== "" && !table.has(key)) table.set(key, field);
  };
  // Our own export's headers first, in both languages: they must always read back as themselves.
  for (const language of ["sv", "en"] as const) {
    for (const column of TABULAR_COLUMNS) add(translate(language, column.header), column.key);
  }
  for (const [field, words] of Object.entries(HEADER_SYNONYMS)) {
    for (const word of words) add(word, field as TabularField);
  }
  add("GUID", "id");
  return table;
})();

function guessHeaderField(header: string, values: readonly string[]): TabularField | null {
  const key = normalizeWord(header);
  const field = headerTable.get(key) ?? null;
  // "ID" is usually the requirement number ("IS-004"); a column of UUIDs is Samkrav's own id.
  if (field === "ref" && key === "id") {
    const filled = values.map((value) => value.trim()).filter((value) => value !== "");
    if (filled.length > 0 && filled.every((value) => UUID_PATTERN.test(value))) return "id";
  }
  return field;
}

/**
 * A target per column from its header (Swedish and English words; case, diacritics and
 * punctuation ignored). Unrecognised columns are "keep"; when two columns name the same field the
 * first one gets it and the later ones are "keep". Our export's own columns that are not imported
 * (version, linked standards, source) are recognised only next to its UUID or attributes column.
 * `dataRows` (optional, the rows below the
 * header) tell an "ID" column of UUIDs from one of requirement numbers.
 */
export function guessMapping(
  headerCells: readonly string[],
  dataRows: readonly (readonly string[])[] = [],
): ColumnTarget[] {
  const used = new Set<TabularField>();
  const mapping = headerCells.map((header, column): ColumnTarget => {
    const field = guessHeaderField(
      header,
      dataRows.slice(0, 50).map((row) => row[column] ?? ""),
    );
    if (field === null || used.has(field)) return "keep";
    used.add(field);
    return field;
  });
  // "Version" or "Källa" in someone else's sheet is their own information, kept rather than
  // dropped; only a sheet with our UUID or attributes column is taken for our export.
  const ourExport = used.has("id") || used.has("importedAttributes");
  return ourExport ? mapping : mapping.map((target) => (NOT_IMPORTED.has(target) ? "keep" : target));
}

/** Index of the header row: the first of the first ten rows with at least two recognised headers; null when none has. */
export function guessHeaderRow(rows: readonly (readonly string[])[]): number | null {
  const index = rows
    .slice(0, 10)
    .findIndex((row) => row.filter((cell) => headerTable.has(normalizeWord(cell))).length >= 2);
  return index === -1 ? null : index;
}

/** Spreadsheet column letters (0 → A, 26 → AA), to name a column that has no header. */
function columnLetter(index: number): string {
  let letters = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

function columnName(headerCells: readonly string[], index: number): string {
  const header = (headerCells[index] ?? "").trim();
  return header === "" ? columnLetter(index) : header;
}

/** The `columnOf` for `checkImportedSet`: a field's column as the file names it (our field name when unmapped). */
export function importColumnOf(
  mapping: ColumnMapping,
  headerCells: readonly string[],
): (field: CheckedField) => string {
  return (field) => {
    const index = mapping.indexOf(field);
    return index === -1 ? field : columnName(headerCells, index);
  };
}

// ---------------------------------------------------------------------------------------------
// Import: values
// ---------------------------------------------------------------------------------------------

type FieldValues = {
  obligation: Obligation;
  type: RequirementType;
  area: Area;
  verification: VerificationMethod;
  ambition: AmbitionLevel;
};
export type ValueField = keyof FieldValues;
/** Cell text (trimmed) → our value; null marks a value the user said cannot be mapped. */
export type ValueMap<F extends ValueField> = Readonly<Record<string, FieldValues[F] | null>>;
export type ValueMaps = { readonly [F in ValueField]?: ValueMap<F> };

/** Words a spreadsheet uses for our values, besides our labels in both languages. */
const VALUE_SYNONYMS: { [F in ValueField]: Record<FieldValues[F], readonly string[]> } = {
  obligation: {
    // Ja/Nej answer a column headed "Obligatorisk" (mandatory?).
    ska: [
      "Ska",
      "Skall",
      "S",
      "Ska-krav",
      "Skall-krav",
      "Obligatorisk",
      "Obligatoriskt",
      "Obligatoriskt krav",
      "O",
    ].concat(["Krav", "Ja", "Must", "Must have", "M", "Shall", "Mandatory", "Required", "Yes"]),
    bor: ["Bör", "Bor", "B", "Bör-krav", "Önskvärt", "Önskvärd", "Önskemål", "U", "Utvärderas", "Nej"].concat([
      "No",
      "Should",
      "Should have",
      "Could",
      "Could have",
      "Optional",
      "Desirable",
      "Evaluated",
    ]),
  },
  type: {
    qualification: ["Kvalificering", "Kvalificeringskrav", "Kvalifikationskrav", "Kval", "Leverantörskrav"].concat([
      "Qualification",
      "Supplier qualification",
    ]),
    technical: ["Teknisk", "Tekniskt", "Tekniskt krav", "Teknisk specifikation", "Krav på föremålet"].concat([
      "Funktionellt",
      "Funktionellt krav",
      "Icke-funktionellt",
      "Technical",
      "Technical requirement",
      "Functional",
      "Non-functional",
      "Specification",
    ]),
    award: ["Utvärdering", "Utvärderingskriterium", "Tilldelning", "Tilldelningskriterium", "Mervärde"].concat([
      "Award",
      "Award criterion",
      "Evaluation",
      "Evaluation criterion",
    ]),
    contract: [
      "Kontrakt",
      "Kontraktsvillkor",
      "Särskilt kontraktsvillkor",
      "Avtal",
      "Avtalskrav",
      "Avtalsvillkor",
    ].concat(["Contract", "Contract condition", "Contract performance condition"]),
  },
  area: {
    JF: ["Journalföring", "Dokumentation"],
    LM: ["Läkemedel", "Medication"],
    RS: ["Remiss", "Remisser", "Referrals"],
    VA: ["Vårdadministration"],
    BS: ["Beslutsstöd"],
    IN: ["Integration", "Interoperabilitet"],
    IS: ["Informationssäkerhet", "Säkerhet", "Security"],
    BL: ["Behörighet", "Loggning", "PDL", "Behörighet och loggning"],
    TA: ["Tillgänglighet", "Användbarhet", "Accessibility", "Usability"],
    DR: ["Drift", "Prestanda", "Kontinuitet", "Operations"],
    MG: ["Migrering", "Arkivering", "Migration"],
    UT: ["Utbildning", "Införande", "Training"],
    KV: ["Kvalificering", "Kvalificeringskrav"],
  },
  verification: {
    yes_no: ["Ja/Nej", "Ja-nej", "JA_NEJ", "Yes/No", "Uppfylls", "Bekräftelse"],
    description: ["Beskrivning", "Beskriv", "Description", "Describe"],
    attachment: ["Bilaga", "Intyg", "Bilaga/intyg", "Certifikat", "Attachment", "Certificate"],
    demonstration: ["Demonstration", "Demo", "Visning"],
    scenario_test: ["Scenariotest", "Scenario", "Scenario test"],
    reference_check: ["Referenstagning", "Referens", "Referenser", "Reference check", "References"],
    acceptance_test: ["Acceptanstest", "Acceptanstestning", "Acceptance test", "Acceptance"],
    contract_follow_up: ["Avtalsuppföljning", "Uppföljning", "Contract follow-up", "Follow-up"],
  },
  ambition: {
    basic: ["Bas", "Grund", "Grundnivå", "Basic", "Base"],
    advanced: ["Avancerad", "Avancerat", "Advanced"],
    leading: ["Spjutspets", "Ledande", "Leading", "Cutting-edge", "Cutting edge"],
  },
};

const VALUE_LABELS: { [F in ValueField]: Record<FieldValues[F], MessageKey[]> } = {
  obligation: {
    ska: [obligationLabel.ska, obligationCellLabel.ska],
    bor: [obligationLabel.bor, obligationCellLabel.bor],
  },
  type: mapValues(REQUIREMENT_TYPES, (type) => [requirementTypeLabel[type]]),
  area: mapValues(AREAS, (area) => [areaLabel[area]]),
  verification: mapValues(VERIFICATION_METHODS, (method) => [verificationLabel[method]]),
  ambition: mapValues(AMBITION_LEVELS, (level) => [ambitionLabel[level]]),
};

function mapValues<K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> {
  // fromEntries is typed as string-keyed; every key of K is in `keys`, so the record is complete.
  return Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, V>;
}

const AMBIGUOUS = Symbol("ambiguous");

function buildValueTable<F extends ValueField>(field: F, values: readonly FieldValues[F][]) {
  const table = new Map<string, FieldValues[F] | typeof AMBIGUOUS>();
  const add = (word: string, value: FieldValues[F]) => {
    const key = normalizeWord(word);
    if (key === "") return;
    const existing = table.get(key);
    // A word that could mean two values is never guessed; the user picks.
    table.set(key, existing === undefined || existing === value ? value : AMBIGUOUS);
  };
  const labels: Record<FieldValues[F], MessageKey[]> = VALUE_LABELS[field];
  const synonyms: Record<FieldValues[F], readonly string[]> = VALUE_SYNONYMS[field];
  for (const value of values) {
    if (field === "area") add(value, value);
    for (const language of ["sv", "en"] as const) {
      for (const key of labels[value]) {
        const label = translate(language, key);
        add(label, value);
        add(label.replace(/\s*\([^)]*\)/g, ""), value);
        add(label.replaceAll("&", language === "sv" ? "och" : "and"), value);
        if (field === "area") for (const part of label.split(/[&/,]/)) add(part.replace(/\([^)]*\)/g, ""), value);
      }
    }
    for (const word of synonyms[value]) add(word, value);
  }
  return table;
}

const VALUE_TABLES: { [F in ValueField]: Map<string, FieldValues[F] | typeof AMBIGUOUS> } = {
  obligation: buildValueTable("obligation", OBLIGATIONS),
  type: buildValueTable("type", REQUIREMENT_TYPES),
  area: buildValueTable("area", AREAS),
  verification: buildValueTable("verification", VERIFICATION_METHODS),
  ambition: buildValueTable("ambition", AMBITION_LEVELS),
};

/** Our value for a cell text, from labels and synonyms; null when it is unknown or ambiguous. */
export function guessValue<F extends ValueField>(field: F, text: string): FieldValues[F] | null {
  const table: Map<string, FieldValues[F] | typeof AMBIGUOUS> = VALUE_TABLES[field];
  for (const candidate of [text, text.replace(/\([^)]*\)/g, "")]) {
    const found = table.get(normalizeWord(candidate));
    if (found === AMBIGUOUS) return null;
    if (found !== undefined) return found;
  }
  return null;
}

/** The distinct (trimmed, non-empty) values of a column below the header row, in order of appearance. */
export function distinctValues(rows: readonly (readonly string[])[], column: number, headerRow = -1): string[] {
  const values = new Set<string>();
  for (const row of rows.slice(headerRow + 1)) {
    const value = (row[column] ?? "").trim();
    if (value !== "") values.add(value);
  }
  return [...values];
}

/** The suggested value map for a column's distinct values; the user can change each entry. */
export function defaultValueMap<F extends ValueField>(field: F, values: readonly string[]): ValueMap<F> {
  return Object.fromEntries(values.map((value) => [value.trim(), guessValue(field, value)]));
}

// ---------------------------------------------------------------------------------------------
// Import: hierarchy
// ---------------------------------------------------------------------------------------------

/**
 * How rows are put into sections.
 * - none: every requirement at the top level.
 * - section-column: a path with " > " (or, when the cell has no " > ", " / ") separators, or one title.
 * - level-column: numbers 1–6 or outline numbers ("2.1.3", depth 3). A row with a level and
 *   neither requirement text nor obligation is a heading (its title from the title column, else the
 *   section column); requirements belong to the last heading above them.
 * - ref-prefix: "IS-004" goes into a section named by the prefix (the area's label when the prefix
 *   is an area code); "2.1.3" goes into section "2.1" inside section "2".
 * - sections-sheet: our own export; the sections sheet gives sections with UUIDs and the section
 *   column's path cell is matched against it; a path not in the sheet is created as in section-column.
 */
export type TabularHierarchy =
  | { kind: "none" }
  | { kind: "section-column" }
  | { kind: "level-column" }
  | { kind: "ref-prefix" }
  | { kind: "sections-sheet" };

export type TabularHierarchyKind = TabularHierarchy["kind"];

export const HIERARCHY_LABELS: Readonly<Record<TabularHierarchyKind, MessageKey>> = {
  none: "exchange.tabular.hierarchy.none",
  "section-column": "exchange.tabular.hierarchy.sectionColumn",
  "level-column": "exchange.tabular.hierarchy.levelColumn",
  "ref-prefix": "exchange.tabular.hierarchy.refPrefix",
  "sections-sheet": "exchange.tabular.hierarchy.sectionsSheet",
};

/** The hierarchy to offer first, from the mapped columns and whether the file has our sections sheet. */
export function suggestHierarchy(mapping: ColumnMapping, { hasSectionsSheet = false } = {}): TabularHierarchy {
  if (mapping.includes("section")) return { kind: hasSectionsSheet ? "sections-sheet" : "section-column" };
  if (mapping.includes("level")) return { kind: "level-column" };
  return { kind: "none" };
}

// ---------------------------------------------------------------------------------------------
// Import: rows → ImportedSet
// ---------------------------------------------------------------------------------------------

export type TableImportOptions = {
  /** Index (0-based) of the header row in `rows`; the rows below it are read. */
  headerRow: number;
  mapping: ColumnMapping;
  valueMaps: ValueMaps;
  hierarchy: TabularHierarchy;
  /** Rows of our sections sheet, its header row first (used by the sections-sheet hierarchy). */
  sections?: readonly (readonly string[])[];
  /** Rows of our metadata sheet ([label, value]); gives the imported set its title and description. */
  metadata?: readonly (readonly string[])[];
  /** Values for empty cells and unmapped columns. */
  defaults?: Partial<Pick<FieldValues, "obligation" | "type" | "area" | "verification">>;
  /** Language for section titles the import makes up (an area's label in ref-prefix); Swedish by default. */
  language?: Language;
};

const UNMAPPED_MESSAGE: Record<ValueField, MessageKey> = {
  obligation: "exchange.tabular.issue.obligationUnmapped",
  type: "exchange.tabular.issue.typeUnmapped",
  area: "exchange.tabular.issue.areaUnmapped",
  verification: "exchange.tabular.issue.verificationUnmapped",
  ambition: "exchange.tabular.issue.ambitionUnmapped",
};

/** Spreadsheets run a cell starting with these as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@]/;
/** "-5" or "+1 000,5" is a number, not a formula, and gets no warning. */
const PLAIN_NUMBER = /^[+-]?\d[\d\s]*(?:[.,]\d+)?$/;
/** Digit groups separated by spaces ("1 000", with a no-break space too), as Swedish Excel writes them. */
const DIGIT_GROUP_SPACE = /(?<=\d)\s(?=\d{3}(?!\d))/g;

type SectionStore = {
  add(section: ImportedSection): void;
  /** The section with this title under this parent, made when missing; `makeKey` names a new one. */
  child(parentKey: string | null, title: string, makeKey: () => string): { key: string; created: boolean };
  /** All sections in tree pre-order (parents before children, siblings in order of appearance). */
  inPreOrder(): ImportedSection[];
};

function createSectionStore(): SectionStore {
  const children = new Map<string | null, ImportedSection[]>();
  const add = (section: ImportedSection) => {
    const siblings = children.get(section.parentKey) ?? [];
    siblings.push(section);
    children.set(section.parentKey, siblings);
  };
  return {
    add,
    child(parentKey, title, makeKey) {
      const existing = (children.get(parentKey) ?? []).find((section) => section.title === title);
      if (existing) return { key: existing.key, created: false };
      const key = makeKey();
      add({ key, parentKey, title, id: null });
      return { key, created: true };
    },
    inPreOrder() {
      const ordered: ImportedSection[] = [];
      const visit = (parentKey: string | null) => {
        for (const section of children.get(parentKey) ?? []) {
          ordered.push(section);
          visit(section.key);
        }
      };
      visit(null);
      return ordered;
    },
  };
}

/**
 * Reads our sections sheet into sections (keyed "id:<uuid>") and the path cell of each, so a
 * requirement's section cell finds its section by UUID even when titles repeat or contain " > ".
 */
function readSectionsSheet(
  rows: readonly (readonly string[])[],
  store: SectionStore,
  issues: ImportIssue[],
): Map<string, string> {
  const headerWords = (key: MessageKey) => [normalizeWord(translate("sv", key)), normalizeWord(translate("en", key))];
  const first = rows[0] ?? [];
  const positions = SECTION_COLUMNS.map((key) => {
    const words = headerWords(key);
    return first.findIndex((cell) => words.includes(normalizeWord(cell)));
  });
  const hasHeader = positions.filter((position) => position !== -1).length >= 2;
  // The number column is for people; numbers are worked out again from the order of the rows.
  const [, titleAt, idAt, parentAt] = hasHeader ? positions : [0, 1, 2, 3];
  const headerName = (position: number | undefined, fallback: MessageKey) =>
    position !== undefined && position !== -1 ? columnName(first, position) : translate("sv", fallback);
  const idColumn = headerName(idAt, "exchange.tabular.sectionColumn.id");
  const parentColumn = headerName(parentAt, "exchange.tabular.sectionColumn.parentId");
  const titleColumn = headerName(titleAt, "exchange.tabular.sectionColumn.title");
  const cellAt = (row: readonly string[], position: number | undefined) =>
    position === undefined || position === -1 ? "" : (row[position] ?? "");

  type SheetSection = { row: number; key: string; id: string | null; parentCell: string; title: string };
  const sheet: SheetSection[] = [];
  const rowOfId = new Map<string, number>();
  rows.forEach((row, index) => {
    if ((hasHeader && index === 0) || row.every((cell) => cell.trim() === "")) return;
    const rowNumber = index + 1;
    const idCell = cellAt(row, idAt).trim();
    let id: string | null = UUID_PATTERN.test(idCell) ? idCell.toLowerCase() : null;
    if (id === null) {
      issues.push({
        severity: "error",
        row: null,
        column: idColumn,
        value: cellAt(row, idAt),
        message: "exchange.tabular.issue.sectionIdInvalid",
        params: { row: rowNumber },
      });
    } else if (rowOfId.has(id)) {
      issues.push({
        severity: "error",
        row: null,
        column: idColumn,
        value: cellAt(row, idAt),
        message: "exchange.tabular.issue.sectionDuplicateId",
        params: { row: rowNumber, first: rowOfId.get(id) ?? 0 },
      });
      id = null;
    } else {
      rowOfId.set(id, rowNumber);
    }
    const title = cellAt(row, titleAt).trim();
    if (title === "") {
      issues.push({
        severity: "error",
        row: null,
        column: titleColumn,
        value: "",
        message: "exchange.tabular.issue.sectionTitleMissing",
        params: { row: rowNumber },
      });
    }
    sheet.push({
      row: rowNumber,
      key: id === null ? `sheet-row:${rowNumber}` : `id:${id}`,
      id,
      parentCell: cellAt(row, parentAt).trim(),
      title,
    });
  });

  const keys = new Set(sheet.map((section) => section.key));
  const parentOf = new Map<string, string | null>();
  for (const section of sheet) {
    const parentKey = section.parentCell === "" ? null : `id:${section.parentCell.toLowerCase()}`;
    parentOf.set(section.key, parentKey !== null && keys.has(parentKey) ? parentKey : null);
    if (parentKey !== null && !keys.has(parentKey)) {
      issues.push({
        severity: "error",
        row: null,
        column: parentColumn,
        value: section.parentCell,
        message: "exchange.tabular.issue.sectionParentMissing",
        params: { row: section.row },
      });
    }
  }
  // A parent chain that loops never reaches the top; such sections are put at the top instead.
  for (const section of sheet) {
    const seen = new Set<string>([section.key]);
    let parent = parentOf.get(section.key) ?? null;
    while (parent !== null && !seen.has(parent)) {
      seen.add(parent);
      parent = parentOf.get(parent) ?? null;
    }
    if (parent !== null) {
      parentOf.set(section.key, null);
      issues.push({
        severity: "error",
        row: null,
        column: parentColumn,
        value: section.parentCell,
        message: "exchange.tabular.issue.sectionParentMissing",
        params: { row: section.row },
      });
    }
  }
  for (const section of sheet) {
    store.add({ key: section.key, parentKey: parentOf.get(section.key) ?? null, title: section.title, id: section.id });
  }
  const ordered = store.inPreOrder();
  const cells = sectionPathCells(
    ordered.map((section) => ({ id: section.key, parentId: section.parentKey, title: section.title })),
  );
  const keyOfCell = new Map<string, string>();
  for (const [key, cell] of cells) keyOfCell.set(cell, key);
  return keyOfCell;
}

/** A section path cell split into titles: " > " first; " / " only when allowed and there is no " > ". */
function splitSectionPath(cell: string, allowSlash: boolean): string[] {
  const separator = cell.includes(SECTION_PATH_SEPARATOR) || !allowSlash ? SECTION_PATH_SEPARATOR : " / ";
  return cell
    .split(separator)
    .map((title) => title.trim())
    .filter((title) => title !== "");
}

/** Heading depth from a level cell: "2" → 2, "2.1.3" → 3; null when it is neither (or deeper than 6). */
function parseLevel(cell: string): number | null {
  const text = cell.trim();
  let depth: number | null = null;
  if (/^\d+$/.test(text)) depth = Number(text);
  else if (/^\d+(?:\.\d+)*\.?$/.test(text)) depth = text.replace(/\.$/, "").split(".").length;
  return depth !== null && depth >= 1 && depth <= 6 ? depth : null;
}

/**
 * Reads the rows of a user's sheet (cell texts, first row = spreadsheet row 1) into an
 * ImportedSet. Row numbers are as the spreadsheet shows them; empty rows are skipped. Issues name
 * the column by its header and give the cell as written; the form's rules are left to
 * `checkImportedSet` (with `importColumnOf`).
 */
export function tableToImportedSet(rows: readonly (readonly string[])[], options: TableImportOptions): ImportedSet {
  const { headerRow, mapping, valueMaps, hierarchy, defaults = {}, language = "sv" } = options;
  const headerCells = rows[headerRow] ?? [];
  const issues: ImportIssue[] = [];

  // A loop rather than Math.max(...rows): spreading tens of thousands of rows overflows the call stack.
  let width = mapping.length;
  for (const row of rows) width = Math.max(width, row.length);
  const columnOfField = new Map<TabularField, number>();
  const keepColumns: number[] = [];
  const readColumns: number[] = [];
  for (let column = 0; column < width; column += 1) {
    const target = mapping[column] ?? "keep";
    if (target === "keep") {
      keepColumns.push(column);
      readColumns.push(column);
      continue;
    }
    if (target === "ignore") continue;
    const winner = columnOfField.get(target);
    if (winner !== undefined) {
      issues.push({
        severity: "warning",
        row: null,
        column: columnName(headerCells, column),
        value: headerCells[column] ?? "",
        message: "exchange.tabular.issue.duplicateColumn",
        params: { column: columnName(headerCells, winner) },
      });
      continue;
    }
    columnOfField.set(target, column);
    if (!NOT_IMPORTED.has(target)) readColumns.push(column);
  }
  const cellOf = (row: readonly string[], field: TabularField) => {
    const column = columnOfField.get(field);
    return column === undefined ? "" : (row[column] ?? "");
  };
  const keepNames = new Map<number, string>();
  for (const column of keepColumns) {
    const base = columnName(headerCells, column);
    let name = base;
    for (let n = 2; [...keepNames.values()].includes(name); n += 1) name = `${base} (${n})`;
    keepNames.set(column, name);
  }

  const store = createSectionStore();
  const sheetRead = hierarchy.kind === "sections-sheet" && options.sections !== undefined;
  const keyOfPathCell =
    sheetRead && options.sections ? readSectionsSheet(options.sections, store, issues) : new Map<string, string>();
  const levelStack: { depth: number; key: string }[] = [];

  /** The section key of a path cell (section-column and sections-sheet), making sections as needed. */
  const sectionOfPath = (cell: string, rowNumber: number, column: string): string | null => {
    if (cell.trim() === "") return null;
    const known = keyOfPathCell.get(cell) ?? keyOfPathCell.get(cell.trim());
    if (known !== undefined) return known;
    const titles = splitSectionPath(cell, !sheetRead);
    let parentKey: string | null = null;
    let start = 0;
    for (let length = titles.length - 1; length > 0; length -= 1) {
      const prefix = keyOfPathCell.get(titles.slice(0, length).join(SECTION_PATH_SEPARATOR));
      if (prefix !== undefined) {
        parentKey = prefix;
        start = length;
        break;
      }
    }
    let created = false;
    for (const title of titles.slice(start)) {
      const parent: string | null = parentKey;
      const found = store.child(parent, title, () =>
        parent === null ? `path:${title}` : `${parent}${SECTION_PATH_SEPARATOR}${title}`,
      );
      created ||= found.created;
      parentKey = found.key;
    }
    if (created && sheetRead) {
      issues.push({
        severity: "warning",
        row: rowNumber,
        column,
        value: cell,
        message: "exchange.tabular.issue.sectionNotInSheet",
      });
    }
    return parentKey;
  };

  const sectionOfRef = (ref: string): string | null => {
    const dotted = /^\d+(?:\.\d+)+\.?$/.test(ref) ? ref.replace(/\.$/, "").split(".") : null;
    if (dotted) {
      let parentKey: string | null = null;
      for (let length = 1; length < dotted.length; length += 1) {
        const number = dotted.slice(0, length).join(".");
        const parent: string | null = parentKey;
        parentKey = store.child(parent, number, () => `ref:${number}`).key;
      }
      return parentKey;
    }
    const prefix = /^([A-ZÅÄÖ]+)[-_. ]*\d/.exec(ref)?.[1];
    if (prefix === undefined) return null;
    const area = AREAS.find((code) => code === prefix);
    const title = area === undefined ? prefix : translate(language, areaLabel[area]);
    return store.child(null, title, () => `ref:${prefix}`).key;
  };

  // A column repeats a handful of values over thousands of rows; each is guessed once.
  const guessCache: { [F in ValueField]: Map<string, FieldValues[F] | null> } = {
    obligation: new Map(),
    type: new Map(),
    area: new Map(),
    verification: new Map(),
    ambition: new Map(),
  };
  const mapValue = <F extends ValueField>(
    field: F,
    row: readonly string[],
    rowNumber: number,
    fallback: FieldValues[F] | null,
  ): FieldValues[F] | null => {
    const written = cellOf(row, field);
    const text = written.trim();
    if (text === "") return fallback;
    const map: ValueMap<F> | undefined = valueMaps[field];
    const guesses: Map<string, FieldValues[F] | null> = guessCache[field];
    let value = map !== undefined && Object.hasOwn(map, text) ? (map[text] ?? null) : guesses.get(text);
    if (value === undefined) {
      value = guessValue(field, text);
      guesses.set(text, value);
    }
    if (value === null) {
      issues.push({
        severity: "error",
        row: rowNumber,
        column: columnName(headerCells, columnOfField.get(field) ?? 0),
        value: written,
        message: UNMAPPED_MESSAGE[field],
      });
    }
    return value;
  };

  const levelColumn = columnOfField.get("level");
  const sectionColumn = columnOfField.get("section");
  const contentColumns = readColumns.filter((column) => column !== levelColumn && column !== sectionColumn);

  const requirements: ImportedRequirement[] = [];
  for (let index = headerRow + 1; index < rows.length; index += 1) {
    const row = rows[index] ?? [];
    const rowNumber = index + 1;
    const filled = (column: number) => (row[column] ?? "").trim() !== "";
    if (!readColumns.some(filled)) continue;

    for (const column of readColumns) {
      const written = row[column] ?? "";
      const text = written.trim();
      if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) {
        issues.push({
          severity: "warning",
          row: rowNumber,
          column: columnName(headerCells, column),
          value: written,
          message: "exchange.tabular.issue.formulaLike",
        });
      }
    }

    let sectionKey: string | null = null;
    if (hierarchy.kind === "level-column") {
      const levelCell = cellOf(row, "level");
      const isHeading =
        levelCell.trim() !== "" && cellOf(row, "text").trim() === "" && cellOf(row, "obligation").trim() === "";
      if (isHeading) {
        const depth = parseLevel(levelCell);
        const title = cellOf(row, "title").trim() || cellOf(row, "section").trim();
        if (depth === null) {
          issues.push({
            severity: "error",
            row: rowNumber,
            column: columnName(headerCells, levelColumn ?? 0),
            value: levelCell,
            message: "exchange.tabular.issue.levelInvalid",
          });
        } else if (title === "") {
          issues.push({
            severity: "error",
            row: rowNumber,
            column: columnName(headerCells, columnOfField.get("title") ?? levelColumn ?? 0),
            value: "",
            message: "exchange.tabular.issue.headingTitleMissing",
          });
        } else {
          while ((levelStack.at(-1)?.depth ?? 0) >= depth) levelStack.pop();
          const key = `row:${rowNumber}`;
          store.add({ key, parentKey: levelStack.at(-1)?.key ?? null, title, id: null });
          levelStack.push({ depth, key });
        }
        continue;
      }
      sectionKey = levelStack.at(-1)?.key ?? null;
    } else if (hierarchy.kind === "section-column" || hierarchy.kind === "sections-sheet") {
      sectionKey = sectionOfPath(cellOf(row, "section"), rowNumber, columnName(headerCells, sectionColumn ?? 0));
      // A row with nothing but a section path declares a (possibly empty) section.
      if (!contentColumns.some(filled)) continue;
    }
    // Only a level or a section where the hierarchy does not use it: nothing to import.
    if (!contentColumns.some(filled)) continue;

    const ref = cellOf(row, "ref").trim().toUpperCase();
    if (hierarchy.kind === "ref-prefix") sectionKey = sectionOfRef(ref);

    const weightCell = cellOf(row, "weight");
    let weight: number | null = null;
    const weightText = weightCell.trim().replace(DIGIT_GROUP_SPACE, "");
    if (/^[+-]?\d+$/.test(weightText)) weight = Number(weightText);
    else if (weightText !== "") {
      issues.push({
        severity: "error",
        row: rowNumber,
        column: columnName(headerCells, columnOfField.get("weight") ?? 0),
        value: weightCell,
        message: "exchange.tabular.issue.weightNotInteger",
      });
    }

    const idCell = cellOf(row, "id");
    let id: string | null = null;
    if (UUID_PATTERN.test(idCell.trim())) id = idCell.trim().toLowerCase();
    else if (idCell.trim() !== "") {
      issues.push({
        severity: "error",
        row: rowNumber,
        column: columnName(headerCells, columnOfField.get("id") ?? 0),
        value: idCell,
        message: "exchange.tabular.issue.idInvalid",
      });
    }

    const attributes = new Map(Object.entries(parseImportedAttributes(cellOf(row, "importedAttributes"))));
    for (const column of keepColumns) {
      const value = row[column] ?? "";
      if (value.trim() !== "") attributes.set(keepNames.get(column) ?? columnName(headerCells, column), value);
    }

    requirements.push({
      row: rowNumber,
      id,
      sectionKey,
      ref,
      title: cellOf(row, "title").trim(),
      text: cellOf(row, "text").trim(),
      obligation: mapValue("obligation", row, rowNumber, defaults.obligation ?? null),
      type: mapValue("type", row, rowNumber, defaults.type ?? null),
      area: mapValue("area", row, rowNumber, defaults.area ?? null),
      rationale: cellOf(row, "rationale").trim(),
      verification: mapValue("verification", row, rowNumber, defaults.verification ?? null),
      weight,
      ambition: mapValue("ambition", row, rowNumber, null),
      tags: splitTags(cellOf(row, "tags")),
      importedAttributes: Object.fromEntries(attributes),
      linkedStandards: splitLines(cellOf(row, "linkedStandards")),
    });
  }

  const metadataValue = (key: MessageKey): string | null => {
    const words = [normalizeWord(translate("sv", key)), normalizeWord(translate("en", key))];
    const found = options.metadata?.find((entry) => words.includes(normalizeWord(entry[0] ?? "")));
    const value = found?.[1]?.trim() ?? "";
    return value === "" ? null : value;
  };

  return {
    title: metadataValue("exchange.tabular.meta.title"),
    description: metadataValue("exchange.tabular.meta.description"),
    sections: store.inPreOrder(),
    requirements,
    issues: sortIssues(issues),
  };
}

/** File-wide issues first, then by row; within a row in the order they were found. */
function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return issues
    .map((issue, order) => ({ issue, order }))
    .sort((a, b) => (a.issue.row ?? 0) - (b.issue.row ?? 0) || a.order - b.order)
    .map(({ issue }) => issue);
}
