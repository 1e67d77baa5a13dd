import type { svExchange } from "./sv-exchange";

/** English strings of import and export (the shared parts); same keys as `sv-exchange.ts`. */
export const enExchange: Record<keyof typeof svExchange, string> = {
  "exchange.sourceFromSet": "Copied from {set}, {ref} version {version}",
  "exchange.sourceFromLibrary": "Copied from the library, {ref} version {version}",
  "exchange.audit.exported": "Exported requirement set",
  "exchange.audit.imported": "Imported into requirement set",
  "exchange.issue.duplicateRef": "The same requirement number is already on row {row}.",
  "exchange.issue.duplicateId": "The same UUID is already on row {row}.",
  "exchange.issue.unstorableCharacters": "The text contains characters that cannot be stored (NUL characters or broken Unicode).",
  "exchange.issue.sectionTooDeep": "The section is nested deeper than {max} levels.",
  "exchange.issue.sectionTitleInvalid": "A section name must have 1–200 characters.",
  "exchange.issue.sameRequirementTwice": "The row refers to the same requirement in the set as row {row}.",
  "exchange.issue.refTakenInSet":
    "The requirement number is already used by another requirement in the set that the file does not mention.",

  "exchange.fileError.tooLarge": "The file is too large. The largest allowed size is {limit}.",
  "exchange.fileError.wrongType": "The file is not of the type its name or the chosen format says.",
  "exchange.fileError.brokenZip": "The file is damaged and cannot be unpacked.",
  "exchange.fileError.zipBomb": "The file would unpack to an implausible amount of data and is refused.",
  "exchange.fileError.xmlDoctype":
    "The file contains a DOCTYPE declaration (entities). Such files are not read, for security.",
  "exchange.fileError.brokenXml": "The file is not well-formed XML.",
  "exchange.fileError.empty": "The file has no rows to import.",
  "exchange.fileError.tooManyRows": "The file has more than {limit} rows. Split it into several imports.",
  "exchange.fileError.notSamkravJson": "The file is not a JSON export from Samkrav.",
  "exchange.fileError.unsupportedVersion":
    "The file has format version {version}, which this Samkrav installation cannot read.",
  "exchange.fileError.notReqif": "The file is not a ReqIF file with any specification.",
  "exchange.fileError.encoding": "The file's character encoding could not be read. Save it as UTF-8.",
};
