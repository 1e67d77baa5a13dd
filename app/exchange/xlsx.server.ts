import { Buffer } from "node:buffer";

import { ExchangeFileError } from "./exchange-error";
import { readZip, writeZip } from "./zip.server";

/**
 * The generic XLSX layer under the spreadsheet export and import: plain rows in, a workbook out,
 * and back. The writer hand-writes SpreadsheetML, because exceljs measured 7–11× slower than the
 * issue's speed goal allows. The reader is our own too: a small well-formedness-checking XML
 * pull parser over the parts `readZip` has vetted, so DOCTYPEs are refused before any parser
 * sees them, nothing is ever expanded, and parsing can yield to the event loop as it goes.
 * Reference: ECMA-376 Part 1 (SpreadsheetML), §18.
 */

export type XlsxCellValue = string | number | null;
export type XlsxColumn = {
  header: string;
  width: number;
  /** Text longer than the column wraps inside the cell (the default); false keeps it on one line. */
  wrap?: boolean;
};
export type XlsxSheet = {
  /** Made safe for Excel by `sanitizeSheetNames` (≤31 characters, none of []:*?/\, unique). */
  name: string;
  columns: XlsxColumn[];
  /** Data rows; the header row comes from `columns`. */
  rows: XlsxCellValue[][];
  /** Frozen first row. */
  freezeHeader?: boolean;
  /** Filter buttons on the header row. */
  autoFilter?: boolean;
  /** Cells of this column whose text is a key get a fill, so e.g. ska/bör reads at a glance. */
  highlight?: { column: number; fills: Record<string, "strong" | "soft"> };
};

export type XlsxReadSheet = {
  name: string;
  /**
   * Every row as cell texts (row 0 = spreadsheet row 1; empty cells ""; gaps kept so indices are
   * column positions). Numbers as plain text ("12", "0.5"), booleans "TRUE"/"FALSE", dates as ISO
   * yyyy-mm-dd. Each row ends at its last non-empty cell and the list at the last non-empty row.
   */
  rows: string[][];
  /**
   * Cells that hold a formula: the cached result is what `rows` has; the caller warns about them.
   * 1-based row/column as Excel shows; the formula as Excel stores it, without the leading "=".
   */
  formulaCells: Array<{ row: number; column: number; formula: string }>;
};

/** Excel refuses longer cell texts (https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3). */
export const XLSX_MAX_CELL_TEXT = 32_767;
const XLSX_MAX_COLUMNS = 16_384;
const XLSX_MAX_SHEET_NAME = 31;
export const XLSX_DEFAULT_MAX_ROWS = 20_000;

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Indices into cellXfs in STYLES_XML. The default format (0) is top-aligned and wraps, which is
 * what most columns of a requirement list want (and a short value that fits is shown the same
 * either way), so the bulk of the body cells need no `s` attribute at all: fewer bytes to build
 * and to deflate. Columns marked `wrap: false` get format 1.
 */
const STYLE_NO_WRAP = 1;
const STYLE_HEADER = 2;
const HIGHLIGHT_STYLES = { strong: { plain: 3, wrap: 4 }, soft: { plain: 5, wrap: 6 } } as const;

const STYLES_XML =
  XML_DECLARATION +
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2">' +
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  "</fonts>" +
  '<fills count="5">' +
  '<fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill>' +
  // Header: light blue. Highlights: a clear orange for "strong" (ska), a pale yellow for "soft" (bör).
  '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFF8CBAD"/><bgColor indexed="64"/></patternFill></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill>' +
  "</fills>" +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="7">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="4" borderId="0" xfId="0" applyFill="1" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="4" borderId="0" xfId="0" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  "</cellXfs>" +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/>' +
  '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  "</styleSheet>";

/**
 * One test decides whether a text needs any escaping, so the common case costs a single scan.
 * Besides XML's own specials: characters XML 1.0 cannot hold (and CR, which an XML parser would
 * turn into LF) get OOXML's `_xHHHH_` escape, and a literal `_xHHHH_` gets its underscore escaped
 * as `_x005F_`, so a reader that unescapes gives back exactly the original.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /[&<>"\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPE_CHARACTERS = /[&<>"\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g;

function escapeCharacter(character: string): string {
  switch (character) {
    case "&":
      return "&amp;";
    case "<":
      return "&lt;";
    case ">":
      return "&gt;";
    case '"':
      return "&quot;";
    case "_":
      return "_x005F_";
    default:
      return "_x" + character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0") + "_";
  }
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_CHARACTER_ESCAPE = /[&<>"\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

/** Text for a SpreadsheetML string (`<t>`), with the `_xHHHH_` escapes. */
export function escapeCellText(text: string): string {
  // A character class and a substring search scan faster than NEEDS_ESCAPE's alternation, and
  // almost no text contains "_x" at all.
  const needsEscape = NEEDS_CHARACTER_ESCAPE.test(text) || (text.includes("_x") && NEEDS_ESCAPE.test(text));
  return needsEscape ? text.replace(ESCAPE_CHARACTERS, escapeCharacter) : text;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_INVALID = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

/** Text for plain XML (attributes, docProps), where `_xHHHH_` means nothing: invalid characters are dropped. */
function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;");
}

/**
 * Whitespace at either end of a text is only kept under xml:space="preserve"; texts with line
 * breaks or tabs get it too, for readers that would otherwise normalise whitespace.
 */
function needsPreserve(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first <= 32 || last <= 32 || text.includes("\n") || text.includes("\t");
}

export function columnLetters(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

// eslint-disable-next-line no-control-regex -- control characters are not allowed in sheet names
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\\x00-\x1f\ufffe\uffff]/g;

/**
 * Names Excel accepts for the given sheets, in order: forbidden characters ([]:*?/\ and control
 * characters) become "_", no leading or trailing apostrophe, at most 31 characters, never empty
 * or "History" (reserved by Excel), and unique ignoring case (a " (2)" suffix).
 */
export function sanitizeSheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name, index) => {
    let base = name.replace(SHEET_NAME_FORBIDDEN, "_").replace(/^'+|'+$/g, "");
    base = truncateUtf16(base, XLSX_MAX_SHEET_NAME).replace(/'+$/, "");
    if (base.trim() === "" || base.toUpperCase() === "HISTORY") base = `Blad${index + 1}`;
    let candidate = base;
    for (let n = 2; taken.has(candidate.toUpperCase()); n++) {
      const suffix = ` (${n})`;
      candidate = truncateUtf16(base, XLSX_MAX_SHEET_NAME - suffix.length) + suffix;
    }
    taken.add(candidate.toUpperCase());
    return candidate;
  });
}

/** At most `max` UTF-16 units without splitting a surrogate pair. */
function truncateUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

function checkCellLength(text: string, sheet: string, ref: string): void {
  // Excel would refuse the file or cut the text; no Samkrav field comes near (texts are ≤20,000),
  // so reaching this is a bug in the caller and must not pass silently.
  if (text.length > XLSX_MAX_CELL_TEXT) {
    throw new RangeError(`Cell ${ref} of sheet "${sheet}" has ${text.length} characters, Excel holds at most 32767`);
  }
}

function columnWidth(width: number): string {
  return String(Number.isFinite(width) && width > 0 ? Math.min(width, 255) : 10);
}

/**
 * Bytes of a part, written straight into a growing buffer: ASCII markup by a copy loop, texts by
 * Node's native UTF-8 encoder. Measured on 5,000 requirements, building the worksheet as one
 * JavaScript string cost 80 ms against 30 ms here: the string mixes one-byte markup with
 * two-byte Swedish text, so it is flattened to 12 MB of UTF-16, encoded again, and collected.
 */
class PartWriter {
  private buffer: Buffer;

  /** `expectedBytes` sizes the buffer up front: growing a 6 MB part by doubling copies it again. */
  constructor(expectedBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(Math.max(expectedBytes, 1024));
  }

  /** Bytes written; setting it back drops what came after (a row without cells). */
  length = 0;

  /** Appends `markup`, which must be ASCII. */
  write(markup: string): void {
    const end = this.length + markup.length;
    if (end > this.buffer.length) this.grow(end);
    const buffer = this.buffer;
    for (let i = 0, p = this.length; p < end; i++, p++) buffer[p] = markup.charCodeAt(i);
    this.length = end;
  }

  /** Appends any text as UTF-8 (a UTF-16 unit takes at most three bytes). */
  writeText(text: string): void {
    const most = this.length + text.length * 3;
    if (most > this.buffer.length) this.grow(most);
    this.length += this.buffer.write(text, this.length, "utf8");
  }

  /** Appends a non-negative integer's digits. */
  writeInteger(value: number): void {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    const end = this.length + digits;
    if (end > this.buffer.length) this.grow(end);
    let rest = value;
    for (let p = end - 1; p >= this.length; p--) {
      this.buffer[p] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.length = end;
  }

  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private grow(needed: number): void {
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, needed));
    this.buffer.copy(larger, 0, 0, this.length);
    this.buffer = larger;
  }
}

/**
 * The worksheet XML, every text an inline string (`t="inlineStr"`). Inline rather than shared
 * strings, because deflating is most of an export's time and a shared string table deflates
 * worse: measured on 5,000 requirements, the sheet of indices plus the table took 90 ms to
 * deflate against 65 ms for the same texts inline, and building the table cost another 15 ms.
 * Excel, LibreOffice, exceljs and openpyxl read inline strings; Excel turns them into shared
 * strings when it saves. Every cell keeps its `r` reference: it is optional in ECMA-376, but
 * exceljs and other readers need it.
 */
function worksheetXml(sheet: XlsxSheet, name: string, selected: boolean): Buffer {
  let columnCount = Math.max(sheet.columns.length, 1);
  // The size estimate: markup per cell, and texts at a little over a byte a character.
  let expectedBytes = 4096;
  for (const row of sheet.rows) {
    columnCount = Math.max(columnCount, row.length);
    for (const value of row) expectedBytes += typeof value === "string" ? 40 + value.length * 1.1 : 30;
  }
  if (columnCount > XLSX_MAX_COLUMNS) throw new RangeError(`Sheet "${name}" has more than 16384 columns`);
  const letters: string[] = [];
  for (let c = 0; c < columnCount; c++) letters.push(columnLetters(c));
  const lastColumn = letters[Math.max(sheet.columns.length, 1) - 1] ?? "A";
  const lastRow = sheet.rows.length + 1;

  // Per column, a cell's start tag up to its row number, and after it the closing quote with the
  // style attribute (one per highlighted key too), so the loop below only copies.
  const cellOpen = letters.map((letter) => '<c r="' + letter);
  const styleOf: string[] = letters.map((_, c) => (sheet.columns[c]?.wrap === false ? `" s="${STYLE_NO_WRAP}"` : '"'));
  const highlightColumn = sheet.highlight?.column ?? -1;
  const highlightStyles = new Map<string, string>();
  if (sheet.highlight) {
    const wrap = sheet.columns[highlightColumn]?.wrap === false ? "plain" : "wrap";
    for (const [key, fill] of Object.entries(sheet.highlight.fills)) {
      highlightStyles.set(key, `" s="${HIGHLIGHT_STYLES[fill][wrap]}"`);
    }
  }

  const xml = new PartWriter(Math.ceil(expectedBytes));
  xml.write(
    XML_DECLARATION +
      `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      `<dimension ref="A1:${letters[columnCount - 1]}${lastRow}"/>` +
      `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ""} workbookViewId="0">` +
      (sheet.freezeHeader
        ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
          '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        : "") +
      "</sheetView></sheetViews>" +
      '<sheetFormatPr defaultRowHeight="15"/>',
  );
  if (sheet.columns.length > 0) {
    xml.write("<cols>");
    sheet.columns.forEach((column, c) => {
      const style = column.wrap === false ? ` style="${STYLE_NO_WRAP}"` : "";
      xml.write(`<col min="${c + 1}" max="${c + 1}" width="${columnWidth(column.width)}" customWidth="1"${style}/>`);
    });
    xml.write("</cols>");
  }

  xml.write("<sheetData>");
  if (sheet.columns.length > 0) xml.write('<row r="1">');
  for (let c = 0; c < sheet.columns.length; c++) {
    const header = sheet.columns[c]?.header ?? "";
    xml.write(`<c r="${letters[c]}1" s="${STYLE_HEADER}"`);
    if (header === "") {
      xml.write("/>");
    } else {
      checkCellLength(header, name, `${letters[c]}1`);
      xml.writeText(` t="inlineStr"><is>${inlineText(header)}</is></c>`);
    }
  }
  if (sheet.columns.length > 0) xml.write("</row>");

  // Each row is built as a string and encoded once: one native call per row rather than per text,
  // and the short-lived row strings are cheap to collect.
  const rows = sheet.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row === undefined) continue;
    const rowNumber = r + 2;
    let cells = "";
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (value === null || value === undefined || value === "") continue;
      let style = styleOf[c] ?? '"';
      if (c === highlightColumn) style = highlightStyles.get(String(value)) ?? style;
      if (typeof value === "number") {
        if (!Number.isFinite(value)) {
          throw new RangeError(
            `Cell ${letters[c]}${rowNumber} of sheet "${name}" is ${value}, not a number Excel holds`,
          );
        }
        cells += `${cellOpen[c]}${rowNumber}${style}><v>${value}</v></c>`;
      } else {
        if (value.length > XLSX_MAX_CELL_TEXT) checkCellLength(value, name, `${letters[c]}${rowNumber}`);
        // A string cell is never evaluated, so text starting with = + - @ stays text.
        cells += `${cellOpen[c]}${rowNumber}${style} t="inlineStr"><is>${inlineText(value)}</is></c>`;
      }
    }
    if (cells !== "") xml.writeText(`<row r="${rowNumber}">${cells}</row>`);
  }
  xml.write("</sheetData>");

  if (sheet.autoFilter && sheet.columns.length > 0) xml.write(`<autoFilter ref="A1:${lastColumn}${lastRow}"/>`);
  xml.write('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  return xml.toBuffer();
}

/** A text as the `<t>` of an inline string, escaped and with its outer whitespace kept. */
function inlineText(text: string): string {
  return `${needsPreserve(text) ? '<t xml:space="preserve">' : "<t>"}${escapeCellText(text)}</t>`;
}

function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * A workbook with one worksheet per sheet, header row from the columns. Text cells are shared
 * strings (never formulas), numbers numeric cells, null and "" empty cells. Throws RangeError for
 * what Excel cannot hold (no sheets, a text over 32,767 characters, NaN or Infinity): callers
 * never produce those, so it is a bug to surface, not something to repair quietly.
 */
export async function writeXlsx(
  sheets: XlsxSheet[],
  properties: { title?: string; creator?: string } = {},
): Promise<Buffer> {
  if (sheets.length === 0) throw new RangeError("A workbook needs at least one sheet");
  const names = sanitizeSheetNames(sheets.map((sheet) => sheet.name));
  const sheetCount = sheets.length;
  const worksheets = sheets.map((sheet, i) => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    data: worksheetXml(sheet, names[i] ?? "", i === 0),
  }));

  const contentTypes =
    XML_DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    names
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join("") +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    "</Types>";

  const packageRels =
    XML_DECLARATION +
    `<Relationships xmlns="${PACKAGE_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
    "</Relationships>";

  // The filter range is also a hidden defined name: Excel writes it that way and LibreOffice
  // only shows the filter buttons with it.
  const filterNames = sheets
    .map((sheet, i) =>
      sheet.autoFilter && sheet.columns.length > 0
        ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">` +
          escapeXml(
            `${quoteSheetName(names[i] ?? "")}!$A$1:$${columnLetters(sheet.columns.length - 1)}$${sheet.rows.length + 1}`,
          ) +
          "</definedName>"
        : "",
    )
    .join("");
  const workbook =
    XML_DECLARATION +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
    names.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
    "</sheets>" +
    (filterNames ? `<definedNames>${filterNames}</definedNames>` : "") +
    "</workbook>";

  const workbookRels =
    XML_DECLARATION +
    `<Relationships xmlns="${PACKAGE_REL_NS}">` +
    names
      .map(
        (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join("") +
    `<Relationship Id="rId${sheetCount + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    "</Relationships>";

  // No timestamps: the same sheets give the same bytes.
  const core =
    XML_DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (properties.title !== undefined ? `<dc:title>${escapeXml(properties.title)}</dc:title>` : "") +
    (properties.creator !== undefined ? `<dc:creator>${escapeXml(properties.creator)}</dc:creator>` : "") +
    "</cp:coreProperties>";
  const app =
    XML_DECLARATION +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    "<Application>Samkrav</Application></Properties>";

  return writeZip([
    { name: "[Content_Types].xml", data: contentTypes },
    { name: "_rels/.rels", data: packageRels },
    { name: "docProps/core.xml", data: core },
    { name: "docProps/app.xml", data: app },
    { name: "xl/workbook.xml", data: workbook },
    { name: "xl/_rels/workbook.xml.rels", data: workbookRels },
    { name: "xl/styles.xml", data: STYLES_XML },
    ...worksheets,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

const OPEN = 1;
const CLOSE = 2;
const TEXT = 3;
const END = 4;
type XmlEvent = typeof OPEN | typeof CLOSE | typeof TEXT | typeof END;

const PREDEFINED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const REFERENCE = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]+));|&/g;

function isXmlWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * A pull parser for the XML inside a workbook: elements, attributes, text, CDATA, comments and
 * processing instructions, checked for well-formedness (tags nest and match, one root,
 * attributes quoted and unique, only the five predefined entities and character references).
 * Namespaces are not resolved: element names are taken without their prefix, which is all a
 * SpreadsheetML reader needs, whatever prefix a writer chose. DOCTYPE is refused by the caller
 * before parsing starts, so no entity is ever declared, let alone expanded.
 */
class XmlPullParser {
  /** Local name of the element just opened or closed. */
  name = "";
  /** Decoded text of a TEXT event. */
  text = "";
  /**
   * Attributes of the last start tag as offsets into the source (name start/end, value
   * start/end, four numbers each): a value is only cut out and decoded when someone asks.
   */
  private readonly attributeOffsets: number[] = [];
  /** Qualified names of the open elements. */
  private readonly stack: string[] = [];
  /** Element names seen so far, reused instead of cutting the same short strings again and again. */
  private readonly knownNames: string[] = [];
  private position = 0;
  private pendingClose: string | null = null;
  private rootClosed = false;

  constructor(
    private readonly source: string,
    private readonly part: string,
  ) {}

  /**
   * The attribute's decoded value by its name as written ("r", "r:id"); with `anyPrefix`, by its
   * local name under whatever prefix the writer chose.
   */
  attribute(name: string, anyPrefix = false): string | undefined {
    const source = this.source;
    const offsets = this.attributeOffsets;
    for (let i = 0; i < offsets.length; i += 4) {
      const nameStart = offsets[i] ?? 0;
      const nameEnd = offsets[i + 1] ?? 0;
      const length = nameEnd - nameStart;
      const matches =
        (length === name.length && source.startsWith(name, nameStart)) ||
        (anyPrefix &&
          length > name.length &&
          source.charCodeAt(nameEnd - name.length - 1) === 0x3a /* : */ &&
          source.startsWith(name, nameEnd - name.length));
      if (matches) return this.attributeValue(offsets[i + 2] ?? 0, offsets[i + 3] ?? 0);
    }
    return undefined;
  }

  private attributeValue(start: number, end: number): string {
    const raw = this.source.slice(start, end);
    // Attribute-value normalisation: a literal line break or tab reads as a space.
    const normalised = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n?|[\t\n]/g, " ") : raw;
    return decodeReferences(normalised, this);
  }

  fail(reason: string): never {
    throw new ExchangeFileError("brokenXml", {}, `${this.part} at ${this.position}: ${reason}`);
  }

  next(): XmlEvent {
    if (this.pendingClose !== null) {
      this.name = this.pendingClose;
      this.pendingClose = null;
      return this.afterClose();
    }
    const source = this.source;
    for (;;) {
      const start = this.position;
      if (start >= source.length) {
        if (this.stack.length > 0) this.fail(`<${this.stack[this.stack.length - 1]}> is not closed`);
        if (!this.rootClosed) this.fail("no root element");
        return END;
      }
      if (source.charCodeAt(start) !== 0x3c /* < */) {
        let end = source.indexOf("<", start);
        if (end === -1) end = source.length;
        this.position = end;
        const raw = source.slice(start, end);
        if (this.stack.length === 0) {
          if (raw.trim() !== "") this.fail("text outside the root element");
          continue;
        }
        if (raw.includes("]]>")) this.fail("]]> in text");
        this.text = decodeText(raw, this);
        return TEXT;
      }
      const next = source.charCodeAt(start + 1);
      if (next === 0x3f /* ? */) {
        const end = source.indexOf("?>", start + 2);
        if (end === -1) this.fail("unterminated processing instruction");
        this.position = end + 2;
        continue;
      }
      if (next === 0x21 /* ! */) {
        if (source.startsWith("<!--", start)) {
          const end = source.indexOf("-->", start + 4);
          if (end === -1) this.fail("unterminated comment");
          this.position = end + 3;
          continue;
        }
        if (source.startsWith("<![CDATA[", start) && this.stack.length > 0) {
          const end = source.indexOf("]]>", start + 9);
          if (end === -1) this.fail("unterminated CDATA section");
          this.position = end + 3;
          const raw = source.slice(start + 9, end);
          this.text = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
          return TEXT;
        }
        if (source.startsWith("<!DOCTYPE", start)) throw new ExchangeFileError("xmlDoctype", {}, this.part);
        this.fail("unexpected <!");
      }
      if (next === 0x2f /* / */) return this.readEndTag(start);
      return this.readStartTag(start);
    }
  }

  /** End of the name starting at `from`. */
  private readName(from: number): number {
    const source = this.source;
    let end = from;
    for (; end < source.length; end++) {
      const code = source.charCodeAt(end);
      if (isXmlWhitespace(code) || code === 0x3e /* > */ || code === 0x2f /* / */ || code === 0x3d /* = */) break;
      if (code === 0x3c || code === 0x22 || code === 0x27 || code === 0x26) this.fail("bad character in a name");
    }
    if (end === from) this.fail("missing name");
    const first = source.charCodeAt(from);
    if ((first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2e) this.fail("bad name");
    return end;
  }

  private nameAt(start: number, end: number): string {
    const length = end - start;
    const known = this.knownNames;
    for (let i = 0; i < known.length; i++) {
      const name = known[i] ?? "";
      if (name.length === length && this.source.startsWith(name, start)) return name;
    }
    const name = this.source.slice(start, end);
    if (known.length < 64) known.push(name);
    return name;
  }

  private readEndTag(start: number): XmlEvent {
    const source = this.source;
    const open = this.stack.pop();
    const nameEnd = this.readName(start + 2);
    if (open === undefined || nameEnd - start - 2 !== open.length || !source.startsWith(open, start + 2)) {
      this.fail(`</${source.slice(start + 2, nameEnd)}> closes <${open ?? ""}>`);
    }
    let p = nameEnd;
    while (isXmlWhitespace(source.charCodeAt(p))) p++;
    if (source.charCodeAt(p) !== 0x3e) this.fail("bad end tag");
    this.position = p + 1;
    this.name = localName(open);
    return this.afterClose();
  }

  private afterClose(): XmlEvent {
    if (this.stack.length === 0) this.rootClosed = true;
    return CLOSE;
  }

  private readStartTag(start: number): XmlEvent {
    if (this.rootClosed) this.fail("a second root element");
    const source = this.source;
    const nameEnd = this.readName(start + 1);
    const qualified = this.nameAt(start + 1, nameEnd);
    const offsets = this.attributeOffsets;
    offsets.length = 0;
    let p = nameEnd;
    for (;;) {
      const spaceStart = p;
      while (isXmlWhitespace(source.charCodeAt(p))) p++;
      const code = source.charCodeAt(p);
      if (code === 0x3e /* > */) {
        this.position = p + 1;
        this.stack.push(qualified);
        break;
      }
      if (code === 0x2f /* / */ && source.charCodeAt(p + 1) === 0x3e) {
        this.position = p + 2;
        this.pendingClose = localName(qualified);
        if (this.stack.length === 0) this.rootClosed = true;
        break;
      }
      if (p === spaceStart || Number.isNaN(code)) this.fail("bad start tag");
      const attributeStart = p;
      const attributeEnd = this.readName(p);
      p = attributeEnd;
      while (isXmlWhitespace(source.charCodeAt(p))) p++;
      if (source.charCodeAt(p) !== 0x3d /* = */) this.fail("attribute without value");
      p++;
      while (isXmlWhitespace(source.charCodeAt(p))) p++;
      const quote = source.charCodeAt(p);
      if (quote !== 0x22 && quote !== 0x27) this.fail("unquoted attribute");
      const valueStart = p + 1;
      let hasReference = false;
      for (p = valueStart; p < source.length; p++) {
        const valueCode = source.charCodeAt(p);
        if (valueCode === quote) break;
        if (valueCode === 0x3c /* < */) this.fail("< in an attribute");
        if (valueCode === 0x26 /* & */) hasReference = true;
      }
      if (p >= source.length) this.fail("unterminated attribute");
      for (let i = 0; i < offsets.length; i += 4) {
        if (sameText(source, offsets[i] ?? 0, offsets[i + 1] ?? 0, attributeStart, attributeEnd)) {
          this.fail(`duplicate attribute ${source.slice(attributeStart, attributeEnd)}`);
        }
      }
      // Well-formedness says every reference must be valid, read or not.
      if (hasReference) decodeReferences(source.slice(valueStart, p), this);
      offsets.push(attributeStart, attributeEnd, valueStart, p);
      p++;
    }
    this.name = localName(qualified);
    return OPEN;
  }
}

function sameText(source: string, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++)
    if (source.charCodeAt(aStart + i) !== source.charCodeAt(bStart + i)) return false;
  return true;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(":");
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

function decodeText(raw: string, parser: XmlPullParser): string {
  // XML end-of-line handling: CRLF and lone CR arrive as LF (a CR that matters is written &#13; or _x000D_).
  const text = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  return decodeReferences(text, parser);
}

function decodeReferences(text: string, parser: XmlPullParser): string {
  if (!text.includes("&")) return text;
  return text.replace(REFERENCE, (match, decimal?: string, hex?: string, entity?: string) => {
    if (entity !== undefined) {
      const replacement = PREDEFINED_ENTITIES[entity];
      if (replacement === undefined) parser.fail(`undefined entity &${entity};`);
      return replacement;
    }
    const digits = decimal ?? hex;
    if (digits === undefined) parser.fail("bare &");
    const code = Number.parseInt(digits, decimal !== undefined ? 10 : 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      parser.fail(`invalid character reference ${match}`);
    }
    return String.fromCodePoint(code);
  });
}

const OOXML_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

/** Undoes the writer's `_xHHHH_` escapes (ECMA-376 Part 1, §22.4.2.4 ST_Xstring). */
function unescapeOoxml(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A part's text, after refusing a DOCTYPE anywhere in it. */
function partText(bytes: Buffer, part: string): string {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le", { fatal: true }).decode(bytes);
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be", { fatal: true }).decode(bytes);
    else text = UTF8.decode(bytes);
  } catch (error) {
    throw new ExchangeFileError("encoding", {}, `${part}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Refused before any parsing, so external entities (XXE) and entity expansion (billion laughs)
  // never reach a parser. No part of a workbook has a reason to carry one.
  if (/<!DOCTYPE/i.test(text)) throw new ExchangeFileError("xmlDoctype", {}, part);
  return text;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Cells parsed between two yields to the event loop. */
const CELLS_PER_YIELD = 4_096;
/**
 * Most cell slots (including the "" of gaps) a workbook may spread its rows over: 20,000 rows ×
 * 200 columns. A few thousand cells at column XFD would otherwise make gigabytes of padding.
 */
const MAX_GRID_CELLS = 4_000_000;

type Relationship = { type: string; target: string };

/** Relationships of a part, targets resolved to zip entry names (external ones left out). */
function readRelationships(parts: Map<string, Buffer>, partName: string): Map<string, Relationship> {
  const slash = partName.lastIndexOf("/");
  const directory = partName.slice(0, slash + 1);
  const relsName = `${directory}_rels/${partName.slice(slash + 1)}.rels`;
  const relationships = new Map<string, Relationship>();
  const bytes = findPart(parts, relsName);
  if (!bytes) return relationships;
  const xml = new XmlPullParser(partText(bytes, relsName), relsName);
  for (let event = xml.next(); event !== END; event = xml.next()) {
    if (event !== OPEN || xml.name !== "Relationship" || xml.attribute("TargetMode") === "External") continue;
    const id = xml.attribute("Id");
    const target = xml.attribute("Target");
    if (id && target)
      relationships.set(id, { type: xml.attribute("Type") ?? "", target: resolveTarget(directory, target) });
  }
  return relationships;
}

function resolveTarget(directory: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all: take it as written.
  }
  const segments: string[] = [];
  for (const segment of (decoded.startsWith("/") ? decoded.slice(1) : directory + decoded).split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

/** Part names are case-insensitive in a package (ECMA-376 Part 2, §6.2.2.3). */
function findPart(parts: Map<string, Buffer>, name: string): Buffer | undefined {
  const exact = parts.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [candidate, bytes] of parts) if (candidate.toLowerCase() === lower) return bytes;
  return undefined;
}

function relationshipOfType(relationships: Map<string, Relationship>, type: string): Relationship | undefined {
  // Transitional and Strict OOXML use different URIs that end alike.
  for (const relationship of relationships.values()) if (relationship.type.endsWith(`/${type}`)) return relationship;
  return undefined;
}

async function readSharedStrings(bytes: Buffer, part: string): Promise<string[]> {
  const xml = new XmlPullParser(partText(bytes, part), part);
  const strings: string[] = [];
  let current = "";
  let inItem = false;
  let inText = false;
  // Phonetic guides (<rPh>) are furigana for East Asian text, not part of the cell's value.
  let phoneticDepth = 0;
  for (let event = xml.next(); event !== END; event = xml.next()) {
    if (event === TEXT) {
      if (inText) current += xml.text;
    } else if (event === OPEN) {
      if (xml.name === "si") {
        inItem = true;
        current = "";
      } else if (xml.name === "rPh") phoneticDepth++;
      else if (xml.name === "t" && inItem && phoneticDepth === 0) inText = true;
    } else if (xml.name === "si") {
      strings.push(unescapeOoxml(current));
      inItem = false;
      if (strings.length % CELLS_PER_YIELD === 0) await yieldToEventLoop();
    } else if (xml.name === "rPh") phoneticDepth--;
    else if (xml.name === "t") inText = false;
  }
  return strings;
}

type DateKind = "date" | "time" | "dateTime";

/** Built-in number formats that show dates or times (ECMA-376 Part 1, §18.8.30). */
const BUILT_IN_DATE_FORMATS: Record<number, DateKind> = {
  14: "date",
  15: "date",
  16: "date",
  17: "date",
  18: "time",
  19: "time",
  20: "time",
  21: "time",
  22: "dateTime",
  45: "time",
  46: "time",
  47: "time",
  // East Asian locales' built-in date formats.
  27: "date",
  28: "date",
  29: "date",
  30: "date",
  31: "date",
  32: "time",
  33: "time",
  34: "time",
  35: "time",
  36: "date",
  50: "date",
  51: "date",
  52: "date",
  53: "date",
  54: "date",
  55: "time",
  56: "time",
  57: "date",
  58: "date",
};

/** Whether a custom format code shows a date, a time or both: d/y (or m without h/s) mean date. */
export function dateKindOfFormat(formatCode: string): DateKind | null {
  // Only the first section (positive numbers) decides; quoted text, escapes and [colour]/[$-locale] say nothing.
  const section = (formatCode.split(";")[0] ?? "")
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "")
    .replace(/_.|\*./g, "")
    .toLowerCase();
  const hasDate = /[dy]/.test(section);
  const hasTime = /[hs]/.test(section);
  const hasMonthOrMinute = section.includes("m");
  if (hasDate || (hasMonthOrMinute && !hasTime)) return hasTime ? "dateTime" : "date";
  return hasTime ? "time" : null;
}

/** What each cell format (index into cellXfs) shows: a date, a time, or null for anything else. */
function readDateStyles(bytes: Buffer, part: string): Array<DateKind | null> {
  const xml = new XmlPullParser(partText(bytes, part), part);
  const customFormats = new Map<number, string>();
  const styles: Array<DateKind | null> = [];
  let inCellXfs = false;
  for (let event = xml.next(); event !== END; event = xml.next()) {
    if (event === OPEN) {
      if (xml.name === "numFmt") {
        customFormats.set(Number(xml.attribute("numFmtId")), xml.attribute("formatCode") ?? "");
      } else if (xml.name === "cellXfs") inCellXfs = true;
      else if (xml.name === "xf" && inCellXfs) {
        const id = Number(xml.attribute("numFmtId") ?? 0);
        const custom = customFormats.get(id);
        styles.push(custom !== undefined ? dateKindOfFormat(custom) : (BUILT_IN_DATE_FORMATS[id] ?? null));
      }
    } else if (event === CLOSE && xml.name === "cellXfs") inCellXfs = false;
  }
  return styles;
}

const DAY_MS = 86_400_000;

/** An Excel serial date as ISO text: "yyyy-mm-dd", "hh:mm:ss" or "yyyy-mm-dd hh:mm:ss". */
function formatSerialDate(serial: number, kind: DateKind, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_466) return null;
  const totalSeconds = Math.round(serial * 86_400);
  let days = Math.floor(totalSeconds / 86_400);
  const seconds = totalSeconds - days * 86_400;
  const time = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60]
    .map((part) => String(part).padStart(2, "0"))
    .join(":");
  if (kind === "time") return time;
  let date: string;
  if (date1904) {
    date = new Date(Date.UTC(1904, 0, 1) + days * DAY_MS).toISOString().slice(0, 10);
  } else if (days === 60) {
    // Lotus 1-2-3's phantom leap day, which Excel keeps for compatibility.
    date = "1900-02-29";
  } else {
    if (days < 60) days++;
    date = new Date(Date.UTC(1899, 11, 30) + days * DAY_MS).toISOString().slice(0, 10);
  }
  return kind === "dateTime" && seconds !== 0 ? `${date} ${time}` : date;
}

/** Column (1-based) of an A1 reference, or 0 when it is not one. */
function referenceColumn(reference: string): number {
  let column = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
    else break;
  }
  return i > 0 && i <= 3 && i < reference.length ? column : 0;
}

/**
 * The formula of a cell that shares its master's formula (`<f t="shared" si="…"/>`): the master's
 * relative references moved by the cell's offset. Best effort (A1 references outside string
 * literals, not whole-row or whole-column ranges), which is enough for a warning to show.
 */
export function shiftFormula(formula: string, rowOffset: number, columnOffset: number): string {
  return formula.replace(
    /("(?:[^"]|"")*")|('(?:[^']|'')*'!)|(?<![\w.])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(!.])/g,
    (match, quoted?: string, sheet?: string, columnFixed = "", letters = "", rowFixed = "", digits = "") => {
      if (quoted !== undefined || sheet !== undefined) return match;
      const column = columnFixed ? referenceColumn(`${letters}1`) : referenceColumn(`${letters}1`) + columnOffset;
      const row = rowFixed ? Number(digits) : Number(digits) + rowOffset;
      if (column < 1 || column > XLSX_MAX_COLUMNS || row < 1) return "#REF!";
      return `${columnFixed}${columnLetters(column - 1)}${rowFixed}${row}`;
    },
  );
}

type ReadContext = {
  sharedStrings: string[];
  dateStyles: Array<DateKind | null>;
  date1904: boolean;
  maxRows: number;
  /** Cell slots handed out so far across the workbook. */
  gridCells: number;
};

function cellText(type: string, value: string, inlineText: string, style: number, context: ReadContext): string {
  switch (type) {
    case "s":
      return value === "" ? "" : (context.sharedStrings[Number(value)] ?? "");
    case "inlineStr":
      return unescapeOoxml(inlineText);
    case "str":
      return unescapeOoxml(value);
    case "b":
      return value === "1" ? "TRUE" : value === "0" ? "FALSE" : value;
    case "e":
      return value;
    case "d":
      // ISO 8601 date cells (Strict OOXML and some writers); a midnight time says nothing.
      return /^\d{4}-\d\d-\d\d(?:T00:00(?::00(?:\.0+)?)?Z?)?$/.test(value) ? value.slice(0, 10) : value;
    default: {
      if (value === "") return "";
      const number = Number(value);
      if (Number.isNaN(number)) return value;
      const dateKind = context.dateStyles[style];
      if (dateKind) return formatSerialDate(number, dateKind, context.date1904) ?? String(number);
      return String(number);
    }
  }
}

async function readWorksheet(bytes: Buffer, part: string, name: string, context: ReadContext): Promise<XlsxReadSheet> {
  const xml = new XmlPullParser(partText(bytes, part), part);
  const rows: string[][] = [];
  const formulaCells: XlsxReadSheet["formulaCells"] = [];
  const sharedFormulas = new Map<string, { formula: string; row: number; column: number }>();

  let inSheetData = false;
  let rowNumber = 0;
  let cells: string[] = [];
  let columnNumber = 0;
  let cellType = "";
  let cellStyle = 0;
  let value = "";
  let inlineText = "";
  let formula: string | null = null;
  let formulaType = "";
  let formulaIndex: string | undefined;
  /** What a TEXT event is collected into: 0 nothing, 1 value, 2 formula, 3 inline text. */
  let collecting = 0;
  let inInlineString = false;
  let phoneticDepth = 0;
  let cellCount = 0;

  for (let event = xml.next(); event !== END; event = xml.next()) {
    if (event === TEXT) {
      if (collecting === 1) value += xml.text;
      else if (collecting === 2) formula += xml.text;
      else if (collecting === 3) inlineText += xml.text;
      continue;
    }
    const element = xml.name;
    if (event === OPEN) {
      if (!inSheetData) {
        if (element === "sheetData") inSheetData = true;
        continue;
      }
      switch (element) {
        case "row": {
          const r = xml.attribute("r");
          rowNumber = r !== undefined ? Number(r) : rowNumber + 1;
          if (!Number.isInteger(rowNumber) || rowNumber < 1) xml.fail(`bad row number ${r}`);
          cells = rows[rowNumber - 1] ?? [];
          columnNumber = 0;
          break;
        }
        case "c": {
          const r = xml.attribute("r");
          const column = r !== undefined ? referenceColumn(r) : 0;
          columnNumber = column > 0 ? column : columnNumber + 1;
          if (columnNumber > XLSX_MAX_COLUMNS) xml.fail(`column ${columnNumber} is past XFD`);
          cellType = xml.attribute("t") ?? "n";
          cellStyle = Number(xml.attribute("s") ?? 0);
          value = "";
          inlineText = "";
          formula = null;
          break;
        }
        case "v":
          collecting = 1;
          break;
        case "f":
          collecting = 2;
          formula = "";
          formulaType = xml.attribute("t") ?? "";
          formulaIndex = xml.attribute("si");
          break;
        case "is":
          inInlineString = true;
          break;
        case "rPh":
          phoneticDepth++;
          break;
        case "t":
          if (inInlineString && phoneticDepth === 0) collecting = 3;
          break;
      }
      continue;
    }
    // CLOSE
    switch (element) {
      case "v":
      case "f":
      case "t":
        collecting = 0;
        break;
      case "is":
        inInlineString = false;
        break;
      case "rPh":
        phoneticDepth--;
        break;
      case "sheetData":
        inSheetData = false;
        break;
      case "row":
        if (inSheetData && cells.length > 0) rows[rowNumber - 1] = cells;
        break;
      case "c": {
        if (!inSheetData) break;
        if (formula !== null) {
          let text: string = formula;
          if (formulaType === "shared" && formulaIndex !== undefined) {
            const master = sharedFormulas.get(formulaIndex);
            if (text !== "") sharedFormulas.set(formulaIndex, { formula: text, row: rowNumber, column: columnNumber });
            else if (master) text = shiftFormula(master.formula, rowNumber - master.row, columnNumber - master.column);
          }
          formulaCells.push({ row: rowNumber, column: columnNumber, formula: text });
        }
        const text = cellText(cellType, value, inlineText, cellStyle, context);
        if (text !== "") {
          if (rowNumber > context.maxRows) {
            throw new ExchangeFileError("tooManyRows", { limit: context.maxRows }, `${name}: row ${rowNumber}`);
          }
          if (columnNumber > cells.length) {
            context.gridCells += columnNumber - cells.length;
            if (context.gridCells > MAX_GRID_CELLS) {
              throw new ExchangeFileError(
                "zipBomb",
                {},
                `${name}: cells spread over more than ${MAX_GRID_CELLS} slots`,
              );
            }
            while (cells.length < columnNumber - 1) cells.push("");
            cells.push(text);
          } else {
            cells[columnNumber - 1] = text;
          }
        }
        if (++cellCount % CELLS_PER_YIELD === 0) await yieldToEventLoop();
        break;
      }
    }
  }

  let last = rows.length;
  while (last > 0 && !rows[last - 1]?.length) last--;
  const filled: string[][] = [];
  for (let i = 0; i < last; i++) filled.push(rows[i] ?? []);
  return { name, rows: filled, formulaCells };
}

/**
 * Every worksheet of an XLSX workbook (hidden ones too; chart sheets have no cells and are left
 * out), in tab order, as cell texts. Refuses what is not a zip (wrongType), a zip that is not a
 * workbook (wrongType), what cannot be unpacked (brokenZip), zip bombs and cells spread over an
 * implausible grid (zipBomb), any XML part with a DOCTYPE (xmlDoctype), malformed XML
 * (brokenXml), text that is not UTF-8 or UTF-16 (encoding), a workbook without a worksheet or
 * without a single non-empty cell (empty), and a sheet with a value below row `maxRows`
 * (tooManyRows).
 */
export async function readXlsx(
  bytes: Uint8Array,
  { maxRows = XLSX_DEFAULT_MAX_ROWS }: { maxRows?: number } = {},
): Promise<XlsxReadSheet[]> {
  // Only XML parts: images, printer settings and VBA projects are neither needed nor unpacked.
  const parts = await readZip(bytes, { wanted: (name) => /\.(xml|rels)$/i.test(name) });

  const packageRelationships = readRelationships(parts, "");
  const workbookPart = relationshipOfType(packageRelationships, "officeDocument")?.target ?? "xl/workbook.xml";
  const workbookBytes = findPart(parts, workbookPart);
  if (!workbookBytes) throw new ExchangeFileError("wrongType", {}, "no workbook part");
  const workbookRelationships = readRelationships(parts, workbookPart);

  const sheetEntries: Array<{ name: string; part: string }> = [];
  let date1904 = false;
  const workbook = new XmlPullParser(partText(workbookBytes, workbookPart), workbookPart);
  for (let event = workbook.next(); event !== END; event = workbook.next()) {
    if (event !== OPEN) continue;
    if (workbook.name === "workbookPr") {
      const flag = workbook.attribute("date1904");
      date1904 = flag === "1" || flag === "true";
    } else if (workbook.name === "sheet") {
      const relationship = workbookRelationships.get(workbook.attribute("id", true) ?? "");
      // Chart sheets, dialog sheets and macro sheets hold no rows.
      if (relationship?.type.endsWith("/worksheet")) {
        sheetEntries.push({ name: workbook.attribute("name") ?? "", part: relationship.target });
      }
    }
  }
  if (sheetEntries.length === 0) throw new ExchangeFileError("empty", {}, "no worksheet");

  const sharedStringsPart = relationshipOfType(workbookRelationships, "sharedStrings")?.target;
  const sharedStringsBytes = sharedStringsPart ? findPart(parts, sharedStringsPart) : undefined;
  const stylesPart = relationshipOfType(workbookRelationships, "styles")?.target;
  const stylesBytes = stylesPart ? findPart(parts, stylesPart) : undefined;
  const context: ReadContext = {
    sharedStrings:
      sharedStringsPart && sharedStringsBytes ? await readSharedStrings(sharedStringsBytes, sharedStringsPart) : [],
    dateStyles: stylesPart && stylesBytes ? readDateStyles(stylesBytes, stylesPart) : [],
    date1904,
    maxRows,
    gridCells: 0,
  };

  const sheets: XlsxReadSheet[] = [];
  for (const entry of sheetEntries) {
    const sheetBytes = findPart(parts, entry.part);
    if (!sheetBytes) throw new ExchangeFileError("brokenZip", {}, `missing ${entry.part}`);
    sheets.push(await readWorksheet(sheetBytes, entry.part, entry.name, context));
  }
  if (sheets.every((sheet) => sheet.rows.length === 0)) throw new ExchangeFileError("empty", {}, "no cell has a value");
  return sheets;
}
