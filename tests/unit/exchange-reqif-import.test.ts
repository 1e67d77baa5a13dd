import { Buffer } from "node:buffer";

import { describe, expect, test } from "vitest";

import { ExchangeFileError } from "~/exchange/exchange-error";
import { checkImportedSet } from "~/exchange/imported-set";
import {
  readReqif,
  reqifColumnOf,
  reqifToImportedSet,
  suggestReqifMapping,
  type ReqifDefaults,
  type ReqifDocument,
  type ReqifTarget,
} from "~/exchange/reqif-import.server";
import { escapeXmlAttribute } from "~/exchange/reqif-xml";
import { writeZip } from "~/exchange/zip.server";

import { fixture } from "./exchange-reqif-support";

const DEFAULTS: ReqifDefaults = { obligation: "ska", type: "technical", area: "JF", verification: "description" };

function attributeKey(doc: ReqifDocument, name: string): string {
  const found = doc.attributes.find((attribute) => attribute.name === name);
  if (!found) throw new Error(`no attribute ${name}`);
  return found.key;
}

function importSpecification(
  doc: ReqifDocument,
  specificationName: string,
  changes: Record<string, ReqifTarget> = {},
  defaults: ReqifDefaults = DEFAULTS,
) {
  const specification = doc.specifications.find((candidate) => candidate.name === specificationName);
  if (!specification) throw new Error(`no specification ${specificationName}`);
  const mapping = { ...suggestReqifMapping(doc) };
  for (const [name, target] of Object.entries(changes)) mapping[attributeKey(doc, name)] = target;
  return reqifToImportedSet(doc, { specificationKey: specification.key, mapping, defaults });
}

/** A small ReqIF with string attributes named as given, one object per row, all at the top. */
function stringReqif(names: string[], rows: Record<string, string>[]): Uint8Array {
  const definitions = names
    .map(
      (name, index) =>
        `<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="A${index}" LAST-CHANGE="2024-01-01T00:00:00Z" LONG-NAME="${escapeXmlAttribute(name)}"><TYPE><DATATYPE-DEFINITION-STRING-REF>S</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>`,
    )
    .join("");
  const objects = rows
    .map(
      (row, index) =>
        `<SPEC-OBJECT IDENTIFIER="O${index}" LAST-CHANGE="2024-01-01T00:00:00Z"><TYPE><SPEC-OBJECT-TYPE-REF>T</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>${Object.entries(
          row,
        )
          .map(
            ([name, value]) =>
              `<ATTRIBUTE-VALUE-STRING THE-VALUE="${escapeXmlAttribute(value)}"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>A${names.indexOf(name)}</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>`,
          )
          .join("")}</VALUES></SPEC-OBJECT>`,
    )
    .join("");
  const hierarchy = rows
    .map(
      (_row, index) =>
        `<SPEC-HIERARCHY IDENTIFIER="H${index}" LAST-CHANGE="2024-01-01T00:00:00Z"><OBJECT><SPEC-OBJECT-REF>O${index}</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>`,
    )
    .join("");
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?><REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd"><THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><CREATION-TIME>2024-01-01T00:00:00Z</CREATION-TIME><REQ-IF-TOOL-ID>script</REQ-IF-TOOL-ID><REQ-IF-VERSION>1.0</REQ-IF-VERSION><SOURCE-TOOL-ID>script</SOURCE-TOOL-ID><TITLE>Test</TITLE></REQ-IF-HEADER></THE-HEADER>` +
      `<CORE-CONTENT><REQ-IF-CONTENT><DATATYPES><DATATYPE-DEFINITION-STRING IDENTIFIER="S" LAST-CHANGE="2024-01-01T00:00:00Z" MAX-LENGTH="1000"/></DATATYPES>` +
      `<SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="T" LAST-CHANGE="2024-01-01T00:00:00Z" LONG-NAME="Requirement"><SPEC-ATTRIBUTES>${definitions}</SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE></SPEC-TYPES>` +
      `<SPEC-OBJECTS>${objects}</SPEC-OBJECTS><SPECIFICATIONS><SPECIFICATION IDENTIFIER="SP" LAST-CHANGE="2024-01-01T00:00:00Z" LONG-NAME="Spec"><TYPE><SPECIFICATION-TYPE-REF>ST</SPECIFICATION-TYPE-REF></TYPE><CHILDREN>${hierarchy}</CHILDREN></SPECIFICATION></SPECIFICATIONS></REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>`,
  );
}

describe("a DOORS export", () => {
  test("lists its specification and attributes with their kinds, prostep names pre-mapped", async () => {
    const doc = await readReqif(fixture("doors-classic.reqif"), "doors-classic.reqif");
    expect(doc.title).toBe("Systemkrav journal");
    expect(doc.sourceTool).toBe("DOORS 9.7.2.1");
    expect(doc.specifications).toEqual([
      { key: "_spec_journal", name: "Systemkrav journal", objectCount: 7, description: null },
    ]);
    expect(doc.attributes.map(({ name, kind }) => `${name}: ${kind}`)).toEqual([
      "ReqIF.ChapterName: xhtml",
      "ReqIF.Text: xhtml",
      "ReqIF.ForeignID: integer",
      "ReqIF.ForeignCreatedBy: string",
      "ReqIF.ForeignModifiedOn: date",
      "Priority: enumeration",
      "Binding: enumeration",
      "Released: boolean",
      "Estimated effort: real",
      "Granskningskommentar: xhtml",
    ]);
    expect(doc.attributes.find((attribute) => attribute.name === "Binding")?.enumValues).toEqual([
      { key: "_ev_shall", name: "Shall" },
      { key: "_ev_should", name: "Should" },
      { key: "_ev_info", name: "Information" },
    ]);
    expect(suggestReqifMapping(doc)).toEqual({
      _ad_heading: "sectionTitle",
      _ad_text: "text",
      _ad_absno: "ref",
      _ad_createdby: "keep",
      _ad_modifiedon: "keep",
      _ad_priority: "keep",
      _ad_binding: "keep",
      _ad_released: "keep",
      _ad_effort: "keep",
      _ad_review: "keep",
    });
  });

  test("imports headings as sections, texts as markdown and every other attribute as imported", async () => {
    const doc = await readReqif(fixture("doors-classic.reqif"), "doors-classic.reqif");
    const imported = importSpecification(doc, "Systemkrav journal", { Binding: "obligation" });
    expect(imported.title).toBe("Systemkrav journal");
    expect(imported.sections).toEqual([
      { key: "_o1", parentKey: null, title: "Inledning", id: null },
      { key: "_o4", parentKey: "_o1", title: "Behörighet & loggning", id: null },
      { key: "_o7", parentKey: null, title: "Spårbarhet", id: null },
    ]);
    expect(
      imported.requirements.map(({ row, ref, sectionKey, title, obligation }) => ({
        row,
        ref,
        sectionKey,
        title,
        obligation,
      })),
    ).toEqual([
      {
        row: 2,
        ref: "2",
        sectionKey: "_o1",
        title: "Systemet ska visa patientens aktuella läkemedelslista.",
        obligation: "ska",
      },
      { row: 3, ref: "3", sectionKey: "_o1", title: "Svarstider enligt tabellen:", obligation: "bor" },
      {
        row: 5,
        ref: "5",
        sectionKey: "_o4",
        title: "All åtkomst till journalen ska loggas med användare, tidpunkt och patient.",
        obligation: null,
      },
      // A DOORS child object under a requirement stays in the requirement's section, after it.
      { row: 6, ref: "6", sectionKey: "_o4", title: "Loggen ska sparas i minst tio år.", obligation: "ska" },
    ]);
    const [medication, response] = imported.requirements;
    expect(medication?.text).toBe(
      "Systemet **ska** visa patientens *aktuella* läkemedelslista.\n\nListan ska visa:\n\n- ordinerade läkemedel\n- pågående behandlingar\n  - med dosering",
    );
    expect(response?.text).toBe(
      "Svarstider enligt tabellen:\n\n| Funktion | Svarstid |\n| --- | --- |\n| Sökning | \\< 2 s |\n| Öppna journal | \\< 1 s |",
    );
    expect(medication?.importedAttributes).toEqual({
      "ReqIF.ForeignCreatedBy": "anna.svensson",
      "ReqIF.ForeignModifiedOn": "2024-03-01T09:00:00+01:00",
      Priority: "High",
      Released: "true",
      "Estimated effort": "2.5",
    });
    // The type's DEFAULT-VALUE fills in where the object has none.
    expect(response?.importedAttributes).toEqual({ Priority: "Medium" });
    // Formatted text from an attribute we have no field for is kept as markdown.
    expect(imported.requirements[2]?.importedAttributes).toEqual({
      Priority: "Medium",
      Granskningskommentar: "Granska **igen** efter  \nsamråd med [PDL-gruppen](mailto:pdl@region.se).",
    });
    expect(medication).toMatchObject({
      type: "technical",
      area: "JF",
      verification: "description",
      weight: null,
      tags: [],
    });
    expect(imported.issues).toEqual([
      { severity: "warning", row: 3, column: "ReqIF.Text", value: "", message: "exchange.reqif.issue.mediaRemoved" },
      {
        severity: "error",
        row: 5,
        column: "Binding",
        value: "Information",
        message: "exchange.reqif.issue.unknownObligation",
      },
    ]);
  });
});

describe("a DOORS Next export", () => {
  test("one attribute per name across artifact types, heading artifacts as sections named by their text", async () => {
    const doc = await readReqif(fixture("doors-next.reqif"), "doors-next.reqif");
    expect(doc.attributes.map(({ name, kind, objectTypes }) => ({ name, kind, objectTypes }))).toEqual([
      { name: "ReqIF.ForeignID", kind: "integer", objectTypes: ["Heading", "System Requirement", "Information"] },
      { name: "ReqIF.Text", kind: "xhtml", objectTypes: ["Heading", "System Requirement", "Information"] },
      { name: "ReqIF.Name", kind: "string", objectTypes: ["System Requirement"] },
      { name: "Owner", kind: "string", objectTypes: ["System Requirement"] },
    ]);
    const imported = importSpecification(doc, "Labb och röntgen");
    expect(imported.sections).toEqual([
      { key: "_a1", parentKey: null, title: "Prestanda", id: null },
      { key: "_a4", parentKey: null, title: "Röntgen", id: null },
    ]);
    expect(
      imported.requirements.map(({ row, ref, title, text, sectionKey, importedAttributes }) => ({
        row,
        ref,
        title,
        text,
        sectionKey,
        importedAttributes,
      })),
    ).toEqual([
      {
        row: 2,
        ref: "1202",
        title: "Kraven i detta avsnitt gäller alla laboratorier.",
        text: "Kraven i detta avsnitt gäller *alla* laboratorier.",
        sectionKey: "_a1",
        importedAttributes: {},
      },
      {
        row: 3,
        ref: "1203",
        title: "Svarstid för provsvar",
        text: "Provsvar ska visas inom 5 sekunder efter att de har signerats.",
        sectionKey: "_a1",
        importedAttributes: { Owner: "Labbmedicin" },
      },
    ]);
    expect(imported.issues).toEqual([]);
  });
});

describe("a Polarion export", () => {
  test("offers both documents, merges same-named attributes of its work item types and pre-maps our Swedish column names", async () => {
    const doc = await readReqif(fixture("polarion.reqif"), "polarion.reqif");
    expect(doc.sourceTool).toBe("Polarion");
    expect(doc.specifications).toEqual([
      { key: "_doc_systemkrav", name: "Systemkrav", objectCount: 5, description: "Krav på *vårdplattformen*." },
      { key: "_doc_test", name: "Testspecifikation", objectCount: 1, description: null },
    ]);
    expect(doc.attributes.find((attribute) => attribute.name === "ReqIF.Text")?.objectTypes).toEqual([
      "Heading",
      "Requirement",
    ]);
    const suggested = suggestReqifMapping(doc);
    expect(Object.fromEntries(doc.attributes.map((attribute) => [attribute.name, suggested[attribute.key]]))).toEqual({
      "ReqIF.ForeignID": "ref",
      "ReqIF.Name": "title",
      "ReqIF.Text": "text",
      "Ska eller bör": "obligation",
      Kravområde: "area",
      "Viktning eller maxpoäng": "weight",
      Etiketter: "tags",
      Status: "keep",
      Plattform: "keep",
      "Due Date": "keep",
      Reviewed: "keep",
      "Risk score": "keep",
    });
  });

  test("imports a document with sanitised markdown, kept attributes and the problems it found", async () => {
    const doc = await readReqif(fixture("polarion.reqif"), "polarion.reqif");
    const imported = importSpecification(doc, "Systemkrav");
    expect(imported.description).toBe("Krav på *vårdplattformen*.");
    expect(imported.sections).toEqual([
      { key: "_wi_VP-1", parentKey: null, title: "Säkerhet", id: null },
      { key: "_wi_VP-4", parentKey: null, title: "Drift", id: null },
    ]);
    const [login, availability, environment] = imported.requirements;
    expect(imported.requirements).toHaveLength(3);
    expect(login).toEqual({
      row: 2,
      id: null,
      sectionKey: "_wi_VP-1",
      ref: "VP-2",
      title: "Tvåfaktorsinloggning",
      text:
        "Inloggning ska kräva **två faktorer**, se [Ineras anvisningar](https://www.inera.se/tjanster/) och detta.\n\n" +
        "1. Lösenord\n2. Engångskod\n   - via app\n   - via sms\n\nSe flödet ovan.",
      obligation: "ska",
      type: "technical",
      area: "IS",
      rationale: "",
      verification: "description",
      weight: null,
      ambition: null,
      tags: ["inloggning", "säkerhet"],
      importedAttributes: {
        Status: "Approved",
        Plattform: "Webb, Mobil",
        "Due Date": "2025-09-01T00:00:00.000+02:00",
        Reviewed: "false",
        "Risk score": "0.75",
      },
      linkedStandards: [],
    });
    expect(login?.text).not.toMatch(/script|style|onclick|javascript|<|img/i);
    expect(availability).toMatchObject({
      sectionKey: "_wi_VP-4",
      ref: "VP-3",
      obligation: "bor",
      area: "DR",
      weight: 20,
      text: "Tjänsten bör vara tillgänglig 99,9 % av tiden.  \nPlanerade avbrott räknas inte.",
    });
    expect(environment).toMatchObject({
      ref: "VP-5",
      obligation: null,
      text: "## Miljöer\n\nLeverantören ska tillhandahålla en testmiljö.",
    });
    expect(imported.issues).toEqual([
      { severity: "warning", row: 2, column: "ReqIF.Text", value: "", message: "exchange.reqif.issue.mediaRemoved" },
      { severity: "warning", row: 5, column: null, value: "_wi_VP-2", message: "exchange.reqif.issue.sharedObject" },
      {
        severity: "error",
        row: 6,
        column: "Ska eller bör",
        value: "Ska, Bör",
        message: "exchange.reqif.issue.severalValues",
      },
    ]);
  });

  test("imports the other document on its own, with the work item the two share", async () => {
    const doc = await readReqif(fixture("polarion.reqif"), "polarion.reqif");
    const imported = importSpecification(doc, "Testspecifikation");
    expect(imported.sections).toEqual([]);
    expect(imported.requirements.map(({ ref, sectionKey }) => ({ ref, sectionKey }))).toEqual([
      { ref: "VP-3", sectionKey: null },
    ]);
    expect(imported.issues).toEqual([]);
  });

  test("the user's mapping decides: an attribute set to ignore is not kept, one left out of the mapping is", async () => {
    const doc = await readReqif(fixture("polarion.reqif"), "polarion.reqif");
    const mapping = suggestReqifMapping(doc);
    mapping[attributeKey(doc, "Status")] = "ignore";
    delete mapping[attributeKey(doc, "Reviewed")];
    mapping[attributeKey(doc, "Kravområde")] = "keep";
    const specificationKey = "_doc_systemkrav";
    const imported = reqifToImportedSet(doc, { specificationKey, mapping, defaults: { ...DEFAULTS, area: null } });
    expect(imported.requirements[0]?.importedAttributes).toEqual({
      Kravområde: "Informationssäkerhet",
      Plattform: "Webb, Mobil",
      "Due Date": "2025-09-01T00:00:00.000+02:00",
      Reviewed: "false",
      "Risk score": "0.75",
    });
    expect(imported.requirements[0]?.area).toBeNull();
  });
});

describe("a file from a smaller tool", () => {
  test("is read leniently: no header, prefixed elements, duplicates, stray values, headings by their children", async () => {
    const doc = await readReqif(fixture("lenient.reqif"), "lenient.reqif");
    expect(doc.title).toBe("");
    expect(doc.sourceTool).toBe("");
    expect(doc.specifications).toEqual([{ key: "EA_PKG_1", name: "EA_PKG_1", objectCount: 2, description: null }]);
    const imported = importSpecification(doc, "EA_PKG_1");
    expect(imported.sections).toEqual([{ key: "EAID_1", parentKey: null, title: "Användbarhet", id: null }]);
    expect(imported.requirements).toEqual([
      expect.objectContaining({
        row: 2,
        sectionKey: "EAID_1",
        ref: "TA-1",
        title: "Skärmläsare stöds",
        text: "Gränssnittet ska fungera med skärmläsare enligt WCAG 2.1 AA.",
        importedAttributes: { Owner: "Region Exempel", "A-STEREOTYPE": "EA-stereotyp: krav" },
      }),
    ]);
    expect(imported.issues).toEqual([
      {
        severity: "warning",
        row: 3,
        column: null,
        value: "EAID_MISSING",
        message: "exchange.reqif.issue.missingObject",
      },
    ]);
  });
});

describe("mapping values to our vocabulary", () => {
  const NAMES = [
    "ReqIF.ForeignID",
    "ReqIF.Name",
    "ReqIF.Text",
    "Obligation",
    "Area",
    "Type",
    "Verification",
    "Ambition",
    "Weight",
    "Tags",
    "__proto__",
  ];
  const row = (values: Record<string, string>) => ({
    "ReqIF.ForeignID": "X-1",
    "ReqIF.Name": "T",
    "ReqIF.Text": "Text",
    ...values,
  });
  const TARGETS: Record<string, ReqifTarget> = {
    Obligation: "obligation",
    Area: "area",
    Type: "type",
    Verification: "verification",
    Ambition: "ambition",
    Weight: "weight",
    Tags: "tags",
  };

  test("knows Swedish and English words and our own labels and codes", async () => {
    const doc = await readReqif(
      stringReqif(NAMES, [
        row({
          Obligation: "Skall",
          Area: "IS",
          Type: "Tilldelningskriterium",
          Verification: "Ja/Nej",
          Ambition: "Spjutspets",
          Weight: " 12 ",
        }),
        row({
          Obligation: "shall",
          Area: "Information security",
          Type: "technical",
          Verification: "Reference check",
          Ambition: "advanced",
        }),
        row({
          Obligation: "Mandatory (ska)",
          Area: "informationssäkerhet",
          Type: "Krav på föremålet",
          Verification: "scenario_test",
        }),
        row({
          Obligation: "bör",
          Area: "Behörighet & loggning (PDL)",
          Type: "Särskilt kontraktsvillkor",
          Weight: "2,5",
        }),
        row({ Obligation: "Should", Tags: "säkerhet, pdl,, säkerhet " }),
        row({ Obligation: "OPTIONAL" }),
        row({ Obligation: "Bör-krav", ["__proto__"]: "inte en prototyp" }),
      ]),
      "words.reqif",
    );
    const imported = importSpecification(doc, "Spec", TARGETS);
    expect(imported.issues).toEqual([]);
    expect(
      imported.requirements.map(({ obligation, area, type, verification, ambition, weight, tags }) => [
        obligation,
        area,
        type,
        verification,
        ambition,
        weight,
        tags,
      ]),
    ).toEqual([
      ["ska", "IS", "award", "yes_no", "leading", 12, []],
      ["ska", "IS", "technical", "reference_check", "advanced", null, []],
      ["ska", "IS", "technical", "scenario_test", null, null, []],
      ["bor", "BL", "contract", "description", null, 2.5, []],
      ["bor", "JF", "technical", "description", null, null, ["säkerhet", "pdl"]],
      ["bor", "JF", "technical", "description", null, null, []],
      ["bor", "JF", "technical", "description", null, null, []],
    ]);
    const withProto = imported.requirements[6]?.importedAttributes;
    expect(Object.keys(withProto ?? {})).toEqual(["__proto__"]);
    expect(Object.getOwnPropertyDescriptor(withProto, "__proto__")?.value).toBe("inte en prototyp");
    expect(Object.getPrototypeOf(withProto)).toBe(Object.prototype);
  });

  test("an unknown value is an error on its row and column, with the value, and leaves the field empty", async () => {
    const doc = await readReqif(
      stringReqif(NAMES, [
        row({
          Obligation: "kanske",
          Area: "Ekonomi",
          Type: "Funktionellt",
          Verification: "Gissning",
          Ambition: "Medel",
          Weight: "mycket",
        }),
        row({}),
      ]),
      "unknown.reqif",
    );
    const imported = importSpecification(doc, "Spec", TARGETS, {
      obligation: null,
      type: null,
      area: null,
      verification: null,
    });
    expect(imported.requirements[0]).toMatchObject({
      obligation: null,
      area: null,
      type: null,
      verification: null,
      ambition: null,
      weight: null,
    });
    // No value at all: the defaults, here none.
    expect(imported.requirements[1]).toMatchObject({
      obligation: null,
      area: null,
      type: null,
      verification: null,
      ambition: null,
    });
    expect(imported.issues).toEqual([
      {
        severity: "error",
        row: 1,
        column: "Obligation",
        value: "kanske",
        message: "exchange.reqif.issue.unknownObligation",
      },
      { severity: "error", row: 1, column: "Type", value: "Funktionellt", message: "exchange.reqif.issue.unknownType" },
      { severity: "error", row: 1, column: "Area", value: "Ekonomi", message: "exchange.reqif.issue.unknownArea" },
      {
        severity: "error",
        row: 1,
        column: "Verification",
        value: "Gissning",
        message: "exchange.reqif.issue.unknownVerification",
      },
      { severity: "error", row: 1, column: "Weight", value: "mycket", message: "exchange.reqif.issue.notANumber" },
      {
        severity: "error",
        row: 1,
        column: "Ambition",
        value: "Medel",
        message: "exchange.reqif.issue.unknownAmbition",
      },
    ]);
  });
});

test("the shared row check names the mapped attributes and does not repeat what the importer reported", async () => {
  const doc = await readReqif(fixture("doors-classic.reqif"), "doors-classic.reqif");
  const mapping = { ...suggestReqifMapping(doc), [attributeKey(doc, "Binding")]: "obligation" as const };
  const imported = reqifToImportedSet(doc, { specificationKey: "_spec_journal", mapping, defaults: DEFAULTS });
  const columnOf = reqifColumnOf(doc, mapping);
  expect([columnOf("obligation"), columnOf("ref"), columnOf("weight")]).toEqual([
    "Binding",
    "ReqIF.ForeignID",
    "weight",
  ]);
  // Row 5's obligation is null because "Information" maps to nothing: already reported, not again.
  expect(imported.requirements.find((requirement) => requirement.row === 5)?.obligation).toBeNull();
  expect(checkImportedSet(imported, columnOf)).toEqual([]);
});

describe("hostile and broken files", () => {
  const refusedWith = async (bytes: Uint8Array | string, fileName: string, code: string) => {
    const input = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
    await expect(readReqif(input, fileName)).rejects.toSatisfy(
      (error: unknown) => error instanceof ExchangeFileError && error.code === code,
    );
  };

  test("a DOCTYPE is refused before parsing: external entities", async () => {
    await refusedWith(
      '<?xml version="1.0"?><!DOCTYPE REQ-IF [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><REQ-IF><THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><TITLE>&xxe;</TITLE></REQ-IF-HEADER></THE-HEADER></REQ-IF>',
      "xxe.reqif",
      "xmlDoctype",
    );
  });

  test("a DOCTYPE is refused before parsing: entity expansion", async () => {
    const laughs = Array.from(
      { length: 9 },
      (_, index) => `<!ENTITY lol${index + 1} "${`&lol${index};`.repeat(10)}">`,
    ).join("");
    await refusedWith(
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${laughs}]><REQ-IF>&lol9;</REQ-IF>`,
      "lol.reqif",
      "xmlDoctype",
    );
  });

  test("a DOCTYPE inside a .reqifz is refused too", async () => {
    const zip = await writeZip([
      { name: "a.reqif", data: '<!DOCTYPE REQ-IF SYSTEM "http://attacker.example/x.dtd"><REQ-IF/>' },
    ]);
    await refusedWith(zip, "a.reqifz", "xmlDoctype");
  });

  test("what is not XML is refused", async () => {
    await refusedWith(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      "bild.reqif",
      "brokenXml",
    );
    await refusedWith("<REQ-IF><CORE-CONTENT></REQ-IF>", "broken.reqif", "brokenXml");
    await refusedWith("<REQ-IF><constructor/></REQ-IF>", "proto.reqif", "brokenXml");
    await refusedWith(`${"<div>".repeat(2000)}${"</div>".repeat(2000)}`, "deep.reqif", "brokenXml");
    await refusedWith("<REQ-IF><TITLE>a\u0000b</TITLE></REQ-IF>", "nul.reqif", "brokenXml");
  });

  test("XML that is not ReqIF, or has no specification, is refused", async () => {
    await refusedWith("<html><body>ReqIF</body></html>", "page.reqif", "notReqif");
    await refusedWith("<REQ-IF><THE-HEADER/></REQ-IF>", "empty.reqif", "notReqif");
    await refusedWith(
      '<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd"><CORE-CONTENT><REQ-IF-CONTENT><SPEC-OBJECTS/></REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>',
      "nospec.reqif",
      "notReqif",
    );
  });

  test("text that is not in its declared encoding is refused", async () => {
    await refusedWith(
      new Uint8Array([0x3c, 0x52, 0x45, 0x51, 0x2d, 0x49, 0x46, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x3e]),
      "bad.reqif",
      "encoding",
    );
  });

  test("containers: a zip bomb, a broken zip, something else named .reqifz and a zip without a .reqif", async () => {
    await refusedWith(
      await writeZip([{ name: "bomb.reqif", data: Buffer.alloc(8 * 1024 * 1024, 0x41) }]),
      "bomb.reqifz",
      "zipBomb",
    );
    await refusedWith(
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]),
      "broken.reqifz",
      "brokenZip",
    );
    await refusedWith("<REQ-IF/>", "not-a-zip.reqifz", "wrongType");
    await refusedWith(
      await writeZip([{ name: "files/OLE_1.png", data: Buffer.alloc(10) }]),
      "bilder.reqifz",
      "notReqif",
    );
  });
});
