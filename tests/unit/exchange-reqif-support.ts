import fs from "node:fs";
import path from "node:path";

import { memoryPages, validateXML } from "xmllint-wasm";

import type { ExchangeRequirement, ExchangeSection, ExchangeSet } from "~/exchange/exchange-set";

/** Shared by the exchange-reqif tests: sets to export, fixtures to import, the XSD to validate against. */

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/exchange/reqif");
const SCHEMA_DIR = path.resolve(import.meta.dirname, "../fixtures/reqif-schema");

export function fixture(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
}

/** A UUID that reads as its number, so failures are easy to follow. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

export function section(n: number, overrides: Partial<ExchangeSection> = {}): ExchangeSection {
  return { id: uuid(n), parentId: null, title: `Avsnitt ${n}`, ...overrides };
}

export function requirement(n: number, overrides: Partial<ExchangeRequirement> = {}): ExchangeRequirement {
  return {
    id: uuid(n),
    sectionId: null,
    ref: `JF-${n}`,
    title: `Krav ${n}`,
    text: `Leverantören ska uppfylla krav ${n}.`,
    obligation: "ska",
    type: "technical",
    area: "JF",
    rationale: "",
    verification: "description",
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

export function exchangeSet(
  content: { sections?: ExchangeSection[]; requirements?: ExchangeRequirement[] } = {},
  info: Partial<ExchangeSet["set"]> = {},
): ExchangeSet {
  return {
    format: "samkrav-requirement-set",
    formatVersion: 1,
    exportedAt: "2026-12-02T10:00:00.000Z",
    set: {
      id: uuid(0xfff),
      title: "Journalsystem 2027",
      description: "Krav för upphandling av journalsystem.",
      procurementReference: "RS-2026-14",
      ownerRegionName: "Region Norrland",
      status: "draft",
      visibility: "private",
      collaborationName: null,
      version: 3,
      baseline: null,
      ...info,
    },
    sections: content.sections ?? [],
    requirements: content.requirements ?? [],
  };
}

function schemaFiles(): { fileName: string; contents: string }[] {
  return fs
    .readdirSync(SCHEMA_DIR, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".xsd"))
    .map((name) => ({
      fileName: name.split(path.sep).join("/"),
      contents: fs.readFileSync(path.join(SCHEMA_DIR, name), "utf8"),
    }));
}

const schemas = schemaFiles();

/** Validates against the OMG ReqIF 1.2 XSD (with the XHTML modules it includes), as the schema README says. */
export async function validateReqif(xml: string) {
  const main = schemas.find((file) => file.fileName === "reqif.xsd");
  if (!main) throw new Error("reqif.xsd missing from tests/fixtures/reqif-schema");
  return validateXML({
    xml: [{ fileName: "export.reqif", contents: xml }],
    schema: [main],
    preload: schemas.filter((file) => file !== main),
    maxMemoryPages: 512 * memoryPages.MiB,
  });
}
