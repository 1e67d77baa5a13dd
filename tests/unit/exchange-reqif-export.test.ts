import fc from "fast-check";
import { describe, expect, test } from "vitest";

import type { ExchangeSet } from "~/exchange/exchange-set";
import { parseXml, childElements, descend, type XmlElement } from "~/exchange/reqif-xml";
import { writeSetReqif, writeSetReqifz } from "~/exchange/reqif.server";
import { readZip } from "~/exchange/zip.server";
import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
} from "~/utils/requirement-fields";

import { exchangeSet, requirement, section, uuid, validateReqif } from "./exchange-reqif-support";
import { exchangeSetArbitrary, markdownText } from "./exchange-reqif-arbitraries";

/** Property runs validate or parse many files; generous, so a slow machine does not fail them. */
const PROPERTY_TIMEOUT = 180_000;

const ODD_TEXT =
  "  inledande blanksteg,  dubbla  och\ttabb\r\nCRLF\rCR\n\n\n<b>inte fet</b> & &amp; ]]> \"citat\" 'apostrof' " +
  "åäö ÅÄÖ é ü 😀 🇸🇪 \u200B\uFEFF\u00A0 kontrolltecken \u0001\u0008\u000B\u000C\u001B\u001F \uFFFD \uFFFE\uFFFF U+0001 ";

const MARKDOWN_TEXT = [
  "# Rubrik i texten",
  "Leverantören **ska** uppfylla *alla* krav i [bilagan](https://example.se/bilaga?a=1&b=2).",
  "",
  "- punkt",
  "  - underpunkt med `kod`",
  "1. numrerad",
  "",
  "> citat",
  "",
  "```",
  "<xml> & kod",
  "```",
  "---",
  "![bild](http://example.se/bild.png) [farlig](javascript:alert(1)) <https://example.se/auto>",
  // Targets the URL parser accepts but XHTML's URI type does not, until they are encoded.
  "[a](https://example.se/%zz) [b](http://a:b@c:8080/d;e?f#g#h) [c](http://1.2.3.4/[x]) <https://example.se/%>",
  '[d](https://example.se/ä?ö=å#ü) [e](<https://example.se/{x} y>) [f](mailto:a@b.se) [g](https://e.se/"q")',
].join("\n");

/** Every value of every enumeration appears at least once; sections nest three levels deep. */
function setWithEverything(): ExchangeSet {
  const enumerated = Math.max(
    OBLIGATIONS.length,
    REQUIREMENT_TYPES.length,
    AREAS.length,
    VERIFICATION_METHODS.length,
    AMBITION_LEVELS.length,
  );
  const sections = [
    section(1, { title: "Säkerhet" }),
    section(2, { parentId: uuid(1), title: "Behörighet & loggning" }),
    section(3, { parentId: uuid(2), title: "Spårbarhet <PDL>" }),
    section(4, { title: "Tomt avsnitt" }),
  ];
  const requirements = Array.from({ length: enumerated }, (_, index) =>
    requirement(100 + index, {
      sectionId: [null, uuid(1), uuid(2), uuid(3)][index % 4] ?? null,
      obligation: OBLIGATIONS[index % OBLIGATIONS.length],
      type: REQUIREMENT_TYPES[index % REQUIREMENT_TYPES.length],
      area: AREAS[index % AREAS.length],
      verification: VERIFICATION_METHODS[index % VERIFICATION_METHODS.length],
      ambition: index % 4 === 3 ? null : AMBITION_LEVELS[index % AMBITION_LEVELS.length],
      weight: index % 2 === 1 ? index * 10 : null,
      tags: index % 3 === 0 ? ["säkerhet", "pdl"] : [],
      rationale: index % 2 === 0 ? "Motiv med **markdown**." : "",
      linkedStandards: index === 0 ? ["HSLF-FS 2016:40", "ISO 27001"] : [],
      source: index === 1 ? "Kopierat från Region Syd IS-004, version 3" : "",
      importedAttributes:
        index === 2 ? { Prioritet: "Hög", "ReqIF.Text": "krockar med ett eget namn", "": "tom nyckel" } : {},
    }),
  ).sort((a, b) => {
    const order = [null, uuid(1), uuid(2), uuid(3)];
    return order.indexOf(a.sectionId) - order.indexOf(b.sectionId);
  });
  return exchangeSet({ sections, requirements });
}

function specObjects(xml: string): XmlElement[] {
  return childElements(descend(parseXml(xml), "CORE-CONTENT", "REQ-IF-CONTENT", "SPEC-OBJECTS"), "SPEC-OBJECT");
}

describe("ReqIF export", () => {
  test.each([
    ["an empty set", () => exchangeSet()],
    ["nested sections with every enumeration value", setWithEverything],
    [
      "odd characters everywhere",
      () =>
        exchangeSet(
          {
            sections: [section(1, { title: ODD_TEXT })],
            requirements: [
              requirement(10, {
                sectionId: uuid(1),
                ref: ODD_TEXT,
                title: ODD_TEXT,
                text: ODD_TEXT,
                rationale: ODD_TEXT,
                tags: ["åäö", "<tag>"],
                source: ODD_TEXT,
                linkedStandards: [ODD_TEXT],
                importedAttributes: { [ODD_TEXT]: ODD_TEXT },
              }),
              requirement(11, { sectionId: uuid(1), text: MARKDOWN_TEXT }),
              requirement(12, { sectionId: uuid(1), text: "" }),
            ],
          },
          { title: ODD_TEXT, description: ODD_TEXT },
        ),
    ],
    [
      "a baseline in English",
      () =>
        exchangeSet(
          { requirements: [requirement(1, { text: "x".repeat(150_000) })] },
          { baseline: { id: uuid(9), name: "Fastställd", createdAt: "2026-11-30 14:05:00+01" } },
        ),
    ],
  ])("%s is valid against the ReqIF 1.2 schema", async (_name, build) => {
    const result = await validateReqif(writeSetReqif(build(), "en"));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test(
    "random sets are valid against the schema",
    async () => {
      await fc.assert(
        fc.asyncProperty(exchangeSetArbitrary, async (set) => {
          const result = await validateReqif(writeSetReqif(set, "sv"));
          expect(result.errors).toEqual([]);
        }),
        { numRuns: 12 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  test(
    "random markdown renders as XHTML the schema accepts",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(markdownText, { minLength: 30, maxLength: 30 }), async (texts) => {
          const set = exchangeSet({ requirements: texts.map((text, index) => requirement(index + 1, { text })) });
          const result = await validateReqif(writeSetReqif(set, "sv"));
          expect(result.errors).toEqual([]);
        }),
        { numRuns: 10 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  test("has the header, one specification and the prostep and Samkrav attribute names", () => {
    const xml = writeSetReqif(setWithEverything(), "sv");
    const root = parseXml(xml);
    const header = descend(root, "THE-HEADER", "REQ-IF-HEADER");
    const text = (name: string) => (header ? descend(header, name)?.children.join("") : undefined);
    expect(text("REQ-IF-VERSION")).toBe("1.0");
    expect(text("SOURCE-TOOL-ID")).toBe("Samkrav");
    expect(text("REQ-IF-TOOL-ID")).toBe("Samkrav");
    expect(text("TITLE")).toBe("Journalsystem 2027");
    expect(text("CREATION-TIME")).toBe("2026-12-02T10:00:00.000Z");
    const specifications = childElements(descend(root, "CORE-CONTENT", "REQ-IF-CONTENT", "SPECIFICATIONS"));
    expect(specifications).toHaveLength(1);
    for (const name of [
      "ReqIF.ForeignID",
      "ReqIF.Name",
      "ReqIF.Text",
      "ReqIF.ChapterName",
      "Samkrav.Obligation",
      "Samkrav.Type",
      "Samkrav.Area",
      "Samkrav.Verification",
      "Samkrav.Ambition",
      "Samkrav.Weight",
      "Samkrav.Rationale",
      "Samkrav.Tags",
      "Samkrav.Version",
      "Samkrav.LinkedStandards",
      "Samkrav.Source",
    ]) {
      expect(xml).toContain(`LONG-NAME="${name}"`);
    }
    expect(xml).toMatch(/<ATTRIBUTE-DEFINITION-XHTML [^>]*LONG-NAME="ReqIF.Text"/);
    expect(xml).toMatch(/<ATTRIBUTE-DEFINITION-ENUMERATION [^>]*LONG-NAME="Samkrav.Obligation" MULTI-VALUED="false"/);
    expect(xml).toMatch(/<ATTRIBUTE-DEFINITION-INTEGER [^>]*LONG-NAME="Samkrav.Weight"/);
    expect(xml).toContain("<THE-VALUE><xhtml:div><xhtml:p>");
    // Every identifiable (all but the header) carries LAST-CHANGE.
    const identifiables = (xml.match(/<[A-Z-]+ [^>]*IDENTIFIER="[^"]*"[^>]*>/g) ?? []).filter(
      (tag) => !tag.startsWith("<REQ-IF-HEADER"),
    );
    expect(identifiables.length).toBeGreaterThan(50);
    expect(identifiables.filter((tag) => !tag.includes("LAST-CHANGE="))).toEqual([]);
  });

  test("sections and requirements are SPEC-OBJECTs named by their UUID, in a hierarchy that mirrors the tree", () => {
    const set = setWithEverything();
    const xml = writeSetReqif(set, "sv");
    expect(specObjects(xml).map((object) => object.attributes.get("IDENTIFIER"))).toEqual([
      ...set.sections.map((item) => `_${item.id}`),
      ...set.requirements.map((item) => `_${item.id}`),
    ]);
    const outline = (element: XmlElement | undefined, depth = 0): string[] =>
      childElements(descend(element, "CHILDREN"), "SPEC-HIERARCHY").flatMap((node) => [
        `${"  ".repeat(depth)}${descend(node, "OBJECT", "SPEC-OBJECT-REF")?.children.join("")}`,
        ...outline(node, depth + 1),
      ]);
    const specification = descend(parseXml(xml), "CORE-CONTENT", "REQ-IF-CONTENT", "SPECIFICATIONS", "SPECIFICATION");
    const inSection = (id: string | null) =>
      set.requirements.filter((item) => item.sectionId === id).map((item) => `_${item.id}`);
    expect(outline(specification)).toEqual([
      ...inSection(null),
      `_${uuid(1)}`,
      ...inSection(uuid(1)).map((ref) => `  ${ref}`),
      `  _${uuid(2)}`,
      ...inSection(uuid(2)).map((ref) => `    ${ref}`),
      `    _${uuid(3)}`,
      ...inSection(uuid(3)).map((ref) => `      ${ref}`),
      `_${uuid(4)}`,
    ]);
  });

  test("two exports of the same set are identical, and a changed requirement changes only its own lines", () => {
    const set = setWithEverything();
    const first = writeSetReqif(set, "sv");
    expect(writeSetReqif(structuredClone(set), "sv")).toBe(first);
    const changed = structuredClone(set);
    const target = changed.requirements[5];
    if (!target) throw new Error("fixture too small");
    target.title = "Ny rubrik";
    const before = first.split("\n");
    const after = writeSetReqif(changed, "sv").split("\n");
    expect(after).toHaveLength(before.length);
    const differing = after.filter((line, index) => line !== before[index]);
    expect(differing).toEqual([expect.stringContaining('THE-VALUE="Ny rubrik"')]);
  });

  test("enumeration values are labelled in the export's language and keep our codes", () => {
    const set = exchangeSet({ requirements: [requirement(1)] });
    const swedish = writeSetReqif(set, "sv");
    const english = writeSetReqif(set, "en");
    expect(swedish).toContain('LONG-NAME="Ska-krav"');
    expect(english).toContain('LONG-NAME="Mandatory (ska)"');
    expect(english).toContain('OTHER-CONTENT="ska"');
    expect(swedish.replace(/LONG-NAME="[^"]*"|DESC="[^"]*"|xml:lang="[a-z]+"/g, "")).toBe(
      english.replace(/LONG-NAME="[^"]*"|DESC="[^"]*"|xml:lang="[a-z]+"/g, ""),
    );
  });

  test("the exact text travels beside the XHTML only when the XHTML cannot give it back", () => {
    const xml = writeSetReqif(
      exchangeSet({
        requirements: [
          requirement(1, { text: "Leverantören ska tillhandahålla support på svenska." }),
          requirement(2, { text: "Leverantören **ska** ha\n\n- support\n- drift" }),
          requirement(3, { text: "Skriv <b> som text" }),
          requirement(4, { text: "dubbla  blanksteg" }),
        ],
      }),
      "sv",
    );
    const hasSource = specObjects(xml).map((object) =>
      childElements(descend(object, "VALUES")).some((value) =>
        descend(value, "DEFINITION")?.children.some(
          (ref) => typeof ref !== "string" && ref.children.join("") === "samkrav-attribute-requirement-text-source",
        ),
      ),
    );
    expect(hasSource).toEqual([false, false, true, true]);
  });

  test("a .reqifz holds the .reqif", async () => {
    const set = setWithEverything();
    const files = await readZip(await writeSetReqifz(set, "sv"));
    expect([...files.keys()]).toEqual(["journalsystem-2027.reqif"]);
    expect(files.get("journalsystem-2027.reqif")?.toString("utf8")).toBe(writeSetReqif(set, "sv"));
  });
});
