import type { svExchangeDocx } from "./sv-exchange-docx";

/** English strings of the docx exchange format; same keys as `sv-exchange-docx.ts`. */
export const enExchangeDocx: Record<keyof typeof svExchangeDocx, string> = {
  "exchange.docx.documentTitle": "Requirements specification (tender appendix)",
  "exchange.docx.ownerRegion": "Region",
  "exchange.docx.collaboration": "Collaboration",
  "exchange.docx.procurementReference": "Procurement reference",
  "exchange.docx.version": "Version",
  "exchange.docx.baselineEstablished": "Baseline established",
  "exchange.docx.workingVersion": "Working version (not established as a baseline)",
  "exchange.docx.exported": "Exported",
  "exchange.docx.workingVersionShort": "Working version {date}",
  "exchange.docx.status": "Status",
  "exchange.docx.tocHeading": "Contents",
  "exchange.docx.tocPlaceholder":
    "The table of contents is filled in when the document's fields are updated. Right-click here and choose Update Field, or select all and press F9.",
  "exchange.docx.readingGuideHeading": "How to read this specification",
  "exchange.docx.readingGuideSka":
    "Mandatory requirements (ska-krav) must be met. A tender that does not meet every mandatory requirement is rejected.",
  "exchange.docx.readingGuideBor":
    "Evaluated requirements (bör-krav) are not mandatory. They are evaluated according to the evaluation model of the procurement documents, and a stated weight shows how much the requirement counts in the evaluation.",
  "exchange.docx.readingGuideFields":
    "The verification method states how fulfilment of the requirement is checked. The rationale explains why the requirement is set.",
  "exchange.docx.generalRequirements": "General requirements",
  "exchange.docx.requirements": "Requirements",
  "exchange.docx.noRequirements": "The specification contains no requirements.",
  "exchange.docx.type": "Requirement type",
  "exchange.docx.verification": "Verification method",
  "exchange.docx.weight": "Weight",
  "exchange.docx.standards": "Standards",
  "exchange.docx.rationale": "Rationale",
  "exchange.docx.pageOf": "Page {page} of {pages}",
  "exchange.docx.style.requirementHeading": "Requirement heading",
  "exchange.docx.style.requirementTable": "Requirement table",
  "exchange.docx.style.tableText": "Requirement table text",
  "exchange.docx.style.rationale": "Requirement rationale",
  "exchange.docx.style.label": "Requirement label",
  "exchange.docx.style.obligationSka": "Mandatory marker",
  "exchange.docx.style.obligationBor": "Evaluated marker",
  "exchange.docx.style.titlePageDetail": "Title page detail",
  "exchange.docx.style.titlePageDescription": "Title page description",
};
