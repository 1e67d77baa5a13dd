import Papa from "papaparse";

import { ExchangeFileError } from "./exchange-error";

/**
 * CSV for requirement tables. Writing is our own loop: papaparse.unparse took three times as long
 * as JSON.stringify of the same rows, and the export's budget is 1.5 times. Reading uses
 * papaparse, which handles the quoting corners (quoted line breaks, doubled quotes, stray quotes).
 *
 * `writeCsv` returns UTF-8 bytes rather than a string: the byte order mark (U+FEFF) would make
 * the whole JavaScript string two-byte, and copying that on its way to the response cost more than
 * writing the CSV did (1.7–2 times JSON.stringify against 1.3 times for the bytes).
 *
 * Formula injection (OWASP "CSV injection"): a value that a spreadsheet would run as a formula
 * gets one leading apostrophe, which Excel and LibreOffice show as text. A value that already
 * starts with apostrophes before such a character gets one more, so the reader can take exactly
 * one away from every value of that shape and our own export reads back unchanged.
 */

export type CsvDelimiter = ";" | ",";
export type CsvCell = string | number | null;
export type CsvTable = { header: readonly string[]; rows: readonly (readonly CsvCell[])[] };

const FORMULA_TO_NEUTRALISE = /^'*[=+\-@\t\r]/;
const NEUTRALISED_FORMULA = /^'+[=+\-@\t\r]/;
const QUOTE_OR_LINE_BREAK = /["\r\n]/;
/** First characters (= + - @ tab CR and the apostrophe) after which a cell needs a closer look. */
const FORMULA_OR_APOSTROPHE = new Uint8Array(0x41);
for (const code of [0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0x27]) FORMULA_OR_APOSTROPHE[code] = 1;
const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/** The table as CSV in UTF-8: byte order mark (Excel reads UTF-8 only with it), RFC 4180 quoting, CRLF. */
export function writeCsv(table: CsvTable, { delimiter }: { delimiter: CsvDelimiter }): Uint8Array {
  const field = (value: CsvCell): string => {
    if (value === null) return "";
    let text = typeof value === "number" ? String(value) : value;
    if (FORMULA_OR_APOSTROPHE[text.charCodeAt(0)] === 1 && FORMULA_TO_NEUTRALISE.test(text)) text = `'${text}`;
    if (!text.includes(delimiter) && !QUOTE_OR_LINE_BREAK.test(text)) return text;
    return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
  };
  // Most rows need neither quotes nor apostrophes; Array.join writes those in native code (null as "").
  const line = (cells: readonly CsvCell[]): string => {
    for (let index = 0; index < cells.length; index += 1) {
      const cell = cells[index];
      const closerLook =
        typeof cell === "string"
          ? FORMULA_OR_APOSTROPHE[cell.charCodeAt(0)] === 1 || cell.includes(delimiter)
          : typeof cell === "number" && !(cell >= 0);
      if (closerLook) return cells.map(field).join(delimiter);
    }
    const joined = cells.join(delimiter);
    return QUOTE_OR_LINE_BREAK.test(joined) ? cells.map(field).join(delimiter) : joined;
  };
  const lines = [line(table.header)];
  for (const row of table.rows) lines.push(line(row));
  lines.push("");
  const body = new TextEncoder().encode(lines.join("\r\n"));
  const bytes = new Uint8Array(UTF8_BOM.length + body.length);
  bytes.set(UTF8_BOM);
  bytes.set(body, UTF8_BOM.length);
  return bytes;
}

export type ReadCsvOptions = {
  /** "auto" (the default) picks semicolon, comma or tab from the first rows. */
  delimiter?: CsvDelimiter | "auto";
  /** More records than this is refused with "tooManyRows". */
  maxRows?: number;
};

const DETECTABLE_DELIMITERS = [";", ",", "\t"] as const;
const DETECTION_ROWS = 50;

/**
 * CSV bytes as rows of cell texts, one array per record (a record with a quoted line break is one
 * row, as a spreadsheet shows it). Empty records are kept so row numbers match the spreadsheet;
 * empty records at the end are dropped.
 */
export function readCsv(bytes: Uint8Array, options: ReadCsvOptions = {}): string[][] {
  const text = decode(bytes);
  if (text.includes("\u0000")) throw new ExchangeFileError("wrongType", {}, "NUL in CSV");
  const delimiter =
    options.delimiter === undefined || options.delimiter === "auto" ? detectDelimiter(text) : options.delimiter;
  const { maxRows } = options;
  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    // One record past the limit is enough to know the file is too long.
    ...(maxRows !== undefined ? { preview: maxRows + 1 } : {}),
  });
  const rows = parsed.data;
  while (rows.length > 0 && (rows.at(-1) ?? []).every((cell) => cell.trim() === "")) rows.pop();
  if (rows.length === 0) throw new ExchangeFileError("empty");
  if (maxRows !== undefined && rows.length > maxRows) throw new ExchangeFileError("tooManyRows", { limit: maxRows });
  for (const row of rows) {
    for (let index = 0; index < row.length; index += 1) {
      const cell = row[index] ?? "";
      if (NEUTRALISED_FORMULA.test(cell)) row[index] = cell.slice(1);
    }
  }
  return rows;
}

/**
 * UTF-8 when the bytes are valid UTF-8 (with or without a byte order mark), UTF-16 when they
 * start with its byte order mark (Excel's "Unicode text"), otherwise Windows-1252: what Swedish
 * Excel on Windows writes for "CSV (semicolon separated)". Windows-1252 maps every byte, so a
 * binary file gets through decoding and is caught by its NUL characters instead.
 */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    // Node from 20.18.3 and 22.13.0 decodes "windows-1252" as Latin-1, so 0x80 comes out as U+0080
    // instead of € (https://github.com/nodejs/node/issues/60888). Mapping that range afterwards
    // gives the right text there and changes nothing where the decoder is correct.
    return new TextDecoder("windows-1252")
      .decode(body)
      .replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_80_TO_9F.charAt(char.charCodeAt(0) - 0x80));
  }
}

/** Windows-1252 bytes 0x80–0x9F as the WHATWG Encoding Standard maps them (five unassigned bytes stay C1 controls). */
const WINDOWS_1252_80_TO_9F =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * The delimiter that splits the first rows most consistently into the most fields. For each
 * candidate the commonest field count (two or more) and the share of rows that have it are
 * counted; among candidates where at least 80 % of rows agree the one with most fields wins (a
 * semicolon file with "2,5" in a cell splits into more fields on ";" than on ","), otherwise the
 * most consistent one. papaparse's own guess gives up on a trailing line break or a title row
 * above the table, both common in files saved by Excel. One column gets Swedish Excel's ";".
 */
function detectDelimiter(text: string): CsvDelimiter | "\t" {
  type Candidate = { delimiter: CsvDelimiter | "\t"; fields: number; share: number };
  const candidates: Candidate[] = [];
  for (const delimiter of DETECTABLE_DELIMITERS) {
    const sample = Papa.parse<string[]>(text, { delimiter, preview: DETECTION_ROWS, skipEmptyLines: "greedy" }).data;
    const rowsWithCount = new Map<number, number>();
    for (const row of sample) rowsWithCount.set(row.length, (rowsWithCount.get(row.length) ?? 0) + 1);
    let common = { fields: 1, rows: 0 };
    for (const [fields, rows] of rowsWithCount) {
      if (fields >= 2 && (rows > common.rows || (rows === common.rows && fields > common.fields))) {
        common = { fields, rows };
      }
    }
    if (common.rows > 0) candidates.push({ delimiter, fields: common.fields, share: common.rows / sample.length });
  }
  const consistent = candidates.filter((candidate) => candidate.share >= 0.8);
  const best = (consistent.length > 0 ? consistent : candidates).reduce<Candidate | null>((winner, candidate) => {
    if (winner === null) return candidate;
    const better =
      consistent.length > 0
        ? candidate.fields > winner.fields
        : candidate.share > winner.share || (candidate.share === winner.share && candidate.fields > winner.fields);
    return better ? candidate : winner;
  }, null);
  return best?.delimiter ?? ";";
}
