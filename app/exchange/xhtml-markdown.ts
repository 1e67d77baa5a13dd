import TurndownService from "turndown";

import { escapeXmlText, xmlElement, type XmlElement, type XmlNode } from "./reqif-xml";

/**
 * Requirement text is markdown (the portal renders it with raw HTML skipped); ReqIF carries
 * formatted text as XHTML. This module converts both ways:
 *
 * - `markdownToXhtml` renders the markdown subset people write in Samkrav (paragraphs, line
 *   breaks, headings, nested lists, block quotes, code, bold, italic, links) as XHTML that is
 *   valid in ReqIF's XHTML subset. Anything else stays literal text. It is deliberately small and
 *   fast (an export renders every requirement), and it is only a view for other tools: an exact
 *   copy of the text travels beside it when the view cannot reproduce it (see reqif.server.ts).
 * - `xhtmlToMarkdown` turns XHTML from any tool into markdown through turndown, after rebuilding
 *   the XHTML from an allow-list: scripts, styles, forms, images and embedded objects are dropped,
 *   no attribute survives except a link's http/https/mailto target, and text that would read as
 *   HTML or an entity in markdown is escaped, so the result holds no raw HTML.
 */

// Markdown → XHTML.

/** Nesting of lists, quotes and emphasis beyond this is rendered as text (bounds the recursion). */
const MAX_DEPTH = 12;
/** How far ahead a closing `*`, `_` or `]` is looked for (keeps hostile text linear). */
const SEARCH_WINDOW = 1000;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

export function markdownToXhtml(markdown: string): XmlElement {
  return xmlElement("div", {}, renderBlocks(markdown.replace(/\r\n?/g, "\n").split("\n"), 0));
}

function isBlank(line: string): boolean {
  return line.trim() === "";
}

function leadingSpaces(line: string): number {
  return line.length - line.replace(/^ +/, "").length;
}

/** A line that ends a paragraph: CommonMark lets only these interrupt one. */
function interruptsParagraph(line: string, depth: number): boolean {
  if (FENCE.test(line) || HEADING.test(line) || RULE.test(line)) return true;
  if (depth >= MAX_DEPTH) return false;
  if (QUOTE.test(line)) return true;
  const item = LIST_ITEM.exec(line);
  return item !== null && item[3] !== undefined && (/^[-*+]$/.test(item[2] ?? "") || /^1[.)]$/.test(item[2] ?? ""));
}

function renderBlocks(lines: string[], depth: number): XmlElement[] {
  const blocks: XmlElement[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    if (isBlank(line)) {
      index++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? "```";
      const closing = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
      const body: string[] = [];
      index++;
      while (index < lines.length && !closing.test(lines[index] ?? "")) body.push(lines[index++] ?? "");
      index++;
      const code = body.length > 0 ? `${body.join("\n")}\n` : "";
      blocks.push(xmlElement("pre", {}, [xmlElement("code", {}, code ? [code] : [])]));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push(xmlElement(`h${heading[1]?.length ?? 1}`, {}, renderInline(heading[2] ?? "", 0, false)));
      index++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push(xmlElement("hr"));
      index++;
      continue;
    }
    if (depth < MAX_DEPTH && QUOTE.test(line)) {
      const quoted: string[] = [];
      while (index < lines.length && QUOTE.test(lines[index] ?? ""))
        quoted.push((lines[index++] ?? "").replace(QUOTE, ""));
      blocks.push(xmlElement("blockquote", {}, renderBlocks(quoted, depth + 1)));
      continue;
    }
    if (depth < MAX_DEPTH && LIST_ITEM.test(line)) {
      const list = renderList(lines, index, depth);
      blocks.push(list.element);
      index = list.next;
      continue;
    }
    const paragraph = [line.replace(/^[ \t]+/, "")];
    index++;
    while (index < lines.length && !isBlank(lines[index] ?? "") && !interruptsParagraph(lines[index] ?? "", depth)) {
      paragraph.push(lines[index++] ?? "");
    }
    blocks.push(xmlElement("p", {}, renderInline(paragraph.join("\n").trimEnd(), 0, false)));
  }
  return blocks;
}

function renderList(lines: string[], start: number, depth: number): { element: XmlElement; next: number } {
  const ordered = /\d/.test(LIST_ITEM.exec(lines[start] ?? "")?.[2] ?? "");
  const items: XmlElement[] = [];
  let index = start;
  while (index < lines.length) {
    const item = LIST_ITEM.exec(lines[index] ?? "");
    if (!item || /\d/.test(item[2] ?? "") !== ordered) break;
    const contentIndent = (item[1]?.length ?? 0) + (item[2]?.length ?? 0) + 1;
    const itemLines = [item[3] ?? ""];
    let afterBlank = false;
    index++;
    while (index < lines.length) {
      const line = lines[index] ?? "";
      if (isBlank(line)) {
        afterBlank = true;
        itemLines.push("");
        index++;
      } else if (leadingSpaces(line) >= contentIndent) {
        afterBlank = false;
        itemLines.push(line.slice(contentIndent));
        index++;
      } else if (!afterBlank && !LIST_ITEM.test(line) && !interruptsParagraph(line, depth)) {
        itemLines.push(line.trimStart());
        index++;
      } else break;
    }
    const blocks = renderBlocks(itemLines, depth + 1);
    // A tight item's single paragraph is its text, as markdown renders it.
    const paragraphs = blocks.filter((block) => block.name === "p");
    const children =
      paragraphs.length === 1
        ? blocks.flatMap((block): XmlNode[] => (block.name === "p" ? block.children : [block]))
        : blocks;
    items.push(xmlElement("li", {}, children));
    if (afterBlank && !LIST_ITEM.test(lines[index] ?? "")) break;
  }
  return { element: xmlElement(ordered ? "ol" : "ul", {}, items), next: index };
}

function isSafeUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url) && URL.canParse(url);
}

/** Percent-encodes what RFC 3986 does not allow in a path, query or fragment (a second "#", "[", "%zz"). */
function encodeUriPart(part: string): string {
  return part.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/g, (character) =>
    encodeURIComponent(character),
  );
}

/**
 * A link target as a strict URI: the WHATWG URL parser's form (which encodes spaces and non-ASCII)
 * is still more lenient than XHTML's URI type, which libxml2 checks by RFC 3986.
 */
function strictUri(url: string): string {
  const parsed = new URL(url);
  const userinfo = parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ""}@` : "";
  const authority = parsed.host ? `//${userinfo}${parsed.host}` : "";
  const search = parsed.search ? `?${encodeUriPart(parsed.search.slice(1))}` : "";
  const hash = parsed.hash ? `#${encodeUriPart(parsed.hash.slice(1))}` : "";
  return `${parsed.protocol}${authority}${encodeUriPart(parsed.pathname)}${search}${hash}`;
}

function renderInline(text: string, depth: number, inLink: boolean): XmlNode[] {
  const out: XmlNode[] = [];
  let buffer = "";
  const flush = () => {
    if (buffer) out.push(buffer);
    buffer = "";
  };
  let index = 0;
  while (index < text.length) {
    const character = text[index] ?? "";
    if (character === "\\") {
      const next = text[index + 1];
      if (next === "\n") {
        flush();
        out.push(xmlElement("br"), "\n");
        index += 2;
        continue;
      }
      if (next !== undefined && ASCII_PUNCTUATION.includes(next)) {
        buffer += next;
        index += 2;
        continue;
      }
    }
    if (character === "`") {
      const run = /^`+/.exec(text.slice(index))?.[0].length ?? 1;
      const close = findCodeSpanEnd(text, index + run, run);
      if (close >= 0) {
        flush();
        let code = text.slice(index + run, close).replace(/\n/g, " ");
        if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim() !== "")
          code = code.slice(1, -1);
        out.push(xmlElement("code", {}, code ? [code] : []));
        index = close + run;
      } else {
        buffer += "`".repeat(run);
        index += run;
      }
      continue;
    }
    if (character === " ") {
      const hardBreak = /^ {2,}\n/.exec(text.slice(index, index + SEARCH_WINDOW));
      if (hardBreak) {
        flush();
        out.push(xmlElement("br"), "\n");
        index += hardBreak[0].length;
        continue;
      }
    }
    if (!inLink && depth < MAX_DEPTH) {
      if (character === "<") {
        const autolink = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(text.slice(index, index + SEARCH_WINDOW));
        if (autolink?.[1] && isSafeUrl(autolink[1])) {
          flush();
          out.push(xmlElement("a", { href: strictUri(autolink[1]) }, [autolink[1]]));
          index += autolink[0].length;
          continue;
        }
      }
      const isImage = character === "!" && text[index + 1] === "[";
      if (character === "[" || isImage) {
        const link = matchLink(text, isImage ? index + 1 : index);
        if (link) {
          flush();
          const label = renderInline(link.label, depth + 1, true);
          out.push(...(isSafeUrl(link.url) ? [xmlElement("a", { href: strictUri(link.url) }, label)] : label));
          index = link.end;
          continue;
        }
      }
    }
    if ((character === "*" || character === "_") && depth < MAX_DEPTH) {
      const emphasis = matchEmphasis(text, index);
      if (emphasis) {
        flush();
        out.push(xmlElement(emphasis.tag, {}, renderInline(emphasis.inner, depth + 1, inLink)));
        index = emphasis.end;
        continue;
      }
    }
    buffer += character;
    index++;
  }
  flush();
  return out;
}

function findCodeSpanEnd(text: string, from: number, run: number): number {
  const fence = "`".repeat(run);
  let position = text.indexOf(fence, from);
  while (position >= 0 && position - from < SEARCH_WINDOW) {
    const before = text[position - 1];
    const after = text[position + run];
    if (before !== "`" && after !== "`") return position;
    position = text.indexOf(fence, position + 1);
  }
  return -1;
}

function matchLink(text: string, open: number): { label: string; url: string; end: number } | null {
  let nesting = 0;
  let close = -1;
  for (let index = open + 1; index < text.length && index - open < SEARCH_WINDOW; index++) {
    const character = text[index];
    if (character === "\\") index++;
    else if (character === "[") nesting++;
    else if (character === "]") {
      if (nesting === 0) {
        close = index;
        break;
      }
      nesting--;
    }
  }
  if (close < 0 || text[close + 1] !== "(") return null;
  const destination =
    /^\([ \t]*(?:<([^<>\n]*)>|((?:[^\s()<>]|\([^\s()<>]*\))*))(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)/.exec(
      text.slice(close + 1, close + 1 + SEARCH_WINDOW),
    );
  if (!destination) return null;
  return {
    label: text.slice(open + 1, close),
    url: destination[1] ?? destination[2] ?? "",
    end: close + 1 + destination[0].length,
  };
}

function isWhitespace(character: string | undefined): boolean {
  return character === undefined || /\s/.test(character);
}

function matchEmphasis(text: string, open: number): { tag: "strong" | "em"; inner: string; end: number } | null {
  const character = text[open] ?? "";
  // An underscore inside a word (snake_case) is never emphasis.
  if (character === "_" && WORD_CHARACTER.test(text[open - 1] ?? "")) return null;
  for (const [tag, width] of [
    ["strong", 2],
    ["em", 1],
  ] as const) {
    const delimiter = character.repeat(width);
    if (!text.startsWith(delimiter, open) || isWhitespace(text[open + width])) continue;
    let close = text.indexOf(delimiter, open + width + 1);
    while (close >= 0 && close - open < SEARCH_WINDOW) {
      const closes =
        !isWhitespace(text[close - 1]) &&
        (width === 2 || text[close + 1] !== character) &&
        !(character === "_" && WORD_CHARACTER.test(text[close + width] ?? ""));
      if (closes) return { tag, inner: text.slice(open + width, close), end: close + width };
      close = text.indexOf(delimiter, close + 1);
    }
  }
  return null;
}

// XHTML → markdown.

/** Dropped with their content: code, styling and forms, never shown as text. */
const DROPPED = new Set([
  "script",
  "style",
  "head",
  "title",
  "meta",
  "link",
  "base",
  "template",
  "noscript",
  "form",
  "input",
  "button",
  "select",
  "option",
  "textarea",
  "param",
]);
/** Dropped with their content, and worth telling the user about: pictures and embedded objects. */
const DROPPED_MEDIA = new Set([
  "img",
  "object",
  "embed",
  "applet",
  "iframe",
  "frame",
  "frameset",
  "svg",
  "math",
  "canvas",
  "video",
  "audio",
  "picture",
  "map",
  "area",
]);
/** Rebuilt for turndown; any other element is replaced by its content (span, font, u, ins…). */
const KEPT = new Map<string, string>([
  ...["p", "br", "div", "ul", "ol", "li", "blockquote", "pre", "code", "hr", "table", "thead", "tbody", "tfoot"].map(
    (name): [string, string] => [name, name],
  ),
  ...["tr", "th", "td", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "address"].map(
    (name): [string, string] => [name, name],
  ),
  ["b", "strong"],
  ["strong", "strong"],
  ["i", "em"],
  ["em", "em"],
  ["cite", "em"],
  ["dfn", "em"],
  ["var", "em"],
  ["tt", "code"],
  ["kbd", "code"],
  ["samp", "code"],
  ["a", "a"],
]);

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (character) => HTML_ESCAPES[character] ?? character);
}

function toSafeHtml(nodes: readonly XmlNode[], state: { removedMedia: boolean }): string {
  let html = "";
  for (const node of nodes) {
    if (typeof node === "string") {
      html += escapeHtml(node);
      continue;
    }
    const name = node.name.toLowerCase();
    if (DROPPED.has(name)) continue;
    if (DROPPED_MEDIA.has(name)) {
      state.removedMedia = true;
      continue;
    }
    const kept = KEPT.get(name);
    const inner = toSafeHtml(node.children, state);
    if (kept === undefined) html += inner;
    else if (kept === "br" || kept === "hr") html += `<${kept}>`;
    else if (kept === "a") {
      const href = node.attributes.get("href")?.trim() ?? "";
      html += isSafeUrl(href) ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner;
    } else html += `<${kept}>${inner}</${kept}>`;
  }
  return html;
}

const turndown = new TurndownService({
  headingStyle: "atx",
  bulletListMarker: "-",
  codeBlockStyle: "fenced",
  emDelimiter: "*",
  strongDelimiter: "**",
  linkStyle: "inlined",
});

const turndownEscape = turndown.escape.bind(turndown);
// turndown escapes markdown syntax but not what would read as HTML, an entity or a "1)" list.
turndown.escape = (text: string) =>
  turndownEscape(text)
    .replace(/</g, "\\<")
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&")
    .replace(/^(\d+)\) /, "$1\\) ");

// List items with one space after the marker ("- item", not turndown's "-   item"), content
// indented to the marker's width, as CommonMark nests it.
turndown.addRule("listItem", {
  filter: "li",
  replacement: (content, node) => {
    const parent = node.parentNode;
    const prefix = parent?.nodeName === "OL" ? `${Array.from(parent.children).indexOf(node) + 1}. ` : "- ";
    const endsParagraph = /\n$/.test(content);
    const body = content.replace(/^\n+/, "").replace(/\n+$/, "") + (endsParagraph ? "\n" : "");
    return prefix + body.replace(/\n/g, `\n${" ".repeat(prefix.length)}`) + (node.nextSibling ? "\n" : "");
  },
});

// Tables as GFM pipe tables: the portal shows them as text lines, other editors as tables.
turndown.addRule("tableCell", {
  filter: ["th", "td"],
  replacement: (content) =>
    ` ${content
      .trim()
      .replace(/\s*\n\s*/g, " ")
      .replace(/\|/g, "\\|")} |`,
});
turndown.addRule("tableRow", {
  filter: "tr",
  replacement: (content, node) => {
    const row = `\n|${content}`;
    if (node.closest("table")?.querySelector("tr") !== node) return row;
    const cells = Array.from(node.children).filter((cell) => cell.nodeName === "TH" || cell.nodeName === "TD").length;
    return `${row}\n|${" --- |".repeat(Math.max(cells, 1))}`;
  },
});
turndown.addRule("tableSection", { filter: ["thead", "tbody", "tfoot"], replacement: (content) => content });
turndown.addRule("table", { filter: "table", replacement: (content) => `\n\n${content.replace(/^\n+/, "")}\n\n` });
turndown.addRule("tableCaption", { filter: "caption", replacement: (content) => `\n\n${content}\n\n` });

export type XhtmlMarkdown = {
  markdown: string;
  /** Pictures or embedded objects were dropped: the user should know something is missing. */
  removedMedia: boolean;
};

/**
 * Words, digits and everyday punctuation with single spaces: text that no markdown rule reads
 * as syntax and that turndown neither escapes nor collapses. Such paragraphs skip turndown, which
 * costs half a millisecond a call (it parses HTML); a test holds the two paths equal.
 */
const PLAIN_PARAGRAPH = /^(?!\d+[.)](?: |$))[\p{L}\p{N}.,;:!?%'"()/–—](?:[\p{L}\p{N}\p{M}.,;:!?%'"()/–—-]| (?! ))*$/u;

function isPlainParagraph(text: string): boolean {
  return PLAIN_PARAGRAPH.test(text) && !text.endsWith(" ");
}

/** Whether `markdownToXhtml` and back gives this text unchanged without running either (see above). */
export function isPlainText(text: string): boolean {
  return text.split("\n\n").every(isPlainParagraph);
}

/** The paragraphs of XHTML that is only a div of plain paragraphs, as turndown would give them. */
function plainParagraphs(nodes: readonly XmlNode[]): string[] | null {
  const isSpace = (node: XmlNode) => typeof node === "string" && node.trim() === "";
  const [div, ...rest] = nodes.filter((node) => !isSpace(node));
  if (rest.length > 0 || div === undefined || typeof div === "string" || div.name !== "div") return null;
  const paragraphs: string[] = [];
  for (const child of div.children) {
    if (isSpace(child)) continue;
    if (typeof child === "string" || child.name !== "p" || child.children.some((text) => typeof text !== "string")) {
      return null;
    }
    const text = child.children
      .join("")
      .replace(/[ \t\n\r]+/g, " ")
      .trim();
    if (!isPlainParagraph(text)) return null;
    paragraphs.push(text);
  }
  return paragraphs;
}

export function xhtmlToMarkdown(nodes: readonly XmlNode[]): XhtmlMarkdown {
  const plain = plainParagraphs(nodes);
  if (plain) return { markdown: plain.join("\n\n"), removedMedia: false };
  const state = { removedMedia: false };
  const html = toSafeHtml(nodes, state);
  const markdown = html.replace(/<[^>]*>/g, "").trim() === "" ? "" : turndown.turndown(html);
  return { markdown, removedMedia: state.removedMedia };
}

const LINE_BREAKING = new Set(["p", "div", "li", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"]);
const WORD_BREAKING = new Set(["td", "th", "dt", "dd"]);

/** The words of the XHTML without formatting, a line per block (paragraph, list item, row…). */
export function xhtmlToPlainLines(nodes: readonly XmlNode[]): string[] {
  const parts: string[] = [];
  const walk = (children: readonly XmlNode[]) => {
    for (const node of children) {
      if (typeof node === "string") {
        parts.push(node.replace(/[ \t\n\r]+/g, " "));
        continue;
      }
      const name = node.name.toLowerCase();
      if (DROPPED.has(name) || DROPPED_MEDIA.has(name)) continue;
      const separator = LINE_BREAKING.has(name) ? "\n" : WORD_BREAKING.has(name) ? " " : "";
      parts.push(separator);
      walk(node.children);
      parts.push(separator);
    }
  };
  walk(nodes);
  return parts
    .join("")
    .split("\n")
    .map((line) => line.replace(/ +/g, " ").trim())
    .filter((line) => line !== "");
}

/** One line (titles, refs): the words of the XHTML without any formatting. */
export function xhtmlToPlainText(nodes: readonly XmlNode[]): string {
  return xhtmlToPlainLines(nodes).join(" ");
}

/**
 * A form of XHTML that ignores what does not change its meaning (namespace prefixes, attribute
 * order, runs of whitespace), for telling whether another tool changed a text.
 */
function canonicalXhtml(nodes: readonly XmlNode[]): string {
  let out = "";
  let text = "";
  const flush = () => {
    const collapsed = text.replace(/[ \t\n\r]+/g, " ");
    if (collapsed.trim() !== "") out += escapeXmlText(collapsed);
    text = "";
  };
  for (const node of nodes) {
    if (typeof node === "string") {
      text += node;
      continue;
    }
    flush();
    const attributes = [...node.attributes]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => ` ${key}="${escapeXmlText(value)}"`)
      .join("");
    out += `<${node.name.toLowerCase()}${attributes}>${canonicalXhtml(node.children)}</${node.name.toLowerCase()}>`;
  }
  flush();
  return out;
}

export function sameXhtml(a: readonly XmlNode[], b: readonly XmlNode[]): boolean {
  return canonicalXhtml(a) === canonicalXhtml(b);
}
