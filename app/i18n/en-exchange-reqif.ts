import type { svExchangeReqif } from "./sv-exchange-reqif";

/** English strings of the reqif exchange format; same keys as `sv-exchange-reqif.ts`. */
export const enExchangeReqif: Record<keyof typeof svExchangeReqif, string> = {
  "exchange.reqif.issue.unknownObligation":
    "The value is neither a mandatory (ska) nor an evaluated (bör) requirement.",
  "exchange.reqif.issue.unknownType": "The value matches none of Samkrav's requirement types.",
  "exchange.reqif.issue.unknownArea": "The value matches none of Samkrav's requirement areas.",
  "exchange.reqif.issue.unknownVerification": "The value matches none of Samkrav's verification methods.",
  "exchange.reqif.issue.unknownAmbition": "The value matches none of Samkrav's ambition levels.",
  "exchange.reqif.issue.severalValues": "The attribute has several values, but the field takes only one.",
  "exchange.reqif.issue.notANumber": "The value is not a number.",
  "exchange.reqif.issue.sharedObject":
    "The object appears several times in the specification. It is imported only where it first appears.",
  "exchange.reqif.issue.missingObject": "The specification refers to an object that is missing from the file.",
  "exchange.reqif.issue.mediaRemoved":
    "The text contained pictures or embedded objects. They cannot be imported and have been removed.",

  "exchange.reqif.target.sectionTitle": "Section heading",
  "exchange.reqif.target.linkedStandards": "Linked standards",
  "exchange.reqif.target.keep": "Keep as imported attribute",
  "exchange.reqif.target.ignore": "Do not import",

  "exchange.reqif.kind.string": "Text",
  "exchange.reqif.kind.xhtml": "Formatted text",
  "exchange.reqif.kind.enumeration": "Value list",
  "exchange.reqif.kind.integer": "Whole number",
  "exchange.reqif.kind.real": "Decimal number",
  "exchange.reqif.kind.boolean": "Yes/no",
  "exchange.reqif.kind.date": "Date",

  "exchange.reqif.type.requirement": "Requirement",
  "exchange.reqif.type.section": "Section",
  "exchange.reqif.type.specification": "Requirement set",
  "exchange.reqif.attribute.chapterName": "Section heading",
  "exchange.reqif.attribute.description": "Description of the requirement set",
  "exchange.reqif.attribute.textSource":
    "The requirement text exactly as written in Samkrav (markdown). Used when the file is imported back into Samkrav.",
  "exchange.reqif.attribute.version": "The requirement's version number in Samkrav",
  "exchange.reqif.attribute.linkedStandards": "Standards the requirement is linked to",
  "exchange.reqif.attribute.source": "Where the requirement came from",
  "exchange.reqif.attribute.imported":
    "Attribute the requirement got when it was imported into Samkrav from another file",
};
