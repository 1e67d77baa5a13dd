import { LANGUAGES, translate, type MessageKey } from "~/utils/i18n";
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
  type Area,
  type Obligation,
  type RequirementType,
  type VerificationMethod,
} from "~/utils/requirement-fields";

import { ExchangeFileError } from "./exchange-error";
import type { CheckedField, ImportedRequirement, ImportedSection, ImportedSet, ImportIssue } from "./imported-set";
import { IMPORTED_ATTRIBUTE_PREFIX, REQIF_NAMES, uuidOf } from "./reqif.server";
import { splitTags } from "./tabular";
import {
  childElement,
  childElements,
  descend,
  parseXml,
  textContent,
  type XmlElement,
  type XmlNode,
} from "./reqif-xml";
import { markdownToXhtml, sameXhtml, xhtmlToMarkdown, xhtmlToPlainLines, xhtmlToPlainText } from "./xhtml-markdown";
import { looksLikeZip, readZip } from "./zip.server";

/**
 * ReqIF import, in two steps so the user can choose between them:
 *
 * 1. `readReqif` reads a .reqif or .reqifz into a `ReqifDocument`: its specifications (to pick
 *    one), its attributes (to map onto our fields; `suggestReqifMapping` pre-maps the prostep and
 *    Samkrav names) and the objects and hierarchies behind them.
 * 2. `reqifToImportedSet` turns one specification, with the user's mapping, into an `ImportedSet`.
 *
 * Files from DOORS, DOORS Next, Polarion, ReqIF Studio, Enterprise Architect and Samkrav differ in
 * many small ways, so reading is lenient: a missing header, duplicate identifiers (the first
 * wins), prefixed or default XHTML namespaces, values without a definition in their type, and
 * DEFAULT-VALUEs taken from the type. Attribute definitions with the same LONG-NAME and datatype
 * kind in several SPEC-OBJECT-TYPEs (DOORS Next has one type per artifact type, each with its
 * own "ReqIF.Text") are one attribute to map.
 *
 * Headings become sections: an object is one when it has a non-empty value for the attribute
 * mapped to the section heading (ReqIF.ChapterName), or such a value and no text, or no text but
 * children in the hierarchy, or a type named "Heading" (Polarion, DOORS Next). A requirement under
 * another requirement (DOORS allows it) is put in the nearest section above it, in reading order.
 * An object placed twice is imported where it first appears (a warning names the others).
 *
 * A requirement without any title attribute (DOORS classic has only "Object Text") gets the
 * beginning of its text as title, so the import can go ahead and the title be edited later.
 */

export type ReqifAttributeKind = "string" | "xhtml" | "enumeration" | "integer" | "real" | "boolean" | "date";

export type ReqifAttribute = {
  /** The IDENTIFIER of the (first) attribute definition. */
  key: string;
  /** LONG-NAME, or the identifier when the definition has none. */
  name: string;
  kind: ReqifAttributeKind;
  enumValues?: { key: string; name: string }[];
  /** LONG-NAMEs of the SPEC-OBJECT-TYPEs defining it. */
  objectTypes: string[];
};

export type ReqifSpecification = {
  key: string;
  name: string;
  /** Distinct objects in its hierarchy. */
  objectCount: number;
  /** ReqIF.Description of the specification, or its DESC. */
  description: string | null;
};

export type ReqifValue =
  | { kind: "string" | "integer" | "real" | "boolean" | "date"; text: string }
  | { kind: "xhtml"; nodes: XmlNode[] }
  | { kind: "enumeration"; keys: string[] };

export type ReqifObject = {
  key: string;
  typeName: string;
  longName: string | null;
  /** By `ReqifAttribute.key`. */
  values: Map<string, ReqifValue>;
};

export type ReqifHierarchyNode = { objectKey: string; children: ReqifHierarchyNode[] };

export type ReqifEnumValue = { name: string; otherContent: string | null };

/**
 * A file as read. Holds Maps and XHTML trees: send `title`, `sourceTool`, `specifications` and
 * `attributes` to a page; keep the file (not this) between requests and read it again.
 */
export type ReqifDocument = {
  title: string;
  sourceTool: string;
  specifications: ReqifSpecification[];
  attributes: ReqifAttribute[];
  objects: Map<string, ReqifObject>;
  /** Top-level hierarchy nodes by specification key. */
  hierarchies: Map<string, ReqifHierarchyNode[]>;
  enumValues: Map<string, ReqifEnumValue>;
};

export const REQIF_TARGETS = [
  "ref",
  "title",
  "text",
  "sectionTitle",
  "obligation",
  "type",
  "area",
  "rationale",
  "verification",
  "weight",
  "ambition",
  "tags",
  "linkedStandards",
  "keep",
  "ignore",
] as const;
export type ReqifTarget = (typeof REQIF_TARGETS)[number];

export function isReqifTarget(value: unknown): value is ReqifTarget {
  return REQIF_TARGETS.some((target) => target === value);
}

/** Labels for the mapping page. */
export const reqifTargetLabel: Record<ReqifTarget, MessageKey> = {
  ref: fieldLabel.ref,
  title: fieldLabel.title,
  text: fieldLabel.text,
  sectionTitle: "exchange.reqif.target.sectionTitle",
  obligation: fieldLabel.obligation,
  type: fieldLabel.type,
  area: fieldLabel.area,
  rationale: fieldLabel.rationale,
  verification: fieldLabel.verification,
  weight: fieldLabel.weight,
  ambition: fieldLabel.ambition,
  tags: fieldLabel.tags,
  linkedStandards: "exchange.reqif.target.linkedStandards",
  keep: "exchange.reqif.target.keep",
  ignore: "exchange.reqif.target.ignore",
};

export const reqifKindLabel: Record<ReqifAttributeKind, MessageKey> = {
  string: "exchange.reqif.kind.string",
  xhtml: "exchange.reqif.kind.xhtml",
  enumeration: "exchange.reqif.kind.enumeration",
  integer: "exchange.reqif.kind.integer",
  real: "exchange.reqif.kind.real",
  boolean: "exchange.reqif.kind.boolean",
  date: "exchange.reqif.kind.date",
};

// Reading the file.

const KINDS: readonly ReqifAttributeKind[] = ["string", "xhtml", "enumeration", "integer", "real", "boolean", "date"];

/** "ATTRIBUTE-VALUE-XHTML" → "xhtml". */
function kindOf(elementName: string, prefix: string): ReqifAttributeKind | null {
  if (!elementName.startsWith(prefix)) return null;
  const kind = elementName.slice(prefix.length).toLowerCase();
  return KINDS.find((candidate) => candidate === kind) ?? null;
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  // A picture or PDF named .reqif is not XML at all, rather than XML in a wrong encoding.
  if (!/^(?:\u00EF\u00BB\u00BF)?\s*</.test(head)) throw new ExchangeFileError("brokenXml", {}, "does not start with <");
  const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']/
    .exec(head)?.[1]
    ?.toLowerCase();
  const encoding = declared === undefined || declared === "utf8" ? "utf-8" : declared;
  try {
    // fatal: a wrongly declared or broken encoding is a message to the user, not mojibake.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ExchangeFileError("encoding");
  }
}

async function reqifBytes(bytes: Uint8Array, fileName: string): Promise<Uint8Array> {
  if (!looksLikeZip(bytes) && !/\.reqifz$/i.test(fileName)) return bytes;
  const files = await readZip(bytes, {
    wanted: (name) => /\.reqif$/i.test(name) && !name.startsWith("__MACOSX/"),
  });
  const first = files.values().next();
  if (first.done) throw new ExchangeFileError("notReqif", {}, "no .reqif in the container");
  return first.value;
}

function attribute(element: XmlElement, name: string): string | undefined {
  return element.attributes.get(name);
}

function childText(element: XmlElement | undefined, name: string): string | undefined {
  const child = childElement(element, name);
  return child ? textContent(child).trim() : undefined;
}

/** The text of the single reference element inside a wrapper (<TYPE><SPEC-OBJECT-TYPE-REF>…). */
function reference(element: XmlElement | undefined, wrapper: string): string | undefined {
  const ref = childElements(childElement(element, wrapper))[0];
  return ref ? textContent(ref).trim() : undefined;
}

type Definition = { attributeKey: string; name: string; kind: ReqifAttributeKind; defaultValue: ReqifValue | null };

function readValue(element: XmlElement, kind: ReqifAttributeKind): ReqifValue | null {
  if (kind === "xhtml") {
    const theValue = childElement(element, "THE-VALUE");
    if (theValue) return { kind, nodes: theValue.children };
    // Some tools put XHTML as plain text in the attribute; read it as text rather than lose it.
    const text = attribute(element, "THE-VALUE");
    return text === undefined ? null : { kind, nodes: [text] };
  }
  if (kind === "enumeration") {
    const keys = childElements(childElement(element, "VALUES"), "ENUM-VALUE-REF").map((ref) => textContent(ref).trim());
    return { kind, keys };
  }
  const text = attribute(element, "THE-VALUE") ?? childText(element, "THE-VALUE");
  if (text === undefined) return null;
  if (kind === "boolean") return { kind, text: /^\s*(true|1)\s*$/i.test(text) ? "true" : "false" };
  return { kind, text: kind === "string" ? text : text.trim() };
}

/**
 * Reads a .reqif (XML) or .reqifz (zip: the first .reqif inside). Throws ExchangeFileError:
 * xmlDoctype, brokenXml, encoding, notReqif, and from the zip reader wrongType, brokenZip, zipBomb.
 */
export async function readReqif(bytes: Uint8Array, fileName: string): Promise<ReqifDocument> {
  const root = parseXml(decodeBytes(await reqifBytes(bytes, fileName)), {
    whitespaceIn: ["THE-VALUE", "THE-ORIGINAL-VALUE"],
  });
  if (root.name !== "REQ-IF") throw new ExchangeFileError("notReqif", {}, `root element ${root.name}`);
  const content = descend(root, "CORE-CONTENT", "REQ-IF-CONTENT");
  if (!content) throw new ExchangeFileError("notReqif", {}, "no REQ-IF-CONTENT");
  const header = descend(root, "THE-HEADER", "REQ-IF-HEADER");

  const enumValues = new Map<string, ReqifEnumValue>();
  const enumValuesOfDatatype = new Map<string, string[]>();
  for (const datatype of childElements(childElement(content, "DATATYPES"))) {
    const identifier = attribute(datatype, "IDENTIFIER");
    if (identifier === undefined || datatype.name !== "DATATYPE-DEFINITION-ENUMERATION") continue;
    const keys: string[] = [];
    for (const value of childElements(childElement(datatype, "SPECIFIED-VALUES"), "ENUM-VALUE")) {
      const key = attribute(value, "IDENTIFIER");
      if (key === undefined) continue;
      const otherContent = attribute(descend(value, "PROPERTIES", "EMBEDDED-VALUE") ?? value, "OTHER-CONTENT") ?? null;
      if (!enumValues.has(key))
        enumValues.set(key, { name: attribute(value, "LONG-NAME") ?? otherContent ?? key, otherContent });
      keys.push(key);
    }
    if (!enumValuesOfDatatype.has(identifier)) enumValuesOfDatatype.set(identifier, keys);
  }

  const attributes: ReqifAttribute[] = [];
  const attributesByMergeKey = new Map<string, ReqifAttribute>();
  const definitions = new Map<string, Definition>();
  const typeNames = new Map<string, string>();
  const typeDefinitions = new Map<string, Definition[]>();

  const addAttribute = (identifier: string, name: string, kind: ReqifAttributeKind, typeName: string | null) => {
    // Our own imported attributes are never merged with (nor mapped like) a same-named attribute.
    const group = identifier.startsWith(IMPORTED_ATTRIBUTE_PREFIX) ? `imported:${identifier}` : "";
    const mergeKey = JSON.stringify([group, kind, name]);
    let merged = attributesByMergeKey.get(mergeKey);
    if (!merged) {
      merged = { key: identifier, name, kind, objectTypes: [] };
      attributesByMergeKey.set(mergeKey, merged);
      attributes.push(merged);
    }
    if (typeName !== null && !merged.objectTypes.includes(typeName)) merged.objectTypes.push(typeName);
    return merged;
  };

  for (const specType of childElements(childElement(content, "SPEC-TYPES"))) {
    const typeIdentifier = attribute(specType, "IDENTIFIER");
    if (typeIdentifier === undefined || typeNames.has(typeIdentifier)) continue;
    const isObjectType = specType.name === "SPEC-OBJECT-TYPE";
    const typeName = attribute(specType, "LONG-NAME") ?? typeIdentifier;
    typeNames.set(typeIdentifier, typeName);
    const ofType: Definition[] = [];
    for (const element of childElements(childElement(specType, "SPEC-ATTRIBUTES"))) {
      const kind = kindOf(element.name, "ATTRIBUTE-DEFINITION-");
      const identifier = attribute(element, "IDENTIFIER");
      if (kind === null || identifier === undefined || definitions.has(identifier)) continue;
      const name = attribute(element, "LONG-NAME") ?? identifier;
      const defaultElement = childElements(childElement(element, "DEFAULT-VALUE"))[0];
      const definition: Definition = {
        attributeKey: identifier,
        name,
        kind,
        defaultValue: defaultElement ? readValue(defaultElement, kind) : null,
      };
      if (isObjectType) {
        const merged = addAttribute(identifier, name, kind, typeName);
        definition.attributeKey = merged.key;
        if (kind === "enumeration") {
          const known = new Set((merged.enumValues ??= []).map((value) => value.key));
          for (const key of enumValuesOfDatatype.get(reference(element, "TYPE") ?? "") ?? []) {
            if (known.has(key)) continue;
            merged.enumValues.push({ key, name: enumValues.get(key)?.name ?? key });
            known.add(key);
          }
        }
      }
      definitions.set(identifier, definition);
      ofType.push(definition);
    }
    typeDefinitions.set(typeIdentifier, ofType);
  }

  /** `typeName` null: the values of a specification, which are not attributes to map. */
  const readValues = (element: XmlElement, typeName: string | null): Map<string, ReqifValue> => {
    const values = new Map<string, ReqifValue>();
    for (const valueElement of childElements(childElement(element, "VALUES"))) {
      const kind = kindOf(valueElement.name, "ATTRIBUTE-VALUE-");
      const definitionKey = reference(valueElement, "DEFINITION");
      if (kind === null || definitionKey === undefined) continue;
      let definition = definitions.get(definitionKey);
      if (!definition && typeName === null) continue;
      if (!definition) {
        // A value whose definition is not in any type: keep it under its reference.
        const merged = addAttribute(definitionKey, definitionKey, kind, typeName);
        definition = { attributeKey: merged.key, name: definitionKey, kind, defaultValue: null };
        definitions.set(definitionKey, definition);
      }
      // The element says how the value is written, even where it disagrees with its definition.
      const value = readValue(valueElement, kind);
      if (value && !values.has(definition.attributeKey)) values.set(definition.attributeKey, value);
    }
    return values;
  };

  const objects = new Map<string, ReqifObject>();
  for (const element of childElements(childElement(content, "SPEC-OBJECTS"), "SPEC-OBJECT")) {
    const key = attribute(element, "IDENTIFIER");
    if (key === undefined || objects.has(key)) continue;
    const typeKey = reference(element, "TYPE") ?? "";
    const typeName = typeNames.get(typeKey) ?? typeKey;
    const values = readValues(element, typeName);
    for (const definition of typeDefinitions.get(typeKey) ?? []) {
      if (definition.defaultValue && !values.has(definition.attributeKey)) {
        values.set(definition.attributeKey, definition.defaultValue);
      }
    }
    objects.set(key, { key, typeName, longName: attribute(element, "LONG-NAME") ?? null, values });
  }

  const readHierarchy = (element: XmlElement | undefined): ReqifHierarchyNode[] =>
    childElements(childElement(element, "CHILDREN"), "SPEC-HIERARCHY").flatMap((node) => {
      const objectKey = reference(node, "OBJECT");
      const children = readHierarchy(node);
      // A node without an object still orders its children.
      return objectKey === undefined ? children : [{ objectKey, children }];
    });

  const specifications: ReqifSpecification[] = [];
  const hierarchies = new Map<string, ReqifHierarchyNode[]>();
  for (const element of childElements(childElement(content, "SPECIFICATIONS"), "SPECIFICATION")) {
    const key = attribute(element, "IDENTIFIER");
    if (key === undefined || hierarchies.has(key)) continue;
    const nodes = readHierarchy(element);
    const specificationValues = readValues(element, null);
    const valueNamed = (name: string) =>
      [...specificationValues].find(([attributeKey]) => definitions.get(attributeKey)?.name === name)?.[1];
    const name = attribute(element, "LONG-NAME") ?? scalarPlainText(valueNamed(REQIF_NAMES.name), enumValues) ?? key;
    const describing = valueNamed(REQIF_NAMES.description);
    const objectKeys = new Set<string>();
    const count = (list: ReqifHierarchyNode[]) => {
      for (const node of list) {
        if (objects.has(node.objectKey)) objectKeys.add(node.objectKey);
        count(node.children);
      }
    };
    count(nodes);
    hierarchies.set(key, nodes);
    specifications.push({
      key,
      name,
      objectCount: objectKeys.size,
      description: describing ? displayText(describing, enumValues).text : (attribute(element, "DESC") ?? null),
    });
  }
  if (specifications.length === 0) throw new ExchangeFileError("notReqif", {}, "no SPECIFICATION");

  return {
    title: childText(header, "TITLE") ?? "",
    sourceTool: childText(header, "SOURCE-TOOL-ID") || childText(header, "REQ-IF-TOOL-ID") || "",
    specifications,
    attributes,
    objects,
    hierarchies,
    enumValues,
  };
}

// Values as text.

function enumNames(keys: readonly string[], enumValues: Map<string, ReqifEnumValue>): string[] {
  return keys.map((key) => enumValues.get(key)?.name ?? key);
}

/** As the user should see it: XHTML as markdown, enumerations by name, booleans and numbers as written. */
function displayText(
  value: ReqifValue,
  enumValues: Map<string, ReqifEnumValue>,
): { text: string; removedMedia: boolean } {
  if (value.kind === "xhtml") {
    const { markdown, removedMedia } = xhtmlToMarkdown(value.nodes);
    return { text: markdown, removedMedia };
  }
  if (value.kind === "enumeration") return { text: enumNames(value.keys, enumValues).join(", "), removedMedia: false };
  return { text: value.text, removedMedia: false };
}

/** One line, for refs and titles: XHTML as its words. */
function scalarPlainText(value: ReqifValue | undefined, enumValues: Map<string, ReqifEnumValue>): string | undefined {
  if (value === undefined) return undefined;
  if (value.kind === "xhtml") return xhtmlToPlainText(value.nodes);
  return displayText(value, enumValues).text;
}

function isEmptyValue(value: ReqifValue): boolean {
  if (value.kind === "xhtml") return xhtmlToPlainText(value.nodes) === "";
  if (value.kind === "enumeration") return value.keys.length === 0;
  return value.text === "";
}

// Mapping.

function normalizeName(value: string): string {
  return value.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Attribute names pre-mapped to a target, besides our own field labels in both languages. */
const SUGGESTED_NAMES: [ReqifTarget, string[], MessageKey | null][] = [
  ["ref", [REQIF_NAMES.foreignId, "ID"], fieldLabel.ref],
  ["title", [REQIF_NAMES.name, "Title", "Name"], fieldLabel.title],
  ["text", [REQIF_NAMES.text, "Object Text", "Text"], fieldLabel.text],
  ["sectionTitle", [REQIF_NAMES.chapterName, "Object Heading", "Heading"], "exchange.reqif.target.sectionTitle"],
  ["obligation", [REQIF_NAMES.obligation], fieldLabel.obligation],
  ["type", [REQIF_NAMES.type], fieldLabel.type],
  ["area", [REQIF_NAMES.area], fieldLabel.area],
  ["rationale", [REQIF_NAMES.rationale, "Rationale"], fieldLabel.rationale],
  ["verification", [REQIF_NAMES.verification], fieldLabel.verification],
  ["weight", [REQIF_NAMES.weight], fieldLabel.weight],
  ["ambition", [REQIF_NAMES.ambition], fieldLabel.ambition],
  ["tags", [REQIF_NAMES.tags, "Tags"], fieldLabel.tags],
  ["linkedStandards", [REQIF_NAMES.linkedStandards], "exchange.reqif.target.linkedStandards"],
  // Written for other tools or carried beside the text; an import does not take them as fields.
  ["ignore", [REQIF_NAMES.textSource, REQIF_NAMES.version, REQIF_NAMES.source], null],
];

const suggestedTargets = new Map<string, ReqifTarget>();
for (const [target, names, labelKey] of SUGGESTED_NAMES) {
  const labels = labelKey ? LANGUAGES.map((language) => translate(language, labelKey)) : [];
  for (const name of [...names, ...labels]) {
    if (!suggestedTargets.has(normalizeName(name))) suggestedTargets.set(normalizeName(name), target);
  }
}

/** Prostep, Samkrav and our own column names pre-mapped; everything else kept. */
export function suggestReqifMapping(doc: ReqifDocument): Record<string, ReqifTarget> {
  return Object.fromEntries(
    doc.attributes.map((attribute): [string, ReqifTarget] => [
      attribute.key,
      attribute.key.startsWith(IMPORTED_ATTRIBUTE_PREFIX)
        ? "keep"
        : (suggestedTargets.get(normalizeName(attribute.name)) ?? "keep"),
    ]),
  );
}

function vocabulary<T extends string>(
  values: readonly T[],
  labels: Record<T, MessageKey>,
  synonyms: Partial<Record<T, string[]>> = {},
): Map<string, T> {
  const words = new Map<string, T>();
  for (const value of values) {
    const names = [
      value,
      ...LANGUAGES.map((language) => translate(language, labels[value])),
      ...(synonyms[value] ?? []),
    ];
    for (const name of names) {
      // "Teknisk specifikation / krav på föremålet" is matched whole and by either half.
      for (const word of [name, ...name.split(" / ")]) words.set(normalizeName(word), value);
    }
  }
  return words;
}

const OBLIGATION_WORDS = vocabulary(OBLIGATIONS, obligationLabel, {
  ska: ["skall", "ska-krav", "skall-krav", "skakrav", "must", "shall", "mandatory", "required", "obligatorisk"],
  bor: ["bör", "bör-krav", "börkrav", "should", "optional", "desirable", "önskvärt", "önskemål", "evaluated"],
});
const TYPE_WORDS = vocabulary(REQUIREMENT_TYPES, requirementTypeLabel, {
  qualification: ["kvalificering"],
  technical: ["teknisk specifikation", "tekniskt krav"],
  award: ["tilldelningskriterium", "utvärderingskriterium"],
  contract: ["kontraktsvillkor", "avtalsvillkor"],
});
const AREA_WORDS = vocabulary(AREAS, areaLabel);
const VERIFICATION_WORDS = vocabulary(VERIFICATION_METHODS, verificationLabel);
const AMBITION_WORDS = vocabulary(AMBITION_LEVELS, ambitionLabel);

export type ReqifDefaults = {
  obligation: Obligation | null;
  type: RequirementType | null;
  area: Area | null;
  verification: VerificationMethod | null;
};

const TITLE_FROM_TEXT_MAX = 100;
/**
 * Object types that are headings whatever they hold, in tools without ReqIF.ChapterName:
 * Polarion "Heading" work items, DOORS Next "Heading" artifacts (whose heading is their text).
 */
const HEADING_TYPE = /^(heading|header|chapter|section|rubrik|kapitel|avsnitt|überschrift)( \d+)?$/i;

/** The first sentence of the text's first paragraph, shortened at a word when it is long. */
function titleFromText(value: ReqifValue | undefined, text: string): string {
  const firstLine =
    (value?.kind === "xhtml"
      ? xhtmlToPlainLines(value.nodes)[0]
      : text
          .split("\n")
          .map((line) => line.replace(/\s+/g, " ").trim())
          .find((line) => line !== "")) ?? "";
  const sentence = /^(.+?[.!?])(?:\s|$)/.exec(firstLine)?.[1] ?? firstLine;
  if (sentence.length <= TITLE_FROM_TEXT_MAX) return sentence;
  const cut = sentence.slice(0, TITLE_FROM_TEXT_MAX - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > TITLE_FROM_TEXT_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * One specification as an ImportedSet. `mapping` is by attribute key; an attribute missing from
 * it is kept (never dropped silently). Defaults fill the enumerated fields an object has no value
 * for; a value that matches none of ours is an error issue and leaves the field null.
 */
export function reqifToImportedSet(
  doc: ReqifDocument,
  options: { specificationKey: string; mapping: Record<string, ReqifTarget>; defaults: ReqifDefaults },
): ImportedSet {
  const specification = doc.specifications.find((candidate) => candidate.key === options.specificationKey);
  const roots = doc.hierarchies.get(options.specificationKey);
  if (!specification || !roots) throw new Error(`No specification ${options.specificationKey} in the ReqIF file`);

  const targetOf = (attribute: ReqifAttribute): ReqifTarget =>
    Object.hasOwn(options.mapping, attribute.key) ? (options.mapping[attribute.key] ?? "keep") : "keep";
  const attributesFor = new Map<ReqifTarget, ReqifAttribute[]>();
  for (const attribute of doc.attributes) {
    const target = targetOf(attribute);
    const list = attributesFor.get(target);
    if (list) list.push(attribute);
    else attributesFor.set(target, [attribute]);
  }
  const textSource = doc.attributes.find(
    (attribute) =>
      attribute.name === REQIF_NAMES.textSource &&
      attribute.kind === "string" &&
      !attribute.key.startsWith(IMPORTED_ATTRIBUTE_PREFIX),
  );

  /** The first non-empty value of the attributes mapped to a target, else the first empty one. */
  const valueFor = (object: ReqifObject, target: ReqifTarget) => {
    let empty: { attribute: ReqifAttribute; value: ReqifValue } | undefined;
    for (const attribute of attributesFor.get(target) ?? []) {
      const value = object.values.get(attribute.key);
      if (!value) continue;
      if (!isEmptyValue(value)) return { attribute, value };
      empty ??= { attribute, value };
    }
    return empty;
  };

  const sections: ImportedSection[] = [];
  const requirements: ImportedRequirement[] = [];
  const issues: ImportIssue[] = [];
  const seen = new Set<string>();
  let position = 0;

  const issue = (
    row: number,
    column: string | null,
    value: string,
    message: MessageKey,
    severity: ImportIssue["severity"] = "error",
  ) => issues.push({ severity, row, column, value, message });

  const mapEnumeration = <T extends string>(
    object: ReqifObject,
    row: number,
    target: ReqifTarget,
    words: Map<string, T>,
    message: MessageKey,
  ): T | null | undefined => {
    const found = valueFor(object, target);
    if (!found || isEmptyValue(found.value)) return undefined;
    const { attribute, value } = found;
    const candidates =
      value.kind === "enumeration"
        ? value.keys.map((key) => {
            const enumValue = doc.enumValues.get(key);
            return [enumValue?.name ?? key, enumValue?.otherContent ?? ""];
          })
        : [[scalarPlainText(value, doc.enumValues) ?? ""]];
    const mapped = candidates.map((names) =>
      names.map((name) => words.get(normalizeName(name))).find((word) => word !== undefined),
    );
    const written = displayText(value, doc.enumValues).text;
    if (mapped.some((word) => word === undefined)) {
      issue(row, attribute.name, written, message);
      return null;
    }
    const distinct = [...new Set(mapped)];
    if (distinct.length > 1) {
      issue(row, attribute.name, written, "exchange.reqif.issue.severalValues");
      return null;
    }
    return distinct[0] ?? undefined;
  };

  const readText = (object: ReqifObject, row: number, target: "text" | "rationale"): string => {
    const found = valueFor(object, target);
    const source = target === "text" && textSource ? object.values.get(textSource.key) : undefined;
    const sourceText = source?.kind === "string" ? source.text : undefined;
    if (!found) return sourceText ?? "";
    if (found.value.kind === "xhtml") {
      // Our exact text, unless another tool has changed the XHTML since we rendered it.
      if (sourceText !== undefined && sameXhtml(found.value.nodes, [markdownToXhtml(sourceText)])) return sourceText;
      const { markdown, removedMedia } = xhtmlToMarkdown(found.value.nodes);
      if (removedMedia) issue(row, found.attribute.name, "", "exchange.reqif.issue.mediaRemoved", "warning");
      return markdown;
    }
    return displayText(found.value, doc.enumValues).text;
  };

  const readWeight = (object: ReqifObject, row: number): number | null => {
    const found = valueFor(object, "weight");
    if (!found || isEmptyValue(found.value)) return null;
    const written = (scalarPlainText(found.value, doc.enumValues) ?? "").trim();
    if (!/^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$/.test(written)) {
      issue(row, found.attribute.name, written, "exchange.reqif.issue.notANumber");
      return null;
    }
    return Number(written.replace(",", "."));
  };

  const readTags = (object: ReqifObject): string[] => {
    const found = valueFor(object, "tags");
    if (!found) return [];
    if (found.value.kind === "enumeration") {
      const names = enumNames(found.value.keys, doc.enumValues);
      return [...new Set(names.map((tag) => tag.trim()).filter((tag) => tag !== ""))];
    }
    // Quoted as the spreadsheets quote them (a tag may hold a comma); "a, b, c" reads as three.
    return splitTags(scalarPlainText(found.value, doc.enumValues) ?? "");
  };

  /** One standard a line, or separated by ";" as our own export writes them. */
  const readLinkedStandards = (object: ReqifObject): string[] => {
    const found = valueFor(object, "linkedStandards");
    if (!found) return [];
    const names =
      found.value.kind === "enumeration"
        ? enumNames(found.value.keys, doc.enumValues)
        : (scalarPlainText(found.value, doc.enumValues) ?? "").split(/;|\r\n|\r|\n/);
    return [...new Set(names.map((name) => name.trim()).filter((name) => name !== ""))];
  };

  const readKept = (object: ReqifObject, row: number): Record<string, string> => {
    const kept = new Map<string, string>();
    for (const attribute of attributesFor.get("keep") ?? []) {
      const value = object.values.get(attribute.key);
      if (!value || kept.has(attribute.name)) continue;
      const { text, removedMedia } = displayText(value, doc.enumValues);
      if (removedMedia) issue(row, attribute.name, "", "exchange.reqif.issue.mediaRemoved", "warning");
      kept.set(attribute.name, text);
    }
    // fromEntries defines own properties, so a "__proto__" attribute is a key like any other.
    return Object.fromEntries(kept);
  };

  const walk = (nodes: readonly ReqifHierarchyNode[], sectionKey: string | null) => {
    for (const node of nodes) {
      const row = ++position;
      const object = doc.objects.get(node.objectKey);
      if (!object) {
        issue(row, null, node.objectKey, "exchange.reqif.issue.missingObject", "warning");
        walk(node.children, sectionKey);
        continue;
      }
      if (seen.has(object.key)) {
        issue(row, null, object.key, "exchange.reqif.issue.sharedObject", "warning");
        walk(node.children, sectionKey);
        continue;
      }
      seen.add(object.key);

      const chapter = valueFor(object, "sectionTitle");
      const text = valueFor(object, "text");
      const noText = !text || isEmptyValue(text.value);
      const isHeading =
        HEADING_TYPE.test(object.typeName.trim()) ||
        (chapter !== undefined && (noText || !isEmptyValue(chapter.value))) ||
        (noText && node.children.length > 0);

      if (isHeading) {
        const named = [chapter?.value, valueFor(object, "title")?.value].find(
          (value) => value !== undefined && !isEmptyValue(value),
        );
        // A heading artifact that has only text (DOORS Next) is named by the text's first line.
        const title = named
          ? scalarPlainText(named, doc.enumValues)
          : text && !noText
            ? titleFromText(text.value, scalarPlainText(text.value, doc.enumValues) ?? "")
            : object.longName;
        sections.push({ key: object.key, parentKey: sectionKey, title: title ?? "", id: uuidOf(object.key) });
        walk(node.children, object.key);
        continue;
      }

      const requirementText = readText(object, row, "text");
      const titleValue = valueFor(object, "title");
      requirements.push({
        row,
        id: uuidOf(object.key),
        sectionKey,
        ref: scalarPlainText(valueFor(object, "ref")?.value, doc.enumValues) ?? "",
        title: titleValue
          ? (scalarPlainText(titleValue.value, doc.enumValues) ?? "")
          : titleFromText(valueFor(object, "text")?.value, requirementText),
        text: requirementText,
        obligation: nullable(
          mapEnumeration(object, row, "obligation", OBLIGATION_WORDS, "exchange.reqif.issue.unknownObligation"),
          options.defaults.obligation,
        ),
        type: nullable(
          mapEnumeration(object, row, "type", TYPE_WORDS, "exchange.reqif.issue.unknownType"),
          options.defaults.type,
        ),
        area: nullable(
          mapEnumeration(object, row, "area", AREA_WORDS, "exchange.reqif.issue.unknownArea"),
          options.defaults.area,
        ),
        rationale: readText(object, row, "rationale"),
        verification: nullable(
          mapEnumeration(object, row, "verification", VERIFICATION_WORDS, "exchange.reqif.issue.unknownVerification"),
          options.defaults.verification,
        ),
        weight: readWeight(object, row),
        ambition: nullable(
          mapEnumeration(object, row, "ambition", AMBITION_WORDS, "exchange.reqif.issue.unknownAmbition"),
          null,
        ),
        tags: readTags(object),
        importedAttributes: readKept(object, row),
        linkedStandards: readLinkedStandards(object),
      });
      // Objects below a requirement (DOORS allows them) belong to the same section.
      walk(node.children, sectionKey);
    }
  };
  walk(roots, null);

  return {
    title: specification.name,
    description: specification.description,
    sections,
    requirements,
    issues,
  };
}

/**
 * `columnOf` for `checkImportedSet`: a field's column is the attribute mapped to it (as the
 * importer's own issues name it, so the check does not repeat them), else the field's name.
 */
export function reqifColumnOf(
  doc: ReqifDocument,
  mapping: Record<string, ReqifTarget>,
): (field: CheckedField) => string {
  return (field) =>
    doc.attributes.find((attribute) => Object.hasOwn(mapping, attribute.key) && mapping[attribute.key] === field)
      ?.name ?? field;
}

/** A mapped value, or the default when the object had none; null (unmappable) stays null. */
function nullable<T>(mapped: T | null | undefined, fallback: T | null): T | null {
  return mapped === undefined ? fallback : mapped;
}
