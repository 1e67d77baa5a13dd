import { formatDate, translate, type Language, type MessageKey } from "~/utils/i18n";
import { obligationLabel, requirementTypeLabel, setStatusLabel, verificationLabel } from "~/utils/labels";
import type { RequirementType, VerificationMethod } from "~/utils/requirement-fields";

import { sectionNumbering, type ExchangeRequirement, type ExchangeSet } from "./exchange-set";
import { writeZip, type ZipEntryInput } from "./zip.server";

/**
 * The set as a Word document a procurement officer attaches to the tender documents as it is:
 * title page, table of contents, a reading guide, then every requirement under its section's
 * numbered heading with its ska/bör marking, type, verification method, weight, text and motiv.
 *
 * WordprocessingML is written by hand with string concatenation: a set of 5,000 requirements
 * must cost little more than the XML and its compression (the issue's benchmark), which object
 * trees per run (the `docx` library) miss by an order of magnitude. Everything a paragraph looks
 * like lives in styles.xml, so each requirement is a handful of short style references. Element
 * order inside pPr, rPr, tblPr, tcPr and sectPr follows the ECMA-376 schema sequences: Word
 * "repairs" a document whose children are out of order.
 */

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Page geometry in twentieths of a point: A4 portrait with 2.5 cm margins.
const PAGE_WIDTH = 11906;
const PAGE_HEIGHT = 16838;
const MARGIN = 1418;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** The marking column of a requirement's table; the ref in the line above aligns with it. */
const MARK_COLUMN = 1984;
const FIELD_COLUMN = TEXT_WIDTH - MARK_COLUMN;
/** Word's navigation pane and TOC know six heading levels; deeper sections stay at the sixth. */
const DEEPEST_HEADING = 6;

const FONT = "Calibri";
/** Bullet lists of requirement texts; defined once in numbering.xml. */
const BULLET_NUM_ID = 1;

// ---------------------------------------------------------------------------------------------
// Text

/*
 * XML 1.0 (§2.2) cannot hold C0 controls other than tab, LF and CR, unpaired surrogates, U+FFFE
 * or U+FFFF: Word refuses a part with any of them. They are dropped; everything else is kept.
 * Most strings hold nothing special at all (no markup character, tab, newline or control), so
 * one scan with SPECIAL decides before any splitting or replacing.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SPECIAL = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MARKUP_CHAR = /[&<>"]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

function escapeXml(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(NOT_XML_CHAR, "").replace(MARKUP_CHAR, (char) => ENTITIES[char] ?? char);
}

const T_PRESERVE = '<w:t xml:space="preserve">';
const T_CLOSE = "</w:t>";
const SPACE = 32;
const TAB_OR_NEWLINE_SPLIT = /(\t|\r\n?|\n)/;

/**
 * A w:t holding `text` (already escaped). Word drops leading and trailing spaces and collapses
 * runs of them unless told to preserve them; the attribute is written only where it matters,
 * since every requirement carries several w:t and each byte is paid again by zip and deflate.
 */
function textElement(text: string): string {
  const preserve = text.charCodeAt(0) === SPACE || text.charCodeAt(text.length - 1) === SPACE || text.includes("  ");
  return (preserve ? T_PRESERVE : "<w:t>") + text + T_CLOSE;
}

/** The inside of a run: a tab or a line break is an element in WordprocessingML, not a character in w:t. */
function runContent(text: string): string {
  if (!SPECIAL.test(text)) return textElement(text);
  let out = "";
  for (const piece of text.split(TAB_OR_NEWLINE_SPLIT)) {
    if (piece === "") continue;
    if (piece === "\t") out += "<w:tab/>";
    else if (piece === "\n" || piece === "\r" || piece === "\r\n") out += "<w:br/>";
    else out += textElement(escapeXml(piece));
  }
  return out;
}

function run(text: string, characterStyle?: string): string {
  const open = characterStyle ? `<w:r><w:rPr><w:rStyle w:val="${characterStyle}"/></w:rPr>` : "<w:r>";
  return open + runContent(text) + "</w:r>";
}

function paragraphOpen(style?: string, properties = ""): string {
  const styleXml = style ? `<w:pStyle w:val="${style}"/>` : "";
  return styleXml || properties ? `<w:p><w:pPr>${styleXml}${properties}</w:pPr>` : "<w:p>";
}

function paragraph(runs: string, style?: string, properties = ""): string {
  return paragraphOpen(style, properties) + runs + "</w:p>";
}

const NEWLINE = /\r\n?|\n/;
const NON_BLANK = /\S/;
/** "- item" or "* item"; two or more leading spaces make it an item of the level below. */
const BULLET_LINE = /^( *)[-*][ \t]+/;
const MAY_BE_BULLET = /^ *[-*]/;

/**
 * Plain text as a person typed it: blank lines separate paragraphs, a single newline is a line
 * break, lines starting with "- " or "* " are bullet items. `lead` (a bold "Motiv: ") opens the
 * first paragraph, or stands alone when the text starts with a list. `open` is the paragraph's
 * opening markup, built once per style by the caller.
 */
function textParagraphs(text: string, open: string, style: string | undefined, lead = ""): string {
  if (!MAY_BE_BULLET.test(text)) {
    if (!NEWLINE.test(text)) return open + lead + "<w:r>" + runContent(text) + "</w:r></w:p>";
  }
  let out = "";
  let pending: string | null = null;
  let prefix = lead;
  const flush = () => {
    if (pending === null && !prefix) return;
    out += open + prefix + (pending === null ? "" : "<w:r>" + runContent(pending) + "</w:r>") + "</w:p>";
    pending = null;
    prefix = "";
  };
  for (const line of text.split(NEWLINE)) {
    if (!NON_BLANK.test(line)) {
      if (pending !== null) flush();
      continue;
    }
    const bullet = BULLET_LINE.exec(line);
    if (bullet) {
      flush();
      const level = bullet[1] && bullet[1].length >= 2 ? 1 : 0;
      out += paragraph(
        run(line.slice(bullet[0].length)),
        style ?? "ListBullet",
        `<w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${BULLET_NUM_ID}"/></w:numPr>`,
      );
      continue;
    }
    pending = pending === null ? line : `${pending}\n${line}`;
  }
  flush();
  return out;
}

function field(instruction: string, placeholder: string, dirty = false): string {
  return (
    `<w:r><w:fldChar w:fldCharType="begin"${dirty ? ' w:dirty="true"' : ""}/></w:r>` +
    `<w:r><w:instrText xml:space="preserve"> ${instruction} </w:instrText></w:r>` +
    `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(placeholder)}` +
    `<w:r><w:fldChar w:fldCharType="end"/></w:r>`
  );
}

/** A date as the language writes it; a value that is not a date is shown as it came. */
function displayDate(language: Language, value: string): string {
  return Number.isNaN(Date.parse(value)) ? value : formatDate(language, value);
}

// ---------------------------------------------------------------------------------------------
// Per-language pieces, built once per document: every requirement reuses them.

// Style ids are short because every requirement repeats them; Word shows the styles' names.
const STYLE = {
  requirementHeading: "ReqHeading",
  skaMark: "ReqSka",
  borMark: "ReqBor",
  fields: "ReqFields",
  rationale: "ReqRationale",
  label: "ReqLabel",
  table: "ReqTable",
} as const;

type Pieces = {
  t: (key: MessageKey, params?: Record<string, string>) => string;
  skaCell: string;
  borCell: string;
  typeLine: Record<RequirementType, string>;
  verificationLine: Record<VerificationMethod, string>;
  weightLead: string;
  standardsLead: string;
  rationaleLead: string;
};

/**
 * A bold "Name:" and a tab to the style's value column, on a new line of its paragraph when
 * `newLine`: key/value lines whose values line up.
 */
function label(text: string, newLine = false): string {
  const br = newLine ? "<w:br/>" : "";
  return `<w:r><w:rPr><w:rStyle w:val="${STYLE.label}"/></w:rPr>${br}${runContent(`${text}:`)}<w:tab/></w:r>`;
}

/** A bold "Name: " leading running text. */
function inlineLabel(text: string): string {
  return run(`${text}: `, STYLE.label);
}

function mapLabels<K extends string>(labels: Record<K, MessageKey>, render: (key: MessageKey) => string) {
  const rendered: Partial<Record<K, string>> = {};
  for (const value in labels) rendered[value] = render(labels[value]);
  // The loop above set every key of `labels`, which is a complete Record.
  return rendered as Record<K, string>;
}

function buildPieces(language: Language): Pieces {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(language, key, params);
  const markCell = (text: string, style: string, shading: string) =>
    `<w:tc><w:tcPr><w:tcW w:w="${MARK_COLUMN}" w:type="dxa"/>${shading}</w:tcPr>${paragraph(run(text), style)}</w:tc>`;
  const typeLead = label(t("exchange.docx.type"));
  const verificationLead = label(t("exchange.docx.verification"), true);
  return {
    t,
    // Ska-krav get a shaded cell and bold capitals, so they stand out when leafing through.
    skaCell: markCell(t(obligationLabel.ska), STYLE.skaMark, '<w:shd w:val="clear" w:fill="D9D9D9"/>'),
    borCell: markCell(t(obligationLabel.bor), STYLE.borMark, ""),
    typeLine: mapLabels(requirementTypeLabel, (key) => typeLead + run(t(key))),
    verificationLine: mapLabels(verificationLabel, (key) => verificationLead + run(t(key))),
    weightLead: label(t("exchange.docx.weight"), true),
    standardsLead: label(t("exchange.docx.standards"), true),
    rationaleLead: inlineLabel(t("exchange.docx.rationale")),
  };
}

// The start of every requirement's table up to its one row's first cell: identical for all.
const REQUIREMENT_TABLE_OPEN =
  `<w:tbl><w:tblPr><w:tblStyle w:val="${STYLE.table}"/><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/>` +
  `<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="${MARK_COLUMN}"/>` +
  `<w:gridCol w:w="${FIELD_COLUMN}"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>`;
const FIELD_CELL_OPEN = `<w:tc><w:tcPr><w:tcW w:w="${FIELD_COLUMN}" w:type="dxa"/></w:tcPr>${paragraphOpen(STYLE.fields)}`;
const REQUIREMENT_TABLE_CLOSE = "</w:p></w:tc></w:tr></w:tbl>";
const REQUIREMENT_HEADING_OPEN = `${paragraphOpen(STYLE.requirementHeading)}<w:r>`;
const TEXT_OPEN = paragraphOpen();
const RATIONALE_OPEN = paragraphOpen(STYLE.rationale);

function requirementXml(requirement: ExchangeRequirement, pieces: Pieces): string {
  let out =
    REQUIREMENT_HEADING_OPEN +
    runContent(requirement.ref) +
    "<w:tab/>" +
    runContent(requirement.title) +
    "</w:r></w:p>" +
    REQUIREMENT_TABLE_OPEN +
    (requirement.obligation === "ska" ? pieces.skaCell : pieces.borCell) +
    FIELD_CELL_OPEN +
    pieces.typeLine[requirement.type] +
    pieces.verificationLine[requirement.verification];
  // A weight is what a bör-krav scores in the evaluation; on a ska-krav it would mean nothing.
  if (requirement.obligation === "bor" && requirement.weight !== null) {
    out += pieces.weightLead + "<w:r><w:t>" + String(requirement.weight) + "</w:t></w:r>";
  }
  if (requirement.linkedStandards.length > 0) {
    out += pieces.standardsLead + run(requirement.linkedStandards.join(", "));
  }
  out += REQUIREMENT_TABLE_CLOSE;
  if (NON_BLANK.test(requirement.text)) out += textParagraphs(requirement.text, TEXT_OPEN, undefined);
  if (NON_BLANK.test(requirement.rationale)) {
    out += textParagraphs(requirement.rationale, RATIONALE_OPEN, STYLE.rationale, pieces.rationaleLead);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parts

function headingStyleId(depth: number): string {
  return `Heading${Math.min(Math.max(depth, 1), DEEPEST_HEADING)}`;
}

function documentXml(exchange: ExchangeSet, language: Language, pieces: Pieces): string {
  const { t } = pieces;
  const info = exchange.set;
  let body = paragraph(run(t("exchange.docx.documentTitle")), "Title");
  body += paragraph(run(info.title), "Subtitle");
  const detail = (name: MessageKey, value: string) => paragraph(label(t(name)) + run(value), "TitlePageDetail");
  body += detail("exchange.docx.ownerRegion", info.ownerRegionName);
  if (info.collaborationName && NON_BLANK.test(info.collaborationName)) {
    body += detail("exchange.docx.collaboration", info.collaborationName);
  }
  if (NON_BLANK.test(info.procurementReference)) {
    body += detail("exchange.docx.procurementReference", info.procurementReference);
  }
  if (info.baseline) {
    body += detail("exchange.docx.version", info.baseline.name);
    body += detail("exchange.docx.baselineEstablished", displayDate(language, info.baseline.createdAt));
  } else {
    body += detail("exchange.docx.version", t("exchange.docx.workingVersion"));
    body += detail("exchange.docx.exported", displayDate(language, exchange.exportedAt));
  }
  body += detail("exchange.docx.status", t(setStatusLabel[info.status]));
  if (NON_BLANK.test(info.description)) {
    body += textParagraphs(info.description, paragraphOpen("TitlePageDescription"), "TitlePageDescription");
  }

  body += paragraph(run(t("exchange.docx.tocHeading")), "TOCHeading", "<w:pageBreakBefore/>");
  body += paragraph(field('TOC \\o "1-3" \\h \\z \\u', t("exchange.docx.tocPlaceholder"), true));

  body += paragraph(run(t("exchange.docx.readingGuideHeading")), "Heading1", "<w:pageBreakBefore/>");
  body += paragraph(run(t("exchange.docx.readingGuideSka")));
  body += paragraph(run(t("exchange.docx.readingGuideBor")));
  body += paragraph(run(t("exchange.docx.readingGuideFields")));

  // Grouped by section rather than trusting the list's order; a requirement whose section is
  // missing is shown with those outside any section instead of being lost.
  const numbering = sectionNumbering(exchange.sections);
  const bySection = new Map<string | null, ExchangeRequirement[]>();
  for (const requirement of exchange.requirements) {
    const key = requirement.sectionId !== null && numbering.has(requirement.sectionId) ? requirement.sectionId : null;
    const group = bySection.get(key);
    if (group) group.push(requirement);
    else bySection.set(key, [requirement]);
  }

  const unsectioned = bySection.get(null);
  if (unsectioned) {
    const heading = exchange.sections.length > 0 ? "exchange.docx.generalRequirements" : "exchange.docx.requirements";
    body += paragraph(run(t(heading)), "Heading1");
    for (const requirement of unsectioned) body += requirementXml(requirement, pieces);
  }
  for (const section of exchange.sections) {
    const place = numbering.get(section.id);
    if (!place) continue;
    body += paragraph(run(`${place.number} ${section.title}`), headingStyleId(place.depth));
    const group = bySection.get(section.id);
    if (group) for (const requirement of group) body += requirementXml(requirement, pieces);
  }
  // Every requirement ends in its table or a paragraph after it; Word wants the body to end in a paragraph.
  if (exchange.requirements.length === 0) body += paragraph(run(t("exchange.docx.noRequirements")));
  else body += "<w:p/>";

  const sectPr =
    `<w:sectPr><w:headerReference w:type="default" r:id="rId4"/>` +
    `<w:footerReference w:type="default" r:id="rId5"/>` +
    `<w:pgSz w:w="${PAGE_WIDTH}" w:h="${PAGE_HEIGHT}"/>` +
    `<w:pgMar w:top="${MARGIN}" w:right="${MARGIN}" w:bottom="${MARGIN}" w:left="${MARGIN}" w:header="709" w:footer="709" w:gutter="0"/>` +
    // titlePg: the title page has no header or footer of its own, so it shows neither.
    `<w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>`;
  return `${XML_DECLARATION}<w:document ${W_NS} ${R_NS}><w:body>${body}${sectPr}</w:body></w:document>`;
}

function headerXml(exchange: ExchangeSet, language: Language, pieces: Pieces): string {
  const version = exchange.set.baseline
    ? exchange.set.baseline.name
    : pieces.t("exchange.docx.workingVersionShort", { date: displayDate(language, exchange.exportedAt) });
  const content = paragraph(run(exchange.set.title) + "<w:r><w:tab/></w:r>" + run(version), "Header");
  return `${XML_DECLARATION}<w:hdr ${W_NS} ${R_NS}>${content}</w:hdr>`;
}

const PAGE_PLACEHOLDERS = /(\{page\}|\{pages\})/;

function footerXml(pieces: Pieces): string {
  // "Sida {page} av {pages}": the words around the placeholders come from the dictionary, the numbers from Word.
  let runs = "";
  for (const piece of pieces.t("exchange.docx.pageOf").split(PAGE_PLACEHOLDERS)) {
    if (piece === "{page}") runs += field("PAGE", "1");
    else if (piece === "{pages}") runs += field("NUMPAGES", "1");
    else if (piece !== "") runs += run(piece);
  }
  return `${XML_DECLARATION}<w:ftr ${W_NS} ${R_NS}>${paragraph(runs, "Footer")}</w:ftr>`;
}

function settingsXml(language: Language): string {
  const [decimal, list] = language === "sv" ? [",", ";"] : [".", ","];
  return (
    `${XML_DECLARATION}<w:settings ${W_NS}><w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/>` +
    `<w:characterSpacingControl w:val="doNotCompress"/>` +
    // Word fills the table of contents (and the page count) when the document is opened.
    `<w:updateFields w:val="true"/>` +
    `<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
    `<w:decimalSymbol w:val="${decimal}"/><w:listSeparator w:val="${list}"/></w:settings>`
  );
}

function rPrXml({ bold = false, italic = false, caps = false, color = "", size = 0 } = {}): string {
  return (
    "<w:rPr>" +
    (bold ? "<w:b/><w:bCs/>" : "") +
    (italic ? "<w:i/><w:iCs/>" : "") +
    (caps ? "<w:caps/>" : "") +
    (color ? `<w:color w:val="${color}"/>` : "") +
    (size ? `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>` : "") +
    "</w:rPr>"
  );
}

type ParagraphStyle = {
  id: string;
  name: string;
  basedOn?: string;
  next?: string;
  uiPriority?: number;
  custom?: boolean;
  hidden?: boolean;
  pPr?: string;
  rPr?: string;
};

function paragraphStyleXml(style: ParagraphStyle): string {
  return (
    `<w:style w:type="paragraph"${style.custom ? ' w:customStyle="1"' : ""} w:styleId="${style.id}">` +
    `<w:name w:val="${escapeXml(style.name)}"/>` +
    (style.basedOn ? `<w:basedOn w:val="${style.basedOn}"/>` : "") +
    (style.next ? `<w:next w:val="${style.next}"/>` : "") +
    (style.uiPriority !== undefined ? `<w:uiPriority w:val="${style.uiPriority}"/>` : "") +
    // Hidden styles (TOC levels, header, footer) appear when used, not in the quick gallery.
    (style.hidden ? "<w:semiHidden/><w:unhideWhenUsed/>" : "<w:qFormat/>") +
    (style.pPr ? `<w:pPr>${style.pPr}</w:pPr>` : "") +
    (style.rPr ?? "") +
    "</w:style>"
  );
}

/** Where values start after their "Name:" label: on the title page, and in a requirement's field cell. */
const TITLE_PAGE_VALUE_TAB = 2835;
const FIELD_VALUE_TAB = 1985;

/** A tab stop for the value and a hanging indent, so a value that wraps stays in its column. */
function keyValueLayout(position: number, spacing: string, keepNext = false): string {
  return (
    (keepNext ? "<w:keepNext/>" : "") +
    `<w:tabs><w:tab w:val="left" w:pos="${position}"/></w:tabs>${spacing}` +
    `<w:ind w:left="${position}" w:hanging="${position}"/>`
  );
}

const HEADING_LOOK: readonly { size: number; before: number; color: string }[] = [
  { size: 32, before: 480, color: "1F3864" },
  { size: 28, before: 360, color: "1F3864" },
  { size: 26, before: 280, color: "2F5496" },
  { size: 24, before: 240, color: "2F5496" },
  { size: 22, before: 240, color: "2F5496" },
  { size: 22, before: 200, color: "404040" },
];

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"';

function stylesXml(language: Language, pieces: Pieces): string {
  const { t } = pieces;
  const lang = language === "sv" ? "sv-SE" : "en-GB";
  const tocTabs = `<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${TEXT_WIDTH}"/></w:tabs>`;
  const paragraphs: ParagraphStyle[] = [
    {
      id: "Title",
      name: "Title",
      basedOn: "Normal",
      next: "Normal",
      uiPriority: 10,
      pPr: '<w:spacing w:before="2400" w:after="240"/>',
      rPr: rPrXml({ bold: true, color: "1F3864", size: 52 }),
    },
    {
      id: "Subtitle",
      name: "Subtitle",
      basedOn: "Normal",
      next: "Normal",
      uiPriority: 11,
      pPr: '<w:spacing w:after="720"/>',
      rPr: rPrXml({ color: "404040", size: 36 }),
    },
    {
      id: "TitlePageDetail",
      name: t("exchange.docx.style.titlePageDetail"),
      basedOn: "Normal",
      custom: true,
      pPr: keyValueLayout(TITLE_PAGE_VALUE_TAB, '<w:spacing w:after="80"/>'),
    },
    {
      id: "TitlePageDescription",
      name: t("exchange.docx.style.titlePageDescription"),
      basedOn: "Normal",
      custom: true,
      pPr: '<w:spacing w:before="240"/>',
    },
    ...HEADING_LOOK.map((look, index) => ({
      id: `Heading${index + 1}`,
      name: `heading ${index + 1}`,
      basedOn: "Normal",
      next: "Normal",
      uiPriority: 9,
      pPr:
        `<w:keepNext/><w:keepLines/><w:spacing w:before="${look.before}" w:after="120"/>` +
        `<w:outlineLvl w:val="${index}"/>`,
      rPr: rPrXml({ bold: true, color: look.color, size: look.size }),
    })),
    {
      id: "TOCHeading",
      name: "TOC Heading",
      basedOn: "Normal",
      next: "Normal",
      uiPriority: 39,
      hidden: true,
      pPr: '<w:keepNext/><w:spacing w:after="240"/>',
      rPr: rPrXml({ bold: true, color: "1F3864", size: 32 }),
    },
    ...[0, 1, 2].map((level) => ({
      id: `TOC${level + 1}`,
      name: `toc ${level + 1}`,
      basedOn: "Normal",
      next: "Normal",
      uiPriority: 39,
      hidden: true,
      pPr: `${tocTabs}<w:spacing w:after="60"/><w:ind w:left="${level * 284}"/>`,
    })),
    {
      id: "Header",
      name: "header",
      basedOn: "Normal",
      uiPriority: 99,
      hidden: true,
      pPr: `<w:tabs><w:tab w:val="right" w:pos="${TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0"/>`,
      rPr: rPrXml({ color: "595959", size: 18 }),
    },
    {
      id: "Footer",
      name: "footer",
      basedOn: "Normal",
      uiPriority: 99,
      hidden: true,
      pPr: '<w:spacing w:after="0"/><w:jc w:val="center"/>',
      rPr: rPrXml({ color: "595959", size: 18 }),
    },
    {
      id: "ListBullet",
      name: "List Bullet",
      basedOn: "Normal",
      uiPriority: 99,
      hidden: true,
      pPr: '<w:spacing w:after="60"/>',
    },
    {
      id: STYLE.requirementHeading,
      name: t("exchange.docx.style.requirementHeading"),
      basedOn: "Normal",
      next: "Normal",
      custom: true,
      // The ref sits over the marking column and the title over the fields, also when it wraps.
      pPr:
        `<w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="left" w:pos="${MARK_COLUMN}"/></w:tabs>` +
        `<w:spacing w:before="360" w:after="80"/><w:ind w:left="${MARK_COLUMN}" w:hanging="${MARK_COLUMN}"/>`,
      rPr: rPrXml({ bold: true, size: 24 }),
    },
    {
      id: STYLE.fields,
      name: t("exchange.docx.style.tableText"),
      basedOn: "Normal",
      custom: true,
      pPr: keyValueLayout(FIELD_VALUE_TAB, '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>', true),
      rPr: rPrXml({ size: 20 }),
    },
    {
      id: STYLE.skaMark,
      name: t("exchange.docx.style.obligationSka"),
      basedOn: "Normal",
      custom: true,
      pPr: '<w:keepNext/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
      rPr: rPrXml({ bold: true, caps: true, size: 20 }),
    },
    {
      id: STYLE.borMark,
      name: t("exchange.docx.style.obligationBor"),
      basedOn: "Normal",
      custom: true,
      pPr: '<w:keepNext/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
      rPr: rPrXml({ caps: true, size: 20 }),
    },
    {
      id: STYLE.rationale,
      name: t("exchange.docx.style.rationale"),
      basedOn: "Normal",
      custom: true,
      pPr: '<w:spacing w:after="120"/><w:ind w:left="284"/>',
      rPr: rPrXml({ italic: true, color: "404040" }),
    },
  ];
  const characterStyle = (id: string, name: string, rPr: string) =>
    `<w:style w:type="character" w:customStyle="1" w:styleId="${id}"><w:name w:val="${escapeXml(name)}"/>` +
    `<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="1"/><w:qFormat/>${rPr}</w:style>`;
  const border = (side: string) => `<w:${side} ${BORDER}/>`;
  const cellMargins =
    '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>' +
    '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>';
  return (
    `${XML_DECLARATION}<w:styles ${W_NS}>` +
    `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="${FONT}" w:eastAsia="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}"/>` +
    `<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="${lang}"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>` +
    `</w:docDefaults>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
    `<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>` +
    `<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
    `<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>` +
    `<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
    `<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>` +
    `<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
    `<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>` +
    `<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
    paragraphs.map(paragraphStyleXml).join("") +
    characterStyle(STYLE.label, t("exchange.docx.style.label"), rPrXml({ bold: true })) +
    `<w:style w:type="table" w:customStyle="1" w:styleId="${STYLE.table}">` +
    `<w:name w:val="${escapeXml(t("exchange.docx.style.requirementTable"))}"/><w:basedOn w:val="TableNormal"/>` +
    `<w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
    `<w:tblPr><w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("")}` +
    `</w:tblBorders>${cellMargins}</w:tblPr></w:style>` +
    `</w:styles>`
  );
}

function numberingXml(): string {
  const level = (ilvl: number, text: string, indent: number) =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="${text}"/>` +
    `<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${indent}" w:hanging="284"/></w:pPr>` +
    `<w:rPr><w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}"/></w:rPr></w:lvl>`;
  return (
    `${XML_DECLARATION}<w:numbering ${W_NS}><w:abstractNum w:abstractNumId="0">` +
    `<w:multiLevelType w:val="hybridMultilevel"/>${level(0, "\u2022", 568)}${level(1, "\u2013", 1136)}</w:abstractNum>` +
    `<w:num w:numId="${BULLET_NUM_ID}"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
  );
}

const CONTENT_TYPES =
  `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
  `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
  `<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
  `<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
  `<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
  `<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
  `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
  `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
  `</Types>`;

const PACKAGE_RELS =
  `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${REL_TYPE}/extended-properties" Target="docProps/app.xml"/>` +
  `</Relationships>`;

const DOCUMENT_RELS =
  `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL_TYPE}/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_TYPE}/settings" Target="settings.xml"/>` +
  `<Relationship Id="rId3" Type="${REL_TYPE}/numbering" Target="numbering.xml"/>` +
  `<Relationship Id="rId4" Type="${REL_TYPE}/header" Target="header1.xml"/>` +
  `<Relationship Id="rId5" Type="${REL_TYPE}/footer" Target="footer1.xml"/>` +
  `</Relationships>`;

function coreXml(exchange: ExchangeSet, language: Language, pieces: Pieces): string {
  const exported = Date.parse(exchange.exportedAt);
  // W3CDTF without milliseconds, the form Word itself writes.
  const stamp = Number.isNaN(exported) ? "" : new Date(exported).toISOString().replace(/\.\d{3}Z$/, "Z");
  const dates = stamp
    ? `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>`
    : "";
  return (
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
    `xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${escapeXml(exchange.set.title)}</dc:title>` +
    `<dc:subject>${escapeXml(pieces.t("exchange.docx.documentTitle"))}</dc:subject>` +
    `<dc:creator>Samkrav</dc:creator><cp:lastModifiedBy>Samkrav</cp:lastModifiedBy>` +
    `<dc:language>${language === "sv" ? "sv-SE" : "en-GB"}</dc:language>${dates}</cp:coreProperties>`
  );
}

function appXml(exchange: ExchangeSet): string {
  return (
    `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
    `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<Application>Samkrav</Application><Company>${escapeXml(exchange.set.ownerRegionName)}</Company></Properties>`
  );
}

/** The set as a DOCX tender appendix, in the given language. */
export async function writeSetDocx(set: ExchangeSet, language: Language): Promise<Buffer> {
  const pieces = buildPieces(language);
  const entries: ZipEntryInput[] = [
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "_rels/.rels", data: PACKAGE_RELS },
    { name: "docProps/core.xml", data: coreXml(set, language, pieces) },
    { name: "docProps/app.xml", data: appXml(set) },
    { name: "word/document.xml", data: documentXml(set, language, pieces) },
    { name: "word/_rels/document.xml.rels", data: DOCUMENT_RELS },
    { name: "word/styles.xml", data: stylesXml(language, pieces) },
    { name: "word/settings.xml", data: settingsXml(language) },
    { name: "word/numbering.xml", data: numberingXml() },
    { name: "word/header1.xml", data: headerXml(set, language, pieces) },
    { name: "word/footer1.xml", data: footerXml(pieces) },
  ];
  return writeZip(entries);
}
