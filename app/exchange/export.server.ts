import type { Language } from "~/utils/i18n";

import { writeCsv, type CsvDelimiter } from "./csv.server";
import { writeSetDocx } from "./docx.server";
import type { ExchangeSet } from "./exchange-set";
import type { ExportFormat } from "./export-formats";
import { writeSetJson } from "./json";
import { writeSetReqif, writeSetReqifz } from "./reqif.server";
import { writeSetXlsx } from "./set-spreadsheet.server";
import { setToTable } from "./tabular";

/** One export as the download route sends it. */
export type ExportFile = { body: Buffer; contentType: string; extension: string };

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  reqif: "application/xml; charset=utf-8",
  reqifz: "application/zip",
};

export async function renderExport(
  set: ExchangeSet,
  format: ExportFormat,
  { language, delimiter }: { language: Language; delimiter: CsvDelimiter },
): Promise<ExportFile> {
  const file = (body: Uint8Array | string): ExportFile => ({
    body:
      typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
    contentType: CONTENT_TYPES[format],
    extension: format,
  });
  switch (format) {
    case "xlsx":
      return file(await writeSetXlsx(set, language));
    case "docx":
      return file(await writeSetDocx(set, language));
    case "csv": {
      const table = setToTable(set, language);
      return file(writeCsv({ header: table.columns.map((column) => column.header), rows: table.rows }, { delimiter }));
    }
    case "json":
      return file(writeSetJson(set));
    case "reqif":
      return file(writeSetReqif(set, language));
    case "reqifz":
      return file(await writeSetReqifz(set, language));
  }
}

/**
 * "Journalsystem 2027 – Remissversion.xlsx" as a header value: an ASCII fallback for old clients
 * and the real name in RFC 5987 form, which every current browser uses.
 */
export function attachmentDisposition(set: ExchangeSet, extension: string): string {
  const base = [set.set.title, set.set.baseline?.name].filter(Boolean).join(" – ");
  const cleaned =
    base
      // Characters no file system takes, and control characters (U+0000–U+001F).
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 120) || "kravuppsattning";
  const fileName = `${cleaned}.${extension}`;
  const ascii =
    fileName
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/"/g, "") || `export.${extension}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
