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
import { encodeXmlCharacters, escapeXmlAttribute, escapeXmlText, serializeXml } from "./reqif-xml";
import { joinTags } from "./tabular";
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

const REQIF_NAMESPACE = "http://www.omg.org/spec/ReqIF/20110401/reqif.xsd";
const XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml";
const SAMKRAV_TOOL_ID = "Samkrav";

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
const LINKED_STANDARDS_SEPARATOR = "; ";

const UUID_IDENTIFIER = /^_([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

function identifierOf(uuid: string): string {
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

function append<T>(map: Map<string, T[]>, key: string, item: T) {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** The tree in the set's order; anything pointing at a missing parent is put at the top, not lost. */
function buildTree(set: ExchangeSet): Tree {
  const sectionIds = new Set(set.sections.map((section) => section.id));
  const tree: Tree = { topRequirements: [], topSections: [], requirementsOf: new Map(), sectionsOf: new Map() };
  for (const section of set.sections) {
    if (section.parentId === null || !sectionIds.has(section.parentId) || section.parentId === section.id) {
      tree.topSections.push(section);
    } else append(tree.sectionsOf, section.parentId, section);
  }
  for (const requirement of set.requirements) {
    if (requirement.sectionId === null || !sectionIds.has(requirement.sectionId)) {
      tree.topRequirements.push(requirement);
    } else append(tree.requirementsOf, requirement.sectionId, requirement);
  }
  return tree;
}

type Translate = (key: MessageKey) => string;

function attributeDefinition(
  key: string,
  longName: string,
  kind: Exclude<Kind, "enumeration">,
  description: string,
): Definition {
  return { identifier: `samkrav-attribute-${key}`, longName, kind, datatype: DATATYPE[kind], description };
}

function enumerationDefinition(field: EnumerationField, longName: string, description: string): Definition {
  return {
    identifier: `samkrav-attribute-requirement-${field}`,
    longName,
    kind: "enumeration",
    datatype: DATATYPE.enumeration(field),
    description,
  };
}

/** The attribute definitions of one export; the imported ones depend on the set. */
function buildDefinitions(t: Translate, importedKeys: readonly string[]) {
  return {
    requirement: {
      foreignId: attributeDefinition("requirement-foreign-id", REQIF_NAMES.foreignId, "string", t(fieldLabel.ref)),
      name: attributeDefinition("requirement-name", REQIF_NAMES.name, "string", t(fieldLabel.title)),
      text: attributeDefinition("requirement-text", REQIF_NAMES.text, "xhtml", t(fieldLabel.text)),
      textSource: attributeDefinition(
        "requirement-text-source",
        REQIF_NAMES.textSource,
        "string",
        t("exchange.reqif.attribute.textSource"),
      ),
      obligation: enumerationDefinition("obligation", REQIF_NAMES.obligation, t(fieldLabel.obligation)),
      type: enumerationDefinition("type", REQIF_NAMES.type, t(fieldLabel.type)),
      area: enumerationDefinition("area", REQIF_NAMES.area, t(fieldLabel.area)),
      verification: enumerationDefinition("verification", REQIF_NAMES.verification, t(fieldLabel.verification)),
      ambition: enumerationDefinition("ambition", REQIF_NAMES.ambition, t(fieldLabel.ambition)),
      weight: attributeDefinition("requirement-weight", REQIF_NAMES.weight, "integer", t(fieldLabel.weight)),
      rationale: attributeDefinition("requirement-rationale", REQIF_NAMES.rationale, "string", t(fieldLabel.rationale)),
      tags: attributeDefinition("requirement-tags", REQIF_NAMES.tags, "string", t(fieldLabel.tags)),
      version: attributeDefinition(
        "requirement-version",
        REQIF_NAMES.version,
        "integer",
        t("exchange.reqif.attribute.version"),
      ),
      linkedStandards: attributeDefinition(
        "requirement-linked-standards",
        REQIF_NAMES.linkedStandards,
        "string",
        t("exchange.reqif.attribute.linkedStandards"),
      ),
      source: attributeDefinition(
        "requirement-source",
        REQIF_NAMES.source,
        "string",
        t("exchange.reqif.attribute.source"),
      ),
    },
    imported: importedAttributeIdentifiers(importedKeys).map(({ key, identifier }) => ({
      key,
      definition: {
        identifier,
        longName: key,
        kind: "string",
        datatype: DATATYPE.string,
        description: t("exchange.reqif.attribute.imported"),
      } satisfies Definition,
    })),
    chapterName: attributeDefinition(
      "section-chapter-name",
      REQIF_NAMES.chapterName,
      "string",
      t("exchange.reqif.attribute.chapterName"),
    ),
    setDescription: attributeDefinition(
      "specification-description",
      REQIF_NAMES.description,
      "string",
      t("exchange.reqif.attribute.description"),
    ),
  };
}

const CHANGED = { "LAST-CHANGE": DEFINITIONS_CHANGED };

/** One export: the parts of the file in the order the schema wants them. */
class ReqifWriter {
  private readonly out = new XmlWriter();
  private readonly definitions: ReturnType<typeof buildDefinitions>;
  /** LAST-CHANGE of objects, hierarchy and specification: the set has no per-requirement change time here. */
  private readonly contentChanged: string;

  constructor(
    private readonly set: ExchangeSet,
    private readonly language: Language,
  ) {
    const importedKeys = [...new Set(set.requirements.flatMap((item) => Object.keys(item.importedAttributes)))];
    importedKeys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.definitions = buildDefinitions(this.t, importedKeys);
    this.contentChanged = dateTime(set.set.baseline?.createdAt ?? set.exportedAt);
  }

  private readonly t: Translate = (key) => translate(this.language, key);

  write(): string {
    const { out } = this;
    out.raw('<?xml version="1.0" encoding="UTF-8"?>');
    out.open("REQ-IF", { xmlns: REQIF_NAMESPACE, "xmlns:xhtml": XHTML_NAMESPACE, "xml:lang": this.language });
    this.header();
    out.open("CORE-CONTENT");
    out.open("REQ-IF-CONTENT");
    this.datatypes();
    this.specTypes();
    this.specObjects();
    this.specification();
    out.close("REQ-IF-CONTENT");
    out.close("CORE-CONTENT");
    out.close("REQ-IF");
    return out.toString();
  }

  private header() {
    const { out, set } = this;
    out.open("THE-HEADER");
    out.open("REQ-IF-HEADER", { IDENTIFIER: `samkrav-header-${set.set.id}` });
    out.text("CREATION-TIME", dateTime(set.exportedAt));
    out.text("REQ-IF-TOOL-ID", SAMKRAV_TOOL_ID);
    out.text("REQ-IF-VERSION", "1.0");
    out.text("SOURCE-TOOL-ID", SAMKRAV_TOOL_ID);
    out.text("TITLE", set.set.title);
    out.close("REQ-IF-HEADER");
    out.close("THE-HEADER");
  }

  /** MAX-LENGTH covers every string written, as written (escapes included); tools may enforce it. */
  private longestString(): number {
    const { set } = this;
    let longest = encodeXmlCharacters(set.set.description).length;
    const measure = (value: string) => {
      longest = Math.max(longest, encodeXmlCharacters(value).length);
    };
    set.sections.forEach((item) => measure(item.title));
    for (const item of set.requirements) {
      [item.ref, item.title, item.text, item.rationale, joinTags(item.tags), item.source].forEach(measure);
      measure(item.linkedStandards.join(LINKED_STANDARDS_SEPARATOR));
      Object.values(item.importedAttributes).forEach(measure);
    }
    return longest;
  }

  private datatypes() {
    const { out } = this;
    out.open("DATATYPES");
    out.empty("DATATYPE-DEFINITION-STRING", {
      IDENTIFIER: DATATYPE.string,
      ...CHANGED,
      "LONG-NAME": "Samkrav.String",
      "MAX-LENGTH": String(Math.max(STRING_MAX_LENGTH, this.longestString())),
    });
    out.empty("DATATYPE-DEFINITION-XHTML", {
      IDENTIFIER: DATATYPE.xhtml,
      ...CHANGED,
      "LONG-NAME": "Samkrav.FormattedText",
    });
    out.empty("DATATYPE-DEFINITION-INTEGER", {
      IDENTIFIER: DATATYPE.integer,
      ...CHANGED,
      "LONG-NAME": "Samkrav.Integer",
      MAX: "2147483647",
      MIN: "-2147483648",
    });
    for (const field of ENUMERATION_FIELDS) {
      out.open("DATATYPE-DEFINITION-ENUMERATION", {
        IDENTIFIER: DATATYPE.enumeration(field),
        ...CHANGED,
        "LONG-NAME": `Samkrav.${field[0]?.toUpperCase()}${field.slice(1)}`,
      });
      out.open("SPECIFIED-VALUES");
      ENUMERATIONS[field].forEach(({ value, label }, index) => {
        out.open("ENUM-VALUE", {
          IDENTIFIER: enumValueIdentifier(field, value),
          ...CHANGED,
          "LONG-NAME": this.t(label),
        });
        out.open("PROPERTIES");
        out.empty("EMBEDDED-VALUE", { KEY: String(index), "OTHER-CONTENT": value });
        out.close("PROPERTIES");
        out.close("ENUM-VALUE");
      });
      out.close("SPECIFIED-VALUES");
      out.close("DATATYPE-DEFINITION-ENUMERATION");
    }
    out.close("DATATYPES");
  }

  private specTypes() {
    const { out, definitions } = this;
    out.open("SPEC-TYPES");
    this.specType("SPEC-OBJECT-TYPE", TYPE.section, this.t("exchange.reqif.type.section"), [definitions.chapterName]);
    this.specType("SPEC-OBJECT-TYPE", TYPE.requirement, this.t("exchange.reqif.type.requirement"), [
      ...Object.values(definitions.requirement),
      ...definitions.imported.map(({ definition }) => definition),
    ]);
    this.specType("SPECIFICATION-TYPE", TYPE.specification, this.t("exchange.reqif.type.specification"), [
      definitions.setDescription,
    ]);
    out.close("SPEC-TYPES");
  }

  private specType(element: string, identifier: string, longName: string, definitions: Definition[]) {
    const { out } = this;
    out.open(element, { IDENTIFIER: identifier, ...CHANGED, "LONG-NAME": longName });
    out.open("SPEC-ATTRIBUTES");
    for (const { identifier: definitionIdentifier, longName: name, kind, datatype, description } of definitions) {
      const definitionElement = `ATTRIBUTE-DEFINITION-${kind.toUpperCase()}`;
      out.open(definitionElement, {
        DESC: description,
        IDENTIFIER: definitionIdentifier,
        ...CHANGED,
        "LONG-NAME": name,
        ...(kind === "enumeration" ? { "MULTI-VALUED": "false" } : {}),
      });
      out.open("TYPE");
      out.text(`DATATYPE-DEFINITION-${kind.toUpperCase()}-REF`, datatype);
      out.close("TYPE");
      out.close(definitionElement);
    }
    out.close("SPEC-ATTRIBUTES");
    out.close(element);
  }

  private value(element: string, definition: Definition, attributes: Record<string, string>, body?: () => void) {
    const { out } = this;
    out.open(element, attributes);
    out.open("DEFINITION");
    out.text(`ATTRIBUTE-DEFINITION-${definition.kind.toUpperCase()}-REF`, definition.identifier);
    out.close("DEFINITION");
    body?.();
    out.close(element);
  }

  private stringValue(definition: Definition, value: string) {
    this.value("ATTRIBUTE-VALUE-STRING", definition, { "THE-VALUE": value });
  }

  private integerValue(definition: Definition, value: number) {
    this.value("ATTRIBUTE-VALUE-INTEGER", definition, { "THE-VALUE": String(Math.trunc(value)) });
  }

  private enumerationValue(definition: Definition, field: EnumerationField, value: string) {
    this.value("ATTRIBUTE-VALUE-ENUMERATION", definition, {}, () => {
      this.out.open("VALUES");
      this.out.text("ENUM-VALUE-REF", enumValueIdentifier(field, value));
      this.out.close("VALUES");
    });
  }

  private xhtmlValue(definition: Definition, markdown: string) {
    this.value("ATTRIBUTE-VALUE-XHTML", definition, {}, () =>
      // On one line: whitespace inside THE-VALUE is content.
      this.out.raw(`<THE-VALUE>${serializeXml(markdownToXhtml(markdown), "xhtml:")}</THE-VALUE>`),
    );
  }

  private specObject(uuid: string, type: string, values: () => void) {
    const { out } = this;
    out.open("SPEC-OBJECT", { IDENTIFIER: identifierOf(uuid), "LAST-CHANGE": this.contentChanged });
    out.open("VALUES");
    values();
    out.close("VALUES");
    out.open("TYPE");
    out.text("SPEC-OBJECT-TYPE-REF", type);
    out.close("TYPE");
    out.close("SPEC-OBJECT");
  }

  private specObjects() {
    const { out, set, definitions } = this;
    const d = definitions.requirement;
    out.open("SPEC-OBJECTS");
    for (const section of set.sections) {
      this.specObject(section.id, TYPE.section, () => this.stringValue(definitions.chapterName, section.title));
    }
    for (const requirement of set.requirements) {
      this.specObject(requirement.id, TYPE.requirement, () => {
        this.stringValue(d.foreignId, requirement.ref);
        this.stringValue(d.name, requirement.title);
        this.xhtmlValue(d.text, requirement.text);
        if (!xhtmlReproduces(requirement.text)) this.stringValue(d.textSource, requirement.text);
        this.enumerationValue(d.obligation, "obligation", requirement.obligation);
        this.enumerationValue(d.type, "type", requirement.type);
        this.enumerationValue(d.area, "area", requirement.area);
        this.enumerationValue(d.verification, "verification", requirement.verification);
        if (requirement.ambition !== null) this.enumerationValue(d.ambition, "ambition", requirement.ambition);
        if (requirement.weight !== null) this.integerValue(d.weight, requirement.weight);
        this.stringValue(d.rationale, requirement.rationale);
        this.stringValue(d.tags, joinTags(requirement.tags));
        this.integerValue(d.version, requirement.version);
        if (requirement.linkedStandards.length > 0) {
          this.stringValue(d.linkedStandards, requirement.linkedStandards.join(LINKED_STANDARDS_SEPARATOR));
        }
        if (requirement.source !== "") this.stringValue(d.source, requirement.source);
        for (const { key, definition } of definitions.imported) {
          // Own keys only: a key such as "__proto__" must not reach Object.prototype.
          const value = Object.hasOwn(requirement.importedAttributes, key)
            ? requirement.importedAttributes[key]
            : undefined;
          if (value !== undefined) this.stringValue(definition, value);
        }
      });
    }
    out.close("SPEC-OBJECTS");
  }

  private hierarchy(uuid: string, children: () => void = () => {}, hasChildren = false) {
    const { out } = this;
    out.open("SPEC-HIERARCHY", { IDENTIFIER: hierarchyIdentifier(uuid), "LAST-CHANGE": this.contentChanged });
    out.open("OBJECT");
    out.text("SPEC-OBJECT-REF", identifierOf(uuid));
    out.close("OBJECT");
    if (hasChildren) {
      out.open("CHILDREN");
      children();
      out.close("CHILDREN");
    }
    out.close("SPEC-HIERARCHY");
  }

  /** The section, then its requirements, then its subsections: the set's reading order. */
  private sectionHierarchy(tree: Tree, section: ExchangeSection): void {
    const requirements = tree.requirementsOf.get(section.id) ?? [];
    const subsections = tree.sectionsOf.get(section.id) ?? [];
    this.hierarchy(
      section.id,
      () => {
        requirements.forEach((requirement) => this.hierarchy(requirement.id));
        subsections.forEach((subsection) => this.sectionHierarchy(tree, subsection));
      },
      requirements.length + subsections.length > 0,
    );
  }

  private specification() {
    const { out, set } = this;
    const tree = buildTree(set);
    out.open("SPECIFICATIONS");
    out.open("SPECIFICATION", {
      IDENTIFIER: identifierOf(set.set.id),
      "LAST-CHANGE": this.contentChanged,
      "LONG-NAME": set.set.title,
    });
    out.open("VALUES");
    this.stringValue(this.definitions.setDescription, set.set.description);
    out.close("VALUES");
    out.open("TYPE");
    out.text("SPECIFICATION-TYPE-REF", TYPE.specification);
    out.close("TYPE");
    if (tree.topRequirements.length + tree.topSections.length > 0) {
      out.open("CHILDREN");
      tree.topRequirements.forEach((requirement) => this.hierarchy(requirement.id));
      tree.topSections.forEach((section) => this.sectionHierarchy(tree, section));
      out.close("CHILDREN");
    }
    out.close("SPECIFICATION");
    out.close("SPECIFICATIONS");
  }
}

export function writeSetReqif(set: ExchangeSet, language: Language): string {
  return new ReqifWriter(set, language).write();
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
