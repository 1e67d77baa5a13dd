import fc from "fast-check";

import { EXCHANGE_FORMAT, EXCHANGE_FORMAT_VERSION, type ExchangeSet } from "~/exchange/exchange-set";
import type { ImportedSet } from "~/exchange/imported-set";
import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
} from "~/utils/requirement-fields";

/**
 * Random but valid requirement sets for round-trip properties: nested sections, every enum value,
 * Swedish and odd characters (quotes, delimiters, markup, leading = + - @, newlines, control
 * characters), long texts and empty optional fields. Never NUL or lone surrogates: the database
 * cannot hold them, so no export ever contains them.
 */

const oddPieces = [
  "å",
  "Ä",
  "ö",
  "É",
  "ß",
  ";",
  ",",
  '"',
  "'",
  "<b>",
  "&amp;",
  "=SUM(A1)",
  "+46",
  "-",
  "@",
  "\n",
  "\t",
  "\r\n",
  " ",
  "  ",
  "_x0041_",
  "\u0007",
  "😀",
  "ﬁ",
  "→",
];

const oddText = fc
  .array(fc.oneof(fc.string({ unit: "grapheme-composite", maxLength: 12 }), fc.constantFrom(...oddPieces)), {
    maxLength: 8,
  })
  .map((parts) => parts.join("").replaceAll("\u0000", ""));

/** At most `max` UTF-16 units without cutting a surrogate pair in two. */
export function clip(value: string, max: number): string {
  let clipped = value.slice(0, max);
  if (/[\ud800-\udbff]$/.test(clipped)) clipped = clipped.slice(0, -1);
  return clipped;
}

const nonBlank = (arbitrary: fc.Arbitrary<string>, max: number) =>
  arbitrary.map((value) => clip(value, max)).filter((value) => value.trim().length > 0);

const longText = fc.oneof(
  { weight: 4, arbitrary: nonBlank(oddText, 20_000) },
  { weight: 1, arbitrary: fc.constantFrom("Leverantören ska säkerställa spårbarhet. ".repeat(120)) },
);

const tag = nonBlank(oddText, 40)
  .map((value) => value.replace(/[\r\n]/g, " ").trim())
  .filter((value) => value.length > 0);

export function exchangeSetArbitrary({ maxSections = 6, maxRequirements = 12 } = {}): fc.Arbitrary<ExchangeSet> {
  return fc
    .record({
      sectionCount: fc.integer({ min: 0, max: maxSections }),
      parents: fc.array(fc.nat(), { minLength: maxSections, maxLength: maxSections }),
      sectionIds: fc.uniqueArray(fc.uuid({ version: 4 }), { minLength: maxSections, maxLength: maxSections }),
      sectionTitles: fc.array(nonBlank(oddText, 200), { minLength: maxSections, maxLength: maxSections }),
      requirements: fc.uniqueArray(
        fc.record({
          id: fc.uuid({ version: 4 }),
          sectionPick: fc.nat(),
          refNumber: fc.integer({ min: 1, max: 999 }),
          area: fc.constantFrom(...AREAS),
          title: nonBlank(oddText, 300),
          text: longText,
          obligation: fc.constantFrom(...OBLIGATIONS),
          type: fc.constantFrom(...REQUIREMENT_TYPES),
          rationale: fc.oneof(
            fc.constant(""),
            oddText.map((value) => clip(value, 10_000)),
          ),
          verification: fc.constantFrom(...VERIFICATION_METHODS),
          weight: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
          ambition: fc.option(fc.constantFrom(...AMBITION_LEVELS), { nil: null }),
          tags: fc.uniqueArray(tag, { maxLength: 4 }),
          version: fc.integer({ min: 1, max: 50 }),
          importedAttributes: fc.dictionary(nonBlank(oddText, 40), oddText, { maxKeys: 3 }),
        }),
        { maxLength: maxRequirements, selector: (requirement) => `${requirement.area}-${requirement.refNumber}` },
      ),
    })
    .map(({ sectionCount, parents, sectionIds, sectionTitles, requirements }) => {
      // Section i's parent is one of the sections before it (or none): a valid pre-order tree.
      const built: ExchangeSet["sections"] = [];
      for (let index = 0; index < sectionCount; index += 1) {
        const pick = (parents[index] ?? 0) % (index + 1);
        built.push({
          id: sectionIds[index] ?? "",
          parentId: pick === index ? null : (built[pick]?.id ?? null),
          title: sectionTitles[index] ?? "Avsnitt",
        });
      }
      // Re-order into pre-order (children right after their parent, in creation order).
      const sections: ExchangeSet["sections"] = [];
      const walk = (parentId: string | null) => {
        for (const section of built.filter((candidate) => candidate.parentId === parentId)) {
          sections.push(section);
          walk(section.id);
        }
      };
      walk(null);
      const placed = requirements.map((requirement) => {
        const pick = requirement.sectionPick % (sections.length + 1);
        return {
          id: requirement.id,
          sectionId: pick === sections.length ? null : (sections[pick]?.id ?? null),
          ref: `${requirement.area}-${String(requirement.refNumber).padStart(3, "0")}`,
          title: requirement.title,
          text: requirement.text,
          obligation: requirement.obligation,
          type: requirement.type,
          area: requirement.area,
          rationale: requirement.rationale,
          verification: requirement.verification,
          weight: requirement.obligation === "bor" ? requirement.weight : null,
          ambition: requirement.ambition,
          tags: requirement.tags,
          version: requirement.version,
          linkedStandards: [],
          source: "",
          importedAttributes: requirement.importedAttributes,
        };
      });
      const rank = (sectionId: string | null) =>
        sectionId === null ? -1 : sections.findIndex((s) => s.id === sectionId);
      // Reading order: outside sections first, then section by section (stable within a section).
      const ordered = placed
        .map((requirement, index) => ({ requirement, index }))
        .sort((a, b) => rank(a.requirement.sectionId) - rank(b.requirement.sectionId) || a.index - b.index)
        .map(({ requirement }) => requirement);
      return {
        format: EXCHANGE_FORMAT,
        formatVersion: EXCHANGE_FORMAT_VERSION,
        exportedAt: "2026-12-02T10:00:00.000Z",
        set: {
          id: "00000000-0000-4000-8000-000000000001",
          title: "Journalsystem 2027",
          description: "Gemensam kravbild",
          procurementReference: "",
          ownerRegionName: "Region Skåne",
          status: "draft",
          visibility: "private",
          collaborationName: null,
          version: 1,
          baseline: null,
        },
        sections,
        requirements: ordered,
      } satisfies ExchangeSet;
    });
}

/**
 * The forms trim section titles and requirement titles, texts and rationales, and so does the spreadsheet import (a
 * user's cells often end in stray spaces or line breaks); what the form could not have stored is
 * left out here. Other whitespace inside a text is kept and checked.
 */
export function trimmedTexts(set: ExchangeSet): ExchangeSet {
  return {
    ...set,
    sections: set.sections.map((section) => ({ ...section, title: section.title.trim() || "Avsnitt" })),
    requirements: set.requirements
      .map((requirement) => ({
        ...requirement,
        title: requirement.title.trim(),
        text: requirement.text.trim(),
        rationale: requirement.rationale.trim(),
      }))
      .filter((requirement) => requirement.title !== "" && requirement.text !== ""),
  };
}

/** The set with new UUIDs throughout: runs that share a database must not meet each other's ids. */
export function withFreshIds(set: ExchangeSet): ExchangeSet {
  const fresh = new Map<string, string>();
  const map = (id: string) => fresh.get(id) ?? fresh.set(id, crypto.randomUUID()).get(id)!;
  return {
    ...set,
    sections: set.sections.map((section) => ({
      ...section,
      id: map(section.id),
      parentId: section.parentId === null ? null : map(section.parentId),
    })),
    requirements: set.requirements.map((requirement) => ({
      ...requirement,
      id: map(requirement.id),
      sectionId: requirement.sectionId === null ? null : map(requirement.sectionId),
    })),
  };
}

/** The tree and fields with each section's parent and each requirement's section as UUIDs. */
export function shapeOfImported(imported: ImportedSet) {
  const idOf = new Map(imported.sections.map((section) => [section.key, section.id]));
  return {
    sections: imported.sections.map((section) => ({
      id: section.id,
      parentId: section.parentKey === null ? null : (idOf.get(section.parentKey) ?? "?"),
      title: section.title,
    })),
    requirements: imported.requirements.map((requirement) => ({
      id: requirement.id,
      sectionId: requirement.sectionKey === null ? null : (idOf.get(requirement.sectionKey) ?? "?"),
      ref: requirement.ref,
      title: requirement.title,
      text: requirement.text,
      obligation: requirement.obligation,
      type: requirement.type,
      area: requirement.area,
      rationale: requirement.rationale,
      verification: requirement.verification,
      weight: requirement.weight,
      ambition: requirement.ambition,
      tags: requirement.tags,
      importedAttributes: requirement.importedAttributes,
    })),
  };
}

export function shapeOfExported(set: ExchangeSet) {
  return {
    sections: set.sections,
    requirements: set.requirements.map(
      ({ version: _version, linkedStandards: _standards, source: _source, ...requirement }) => requirement,
    ),
  };
}
