import fc from "fast-check";
import { describe, expect, test } from "vitest";

import type { ExchangeSet } from "~/exchange/exchange-set";
import type { ImportedSet } from "~/exchange/imported-set";
import { readReqif, reqifToImportedSet, suggestReqifMapping, type ReqifDefaults } from "~/exchange/reqif-import.server";
import { writeSetReqif, writeSetReqifz } from "~/exchange/reqif.server";

import { exchangeSetArbitrary } from "./exchange-reqif-arbitraries";
import { exchangeSet, requirement, section, uuid } from "./exchange-reqif-support";

/** Property runs validate or parse many files; generous, so a slow machine does not fail them. */
const PROPERTY_TIMEOUT = 180_000;

const NO_DEFAULTS: ReqifDefaults = { obligation: null, type: null, area: null, verification: null };

async function importBack(bytes: Uint8Array, fileName: string): Promise<ImportedSet> {
  const doc = await readReqif(bytes, fileName);
  const [specification] = doc.specifications;
  if (!specification) throw new Error("no specification");
  return reqifToImportedSet(doc, {
    specificationKey: specification.key,
    mapping: suggestReqifMapping(doc),
    defaults: NO_DEFAULTS,
  });
}

/** The imported set in the ExchangeSet's terms: keys resolved to ids, only what an import carries. */
function asExchanged(imported: ImportedSet) {
  const idOfKey = new Map(imported.sections.map((item) => [item.key, item.id]));
  const idOf = (key: string | null) => (key === null ? null : (idOfKey.get(key) ?? `missing ${key}`));
  return {
    title: imported.title,
    description: imported.description,
    sections: imported.sections.map((item) => ({ id: item.id, parentId: idOf(item.parentKey), title: item.title })),
    requirements: imported.requirements.map((item) => ({
      id: item.id,
      sectionId: idOf(item.sectionKey),
      ref: item.ref,
      title: item.title,
      text: item.text,
      obligation: item.obligation,
      type: item.type,
      area: item.area,
      rationale: item.rationale,
      verification: item.verification,
      weight: item.weight,
      ambition: item.ambition,
      tags: item.tags,
      importedAttributes: item.importedAttributes,
    })),
    issues: imported.issues,
  };
}

function expected(set: ExchangeSet) {
  return {
    title: set.set.title,
    description: set.set.description,
    sections: set.sections,
    requirements: set.requirements.map(
      ({ version: _version, linkedStandards: _linked, source: _source, ...fields }) => fields,
    ),
    issues: [],
  };
}

describe("ReqIF round trip", () => {
  test(
    "any set comes back with the same fields, tree, order and ids",
    async () => {
      await fc.assert(
        fc.asyncProperty(exchangeSetArbitrary, fc.constantFrom("sv" as const, "en" as const), async (set, language) => {
          const xml = writeSetReqif(set, language);
          const imported = await importBack(new TextEncoder().encode(xml), "export.reqif");
          expect(asExchanged(imported)).toEqual(expected(set));
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  test("a .reqifz comes back like the .reqif", async () => {
    const set = exchangeSet({
      sections: [section(1), section(2, { parentId: uuid(1) })],
      requirements: [
        requirement(10, { text: "Överst\u0001 med **markdown**" }),
        requirement(11, { sectionId: uuid(1), importedAttributes: { Prioritet: "Hög" } }),
        requirement(12, { sectionId: uuid(2), obligation: "bor", weight: 30, ambition: "leading", tags: ["a", "b"] }),
      ],
    });
    const imported = await importBack(await writeSetReqifz(set, "sv"), "journalsystem.reqifz");
    expect(asExchanged(imported)).toEqual(expected(set));
  });

  test("an edit made to ReqIF.Text in another tool wins over the exact copy Samkrav wrote beside it", async () => {
    const set = exchangeSet({ requirements: [requirement(1, { text: "Skriv <b> som text  här" })] });
    const xml = writeSetReqif(set, "sv");
    expect(xml).toContain("Samkrav.TextSource");
    const unchanged = await importBack(new TextEncoder().encode(xml), "a.reqif");
    expect(unchanged.requirements[0]?.text).toBe("Skriv <b> som text  här");

    // Another tool re-serialises the XHTML with a different prefix and whitespace: still ours.
    const reformatted = xml.replace(
      /<THE-VALUE><xhtml:div><xhtml:p>(.*?)<\/xhtml:p><\/xhtml:div><\/THE-VALUE>/,
      '<THE-VALUE>\n  <x:div xmlns:x="http://www.w3.org/1999/xhtml">\n    <x:p>$1</x:p>\n  </x:div>\n</THE-VALUE>',
    );
    expect(reformatted).not.toBe(xml);
    const kept = await importBack(new TextEncoder().encode(reformatted), "a.reqif");
    expect(kept.requirements[0]?.text).toBe("Skriv <b> som text  här");

    // Someone changed the wording in DOORS: that edit is what comes back.
    const edited = xml.replace(
      "<xhtml:p>Skriv &lt;b&gt; som text  här</xhtml:p>",
      "<xhtml:p>Skriv <xhtml:b>fetstil</xhtml:b> här</xhtml:p>",
    );
    expect(edited).not.toBe(xml);
    const taken = await importBack(new TextEncoder().encode(edited), "a.reqif");
    expect(taken.requirements[0]?.text).toBe("Skriv **fetstil** här");
  });
});
