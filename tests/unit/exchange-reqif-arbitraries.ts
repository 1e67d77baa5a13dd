import fc from "fast-check";

import type { ExchangeRequirement, ExchangeSection, ExchangeSet } from "~/exchange/exchange-set";
import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
} from "~/utils/requirement-fields";

import { exchangeSet } from "./exchange-reqif-support";

/**
 * Random requirement sets for the ReqIF property tests: nested sections, every field value,
 * Swedish and odd characters (XML-forbidden controls, markup, markdown, entities), long texts,
 * empty optional fields and imported attributes with awkward names.
 */

const TRICKY = [
  "\u0001",
  "\u0008",
  "\u000B",
  "\u000C",
  "\u001B",
  "\u001F",
  "\uFFFD",
  "\uFFFE",
  "\uFFFF",
  "\t",
  "\n",
  "\r",
  "\r\n",
  " ",
  "  ",
  "\u00A0",
  "\u2028",
  "<b>",
  "</p>",
  "<script>alert(1)</script>",
  "&amp;",
  "&#10;",
  "&lt;",
  "]]>",
  '"',
  "'",
  "*",
  "_",
  "**",
  "`",
  "#",
  "- ",
  "1. ",
  "1) ",
  "> ",
  "|",
  "\\",
  "[x](javascript:alert(1))",
  "[länk](https://example.se/a?b=1&c=2)",
  "![bild](http://example.se/y.png)",
  "<https://example.se>",
  "[x](https://example.se/%zz#a#b)",
  "<http://1.2.3.4/[x]>",
  "---",
  "```",
  "~~~",
  "åäö",
  "ÅÄÖ",
  "é",
  "😀",
  "🇸🇪",
  "\u200B",
  "\uFEFF",
  "U+0001",
  "\uFFFDU+0001",
  "\uFFFD\uFFFD",
  "Ska",
  "JF-1",
  "__proto__",
];

/** Without NUL and lone surrogates, which the database never holds. */
function storable(value: string): string {
  return value
    .split("\u0000")
    .join("")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
}

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);

export const oddText = fc.array(piece, { maxLength: 20 }).map((pieces) => storable(pieces.join("")));

const MARKDOWN_LINES = [
  "",
  "Leverantören ska leverera.",
  "Text med **fetstil** och *kursiv* och `kod`.",
  "- punkt",
  "  - underpunkt",
  "* stjärnpunkt",
  "1. numrerad",
  "2) numrerad",
  "# Rubrik",
  "### Underrubrik ###",
  "> citat",
  "```",
  "    indraget",
  "rad med hård brytning  ",
  "Se [länk](https://example.se/x_(y)) och <mailto:a@b.se>.",
  "| a | b |",
  "***",
];

export const markdownText = fc
  .array(fc.oneof(fc.constantFrom(...MARKDOWN_LINES), oddText), { maxLength: 12 })
  .map((lines) => lines.join("\n"));

const longText = fc
  .tuple(fc.string({ unit: "grapheme", minLength: 2000, maxLength: 4000 }), oddText)
  .map(([long, odd]) => storable(`${long}${odd}`));

const requirementText = fc.oneof(
  { weight: 3, arbitrary: oddText },
  { weight: 3, arbitrary: markdownText },
  { weight: 1, arbitrary: longText },
);

/** Tags as the form makes them: non-empty, trimmed, no commas, no duplicates. */
const tag = oddText.filter((value) => value !== "" && value === value.trim() && !value.includes(","));

const requirementInput = fc.record({
  section: fc.nat(),
  ref: oddText,
  title: oddText,
  text: requirementText,
  obligation: fc.constantFrom(...OBLIGATIONS),
  type: fc.constantFrom(...REQUIREMENT_TYPES),
  area: fc.constantFrom(...AREAS),
  rationale: fc.oneof(oddText, markdownText),
  verification: fc.constantFrom(...VERIFICATION_METHODS),
  weight: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  ambition: fc.option(fc.constantFrom(...AMBITION_LEVELS), { nil: null }),
  tags: fc.uniqueArray(tag, { maxLength: 4 }),
  version: fc.integer({ min: 1, max: 1_000_000 }),
  linkedStandards: fc.array(oddText, { maxLength: 2 }),
  source: oddText,
  importedAttributes: fc
    .array(
      fc.tuple(
        fc.oneof(
          oddText,
          fc.constantFrom("ReqIF.Text", "ReqIF.ChapterName", "Samkrav.Obligation", "Samkrav.TextSource"),
        ),
        oddText,
      ),
      { maxLength: 4 },
    )
    .map((entries) => Object.fromEntries(entries)),
});

const MAX_SECTIONS = 7;
const MAX_REQUIREMENTS = 10;

export const exchangeSetArbitrary: fc.Arbitrary<ExchangeSet> = fc
  .record({
    title: oddText,
    description: oddText,
    sections: fc.array(fc.record({ parent: fc.nat(), title: oddText }), { maxLength: MAX_SECTIONS }),
    requirements: fc.array(requirementInput, { maxLength: MAX_REQUIREMENTS }),
    ids: fc.uniqueArray(fc.uuid(), {
      minLength: MAX_SECTIONS + MAX_REQUIREMENTS + 1,
      maxLength: MAX_SECTIONS + MAX_REQUIREMENTS + 1,
    }),
  })
  .map(({ title, description, sections: sectionInputs, requirements: requirementInputs, ids }) => {
    const id = (index: number) => ids[index] ?? "";
    // Section i hangs under an earlier section (or the top), then the list is put in pre-order.
    const parentOf = sectionInputs.map((input, index) => (input.parent % (index + 1)) - 1);
    const order: number[] = [];
    const visit = (parent: number) =>
      parentOf.forEach((candidate, index) => {
        if (candidate !== parent) return;
        order.push(index);
        visit(index);
      });
    visit(-1);
    const sections: ExchangeSection[] = order.map((index) => ({
      id: id(index),
      parentId: (parentOf[index] ?? -1) >= 0 ? id(parentOf[index] ?? 0) : null,
      title: sectionInputs[index]?.title ?? "",
    }));
    const all: ExchangeRequirement[] = requirementInputs.map(({ section, ...fields }, index) => {
      const sectionIndex = (section % (sectionInputs.length + 1)) - 1;
      return {
        ...fields,
        id: id(MAX_SECTIONS + index),
        sectionId: sectionIndex >= 0 ? id(sectionIndex) : null,
      };
    });
    // Reading order: requirements outside sections first, then section by section in tree order.
    const requirements = [null, ...sections.map((item) => item.id)].flatMap((sectionId) =>
      all.filter((item) => item.sectionId === sectionId),
    );
    return exchangeSet({ sections, requirements }, { id: id(MAX_SECTIONS + MAX_REQUIREMENTS), title, description });
  });
