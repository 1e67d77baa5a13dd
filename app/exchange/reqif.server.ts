import { createHash } from "node:crypto";

import { translate, type Language, type MessageKey } from "~/utils/i18n";
import {
  ambitionLabel,
  areaLabel,
  fieldLabel,
  obligationLabel,
  requirementTypeLabel,
  verificationLabel,
} from "~/utils/labels";
import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
} from "~/utils/requirement-fields";

import type { ExchangeRequirement, ExchangeSection, ExchangeSet } from "./exchange-set";
import { escapeXmlAttribute, escapeXmlText, serializeXml } from "./reqif-xml";
import { isPlainText, markdownToXhtml, xhtmlToMarkdown } from "./xhtml-markdown";
import { writeZip } from "./zip.server";

/**
 * ReqIF 1.2 export of a requirement set: one SPECIFICATION whose SPEC-HIERARCHY is the set's
 * tree, with sections and requirements as SPEC-OBJECTs.
 *
 * - Attribute names follow the prostep ReqIF Implementation Guide where it has one (ReqIF.ForeignID
 *   for the ref, ReqIF.Name, ReqIF.Text as XHTML, ReqIF.ChapterName for sections), so DOORS,
 *   Polarion and the rest show them in their usual places; our own fields are typed attributes
 *   named "Samkrav.*" (enumerations carry the translated label as LONG-NAME and our code as the
 *   EMBEDDED-VALUE's OTHER-CONTENT, so an import recognises them in either language).
 * - Identity: a section's or requirement's IDENTIFIER is "_" + its UUID (xsd:ID cannot start with
 *   a digit); the importer strips the "_" again. Every other identifier is a fixed name, so two
 *   exports of the same set differ only where the set (or the export time) differs.
 * - Text: ReqIF.Text is the markdown rendered as XHTML, for other tools. When turning that XHTML
 *   back into markdown would not give the text exactly (odd whitespace, markup-like text…), the
 *   text also travels verbatim in Samkrav.TextSource; the importer takes it only while ReqIF.Text
 *   still is what we rendered from it, so an edit made in another tool wins.
 * - `importedAttributes` become one string attribute each, named by the key: other tools show
 *   them as ordinary columns, and the importer keeps them again by the identifier prefix
 *   (`IMPORTED_ATTRIBUTE_PREFIX`) even when a key happens to equal one of the names above.
 * - Characters XML cannot hold are escaped (see reqif-xml.ts).
 */

export const REQIF_NAMESPACE = "http://www.omg.org/spec/ReqIF/20110401/reqif.xsd";
const XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml";
export const SAMKRAV_TOOL_ID = "Samkrav";

/** LONG-NAMEs of the attributes we write; the importer pre-maps them. */
export const REQIF_NAMES = {
  foreignId: "ReqIF.ForeignID",
  name: "ReqIF.Name",
  text: "ReqIF.Text",
  chapterName: "ReqIF.ChapterName",
  description: "ReqIF.Description",
  textSource: "Samkrav.TextSource",
  obligation: "Samkrav.Obligation",
  type: "Samkrav.Type",
  area: "Samkrav.Area",
  verification: "Samkrav.Verification",
  ambition: "Samkrav.Ambition",
  weight: "Samkrav.Weight",
  rationale: "Samkrav.Rationale",
  tags: "Samkrav.Tags",
  version: "Samkrav.Version",
  linkedStandards: "Samkrav.LinkedStandards",
  source: "Samkrav.Source",
} as const;

/** Identifiers of the attribute definitions that hold `importedAttributes` start with this. */
export const IMPORTED_ATTRIBUTE_PREFIX = "samkrav-imported-";
export const TAG_SEPARATOR = ", ";

const UUID_IDENTIFIER = /^_([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

export function identifierOf(uuid: string): string {
  return `_${uuid}`;
}

/** Our UUID back from an identifier we wrote ("_" + UUID); null for any other tool's identifier. */
export function uuidOf(identifier: string): string | null {
  return UUID_IDENTIFIER.exec(identifier)?.[1] ?? null;
}

/**
 * LAST-CHANGE of the datatypes and types: when these definitions last changed (bump it when they
 * do), so that re-exports do not show every definition as changed.
 */
const DEFINITIONS_CHANGED = "2026-12-01T00:00:00.000Z";
/** Room for any text Samkrav holds; computed up from the set when something is longer. */
const STRING_MAX_LENGTH = 100_000;

type EnumerationField = "obligation" | "type" | "area" | "verification" | "ambition";
type Kind = "string" | "xhtml" | "integer" | "enumeration";
type Definition = { identifier: string; longName: string; kind: Kind; datatype: string; description: string };

function enumeration<T extends string>(values: readonly T[], labels: Record<T, MessageKey>) {
  return values.map((value) => ({ value, label: labels[value] }));
}

const ENUMERATIONS: Record<EnumerationField, { value: string; label: MessageKey }[]> = {
  obligation: enumeration(OBLIGATIONS, obligationLabel),
  type: enumeration(REQUIREMENT_TYPES, requirementTypeLabel),
  area: enumeration(AREAS, areaLabel),
  verification: enumeration(VERIFICATION_METHODS, verificationLabel),
  ambition: enumeration(AMBITION_LEVELS, ambitionLabel),
};
const ENUMERATION_FIELDS: readonly EnumerationField[] = ["obligation", "type", "area", "verification", "ambition"];

const DATATYPE = {
  string: "samkrav-datatype-string",
  xhtml: "samkrav-datatype-xhtml",
  integer: "samkrav-datatype-integer",
  enumeration: (field: EnumerationField) => `samkrav-datatype-${field}`,
};
// Each kind of identifier has its own prefix: they share one xsd:ID space per file.
const enumValueIdentifier = (field: EnumerationField, value: string) => `samkrav-value-${field}-${value}`;

const TYPE = {
  requirement: "samkrav-object-type-requirement",
  section: "samkrav-object-type-section",
  specification: "samkrav-specification-type",
};

const hierarchyIdentifier = (uuid: string) => `samkrav-hierarchy-${uuid}`;

/** Stable per key, so an imported attribute keeps its identifier from one export to the next. */
function importedAttributeIdentifiers(keys: readonly string[]): { key: string; identifier: string }[] {
  const identifiers: { key: string; identifier: string }[] = [];
  const used = new Set<string>();
  for (const key of keys) {
    const base = `${IMPORTED_ATTRIBUTE_PREFIX}${createHash("sha256").update(key, "utf8").digest("hex").slice(0, 16)}`;
    let identifier = base;
    for (let counter = 2; used.has(identifier); counter++) identifier = `${base}-${counter}`;
    used.add(identifier);
    identifiers.push({ key, identifier });
  }
  return identifiers;
}

class XmlWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  private line(content: string) {
    this.lines.push("  ".repeat(this.depth) + content);
  }

  open(name: string, attributes: Record<string, string> = {}) {
    this.line(`<${name}${formatAttributes(attributes)}>`);
    this.depth++;
  }

  close(name: string) {
    this.depth--;
    this.line(`</${name}>`);
  }

  empty(name: string, attributes: Record<string, string> = {}) {
    this.line(`<${name}${formatAttributes(attributes)}/>`);
  }

  text(name: string, value: string) {
    this.line(`<${name}>${escapeXmlText(value)}</${name}>`);
  }

  raw(content: string) {
    this.line(content);
  }

  toString() {
    return `${this.lines.join("\n")}\n`;
  }
}

function formatAttributes(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(value)}"`)
    .join("");
}

/** xsd:dateTime for LAST-CHANGE and CREATION-TIME, whatever ISO-like form the timestamp has. */
function dateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? DEFINITIONS_CHANGED : date.toISOString();
}

/** Whether the XHTML view gives the text back exactly; if not, Samkrav.TextSource carries it. */
function xhtmlReproduces(text: string): boolean {
  return isPlainText(text) || xhtmlToMarkdown([markdownToXhtml(text)]).markdown === text;
}

type Tree = {
  topRequirements: ExchangeRequirement[];
  topSections: ExchangeSection[];
  requirementsOf: Map<string, ExchangeRequirement[]>;
  sectionsOf: Map<string, ExchangeSection[]>;
};

/** The tree in the set's order; anything pointing at a missing parent is put at the top, not lost. */
function buildTree(set: ExchangeSet): Tree {
  const sectionIds = new Set(set.sections.map((section) => section.id));
  const tree: Tree = { topRequirements: [], topSections: [], requirementsOf: new Map(), sectionsOf: new Map() };
  for (const section of set.sections) {
    if (section.parentId === null || !sectionIds.has(section.parentId) || section.parentId === section.id) {
      tree.topSections.push(section);
    } else tree.sectionsOf.set(section.parentId, [...(tree.sectionsOf.get(section.parentId) ?? []), section]);
  }
  for (const requirement of set.requirements) {
    if (requirement.sectionId === null || !sectionIds.has(requirement.sectionId))
      tree.topRequirements.push(requirement);
    else {
      const siblings = tree.requirementsOf.get(requirement.sectionId) ?? [];
      siblings.push(requirement);
      tree.requirementsOf.set(requirement.sectionId, siblings);
    }
  }
  return tree;
}

export function writeSetReqif(set: ExchangeSet, language: Language): string {
  const t = (key: MessageKey) => translate(language, key);
  const contentChanged = dateTime(set.set.baseline?.createdAt ?? set.exportedAt);
  const importedKeys = [
    ...new Set(set.requirements.flatMap((requirement) => Object.keys(requirement.importedAttributes))),
  ];
  importedKeys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const definition = (
    key: string,
    longName: string,
    kind: Kind,
    description: string,
    datatype?: string,
  ): Definition => ({
    identifier: `samkrav-attribute-${key}`,
    longName,
    kind,
    datatype: datatype ?? DATATYPE[kind === "enumeration" ? "string" : kind],
    description,
  });
  const enumeration = (field: EnumerationField, longName: string) =>
    definition(`requirement-${field}`, longName, "enumeration", t(fieldLabel[field]), DATATYPE.enumeration(field));
  const requirementDefinitions = {
    foreignId: definition("requirement-foreign-id", REQIF_NAMES.foreignId, "string", t(fieldLabel.ref)),
    name: definition("requirement-name", REQIF_NAMES.name, "string", t(fieldLabel.title)),
    text: definition("requirement-text", REQIF_NAMES.text, "xhtml", t(fieldLabel.text)),
    textSource: definition(
      "requirement-text-source",
      REQIF_NAMES.textSource,
      "string",
      t("exchange.reqif.attribute.textSource"),
    ),
    obligation: enumeration("obligation", REQIF_NAMES.obligation),
    type: enumeration("type", REQIF_NAMES.type),
    area: enumeration("area", REQIF_NAMES.area),
    verification: enumeration("verification", REQIF_NAMES.verification),
    ambition: enumeration("ambition", REQIF_NAMES.ambition),
    weight: definition("requirement-weight", REQIF_NAMES.weight, "integer", t(fieldLabel.weight)),
    rationale: definition("requirement-rationale", REQIF_NAMES.rationale, "string", t(fieldLabel.rationale)),
    tags: definition("requirement-tags", REQIF_NAMES.tags, "string", t(fieldLabel.tags)),
    version: definition("requirement-version", REQIF_NAMES.version, "integer", t("exchange.reqif.attribute.version")),
    linkedStandards: definition(
      "requirement-linked-standards",
      REQIF_NAMES.linkedStandards,
      "string",
      t("exchange.reqif.attribute.linkedStandards"),
    ),
    source: definition("requirement-source", REQIF_NAMES.source, "string", t("exchange.reqif.attribute.source")),
  };
  const importedDefinitions = importedAttributeIdentifiers(importedKeys).map(({ key, identifier }) => ({
    key,
    definition: {
      identifier,
      longName: key,
      kind: "string" as const,
      datatype: DATATYPE.string,
      description: t("exchange.reqif.attribute.imported"),
    },
  }));
  const chapterName = definition(
    "section-chapter-name",
    REQIF_NAMES.chapterName,
    "string",
    t("exchange.reqif.attribute.chapterName"),
  );
  const setDescription = definition(
    "specification-description",
    REQIF_NAMES.description,
    "string",
    t("exchange.reqif.attribute.description"),
  );

  const longestString = Math.max(
    0,
    ...set.requirements.flatMap((requirement) => [
      requirement.text.length,
      requirement.rationale.length,
      ...Object.values(requirement.importedAttributes).map((value) => value.length),
    ]),
    set.set.description.length,
  );

  const out = new XmlWriter();
  out.raw('<?xml version="1.0" encoding="UTF-8"?>');
  out.open("REQ-IF", { xmlns: REQIF_NAMESPACE, "xmlns:xhtml": XHTML_NAMESPACE, "xml:lang": language });

  out.open("THE-HEADER");
  out.open("REQ-IF-HEADER", { IDENTIFIER: `samkrav-header-${set.set.id}` });
  out.text("CREATION-TIME", dateTime(set.exportedAt));
  out.text("REQ-IF-TOOL-ID", SAMKRAV_TOOL_ID);
  out.text("REQ-IF-VERSION", "1.0");
  out.text("SOURCE-TOOL-ID", SAMKRAV_TOOL_ID);
  out.text("TITLE", set.set.title);
  out.close("REQ-IF-HEADER");
  out.close("THE-HEADER");

  out.open("CORE-CONTENT");
  out.open("REQ-IF-CONTENT");

  const changed = { "LAST-CHANGE": DEFINITIONS_CHANGED };
  out.open("DATATYPES");
  out.empty("DATATYPE-DEFINITION-STRING", {
    IDENTIFIER: DATATYPE.string,
    ...changed,
    "LONG-NAME": "Samkrav.String",
    "MAX-LENGTH": String(Math.max(STRING_MAX_LENGTH, longestString)),
  });
  out.empty("DATATYPE-DEFINITION-XHTML", {
    IDENTIFIER: DATATYPE.xhtml,
    ...changed,
    "LONG-NAME": "Samkrav.FormattedText",
  });
  out.empty("DATATYPE-DEFINITION-INTEGER", {
    IDENTIFIER: DATATYPE.integer,
    ...changed,
    "LONG-NAME": "Samkrav.Integer",
    MAX: "2147483647",
    MIN: "-2147483648",
  });
  for (const field of ENUMERATION_FIELDS) {
    out.open("DATATYPE-DEFINITION-ENUMERATION", {
      IDENTIFIER: DATATYPE.enumeration(field),
      ...changed,
      "LONG-NAME": `Samkrav.${field[0]?.toUpperCase()}${field.slice(1)}`,
    });
    out.open("SPECIFIED-VALUES");
    ENUMERATIONS[field].forEach(({ value, label }, index) => {
      out.open("ENUM-VALUE", { IDENTIFIER: enumValueIdentifier(field, value), ...changed, "LONG-NAME": t(label) });
      out.open("PROPERTIES");
      out.empty("EMBEDDED-VALUE", { KEY: String(index), "OTHER-CONTENT": value });
      out.close("PROPERTIES");
      out.close("ENUM-VALUE");
    });
    out.close("SPECIFIED-VALUES");
    out.close("DATATYPE-DEFINITION-ENUMERATION");
  }
  out.close("DATATYPES");

  const writeDefinition = ({ identifier, longName, kind, datatype, description }: Definition) => {
    const element = `ATTRIBUTE-DEFINITION-${kind.toUpperCase()}`;
    out.open(element, {
      DESC: description,
      IDENTIFIER: identifier,
      ...changed,
      "LONG-NAME": longName,
      ...(kind === "enumeration" ? { "MULTI-VALUED": "false" } : {}),
    });
    out.open("TYPE");
    out.text(`DATATYPE-DEFINITION-${kind.toUpperCase()}-REF`, datatype);
    out.close("TYPE");
    out.close(element);
  };
  const writeType = (element: string, identifier: string, longName: string, definitions: Definition[]) => {
    out.open(element, { IDENTIFIER: identifier, ...changed, "LONG-NAME": longName });
    out.open("SPEC-ATTRIBUTES");
    definitions.forEach(writeDefinition);
    out.close("SPEC-ATTRIBUTES");
    out.close(element);
  };
  out.open("SPEC-TYPES");
  writeType("SPEC-OBJECT-TYPE", TYPE.section, t("exchange.reqif.type.section"), [chapterName]);
  writeType("SPEC-OBJECT-TYPE", TYPE.requirement, t("exchange.reqif.type.requirement"), [
    ...Object.values(requirementDefinitions),
    ...importedDefinitions.map(({ definition }) => definition),
  ]);
  writeType("SPECIFICATION-TYPE", TYPE.specification, t("exchange.reqif.type.specification"), [setDescription]);
  out.close("SPEC-TYPES");

  const writeString = (definition: Definition, value: string) => {
    out.open("ATTRIBUTE-VALUE-STRING", { "THE-VALUE": value });
    out.open("DEFINITION");
    out.text("ATTRIBUTE-DEFINITION-STRING-REF", definition.identifier);
    out.close("DEFINITION");
    out.close("ATTRIBUTE-VALUE-STRING");
  };
  const writeInteger = (definition: Definition, value: number) => {
    out.open("ATTRIBUTE-VALUE-INTEGER", { "THE-VALUE": String(Math.trunc(value)) });
    out.open("DEFINITION");
    out.text("ATTRIBUTE-DEFINITION-INTEGER-REF", definition.identifier);
    out.close("DEFINITION");
    out.close("ATTRIBUTE-VALUE-INTEGER");
  };
  const writeEnumeration = (definition: Definition, field: EnumerationField, value: string) => {
    out.open("ATTRIBUTE-VALUE-ENUMERATION");
    out.open("DEFINITION");
    out.text("ATTRIBUTE-DEFINITION-ENUMERATION-REF", definition.identifier);
    out.close("DEFINITION");
    out.open("VALUES");
    out.text("ENUM-VALUE-REF", enumValueIdentifier(field, value));
    out.close("VALUES");
    out.close("ATTRIBUTE-VALUE-ENUMERATION");
  };
  const writeXhtml = (definition: Definition, markdown: string) => {
    out.open("ATTRIBUTE-VALUE-XHTML");
    out.open("DEFINITION");
    out.text("ATTRIBUTE-DEFINITION-XHTML-REF", definition.identifier);
    out.close("DEFINITION");
    out.raw(`<THE-VALUE>${serializeXml(markdownToXhtml(markdown), "xhtml:")}</THE-VALUE>`);
    out.close("ATTRIBUTE-VALUE-XHTML");
  };
  const objectAttributes = (uuid: string) => ({ IDENTIFIER: identifierOf(uuid), "LAST-CHANGE": contentChanged });
  const writeObjectType = (type: string) => {
    out.open("TYPE");
    out.text("SPEC-OBJECT-TYPE-REF", type);
    out.close("TYPE");
  };

  out.open("SPEC-OBJECTS");
  for (const section of set.sections) {
    out.open("SPEC-OBJECT", objectAttributes(section.id));
    out.open("VALUES");
    writeString(chapterName, section.title);
    out.close("VALUES");
    writeObjectType(TYPE.section);
    out.close("SPEC-OBJECT");
  }
  const d = requirementDefinitions;
  for (const requirement of set.requirements) {
    out.open("SPEC-OBJECT", objectAttributes(requirement.id));
    out.open("VALUES");
    writeString(d.foreignId, requirement.ref);
    writeString(d.name, requirement.title);
    writeXhtml(d.text, requirement.text);
    if (!xhtmlReproduces(requirement.text)) writeString(d.textSource, requirement.text);
    writeEnumeration(d.obligation, "obligation", requirement.obligation);
    writeEnumeration(d.type, "type", requirement.type);
    writeEnumeration(d.area, "area", requirement.area);
    writeEnumeration(d.verification, "verification", requirement.verification);
    if (requirement.ambition !== null) writeEnumeration(d.ambition, "ambition", requirement.ambition);
    if (requirement.weight !== null) writeInteger(d.weight, requirement.weight);
    writeString(d.rationale, requirement.rationale);
    writeString(d.tags, requirement.tags.join(TAG_SEPARATOR));
    writeInteger(d.version, requirement.version);
    if (requirement.linkedStandards.length > 0) writeString(d.linkedStandards, requirement.linkedStandards.join("; "));
    if (requirement.source !== "") writeString(d.source, requirement.source);
    for (const { key, definition: imported } of importedDefinitions) {
      // Own keys only: a key such as "__proto__" must not reach Object.prototype.
      const value = Object.hasOwn(requirement.importedAttributes, key)
        ? requirement.importedAttributes[key]
        : undefined;
      if (value !== undefined) writeString(imported, value);
    }
    out.close("VALUES");
    writeObjectType(TYPE.requirement);
    out.close("SPEC-OBJECT");
  }
  out.close("SPEC-OBJECTS");

  const tree = buildTree(set);
  const writeHierarchy = (uuid: string, children: () => void, hasChildren: boolean) => {
    out.open("SPEC-HIERARCHY", { IDENTIFIER: hierarchyIdentifier(uuid), "LAST-CHANGE": contentChanged });
    out.open("OBJECT");
    out.text("SPEC-OBJECT-REF", identifierOf(uuid));
    out.close("OBJECT");
    if (hasChildren) {
      out.open("CHILDREN");
      children();
      out.close("CHILDREN");
    }
    out.close("SPEC-HIERARCHY");
  };
  const writeRequirementNode = (requirement: ExchangeRequirement) => writeHierarchy(requirement.id, () => {}, false);
  const writeSectionNode = (section: ExchangeSection): void => {
    const requirements = tree.requirementsOf.get(section.id) ?? [];
    const subsections = tree.sectionsOf.get(section.id) ?? [];
    writeHierarchy(
      section.id,
      () => {
        requirements.forEach(writeRequirementNode);
        subsections.forEach(writeSectionNode);
      },
      requirements.length + subsections.length > 0,
    );
  };

  out.open("SPECIFICATIONS");
  out.open("SPECIFICATION", {
    IDENTIFIER: identifierOf(set.set.id),
    "LAST-CHANGE": contentChanged,
    "LONG-NAME": set.set.title,
  });
  out.open("VALUES");
  writeString(setDescription, set.set.description);
  out.close("VALUES");
  out.open("TYPE");
  out.text("SPECIFICATION-TYPE-REF", TYPE.specification);
  out.close("TYPE");
  if (tree.topRequirements.length + tree.topSections.length > 0) {
    out.open("CHILDREN");
    tree.topRequirements.forEach(writeRequirementNode);
    tree.topSections.forEach(writeSectionNode);
    out.close("CHILDREN");
  }
  out.close("SPECIFICATION");
  out.close("SPECIFICATIONS");

  out.close("REQ-IF-CONTENT");
  out.close("CORE-CONTENT");
  out.close("REQ-IF");
  return out.toString();
}

/** A file name for the .reqif inside a .reqifz (and a base for the download's name). */
export function reqifFileName(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "")
    .toLowerCase();
  return `${slug || "samkrav"}.reqif`;
}

/** The .reqifz container (a zip holding the .reqif; attachments would go beside it). */
export function writeSetReqifz(set: ExchangeSet, language: Language): Promise<Buffer> {
  return writeZip([{ name: reqifFileName(set.set.title), data: writeSetReqif(set, language) }]);
}
