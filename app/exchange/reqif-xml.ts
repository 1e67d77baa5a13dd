import { XMLParser, XMLValidator } from "fast-xml-parser";

import { ExchangeFileError } from "./exchange-error";

/**
 * The XML layer under ReqIF export and import: a small element tree, a guarded parser into it and
 * the escaping every written string goes through.
 *
 * XML 1.0 cannot carry some characters at all, not even as character references: U+0000–U+0008,
 * U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF and lone surrogates. Requirement text can hold
 * control characters (pasted from other programs), so they cross the XML boundary escaped as
 * U+FFFD followed by "U+" and four hex digits ("�U+0001"); a literal U+FFFD is doubled. Other
 * tools show a replacement character and the code, and any string survives a Samkrav round trip
 * exactly. Strings without such characters (all ordinary text) are written unchanged.
 */

export type XmlElement = { name: string; attributes: Map<string, string>; children: XmlNode[] };
export type XmlNode = XmlElement | string;

const ESCAPE = "\uFFFD";
const ESCAPED_CHARACTER = /\uFFFD(\uFFFD|U\+([0-9A-F]{4}))/g;

function isXmlCharacter(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code !== 0xfffe && code !== 0xffff;
}

/** Index of the first character XML 1.0 does not allow in a document, or -1. */
function firstForbiddenCharacter(value: string): number {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0x20 && code < 0xd800) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
      return index;
    }
    if ((code >= 0xdc00 && code <= 0xdfff) || !isXmlCharacter(code)) return index;
  }
  return -1;
}

/** Replaces what XML cannot hold (and U+FFFD itself) by the escape described above. */
export function encodeXmlCharacters(value: string): string {
  let out = "";
  let copiedUpTo = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
    } else if (!(code >= 0xdc00 && code <= 0xdfff) && isXmlCharacter(code) && code !== 0xfffd) {
      continue;
    }
    const escaped =
      code === 0xfffd ? ESCAPE + ESCAPE : `${ESCAPE}U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    out += value.slice(copiedUpTo, index) + escaped;
    copiedUpTo = index + 1;
  }
  return copiedUpTo === 0 ? value : out + value.slice(copiedUpTo);
}

/**
 * The inverse of `encodeXmlCharacters`; a sequence it would never write is left as it is. NUL and
 * lone surrogates are left escaped too: the database holds neither (PostgreSQL refuses NUL), so
 * only a crafted file could ask for them.
 */
export function decodeXmlCharacters(value: string): string {
  if (!value.includes(ESCAPE)) return value;
  return value.replace(ESCAPED_CHARACTER, (whole, _escaped: string, hex: string | undefined) => {
    if (hex === undefined) return ESCAPE;
    const code = Number.parseInt(hex, 16);
    return code !== 0 && !isXmlCharacter(code) ? String.fromCharCode(code) : whole;
  });
}

/** Element content: `>` too, so "]]>" never appears; CR as a reference, or parsers turn it into LF. */
export function escapeXmlText(value: string): string {
  return encodeXmlCharacters(value).replace(/[&<>\r]/g, (character) => XML_ESCAPES[character] ?? character);
}

/** Attribute values: tab, LF and CR as references, or parsers normalise them to spaces. */
export function escapeXmlAttribute(value: string): string {
  return encodeXmlCharacters(value).replace(/[&<>"\t\n\r]/g, (character) => XML_ESCAPES[character] ?? character);
}

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Writes a tree without adding whitespace (XHTML content is whitespace-sensitive). */
export function serializeXml(node: XmlNode, prefix = ""): string {
  if (typeof node === "string") return escapeXmlText(node);
  const name = prefix + node.name;
  let attributes = "";
  for (const [key, value] of node.attributes) attributes += ` ${key}="${escapeXmlAttribute(value)}"`;
  if (node.children.length === 0) return `<${name}${attributes}/>`;
  return `<${name}${attributes}>${node.children.map((child) => serializeXml(child, prefix)).join("")}</${name}>`;
}

export function xmlElement(
  name: string,
  attributes: Record<string, string> = {},
  children: XmlNode[] = [],
): XmlElement {
  return { name, attributes: new Map(Object.entries(attributes)), children };
}

// Reading. Entities are decoded here rather than by fast-xml-parser: one pass, so "&amp;#10;"
// stays the text "&#10;", and character references in attributes are decoded too.

const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos|nbsp));/g;
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00A0" };

function decodeEntities(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(
    ENTITY,
    (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
      const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    },
  );
}

function decodeValue(value: string): string {
  return decodeXmlCharacters(decodeEntities(value));
}

/** Deeper nesting than any real ReqIF file has; it also bounds the recursion over the tree. */
const MAX_NESTING = 400;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  cdataPropName: "#cdata",
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_NESTING,
});

/**
 * Parses XML into the element tree, with namespace prefixes removed (ReqIF files use the XHTML
 * namespace both as default and with prefixes: "xhtml:", "reqif-xhtml:", "html:").
 * A DOCTYPE or entity declaration is refused before anything is parsed: that closes external
 * entities (XXE) and entity expansion ("billion laughs") whatever the parser would do.
 *
 * `whitespaceIn`: when given, whitespace-only text is kept only inside elements of these names
 * (ReqIF's XHTML values); the indentation between all other elements is dropped, which halves
 * the tree of a pretty-printed file.
 */
export function parseXml(text: string, { whitespaceIn }: { whitespaceIn?: readonly string[] } = {}): XmlElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ExchangeFileError("xmlDoctype");
  // Not well-formed XML, and a NUL would later be refused by PostgreSQL: stop it at the door.
  const forbidden = firstForbiddenCharacter(text);
  if (forbidden >= 0)
    throw new ExchangeFileError("brokenXml", {}, `character U+${text.charCodeAt(forbidden).toString(16)}`);
  // XML's own end-of-line handling (a CR written on purpose arrives as &#13;).
  const normalized = text.replace(/\r\n?/g, "\n");
  let parsed: unknown;
  try {
    const validation = XMLValidator.validate(normalized);
    if (validation !== true) {
      throw new ExchangeFileError("brokenXml", {}, `${validation.err.msg} (line ${validation.err.line})`);
    }
    parsed = parser.parse(normalized);
  } catch (error) {
    if (error instanceof ExchangeFileError) throw error;
    throw new ExchangeFileError("brokenXml", {}, error instanceof Error ? error.message : String(error));
  }
  const keepWhitespace = whitespaceIn ? new Set(whitespaceIn) : null;
  const root = toNodes(parsed, keepWhitespace, keepWhitespace === null).find(
    (node): node is XmlElement => typeof node !== "string",
  );
  if (!root) throw new ExchangeFileError("brokenXml", {}, "no root element");
  return root;
}

function toNodes(items: unknown, keepWhitespaceIn: Set<string> | null, keepWhitespace: boolean): XmlNode[] {
  if (!Array.isArray(items)) return [];
  const nodes: XmlNode[] = [];
  for (const item of items) {
    if (typeof item !== "object" || item === null) continue;
    for (const [key, value] of Object.entries(item)) {
      if (key === ":@") continue;
      if (key === "#text") {
        const text = String(value);
        if (keepWhitespace || text.trim() !== "") nodes.push(decodeValue(text));
      } else if (key === "#cdata") nodes.push(decodeXmlCharacters(cdataText(value)));
      else
        nodes.push({
          name: key,
          attributes: toAttributes(":@" in item ? item[":@"] : undefined),
          children: toNodes(value, keepWhitespaceIn, keepWhitespace || keepWhitespaceIn?.has(key) === true),
        });
    }
  }
  return nodes;
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) return "";
  return value
    .map((part: unknown) => (typeof part === "object" && part !== null && "#text" in part ? String(part["#text"]) : ""))
    .join("");
}

function toAttributes(value: unknown): Map<string, string> {
  const attributes = new Map<string, string>();
  if (typeof value !== "object" || value === null) return attributes;
  for (const [key, raw] of Object.entries(value)) attributes.set(key, decodeValue(String(raw)));
  return attributes;
}

// Navigation over the tree.

export function childElements(element: XmlElement | undefined, name?: string): XmlElement[] {
  if (!element) return [];
  return element.children.filter(
    (child): child is XmlElement => typeof child !== "string" && (name === undefined || child.name === name),
  );
}

export function childElement(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((child): child is XmlElement => typeof child !== "string" && child.name === name);
}

/** Follows a path of child names ("CORE-CONTENT", "REQ-IF-CONTENT"), first match at each step. */
export function descend(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element;
  for (const name of path) current = childElement(current, name);
  return current;
}

export function textContent(node: XmlNode): string {
  if (typeof node === "string") return node;
  return node.children.map(textContent).join("");
}
