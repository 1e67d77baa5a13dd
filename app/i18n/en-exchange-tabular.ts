import type { svExchangeTabular } from "./sv-exchange-tabular";

/** English strings of the tabular exchange format; same keys as `sv-exchange-tabular.ts`. */
export const enExchangeTabular: Record<keyof typeof svExchangeTabular, string> = {
  "exchange.tabular.sheet.requirements": "Requirements",
  "exchange.tabular.sheet.sections": "Sections",
  "exchange.tabular.sheet.metadata": "About this file",

  "exchange.tabular.column.ref": "Ref",
  "exchange.tabular.column.section": "Section",
  "exchange.tabular.column.title": "Title",
  "exchange.tabular.column.text": "Requirement text",
  "exchange.tabular.column.obligation": "Obligation",
  "exchange.tabular.column.type": "Requirement type",
  "exchange.tabular.column.area": "Requirement area",
  "exchange.tabular.column.rationale": "Rationale",
  "exchange.tabular.column.verification": "Verification",
  "exchange.tabular.column.weight": "Weight",
  "exchange.tabular.column.ambition": "Ambition level",
  "exchange.tabular.column.tags": "Tags",
  "exchange.tabular.column.linkedStandards": "Linked standards",
  "exchange.tabular.column.source": "Source",
  "exchange.tabular.column.importedAttributes": "Imported attributes",
  "exchange.tabular.column.id": "UUID",
  "exchange.tabular.column.version": "Version",

  "exchange.tabular.value.ska": "Mandatory",
  "exchange.tabular.value.bor": "Evaluated",

  "exchange.tabular.sectionColumn.number": "Number",
  "exchange.tabular.sectionColumn.title": "Title",
  "exchange.tabular.sectionColumn.id": "UUID",
  "exchange.tabular.sectionColumn.parentId": "Parent section (UUID)",

  "exchange.tabular.meta.title": "Requirement set",
  "exchange.tabular.meta.description": "Description",
  "exchange.tabular.meta.procurementReference": "Procurement",
  "exchange.tabular.meta.region": "Owning region",
  "exchange.tabular.meta.status": "Status",
  "exchange.tabular.meta.visibility": "Sharing",
  "exchange.tabular.meta.collaboration": "Collaboration",
  "exchange.tabular.meta.version": "Version",
  "exchange.tabular.meta.baseline": "Baseline",
  "exchange.tabular.meta.baselineCreatedAt": "Baseline created",
  "exchange.tabular.meta.workingCopy": "Working copy (no baseline)",
  "exchange.tabular.meta.exportedAt": "Exported",
  "exchange.tabular.meta.setId": "Set UUID",
  "exchange.tabular.meta.format": "File format",
  "exchange.tabular.meta.formatVersion": "Format version",
  "exchange.tabular.meta.requirementCount": "Number of requirements",

  "exchange.tabular.target.ignore": "Do not import",
  "exchange.tabular.target.keep": "Keep as imported attribute",
  "exchange.tabular.target.ref": "Ref",
  "exchange.tabular.target.section": "Section (path or title)",
  "exchange.tabular.target.level": "Level (heading rows)",
  "exchange.tabular.target.title": "Title",
  "exchange.tabular.target.text": "Requirement text",
  "exchange.tabular.target.obligation": "Obligation (ska/bör)",
  "exchange.tabular.target.type": "Requirement type",
  "exchange.tabular.target.area": "Requirement area",
  "exchange.tabular.target.rationale": "Rationale",
  "exchange.tabular.target.verification": "Verification",
  "exchange.tabular.target.weight": "Weight",
  "exchange.tabular.target.ambition": "Ambition level",
  "exchange.tabular.target.tags": "Tags",
  "exchange.tabular.target.importedAttributes": "Imported attributes (Samkrav's column)",
  "exchange.tabular.target.id": "UUID",
  "exchange.tabular.target.version": "Version (not imported)",
  "exchange.tabular.target.linkedStandards": "Linked standards (one a line)",
  "exchange.tabular.target.source": "Source (not imported)",

  "exchange.tabular.hierarchy.none": "None: all requirements at the top, without sections",
  "exchange.tabular.hierarchy.sectionColumn": "Section column: a path with > or /, or one title",
  "exchange.tabular.hierarchy.levelColumn": "Level column: rows with a level and no requirement text are headings",
  "exchange.tabular.hierarchy.refPrefix": "Ref: IS-004 goes into section IS, 2.1.3 into section 2.1",
  "exchange.tabular.hierarchy.sectionsSheet": "The sections sheet of a Samkrav export",

  "exchange.tabular.issue.obligationUnmapped":
    "The value cannot be read as mandatory (ska) or evaluated (bör). Choose its meaning in the value mapping.",
  "exchange.tabular.issue.typeUnmapped":
    "The value cannot be read as a requirement type. Choose its meaning in the value mapping.",
  "exchange.tabular.issue.areaUnmapped":
    "The value cannot be read as a requirement area. Choose its meaning in the value mapping.",
  "exchange.tabular.issue.verificationUnmapped":
    "The value cannot be read as a verification method. Choose its meaning in the value mapping.",
  "exchange.tabular.issue.ambitionUnmapped":
    "The value cannot be read as an ambition level. Choose its meaning in the value mapping.",
  "exchange.tabular.issue.weightNotInteger": "The weight must be a whole number, for example 10.",
  "exchange.tabular.issue.idInvalid": "The value is not a UUID. Leave the cell empty for new requirements.",
  "exchange.tabular.issue.formulaLike":
    "The cell starts like a formula. It is imported as text and protected again when exported.",
  "exchange.tabular.issue.duplicateColumn":
    "The column is not imported: the same field is already read from the column “{column}”.",
  "exchange.tabular.issue.levelInvalid": "The level must be a number from 1 to 6 or a chapter number such as 2.1.3.",
  "exchange.tabular.issue.headingTitleMissing": "The heading row has no title.",
  "exchange.tabular.issue.sectionNotInSheet":
    "The section is not in the sections sheet and is created as a new section.",
  "exchange.tabular.issue.sectionIdInvalid": "Sections sheet, row {row}: the value is not a UUID.",
  "exchange.tabular.issue.sectionParentMissing":
    "Sections sheet, row {row}: the parent section is not in the sheet. The section is placed at the top.",
  "exchange.tabular.issue.sectionTitleMissing": "Sections sheet, row {row}: the section has no title.",
  "exchange.tabular.issue.sectionDuplicateId": "Sections sheet, row {row}: the same UUID is already on row {first}.",
};
