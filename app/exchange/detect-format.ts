import { ExchangeFileError } from "./exchange-error";

/**
 * Which importer reads an upload: by the file name's extension, then checked against the first
 * bytes, so a PNG renamed to .xlsx is refused here with a message instead of confusing a parser.
 */

export type ImportFileFormat = "xlsx" | "csv" | "reqif" | "json";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);

/** The first non-whitespace character after an optional UTF-8 byte order mark. */
function firstCharacter(bytes: Uint8Array): string {
  let index = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (index < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[index] ?? 0)) index += 1;
  return String.fromCharCode(bytes[index] ?? 0);
}

export function detectImportFormat(fileName: string, bytes: Uint8Array): ImportFileFormat {
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
  switch (extension) {
    case "xlsx":
      if (!startsWith(bytes, ZIP)) throw new ExchangeFileError("wrongType");
      return "xlsx";
    case "reqifz":
      if (!startsWith(bytes, ZIP)) throw new ExchangeFileError("wrongType");
      return "reqif";
    case "reqif":
    case "xml":
      if (firstCharacter(bytes) !== "<") throw new ExchangeFileError("wrongType");
      return "reqif";
    case "json":
      if (firstCharacter(bytes) !== "{") throw new ExchangeFileError("wrongType");
      return "json";
    case "csv":
    case "txt":
      if (startsWith(bytes, ZIP) || bytes.subarray(0, 4096).includes(0)) throw new ExchangeFileError("wrongType");
      return "csv";
    default:
      throw new ExchangeFileError("unknownFormat");
  }
}
