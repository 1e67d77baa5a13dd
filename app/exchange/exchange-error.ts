/**
 * Why a file cannot be read, as a code the import pages turn into a translated message
 * (`exchange.fileError.<code>` in the dictionaries). Readers throw this for anything wrong with
 * the file itself, so a hostile or broken upload is a message to the user, never a 500.
 */
export const EXCHANGE_FILE_ERRORS = [
  /** Larger than the upload limit. */
  "tooLarge",
  /** A file name whose extension is none of the formats Samkrav imports. */
  "unknownFormat",
  /** The bytes are not the kind of file its name or the chosen format says (a PNG named .xlsx). */
  "wrongType",
  /** A zip container (xlsx, docx, reqifz) that cannot be read. */
  "brokenZip",
  /** A zip whose content would unpack to far more than is plausible (a zip bomb). */
  "zipBomb",
  /** XML with a DOCTYPE: external entities and entity expansion are never processed. */
  "xmlDoctype",
  /** XML that is not well-formed. */
  "brokenXml",
  /** A workbook with no worksheet, or a CSV with no rows. */
  "empty",
  /** More rows than one import takes. */
  "tooManyRows",
  /** JSON that is not Samkrav's export format. */
  "notSamkravJson",
  /** A Samkrav export from a newer format version than this installation reads. */
  "unsupportedVersion",
  /** A ReqIF file without the REQ-IF root or without any specification. */
  "notReqif",
  /** Text that is not valid UTF-8 (nor, for CSV, Windows-1252). */
  "encoding",
] as const;

export type ExchangeFileErrorCode = (typeof EXCHANGE_FILE_ERRORS)[number];

export class ExchangeFileError extends Error {
  readonly code: ExchangeFileErrorCode;
  /** Placeholders for the message (a limit, a count). */
  readonly params: Record<string, string | number>;

  constructor(code: ExchangeFileErrorCode, params: Record<string, string | number> = {}, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = "ExchangeFileError";
    this.code = code;
    this.params = params;
  }
}
