import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import mammoth from "mammoth";
import { expect, test } from "vitest";
import { validateXML } from "xmllint-wasm";

import { writeSetDocx } from "~/exchange/docx.server";
import {
  EXCHANGE_FORMAT,
  EXCHANGE_FORMAT_VERSION,
  type ExchangeRequirement,
  type ExchangeSection,
  type ExchangeSet,
} from "~/exchange/exchange-set";
import { readZip } from "~/exchange/zip.server";
import { formatDate } from "~/utils/i18n";
import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  SET_STATUSES,
  VERIFICATION_METHODS,
  type Obligation,
} from "~/utils/requirement-fields";

// ---------------------------------------------------------------------------------------------
// Factories

function requirement(overrides: Partial<ExchangeRequirement> & { id: string; ref: string }): ExchangeRequirement {
  return {
    sectionId: null,
    title: "Krav",
    text: "Leverantören ska uppfylla kravet.",
    obligation: "ska",
    type: "technical",
    area: "JF",
    rationale: "",
    verification: "yes_no",
    weight: null,
    ambition: null,
    tags: [],
    version: 1,
    linkedStandards: [],
    source: "",
    importedAttributes: {},
    ...overrides,
  };
}

const BASELINE_CREATED = "2026-05-12T09:30:00.000Z";
const EXPORTED = "2026-06-01T12:00:00.000Z";

/** A realistic set: one requirement outside any section, three levels of sections, ska and bör. */
function exchangeSet(overrides: { set?: Partial<ExchangeSet["set"]> } & Partial<Omit<ExchangeSet, "set">> = {}) {
  const sections: ExchangeSection[] = [
    { id: "s-sak", parentId: null, title: "Informationssäkerhet" },
    { id: "s-beh", parentId: "s-sak", title: "Behörighet & loggning (PDL)" },
    { id: "s-log", parentId: "s-beh", title: "Logguppföljning" },
    { id: "s-drift", parentId: null, title: "Drift" },
  ];
  const requirements: ExchangeRequirement[] = [
    requirement({
      id: "r-kv",
      ref: "KV-001",
      title: "Referensuppdrag",
      text: "Leverantören ska ha minst två referensinstallationer av jämförbar storlek.",
      obligation: "ska",
      type: "qualification",
      area: "KV",
      verification: "reference_check",
      rationale: "Visar att leverantören klarar ett uppdrag av denna omfattning.",
    }),
    requirement({
      id: "r-is",
      sectionId: "s-sak",
      ref: "IS-001",
      title: "Certifierat ledningssystem",
      text: "Leverantören ska ha ett ledningssystem för informationssäkerhet certifierat enligt ISO/IEC 27001:2022, eller likvärdigt.",
      obligation: "ska",
      type: "qualification",
      area: "IS",
      verification: "attachment",
      linkedStandards: ["ISO/IEC 27001:2022"],
      rationale: "Patientuppgifter kräver ett styrt säkerhetsarbete.",
    }),
    requirement({
      id: "r-bl",
      sectionId: "s-beh",
      ref: "BL-002",
      title: "Loggars innehåll",
      text: "Loggar ska visa användare, patient, åtgärd och tidpunkt.\nDe ska sparas i minst fem år.",
      obligation: "ska",
      type: "technical",
      area: "BL",
      verification: "demonstration",
      // A weight on a ska-krav means nothing in the evaluation and is not printed.
      weight: 99,
    }),
    requirement({
      id: "r-bl3",
      sectionId: "s-log",
      ref: "BL-003",
      title: "Riskbaserad logguppföljning",
      text: "Systemet bör stödja automatiserad logguppföljning som flaggar:\n- avvikande åtkomstmönster\n- nödåtkomst\n\nBeskriv lösningen.",
      obligation: "bor",
      type: "award",
      area: "BL",
      verification: "description",
      weight: 40,
      rationale: "Manuell logguppföljning hinner inte med.",
    }),
    requirement({
      id: "r-dr",
      sectionId: "s-drift",
      ref: "DR-001",
      title: "Tillgänglighet",
      text: "Tjänsten ska ha en tillgänglighet på minst 99,9 % per månad.",
      obligation: "ska",
      type: "contract",
      area: "DR",
      verification: "contract_follow_up",
    }),
  ];
  const set: ExchangeSet = {
    format: EXCHANGE_FORMAT,
    formatVersion: EXCHANGE_FORMAT_VERSION,
    exportedAt: EXPORTED,
    set: {
      id: "set-1",
      title: "Vårdinformationssystem 2026",
      description: "Gemensam kravspecifikation för Sussa samverkan.",
      procurementReference: "Dnr RS 2026/0412",
      ownerRegionName: "Region Örebro län",
      status: "approved",
      visibility: "collaboration",
      collaborationName: "Sussa samverkan",
      version: 7,
      baseline: { id: "b-1", name: "Baslinje 1.0", createdAt: BASELINE_CREATED },
      ...overrides.set,
    },
    sections: overrides.sections ?? sections,
    requirements: overrides.requirements ?? requirements,
  };
  return set;
}

// ---------------------------------------------------------------------------------------------
// Reading the output back

async function parts(docx: Buffer): Promise<Map<string, string>> {
  const files = await readZip(docx);
  return new Map([...files].map(([name, data]) => [name, data.toString("utf8")]));
}

function part(all: Map<string, string>, name: string): string {
  const xml = all.get(name);
  if (xml === undefined) throw new Error(`no part ${name}`);
  return xml;
}

type XmlElement = { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** fast-xml-parser's ordered output as a small element tree (text nodes become `text`). */
function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    if (!isRecord(node)) continue;
    const name = Object.keys(node).find((key) => key !== ":@");
    if (!name || name === "#text") continue;
    const rawAttributes = node[":@"];
    const attributes: Record<string, string> = {};
    if (isRecord(rawAttributes)) {
      for (const [key, value] of Object.entries(rawAttributes)) attributes[key] = String(value);
    }
    const children = node[name];
    let text = "";
    if (Array.isArray(children)) {
      for (const child of children) if (isRecord(child) && typeof child["#text"] === "string") text += child["#text"];
    }
    elements.push({ name, attributes, children: toElements(children), text });
  }
  return elements;
}

function parseXml(xml: string): XmlElement {
  const root = toElements(parser.parse(xml)).find((element) => element.name !== "?xml");
  if (!root) throw new Error("no root element");
  return root;
}

function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (child.name === name) found.push(child);
    found.push(...descendants(child, name));
  }
  return found;
}

/** A paragraph's text as Word shows it: w:t text, tabs and breaks. */
function paragraphText(paragraph: XmlElement): string {
  let text = "";
  const walk = (element: XmlElement) => {
    for (const child of element.children) {
      if (child.name === "w:t") text += child.text;
      else if (child.name === "w:tab") text += "\t";
      else if (child.name === "w:br") text += "\n";
      else walk(child);
    }
  };
  walk(paragraph);
  return text;
}

function paragraphStyle(paragraph: XmlElement): string | undefined {
  return descendants(paragraph, "w:pStyle")[0]?.attributes["w:val"];
}

function bodyParagraphs(documentXml: string): XmlElement[] {
  return descendants(parseXml(documentXml), "w:p");
}

function instructions(xml: string): string[] {
  return descendants(parseXml(xml), "w:instrText").map((element) => element.text.trim());
}

/** What a reader sees in mammoth's HTML, one line per block or break. */
async function mammothText(docx: Buffer): Promise<string> {
  const result = await mammoth.convertToHtml({ buffer: docx });
  expect(result.messages.filter((message) => message.type === "error")).toEqual([]);
  return result.value
    .replace(/<br \/>|<\/(p|h\d|li|td)>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

function expectInOrder(text: string, expected: readonly string[]) {
  let from = 0;
  for (const piece of expected) {
    const at = text.indexOf(piece, from);
    expect(at, `"${piece}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + piece.length;
  }
}

const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex -- looking for the characters XML 1.0 cannot hold
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectWellFormed(name: string, xml: string) {
  expect(XMLValidator.validate(xml), name).toBe(true);
  expect(NOT_XML_CHAR.test(xml), `${name} holds a character XML 1.0 cannot`).toBe(false);
}

// ---------------------------------------------------------------------------------------------
// Tests

test("mammoth reads the Swedish appendix: title page, contents, sections with numbers, requirements in order", async () => {
  const docx = await writeSetDocx(exchangeSet(), "sv");
  const text = await mammothText(docx);
  expectInOrder(text, [
    "Bilaga kravspecifikation",
    "Vårdinformationssystem 2026",
    "Region Örebro län",
    "Sussa samverkan",
    "Dnr RS 2026/0412",
    "Baslinje 1.0",
    "Godkänd",
    "Innehåll",
    "Läsanvisning",
    "Övergripande krav",
    "KV-001\tReferensuppdrag",
    "Ska-krav",
    "Kvalificeringskrav",
    "Verifieringsmetod:\tReferenstagning",
    "Leverantören ska ha minst två referensinstallationer",
    "Motiv: Visar att leverantören klarar",
    "1 Informationssäkerhet",
    "IS-001\tCertifierat ledningssystem",
    "Standarder:\tISO/IEC 27001:2022",
    "Motiv: Patientuppgifter",
    "1.1 Behörighet & loggning (PDL)",
    "BL-002\tLoggars innehåll",
    "Loggar ska visa användare, patient, åtgärd och tidpunkt.\nDe ska sparas i minst fem år.",
    "1.1.1 Logguppföljning",
    "BL-003\tRiskbaserad logguppföljning",
    "Bör-krav",
    "Tilldelningskriterium",
    "Viktning:\t40",
    "avvikande åtkomstmönster",
    "nödåtkomst",
    "Beskriv lösningen.",
    "Motiv: Manuell logguppföljning",
    "2 Drift",
    "DR-001\tTillgänglighet",
    "Särskilt kontraktsvillkor",
    "Avtalsuppföljning",
  ]);
  // The ska-krav BL-002 carries a weight, which means nothing for a ska-krav and is not printed.
  expect(text.match(/Viktning/g)).toHaveLength(1);
});

test("the English appendix uses English words throughout", async () => {
  const docx = await writeSetDocx(exchangeSet(), "en");
  const text = await mammothText(docx);
  expectInOrder(text, [
    "Requirements specification (tender appendix)",
    "Vårdinformationssystem 2026",
    "Baseline established:",
    "Approved",
    "Contents",
    "How to read this specification",
    "General requirements",
    "KV-001\tReferensuppdrag",
    "Mandatory (ska)",
    "Qualification requirement",
    "Verification method:\tReference check",
    "Rationale: Visar",
    "1 Informationssäkerhet",
    "Evaluated (bör)",
    "Award criterion",
    "Weight:\t40",
  ]);
  for (const swedish of ["Bilaga", "Verifieringsmetod", "Motiv:", "Kravtyp", "Ska-krav", "Övergripande", "Innehåll"]) {
    expect(text).not.toContain(swedish);
  }
  const footer = part(await parts(docx), "word/footer1.xml");
  expect(bodyParagraphs(footer).map(paragraphText).join("")).toBe("Page 1 of 1");
});

test("every part is well-formed XML (libxml2 and fast-xml-parser), declared in [Content_Types].xml and reachable by a relationship", async () => {
  const all = await parts(await writeSetDocx(exchangeSet(), "sv"));
  const lint = await validateXML({
    xml: [...all].map(([name, contents]) => ({ fileName: name.replace(/[^\w.]/g, "_"), contents })),
    normalization: "format",
  });
  expect(lint.errors.map((error) => error.rawMessage)).toEqual([]);
  for (const [name, xml] of all) expectWellFormed(name, xml);

  const types = parseXml(part(all, "[Content_Types].xml"));
  const overrides = descendants(types, "Override").map((element) => element.attributes["PartName"]);
  for (const name of all.keys()) {
    if (name.endsWith(".rels") || name === "[Content_Types].xml") continue;
    expect(overrides, name).toContain(`/${name}`);
  }
  for (const override of overrides) expect(all.has(String(override).slice(1)), override).toBe(true);

  const targets = [
    ...descendants(parseXml(part(all, "_rels/.rels")), "Relationship").map((rel) => rel.attributes["Target"]),
    ...descendants(parseXml(part(all, "word/_rels/document.xml.rels")), "Relationship").map(
      (rel) => `word/${rel.attributes["Target"]}`,
    ),
  ];
  expect(new Set(targets)).toEqual(
    new Set([...all.keys()].filter((name) => !name.endsWith(".rels") && !name.startsWith("["))),
  );
  // The ids the section properties point at are the relationships to the header and footer.
  const documentRels = descendants(parseXml(part(all, "word/_rels/document.xml.rels")), "Relationship");
  const sectPr = descendants(parseXml(part(all, "word/document.xml")), "w:sectPr")[0];
  if (!sectPr) throw new Error("no sectPr");
  for (const [reference, target] of [
    ["w:headerReference", "header1.xml"],
    ["w:footerReference", "footer1.xml"],
  ] as const) {
    const id = descendants(sectPr, reference)[0]?.attributes["r:id"];
    expect(documentRels.find((rel) => rel.attributes["Id"] === id)?.attributes["Target"]).toBe(target);
  }
});

test("the page is A4 portrait with margins, and the title page has no header or footer", async () => {
  const all = await parts(await writeSetDocx(exchangeSet(), "sv"));
  const sectPr = descendants(parseXml(part(all, "word/document.xml")), "w:sectPr");
  expect(sectPr).toHaveLength(1);
  const [section] = sectPr;
  if (!section) throw new Error("no sectPr");
  const size = descendants(section, "w:pgSz")[0]?.attributes;
  expect(size).toEqual({ "w:w": "11906", "w:h": "16838" });
  const margins = descendants(section, "w:pgMar")[0]?.attributes ?? {};
  for (const side of ["w:top", "w:right", "w:bottom", "w:left"])
    expect(Number(margins[side])).toBeGreaterThanOrEqual(1134);
  expect(descendants(section, "w:titlePg")).toHaveLength(1);
});

test("a real table of contents field that Word fills on opening", async () => {
  const all = await parts(await writeSetDocx(exchangeSet(), "sv"));
  const documentXml = part(all, "word/document.xml");
  expect(instructions(documentXml)).toContain('TOC \\o "1-3" \\h \\z \\u');
  const paragraphs = bodyParagraphs(documentXml);
  const tocParagraph = paragraphs.find((paragraph) => descendants(paragraph, "w:instrText").length > 0);
  if (!tocParagraph) throw new Error("no TOC paragraph");
  expect(descendants(tocParagraph, "w:fldChar").map((element) => element.attributes["w:fldCharType"])).toEqual([
    "begin",
    "separate",
    "end",
  ]);
  expect(paragraphText(tocParagraph)).toContain("Uppdatera fält");
  const settings = parseXml(part(all, "word/settings.xml"));
  expect(descendants(settings, "w:updateFields")[0]?.attributes["w:val"]).toBe("true");
});

test("header shows the set title and version; footer counts pages with PAGE and NUMPAGES fields", async () => {
  const all = await parts(await writeSetDocx(exchangeSet(), "sv"));
  const header = part(all, "word/header1.xml");
  expect(bodyParagraphs(header).map(paragraphText).join("")).toBe("Vårdinformationssystem 2026\tBaslinje 1.0");
  const footer = part(all, "word/footer1.xml");
  expect(instructions(footer)).toEqual(["PAGE", "NUMPAGES"]);
  expect(bodyParagraphs(footer).map(paragraphText).join("")).toBe("Sida 1 av 1");
});

test("sections are headings by depth with their chapter numbers; styles define Heading1–6 with outline levels", async () => {
  const sections: ExchangeSection[] = [{ id: "d1", parentId: null, title: "Nivå 1" }];
  for (let depth = 2; depth <= 7; depth++)
    sections.push({ id: `d${depth}`, parentId: `d${depth - 1}`, title: `Nivå ${depth}` });
  sections.push({ id: "e1", parentId: null, title: "Andra kapitlet" });
  const requirements = sections.map((section, index) =>
    requirement({ id: `r${index}`, ref: `JF-${index}`, sectionId: section.id }),
  );
  const all = await parts(await writeSetDocx(exchangeSet({ sections, requirements }), "sv"));
  const headings = bodyParagraphs(part(all, "word/document.xml"))
    .filter((paragraph) => /^Heading\d$/.test(paragraphStyle(paragraph) ?? ""))
    .map((paragraph) => [paragraphStyle(paragraph), paragraphText(paragraph)]);
  expect(headings).toEqual([
    ["Heading1", "Läsanvisning"],
    ["Heading1", "1 Nivå 1"],
    ["Heading2", "1.1 Nivå 2"],
    ["Heading3", "1.1.1 Nivå 3"],
    ["Heading4", "1.1.1.1 Nivå 4"],
    ["Heading5", "1.1.1.1.1 Nivå 5"],
    ["Heading6", "1.1.1.1.1.1 Nivå 6"],
    // Word has six heading levels; deeper sections stay at the sixth but keep their number.
    ["Heading6", "1.1.1.1.1.1.1 Nivå 7"],
    ["Heading1", "2 Andra kapitlet"],
  ]);

  const styles = parseXml(part(all, "word/styles.xml"));
  const byId = new Map(descendants(styles, "w:style").map((style) => [style.attributes["w:styleId"], style]));
  for (let level = 1; level <= 6; level++) {
    const style = byId.get(`Heading${level}`);
    if (!style) throw new Error(`no Heading${level}`);
    expect(descendants(style, "w:name")[0]?.attributes["w:val"]).toBe(`heading ${level}`);
    expect(descendants(style, "w:outlineLvl")[0]?.attributes["w:val"]).toBe(String(level - 1));
  }
  for (const id of ["Normal", "Title", "Subtitle", "TOC1", "TOC2", "TOC3", "TOCHeading", "Header", "Footer"]) {
    expect(byId.has(id), id).toBe(true);
  }
  expect(
    [...byId.values()].some(
      (style) => style.attributes["w:type"] === "table" && style.attributes["w:customStyle"] === "1",
    ),
  ).toBe(true);
  const fonts = descendants(styles, "w:rFonts").map((element) => element.attributes["w:ascii"]);
  expect(new Set(fonts)).toEqual(new Set(["Calibri"]));
});

test("the title page names the baseline and its date, or says it is the working version with the export date", async () => {
  const titlePage = async (set: ExchangeSet, language: "sv" | "en") => {
    const all = await parts(await writeSetDocx(set, language));
    const paragraphs = bodyParagraphs(part(all, "word/document.xml"));
    const end = paragraphs.findIndex((paragraph) => paragraphStyle(paragraph) === "TOCHeading");
    return paragraphs.slice(0, end).map(paragraphText);
  };
  const withBaseline = await titlePage(exchangeSet(), "sv");
  expect(withBaseline).toContain("Version:\tBaslinje 1.0");
  expect(withBaseline).toContain(`Baslinjen fastställd:\t${formatDate("sv", BASELINE_CREATED)}`);
  expect(formatDate("sv", BASELINE_CREATED)).toBe("12 maj 2026");
  expect(withBaseline.join("\n")).not.toContain("Arbetsversion");

  const working = await titlePage(
    exchangeSet({ set: { baseline: null, procurementReference: "", collaborationName: null } }),
    "sv",
  );
  expect(working).toContain("Version:\tArbetsversion (inte fastställd som baslinje)");
  expect(working).toContain(`Exporterad:\t${formatDate("sv", EXPORTED)}`);
  expect(working.join("\n")).not.toContain("Upphandlingens referens");
  expect(working.join("\n")).not.toContain("Samverkan");

  const english = await titlePage(exchangeSet(), "en");
  expect(english).toContain(`Baseline established:\t${formatDate("en", BASELINE_CREATED)}`);
});

test("markup characters are escaped, control characters dropped, and text otherwise kept exactly", async () => {
  const odd = "A & B <C> \"D\" 'E'";
  const set = exchangeSet({
    set: { title: `Upphandling ${odd}`, ownerRegionName: "Region Jönköpings län & co" },
    sections: [{ id: "s", parentId: null, title: `Kapitel ${odd}` }],
    requirements: [
      requirement({
        id: "r1",
        sectionId: "s",
        ref: "IS-<1>",
        title: `  Två  mellanslag åäö ÅÄÖ ${odd}  `,
        text: `Text\u0000 med\u0001\u0008\u000B\u000C\u001F styrtecken\uFFFE\uFFFF och \uD800ensam surrogat, emoji 🏥 & ${odd}`,
        rationale: "Motiv med </w:t></w:r> försök att bryta sig ut",
      }),
    ],
  });
  const docx = await writeSetDocx(set, "sv");
  const all = await parts(docx);
  for (const [name, xml] of all) expectWellFormed(name, xml);
  const lint = await validateXML({
    xml: { fileName: "document.xml", contents: part(all, "word/document.xml") },
    normalization: "format",
  });
  expect(lint.errors.map((error) => error.rawMessage)).toEqual([]);

  const texts = bodyParagraphs(part(all, "word/document.xml")).map(paragraphText);
  expect(texts).toContain(`IS-<1>\t  Två  mellanslag åäö ÅÄÖ ${odd}  `);
  expect(texts).toContain(`1 Kapitel ${odd}`);
  expect(texts).toContain(`Text med styrtecken och ensam surrogat, emoji 🏥 & ${odd}`);
  expect(texts).toContain("Motiv: Motiv med </w:t></w:r> försök att bryta sig ut");
  expect(texts).toContain(`Upphandling ${odd}`);
  // Leading, trailing and repeated spaces survive only with xml:space="preserve".
  const spaced = descendants(parseXml(part(all, "word/document.xml")), "w:t").find((element) =>
    element.text.startsWith("  Två"),
  );
  expect(spaced?.attributes["xml:space"]).toBe("preserve");

  const core = parseXml(part(all, "docProps/core.xml"));
  expect(descendants(core, "dc:title")[0]?.text).toBe(`Upphandling ${odd}`);
  expect(await mammothText(docx)).toContain(`Upphandling ${odd}`);
});

test("requirement text keeps its paragraphs, line breaks and bullet lists", async () => {
  const text =
    "Första stycket.\nRad två i samma stycke.\n\n   \nAndra stycket:\n- punkt ett\n* punkt två\n  - underpunkt\n\nTabb\tefter.";
  const set = exchangeSet({
    sections: [],
    requirements: [requirement({ id: "r", ref: "JF-001", text, rationale: "- motiv i punktform\nmer motiv" })],
  });
  const docx = await writeSetDocx(set, "sv");
  const paragraphs = bodyParagraphs(part(await parts(docx), "word/document.xml"));
  const start = paragraphs.findIndex(
    (paragraph) => paragraphText(paragraph) === "Första stycket.\nRad två i samma stycke.",
  );
  expect(start).toBeGreaterThan(0);
  const following = paragraphs.slice(start, start + 10).map((paragraph) => ({
    text: paragraphText(paragraph),
    level: descendants(paragraph, "w:ilvl")[0]?.attributes["w:val"],
  }));
  expect(following).toEqual([
    { text: "Första stycket.\nRad två i samma stycke.", level: undefined },
    { text: "Andra stycket:", level: undefined },
    { text: "punkt ett", level: "0" },
    { text: "punkt två", level: "0" },
    { text: "underpunkt", level: "1" },
    { text: "Tabb\tefter.", level: undefined },
    { text: "Motiv: ", level: undefined },
    { text: "motiv i punktform", level: "0" },
    { text: "mer motiv", level: undefined },
    { text: "", level: undefined },
  ]);
  const html = (await mammoth.convertToHtml({ buffer: docx })).value;
  expect(html).toContain("<ul><li>punkt ett</li><li>punkt två<ul><li>underpunkt</li></ul></li></ul>");
  expect(html).toContain("Första stycket.<br />Rad två i samma stycke.");
});

test("ska-krav stand out: a shaded cell in bold capitals; bör-krav show their weight", async () => {
  const all = await parts(await writeSetDocx(exchangeSet(), "sv"));
  const cells = descendants(parseXml(part(all, "word/document.xml")), "w:tc");
  const markCells = cells.filter((cell) =>
    ["ReqSka", "ReqBor"].includes(descendants(cell, "w:pStyle")[0]?.attributes["w:val"] ?? ""),
  );
  expect(markCells.map((cell) => [paragraphText(cell), descendants(cell, "w:shd")[0]?.attributes["w:fill"]])).toEqual([
    ["Ska-krav", "D9D9D9"],
    ["Ska-krav", "D9D9D9"],
    ["Ska-krav", "D9D9D9"],
    ["Bör-krav", undefined],
    ["Ska-krav", "D9D9D9"],
  ]);
  const styles = new Map(
    descendants(parseXml(part(all, "word/styles.xml")), "w:style").map((style) => [
      style.attributes["w:styleId"],
      style,
    ]),
  );
  const ska = styles.get("ReqSka");
  if (!ska) throw new Error("no ReqSka style");
  expect(descendants(ska, "w:b")).toHaveLength(1);
  expect(descendants(ska, "w:caps")).toHaveLength(1);
  const bor = styles.get("ReqBor");
  if (!bor) throw new Error("no ReqBor style");
  expect(descendants(bor, "w:b")).toHaveLength(0);
});

test("requirements of a missing section are kept with the general ones; an empty set says it has no requirements", async () => {
  const orphan = requirement({ id: "o", ref: "JF-404", title: "Föräldralöst krav", sectionId: "finns-inte" });
  const withOrphan = await mammothText(
    await writeSetDocx(exchangeSet({ requirements: [orphan, ...exchangeSet().requirements] }), "sv"),
  );
  expectInOrder(withOrphan, ["Övergripande krav", "JF-404\tFöräldralöst krav", "KV-001", "1 Informationssäkerhet"]);

  const noSections = await mammothText(await writeSetDocx(exchangeSet({ sections: [], requirements: [orphan] }), "sv"));
  expectInOrder(noSections, ["Läsanvisning", "\nKrav\n", "JF-404"]);
  expect(noSections).not.toContain("Övergripande krav");

  const empty = await writeSetDocx(exchangeSet({ sections: [], requirements: [] }), "sv");
  const all = await parts(empty);
  for (const [name, xml] of all) expectWellFormed(name, xml);
  expect(await mammothText(empty)).toContain("Kravspecifikationen innehåller inga krav.");
});

test("document properties: title, creator Samkrav, creation time; the same set gives the same bytes", async () => {
  const set = exchangeSet();
  const docx = await writeSetDocx(set, "sv");
  const core = parseXml(part(await parts(docx), "docProps/core.xml"));
  expect(descendants(core, "dc:title")[0]?.text).toBe("Vårdinformationssystem 2026");
  expect(descendants(core, "dc:creator")[0]?.text).toBe("Samkrav");
  expect(descendants(core, "dcterms:created")[0]?.text).toBe("2026-06-01T12:00:00Z");
  expect(descendants(core, "dcterms:created")[0]?.attributes["xsi:type"]).toBe("dcterms:W3CDTF");
  expect((await writeSetDocx(set, "sv")).equals(docx)).toBe(true);
});

// ---------------------------------------------------------------------------------------------
// Property: whatever the content, the document is well-formed and shows every ref and title.

const TEXT_PIECES = [
  "a",
  "krav",
  " ",
  "  ",
  "å",
  "Ä",
  "ö",
  "É",
  "ß",
  "€",
  "&",
  "<",
  ">",
  '"',
  "'",
  "&amp;",
  "]]>",
  "<w:t>",
  "\t",
  "\n",
  "\r\n",
  "\r",
  "\n\n",
  "- ",
  "* ",
  "  - ",
  "\u0000",
  "\u0001",
  "\u000B",
  "\u001F",
  "\u007F",
  "\u00A0",
  "\u200B",
  "\uFFFE",
  "\uD800",
  "\uDC00",
  "🏥",
  "{page}",
];
const oddText = fc.string({ unit: fc.constantFrom(...TEXT_PIECES), maxLength: 12 });

const sectionsArbitrary = fc.integer({ min: 0, max: 8 }).chain((count) =>
  fc
    .tuple(...Array.from({ length: count }, (_, index) => fc.tuple(fc.nat({ max: index }), fc.boolean(), oddText)))
    .map((specs) =>
      specs.map(([parentIndex, topLevel, title], index): ExchangeSection => ({
        id: `s${index}`,
        // Parents come before their children, as in the pre-order list an export holds.
        parentId: topLevel || index === 0 ? null : `s${parentIndex}`,
        title,
      })),
    ),
);

const setArbitrary = sectionsArbitrary.chain((sections) =>
  fc
    .array(
      fc.record({
        sectionIndex: fc.option(fc.nat({ max: Math.max(sections.length - 1, 0) }), { nil: null }),
        ref: oddText,
        title: oddText,
        text: oddText,
        rationale: oddText,
        obligation: fc.constantFrom<Obligation>(...OBLIGATIONS),
        type: fc.constantFrom(...REQUIREMENT_TYPES),
        area: fc.constantFrom(...AREAS),
        verification: fc.constantFrom(...VERIFICATION_METHODS),
        weight: fc.option(fc.nat({ max: 1000 }), { nil: null }),
        ambition: fc.option(fc.constantFrom(...AMBITION_LEVELS), { nil: null }),
        linkedStandards: fc.array(oddText, { maxLength: 2 }),
      }),
      { maxLength: 12 },
    )
    .chain((rows) =>
      fc
        .record({
          title: oddText,
          description: oddText,
          procurementReference: oddText,
          ownerRegionName: oddText,
          collaborationName: fc.option(oddText, { nil: null }),
          status: fc.constantFrom(...SET_STATUSES),
          baseline: fc.option(
            fc.record({ id: fc.constant("b"), name: oddText, createdAt: fc.constant(BASELINE_CREATED) }),
            {
              nil: null,
            },
          ),
        })
        .map((info): ExchangeSet => {
          const base = exchangeSet();
          return {
            ...base,
            set: { ...base.set, ...info },
            sections,
            requirements: rows.map(({ sectionIndex, ...row }, index) =>
              requirement({
                ...row,
                id: `r${index}`,
                sectionId: sectionIndex === null || sections.length === 0 ? null : `s${sectionIndex}`,
              }),
            ),
          };
        }),
    ),
);

/** What survives of a string in the document, compared without whitespace (mammoth's raw text drops breaks). */
function visible(text: string): string {
  return text.replace(new RegExp(NOT_XML_CHAR.source, "g"), "").replace(/\s+/g, "");
}

test("property: any set gives well-formed parts whose text holds every ref and title", async () => {
  await fc.assert(
    fc.asyncProperty(setArbitrary, fc.constantFrom<"sv" | "en">("sv", "en"), async (set, language) => {
      const docx = await writeSetDocx(set, language);
      const all = await parts(docx);
      for (const [name, xml] of all) expectWellFormed(name, xml);
      const raw = visible((await mammoth.extractRawText({ buffer: docx })).value);
      for (const item of set.requirements) {
        expect(raw).toContain(visible(item.ref));
        expect(raw).toContain(visible(item.title));
      }
      for (const section of set.sections) expect(raw).toContain(visible(section.title));
    }),
    { numRuns: 60 },
  );
});
