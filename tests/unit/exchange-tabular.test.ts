import { describe, expect, test } from "vitest";

import {
  EXCHANGE_FORMAT,
  EXCHANGE_FORMAT_VERSION,
  type ExchangeRequirement,
  type ExchangeSection,
  type ExchangeSet,
} from "~/exchange/exchange-set";
import { checkImportedSet, type ImportedSet } from "~/exchange/imported-set";
import {
  TABULAR_COLUMNS,
  defaultValueMap,
  distinctValues,
  formatImportedAttributes,
  guessHeaderRow,
  guessMapping,
  importColumnOf,
  joinTags,
  parseImportedAttributes,
  sectionPathCells,
  setToTable,
  splitTags,
  suggestHierarchy,
  tableToImportedSet,
  type ColumnMapping,
  type TableImportOptions,
} from "~/exchange/tabular";

const SECURITY = "11111111-1111-4111-8111-111111111111";
const ACCESS = "22222222-2222-4222-8222-222222222222";
const EMPTY = "33333333-3333-4333-8333-333333333333";

function requirement(overrides: Partial<ExchangeRequirement> & { id: string; ref: string }): ExchangeRequirement {
  return {
    sectionId: null,
    title: "Lagring inom EU",
    text: "Patientuppgifter ska lagras och behandlas inom EU/EES.",
    obligation: "ska",
    type: "technical",
    area: "IS",
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

function exchangeSet(sections: ExchangeSection[], requirements: ExchangeRequirement[]): ExchangeSet {
  return {
    format: EXCHANGE_FORMAT,
    formatVersion: EXCHANGE_FORMAT_VERSION,
    exportedAt: "2026-11-30T09:15:00.000Z",
    set: {
      id: "44444444-4444-4444-8444-444444444444",
      title: "VIS 2027",
      description: "Gemensamma krav",
      procurementReference: "RS 2026-0042",
      ownerRegionName: "Region Skåne",
      status: "approved",
      visibility: "collaboration",
      collaborationName: "Sussa",
      version: 7,
      baseline: {
        id: "55555555-5555-4555-8555-555555555555",
        name: "Till referensgruppen",
        createdAt: "2026-11-01T08:00:00.000Z",
      },
    },
    sections,
    requirements,
  };
}

const sampleSet = exchangeSet(
  [
    { id: SECURITY, parentId: null, title: "Säkerhet" },
    { id: ACCESS, parentId: SECURITY, title: "Behörighet" },
    { id: EMPTY, parentId: null, title: "Drift" },
  ],
  [
    requirement({
      id: "aaaaaaaa-0000-4000-8000-000000000001",
      ref: "BL-001",
      sectionId: ACCESS,
      obligation: "bor",
      type: "qualification",
      area: "BL",
      verification: "scenario_test",
      weight: 25,
      ambition: "advanced",
      tags: ["PDL", "loggning, uppföljning"],
      version: 3,
      linkedStandards: ["HSLF-FS 2016:40", "ISO 27799:2016"],
      source: "Kopierat från Region Halland IS-004, version 3",
      importedAttributes: { "ReqIF.ForeignID": "R-17", Kommentar: "rad ett\nrad två" },
    }),
  ],
);

describe("columns and setToTable", () => {
  test("the columns are the documented list in order, each with a header, a width and a wrap flag", () => {
    expect(TABULAR_COLUMNS.map((column) => column.key)).toEqual([
      "ref",
      "section",
      "title",
      "text",
      "obligation",
      "type",
      "area",
      "rationale",
      "verification",
      "weight",
      "ambition",
      "tags",
      "linkedStandards",
      "source",
      "importedAttributes",
      "id",
      "version",
    ]);
    expect(TABULAR_COLUMNS.filter((column) => column.wrap).map((column) => column.key)).toEqual(
      expect.arrayContaining(["text", "rationale", "title", "importedAttributes"]),
    );
    expect(TABULAR_COLUMNS.every((column) => column.width > 0)).toBe(true);
  });

  test("a requirement becomes a row of Swedish labels, with the section path and readable tags and attributes", () => {
    const table = setToTable(sampleSet, "sv");
    expect(table.columns.map((column) => column.header)).toEqual([
      "Kravnummer",
      "Avsnitt",
      "Rubrik",
      "Kravtext",
      "Ska/Bör",
      "Kravtyp",
      "Kravområde",
      "Motiv",
      "Verifiering",
      "Viktning",
      "Ambitionsnivå",
      "Etiketter",
      "Länkade standarder",
      "Källa",
      "Importerade attribut",
      "UUID",
      "Version",
    ]);
    expect(table.rows).toEqual([
      [
        "BL-001",
        "Säkerhet > Behörighet",
        "Lagring inom EU",
        "Patientuppgifter ska lagras och behandlas inom EU/EES.",
        "Bör",
        "Kvalificeringskrav",
        "Behörighet & loggning (PDL)",
        "",
        "Scenariotest",
        25,
        "Avancerad",
        'PDL, "loggning, uppföljning"',
        "HSLF-FS 2016:40\nISO 27799:2016",
        "Kopierat från Region Halland IS-004, version 3",
        "ReqIF.ForeignID: R-17\nKommentar: rad ett\n  rad två",
        "aaaaaaaa-0000-4000-8000-000000000001",
        3,
      ],
    ]);
  });

  test("English headers and labels when the language is English; empty weight and ambition are empty cells", () => {
    const set = exchangeSet([], [requirement({ id: "aaaaaaaa-0000-4000-8000-000000000002", ref: "IS-002" })]);
    const table = setToTable(set, "en");
    expect(table.columns[0]?.header).toBe("Ref");
    expect(table.columns[4]?.header).toBe("Obligation");
    const row = table.rows[0] ?? [];
    expect(row.slice(4, 11)).toEqual([
      "Mandatory",
      "Technical specification",
      "Information security",
      "",
      "Yes/No",
      null,
      null,
    ]);
    expect(row[1]).toBe("");
  });

  test("the sections table keeps every section with its number, UUID and parent, empty ones too", () => {
    const table = setToTable(sampleSet, "sv");
    expect(table.sections).toEqual({
      header: ["Nummer", "Rubrik", "UUID", "Överordnat avsnitt (UUID)"],
      rows: [
        ["1", "Säkerhet", SECURITY, ""],
        ["1.1", "Behörighet", ACCESS, SECURITY],
        ["2", "Drift", EMPTY, ""],
      ],
    });
  });

  test("the metadata names the set, its region, status, baseline, export time and format", () => {
    const metadata = new Map(setToTable(sampleSet, "sv").metadata);
    expect(metadata.get("Kravuppsättning")).toBe("VIS 2027");
    expect(metadata.get("Ägande region")).toBe("Region Skåne");
    expect(metadata.get("Status")).toBe("Godkänd");
    expect(metadata.get("Baslinje")).toBe("Till referensgruppen");
    expect(metadata.get("Exporterad")).toMatch(/2026/);
    expect(metadata.get("Filformat")).toBe("samkrav-requirement-set");
    expect(metadata.get("Formatversion")).toBe(1);
    expect(metadata.get("Antal krav")).toBe(1);
  });
});

describe("cell formats", () => {
  test("tags are joined with a comma and quoted only when they need it", () => {
    expect(joinTags(["PDL", "NPÖ"])).toBe("PDL, NPÖ");
    expect(joinTags(["a, b", 'säg "hej"', " kant "])).toBe('"a, b", "säg ""hej""", " kant "');
    expect(splitTags('"a, b", "säg ""hej""", " kant "')).toEqual(["a, b", 'säg "hej"', " kant "]);
  });

  test("a person's tag cell splits on commas, trimmed, without empty or repeated tags", () => {
    expect(splitTags(" PDL ,loggning,, PDL ,  ")).toEqual(["PDL", "loggning"]);
    expect(splitTags('5" skärm, "oavslutad')).toEqual(['5" skärm', '"oavslutad']);
  });

  test("imported attributes are Name: value lines that read back, escaping what would be ambiguous", () => {
    const attributes = { "Prio: intern": "hög", Kommentar: "rad ett\n  indragen\n", " kant": "", "a\\b": "x" };
    const cell = formatImportedAttributes(attributes);
    expect(cell).toBe("Prio\\: intern: hög\nKommentar: rad ett\n    indragen\n  \n\\ kant: \na\\\\b: x");
    expect(parseImportedAttributes(cell)).toEqual(attributes);
    expect(parseImportedAttributes("")).toEqual({});
  });

  test("a person's attributes cell: a line without a name continues the value above", () => {
    expect(parseImportedAttributes("Status: utkast\nfortsättning\nÄgare:Anna")).toEqual({
      Status: "utkast\nfortsättning",
      Ägare: "Anna",
    });
  });

  test("section paths are the titles joined with ' > ', numbered only where two sections would read the same", () => {
    const cells = sectionPathCells([
      { id: "a", parentId: null, title: "Säkerhet" },
      { id: "b", parentId: "a", title: "Loggning" },
      { id: "c", parentId: "a", title: "Loggning" },
      { id: "d", parentId: null, title: "Säkerhet > Loggning" },
      { id: "e", parentId: null, title: "Drift / prestanda" },
    ]);
    expect([...cells.values()]).toEqual([
      "Säkerhet",
      "Säkerhet > Loggning (1.1)",
      "Säkerhet > Loggning (1.2)",
      "Säkerhet > Loggning (2)",
      "Drift / prestanda",
    ]);
  });
});

describe("guessing the header row and the mapping", () => {
  test("Swedish headers in several spellings map to our fields; unknown columns are kept", () => {
    expect(
      guessMapping([
        "Krav-ID",
        "KRAVRUBRIK",
        "Beskrivning",
        "Skall/bör",
        "Typ",
        "Kravområde",
        "Motivering",
        "Verifieringsmetod",
        "Poäng",
        "Ambitionsnivå",
        "Taggar",
        "Kapitel",
        "Rubriknivå",
        "Kommentar från jurist",
      ]),
    ).toEqual([
      "ref",
      "title",
      "text",
      "obligation",
      "type",
      "area",
      "rationale",
      "verification",
      "weight",
      "ambition",
      "tags",
      "section",
      "level",
      "keep",
    ]);
  });

  test("English headers map too, and our own export's headers in both languages", () => {
    expect(guessMapping(["Req ID", "Name", "Description", "MoSCoW", "Category", "Tags", "Points"])).toEqual([
      "ref",
      "title",
      "text",
      "obligation",
      "area",
      "tags",
      "weight",
    ]);
    for (const language of ["sv", "en"] as const) {
      const headers = setToTable(sampleSet, language).columns.map((column) => column.header);
      expect(guessMapping(headers)).toEqual(TABULAR_COLUMNS.map((column) => column.key));
    }
  });

  test("an ID column of UUIDs is our UUID; of requirement numbers, the ref", () => {
    expect(
      guessMapping(
        ["ID", "Rubrik"],
        [
          [SECURITY, "x"],
          [ACCESS, "y"],
        ],
      ),
    ).toEqual(["id", "title"]);
    expect(guessMapping(["ID", "Rubrik"], [["IS-004", "x"]])).toEqual(["ref", "title"]);
  });

  test("Version and Källa are our export's columns only next to its UUID; elsewhere they are the user's own", () => {
    expect(guessMapping(["Nr", "Version", "Källa"])).toEqual(["ref", "keep", "keep"]);
    expect(guessMapping(["Nr", "Version", "Källa", "UUID"])).toEqual(["ref", "version", "source", "id"]);
  });

  test("a second column for the same field is kept rather than mapped twice", () => {
    expect(guessMapping(["Kravtext", "Beskrivning", "Nr"])).toEqual(["text", "keep", "ref"]);
  });

  test("the header row is the first with two recognised headers, below any title rows", () => {
    expect(
      guessHeaderRow([
        ["Kravspecifikation journalsystem"],
        [],
        ["Version 3, 2026-05-12", ""],
        ["Nr", "Krav", "Ska/Bör"],
        ["IS-001", "Ska", "Ska"],
      ]),
    ).toBe(3);
    expect(guessHeaderRow([["Anteckningar"], ["bara text"]])).toBeNull();
  });

  test("the hierarchy suggestion follows the mapped columns", () => {
    expect(suggestHierarchy(["ref", "section"], { hasSectionsSheet: true })).toEqual({ kind: "sections-sheet" });
    expect(suggestHierarchy(["ref", "section"])).toEqual({ kind: "section-column" });
    expect(suggestHierarchy(["level", "title"])).toEqual({ kind: "level-column" });
    expect(suggestHierarchy(["ref", "text"])).toEqual({ kind: "none" });
  });
});

describe("value maps", () => {
  test("obligation words in Swedish and English, our labels, letters and MoSCoW", () => {
    const values = ["Ska", "SKA", "Skall", "S", "Obligatoriskt", "Must", "Shall", "Mandatory", "Krav", "Ska-krav"];
    const borValues = ["Bör", "Bor", "B", "Önskvärt", "Should", "Optional", "Could", "Bör-krav", "Evaluated (bör)"];
    expect(Object.values(defaultValueMap("obligation", values))).toEqual(values.map(() => "ska"));
    expect(Object.values(defaultValueMap("obligation", borValues))).toEqual(borValues.map(() => "bor"));
    expect(defaultValueMap("obligation", ["Kanske", "Won't"])).toEqual({ Kanske: null, "Won't": null });
  });

  test("types, areas, verification and ambition by label (both languages), code and common words", () => {
    expect(
      defaultValueMap("type", ["Kvalificering", "Tekniskt", "Utvärdering", "Tilldelning", "Kontrakt", "Avtal"]),
    ).toEqual({
      Kvalificering: "qualification",
      Tekniskt: "technical",
      Utvärdering: "award",
      Tilldelning: "award",
      Kontrakt: "contract",
      Avtal: "contract",
    });
    expect(defaultValueMap("type", ["Teknisk specifikation / krav på föremålet", "Award criterion"])).toEqual({
      "Teknisk specifikation / krav på föremålet": "technical",
      "Award criterion": "award",
    });
    expect(
      defaultValueMap("area", ["is", "Läkemedel", "Behörighet & loggning (PDL)", "Access & logging (PDL)", "Drift"]),
    ).toEqual({
      is: "IS",
      Läkemedel: "LM",
      "Behörighet & loggning (PDL)": "BL",
      "Access & logging (PDL)": "BL",
      Drift: "DR",
    });
    expect(defaultValueMap("verification", ["Ja/Nej", "Scenariotest (0–5 p)", "Reference check", "Gissning"])).toEqual({
      "Ja/Nej": "yes_no",
      "Scenariotest (0–5 p)": "scenario_test",
      "Reference check": "reference_check",
      Gissning: null,
    });
    expect(defaultValueMap("ambition", ["Bas", "Avancerad", "Spjutspets", "Cutting-edge"])).toEqual({
      Bas: "basic",
      Avancerad: "advanced",
      Spjutspets: "leading",
      "Cutting-edge": "leading",
    });
  });

  test("distinct values are trimmed, non-empty and in order of appearance below the header", () => {
    const rows = [["Ska/Bör"], ["Ska"], [" Bör "], [""], ["Ska"], []];
    expect(distinctValues(rows, 0, 0)).toEqual(["Ska", "Bör"]);
  });
});

/** Imports rows with the guessed header row and mapping; options override. */
function importRows(rows: string[][], options: Partial<TableImportOptions> = {}): ImportedSet {
  const headerRow = options.headerRow ?? guessHeaderRow(rows) ?? 0;
  const mapping = options.mapping ?? guessMapping(rows[headerRow] ?? [], rows.slice(headerRow + 1));
  return tableToImportedSet(rows, {
    headerRow,
    mapping,
    valueMaps: {},
    hierarchy: suggestHierarchy(mapping),
    ...options,
  });
}

const sectionTitles = (imported: ImportedSet) => {
  const byKey = new Map(imported.sections.map((section) => [section.key, section]));
  const path = (key: string | null): string[] => {
    const section = key === null ? undefined : byKey.get(key);
    return section ? [...path(section.parentKey), section.title] : [];
  };
  return {
    sections: imported.sections.map((section) => path(section.key).join(" | ")),
    requirements: imported.requirements.map(
      (requirement) => `${requirement.ref}: ${path(requirement.sectionKey).join(" | ")}`,
    ),
  };
};

describe("a user's own spreadsheet", () => {
  const rows = [
    ["Kravspecifikation journalsystem 2027", "", "", "", "", "", "", "", ""],
    [],
    ["Nivå", "Krav-ID", "Kravrubrik", "Beskrivning", "Skall/Bör", "Kravtyp", "Område", "Vikt", "Kommentar"],
    ["1", "", "Informationssäkerhet", "", "", "", "", "", ""],
    [
      "",
      "is-001",
      "Certifiering",
      "Leverantören ska vara certifierad enligt ISO/IEC 27001.",
      "SKALL",
      "Kvalificering",
      "IS",
      "",
      "Från förra upphandlingen",
    ],
    [
      "",
      " IS-002 ",
      "Lagring inom EU",
      "Patientuppgifter ska lagras inom EU/EES.",
      "Ska",
      "Tekniskt",
      "Informationssäkerhet",
      "",
      "",
    ],
    ["2", "", "Behörighet", "", "", "", "", "", ""],
    [
      "",
      "BL-001",
      "Logguppföljning",
      "Systemet bör flagga avvikande åtkomstmönster.",
      "Bör",
      "Utvärdering",
      "BL",
      "1 000",
      "",
    ],
    [
      "",
      "BL-002",
      "Nödåtkomst",
      "Nödåtkomst bör markeras särskilt i loggen.",
      "B",
      "Utvärdering",
      "Behörighet & loggning (PDL)",
      "2,5",
      "",
    ],
    ["", "", "", "", "", "", "", "", ""],
    ["1", "", "Drift", "", "", "", "", "", ""],
    [
      "",
      "DR-001",
      "Tillgänglighet",
      "Tjänsten ska vara tillgänglig 99,9 % per månad.",
      "Kanske",
      "Kontrakt",
      "DR",
      "",
      "",
    ],
  ];

  test("header row, mapping, hierarchy and value maps are guessed as a person would set them", () => {
    expect(guessHeaderRow(rows)).toBe(2);
    const mapping = guessMapping(rows[2] ?? [], rows.slice(3));
    expect(mapping).toEqual(["level", "ref", "title", "text", "obligation", "type", "area", "weight", "keep"]);
    expect(suggestHierarchy(mapping)).toEqual({ kind: "level-column" });
    expect(defaultValueMap("obligation", distinctValues(rows, 4, 2))).toEqual({
      SKALL: "ska",
      Ska: "ska",
      Bör: "bor",
      B: "bor",
      Kanske: null,
    });
  });

  test("it gives the expected requirements, sections and exactly the expected issues", () => {
    const mapping = guessMapping(rows[2] ?? []);
    const imported = tableToImportedSet(rows, {
      headerRow: 2,
      mapping,
      valueMaps: { obligation: defaultValueMap("obligation", distinctValues(rows, 4, 2)) },
      hierarchy: { kind: "level-column" },
      defaults: { verification: "description" },
    });
    expect(imported.sections).toEqual([
      { key: "row:4", parentKey: null, title: "Informationssäkerhet", id: null },
      { key: "row:7", parentKey: "row:4", title: "Behörighet", id: null },
      { key: "row:11", parentKey: null, title: "Drift", id: null },
    ]);
    expect(imported.requirements).toEqual([
      {
        row: 5,
        id: null,
        sectionKey: "row:4",
        ref: "IS-001",
        title: "Certifiering",
        text: "Leverantören ska vara certifierad enligt ISO/IEC 27001.",
        obligation: "ska",
        type: "qualification",
        area: "IS",
        rationale: "",
        verification: "description",
        weight: null,
        ambition: null,
        tags: [],
        importedAttributes: { Kommentar: "Från förra upphandlingen" },
        linkedStandards: [],
      },
      expect.objectContaining({
        row: 6,
        ref: "IS-002",
        sectionKey: "row:4",
        obligation: "ska",
        type: "technical",
        area: "IS",
        importedAttributes: {},
      }),
      expect.objectContaining({
        row: 8,
        ref: "BL-001",
        sectionKey: "row:7",
        obligation: "bor",
        type: "award",
        area: "BL",
        weight: 1000,
      }),
      expect.objectContaining({
        row: 9,
        ref: "BL-002",
        sectionKey: "row:7",
        obligation: "bor",
        area: "BL",
        weight: null,
      }),
      expect.objectContaining({
        row: 12,
        ref: "DR-001",
        sectionKey: "row:11",
        obligation: null,
        type: "contract",
        area: "DR",
      }),
    ]);
    expect(imported.issues).toEqual([
      { severity: "error", row: 9, column: "Vikt", value: "2,5", message: "exchange.tabular.issue.weightNotInteger" },
      {
        severity: "error",
        row: 12,
        column: "Skall/Bör",
        value: "Kanske",
        message: "exchange.tabular.issue.obligationUnmapped",
      },
    ]);
    // The form's rules add nothing the import already said about these rows.
    expect(checkImportedSet(imported, importColumnOf(mapping, rows[2] ?? []))).toEqual([]);
  });

  test("the user's choice for a value overrides the guess", () => {
    const mapping = guessMapping(rows[2] ?? []);
    const imported = tableToImportedSet(rows, {
      headerRow: 2,
      mapping,
      valueMaps: { obligation: { Kanske: "bor", SKALL: null } },
      hierarchy: { kind: "level-column" },
      defaults: { verification: "description" },
    });
    const obligations = imported.requirements.map((requirement) => [requirement.ref, requirement.obligation]);
    expect(obligations).toEqual([
      ["IS-001", null],
      ["IS-002", "ska"],
      ["BL-001", "bor"],
      ["BL-002", "bor"],
      ["DR-001", "bor"],
    ]);
    expect(imported.issues.map((issue) => [issue.row, issue.value, issue.message])).toEqual([
      [5, "SKALL", "exchange.tabular.issue.obligationUnmapped"],
      [9, "2,5", "exchange.tabular.issue.weightNotInteger"],
    ]);
  });
});

describe("hierarchy kinds", () => {
  const header = ["Kravnummer", "Avsnitt", "Kravtext", "Ska/Bör", "Kravtyp", "Område", "Verifiering"];
  const row = (ref: string, section: string) => [ref, section, `Text ${ref}`, "Ska", "Tekniskt", "IS", "Ja/Nej"];

  test("none: every requirement at the top even when the file has a section column", () => {
    const imported = importRows([header, row("IS-001", "Säkerhet")], { hierarchy: { kind: "none" } });
    expect(imported.sections).toEqual([]);
    expect(imported.requirements[0]?.sectionKey).toBeNull();
  });

  test("section-column: ' > ' or ' / ' paths and single titles, shared sections found again, section-only rows kept", () => {
    const imported = importRows([
      header,
      row("IS-001", "Säkerhet > Behörighet"),
      row("IS-002", "Säkerhet / Loggning"),
      row("IS-003", "Säkerhet"),
      row("IS-004", ""),
      ["", "Drift / Kontinuitet > Reserv", "", "", "", "", ""],
    ]);
    expect(sectionTitles(imported)).toEqual({
      sections: [
        "Säkerhet",
        "Säkerhet | Behörighet",
        "Säkerhet | Loggning",
        "Drift / Kontinuitet",
        "Drift / Kontinuitet | Reserv",
      ],
      requirements: ["IS-001: Säkerhet | Behörighet", "IS-002: Säkerhet | Loggning", "IS-003: Säkerhet", "IS-004: "],
    });
  });

  test("level-column: numbers and outline numbers; requirements go under the last heading above", () => {
    const imported = importRows(
      [
        ["Nivå", "Rubrik", "Kravtext", "Ska/Bör"],
        ["", "Fristående", "Krav före rubriker", "Ska"],
        ["1", "Säkerhet", "", ""],
        ["1.1", "Behörighet", "", ""],
        ["", "Åtkomst", "Åtkomst styrs av HSA.", "Ska"],
        ["3", "Nödåtkomst", "", ""],
        ["", "Markering", "Nödåtkomst markeras.", "Bör"],
        ["2.", "Loggning", "", ""],
        ["", "Logg", "Loggar sparas.", "Ska"],
        ["sju", "", "", ""],
        ["2", "", "", ""],
      ],
      { hierarchy: { kind: "level-column" } },
    );
    expect(sectionTitles(imported)).toEqual({
      sections: ["Säkerhet", "Säkerhet | Behörighet", "Säkerhet | Behörighet | Nödåtkomst", "Loggning"],
      requirements: [": ", ": Säkerhet | Behörighet", ": Säkerhet | Behörighet | Nödåtkomst", ": Loggning"],
    });
    expect(imported.issues).toEqual([
      { severity: "error", row: 10, column: "Nivå", value: "sju", message: "exchange.tabular.issue.levelInvalid" },
      {
        severity: "error",
        row: 11,
        column: "Rubrik",
        value: "",
        message: "exchange.tabular.issue.headingTitleMissing",
      },
    ]);
  });

  test("ref-prefix: area codes become area sections, other prefixes their own, dotted refs nest", () => {
    const imported = importRows(
      [
        header,
        row("IS-001", ""),
        row("pdl-003", ""),
        row("IS-002", ""),
        row("2.1.3", ""),
        row("2.2", ""),
        row("17", ""),
      ],
      { hierarchy: { kind: "ref-prefix" } },
    );
    expect(sectionTitles(imported)).toEqual({
      sections: ["Informationssäkerhet", "PDL", "2", "2 | 2.1"],
      requirements: [
        "IS-001: Informationssäkerhet",
        "PDL-003: PDL",
        "IS-002: Informationssäkerhet",
        "2.1.3: 2 | 2.1",
        "2.2: 2",
        "17: ",
      ],
    });
    const english = importRows([header, row("IS-001", "")], { hierarchy: { kind: "ref-prefix" }, language: "en" });
    expect(english.sections.map((section) => section.title)).toEqual(["Information security"]);
  });

  test("sections-sheet: UUIDs, empty sections and look-alike titles survive; an unknown path becomes a new section", () => {
    const sections: ExchangeSection[] = [
      { id: SECURITY, parentId: null, title: "Säkerhet" },
      { id: ACCESS, parentId: SECURITY, title: "Loggning" },
      { id: EMPTY, parentId: SECURITY, title: "Loggning" },
      { id: "66666666-6666-4666-8666-666666666666", parentId: null, title: "Säkerhet > Loggning" },
    ];
    const set = exchangeSet(sections, [
      requirement({ id: "aaaaaaaa-0000-4000-8000-000000000003", ref: "IS-001", sectionId: EMPTY }),
      requirement({
        id: "aaaaaaaa-0000-4000-8000-000000000004",
        ref: "IS-002",
        sectionId: "66666666-6666-4666-8666-666666666666",
      }),
    ]);
    const table = setToTable(set, "sv");
    const rows = [
      table.columns.map((column) => column.header),
      ...table.rows.map((cells) => cells.map((cell) => (cell === null ? "" : String(cell)))),
      // A row the user added in the export's column order, in a section the sheet does not have.
      ["IS-003", "Säkerhet > Nytt", "Nytt krav", "Text", "Ska", "Tekniskt", "IS", "", "Ja/Nej"],
    ];
    const imported = importRows(rows, {
      hierarchy: { kind: "sections-sheet" },
      sections: [table.sections.header, ...table.sections.rows],
    });
    const idOfKey = new Map(imported.sections.map((section) => [section.key, section.id]));
    expect(imported.sections.map((section) => [section.title, section.id])).toEqual([
      ["Säkerhet", SECURITY],
      ["Loggning", ACCESS],
      ["Loggning", EMPTY],
      ["Nytt", null],
      ["Säkerhet > Loggning", "66666666-6666-4666-8666-666666666666"],
    ]);
    expect(imported.requirements.map((requirement) => idOfKey.get(requirement.sectionKey ?? ""))).toEqual([
      EMPTY,
      "66666666-6666-4666-8666-666666666666",
      null,
    ]);
    expect(imported.issues).toEqual([
      {
        severity: "warning",
        row: 4,
        column: "Avsnitt",
        value: "Säkerhet > Nytt",
        message: "exchange.tabular.issue.sectionNotInSheet",
      },
    ]);
  });

  test("a broken sections sheet is reported: bad UUID, missing parent, no title, a UUID twice", () => {
    const imported = importRows([header], {
      hierarchy: { kind: "sections-sheet" },
      sections: [
        ["Nummer", "Rubrik", "UUID", "Överordnat avsnitt (UUID)"],
        ["1", "Säkerhet", "inte-ett-uuid", ""],
        ["2", "Drift", SECURITY, ACCESS],
        ["3", "", EMPTY, ""],
        ["4", "Igen", SECURITY, ""],
      ],
    });
    expect(imported.issues.map((issue) => [issue.column, issue.value, issue.message, issue.params])).toEqual([
      ["UUID", "inte-ett-uuid", "exchange.tabular.issue.sectionIdInvalid", { row: 2 }],
      ["Rubrik", "", "exchange.tabular.issue.sectionTitleMissing", { row: 4 }],
      ["UUID", SECURITY, "exchange.tabular.issue.sectionDuplicateId", { row: 5, first: 3 }],
      ["Överordnat avsnitt (UUID)", ACCESS, "exchange.tabular.issue.sectionParentMissing", { row: 3 }],
    ]);
    expect(imported.sections.map((section) => [section.title, section.parentKey])).toEqual([
      ["Säkerhet", null],
      ["Drift", null],
      ["", null],
      ["Igen", null],
    ]);
  });
});

describe("row-by-row reading", () => {
  const header = ["Nr", "Rubrik", "Kravtext", "Ska/Bör", "Kravtyp", "Område", "Verifiering", "Vikt", "UUID", "Taggar"];
  const base = ["IS-001", "Rubrik", "Text", "Bör", "Tekniskt", "IS", "Ja/Nej", "", "", ""];
  const withCells = (cells: Record<number, string>) => base.map((cell, index) => cells[index] ?? cell);

  test("row numbers count the header and rows above it; empty rows are skipped but counted", () => {
    const imported = importRows([
      ["Titel"],
      header,
      [],
      withCells({ 0: "IS-001" }),
      ["", " ", ""],
      withCells({ 0: "IS-002" }),
    ]);
    expect(imported.requirements.map((requirement) => [requirement.row, requirement.ref])).toEqual([
      [4, "IS-001"],
      [6, "IS-002"],
    ]);
  });

  test("weights are read leniently: grouped thousands pass, decimals and words are issues", () => {
    const imported = importRows([
      header,
      withCells({ 7: "1 000" }),
      withCells({ 7: "1\u00a0000" }),
      withCells({ 7: " 25 " }),
      withCells({ 7: "2,5" }),
      withCells({ 7: "tio" }),
      withCells({ 7: "-5" }),
    ]);
    expect(imported.requirements.map((requirement) => requirement.weight)).toEqual([1000, 1000, 25, null, null, -5]);
    expect(imported.issues.map((issue) => [issue.row, issue.column, issue.value, issue.message])).toEqual([
      [5, "Vikt", "2,5", "exchange.tabular.issue.weightNotInteger"],
      [6, "Vikt", "tio", "exchange.tabular.issue.weightNotInteger"],
    ]);
  });

  test("a UUID cell that is not a UUID is an error; a UUID is read in lower case", () => {
    const imported = importRows([header, withCells({ 8: "IS-001" }), withCells({ 8: SECURITY.toUpperCase() })]);
    expect(imported.requirements.map((requirement) => requirement.id)).toEqual([null, SECURITY]);
    expect(imported.issues).toEqual([
      { severity: "error", row: 2, column: "UUID", value: "IS-001", message: "exchange.tabular.issue.idInvalid" },
    ]);
  });

  test("cells that start like formulas are kept as text with a warning; numbers are not formulas", () => {
    const imported = importRows([
      header,
      withCells({ 1: '=HYPERLINK("http://x")', 2: " +46 fel", 9: "@sum, b" }),
      withCells({ 1: "-", 7: "-5", 2: "Text - med streck" }),
    ]);
    expect(imported.requirements[0]?.title).toBe('=HYPERLINK("http://x")');
    expect(imported.issues.filter((issue) => issue.severity === "warning")).toEqual([
      {
        severity: "warning",
        row: 2,
        column: "Rubrik",
        value: '=HYPERLINK("http://x")',
        message: "exchange.tabular.issue.formulaLike",
      },
      {
        severity: "warning",
        row: 2,
        column: "Kravtext",
        value: " +46 fel",
        message: "exchange.tabular.issue.formulaLike",
      },
      {
        severity: "warning",
        row: 2,
        column: "Taggar",
        value: "@sum, b",
        message: "exchange.tabular.issue.formulaLike",
      },
      { severity: "warning", row: 3, column: "Rubrik", value: "-", message: "exchange.tabular.issue.formulaLike" },
    ]);
  });

  test("a field mapped from two columns: the first wins and the second is reported", () => {
    const mapping: ColumnMapping = [
      "ref",
      "title",
      "text",
      "obligation",
      "type",
      "area",
      "verification",
      "weight",
      "id",
      "text",
    ];
    const imported = importRows([header, withCells({ 9: "annan text" })], { mapping });
    expect(imported.requirements[0]?.text).toBe("Text");
    expect(imported.issues).toEqual([
      {
        severity: "warning",
        row: null,
        column: "Taggar",
        value: "Taggar",
        message: "exchange.tabular.issue.duplicateColumn",
        params: { column: "Kravtext" },
      },
    ]);
    expect(importColumnOf(mapping, header)("text")).toBe("Kravtext");
    expect(importColumnOf(mapping, header)("rationale")).toBe("rationale");
  });

  test("unmappable enum values are errors naming the column and the value; defaults fill empty cells and missing columns", () => {
    const imported = importRows(
      [
        ["Nr", "Kravtext", "Ska/Bör", "Område", "Ambition", "Rubrik"],
        ["IS-001", "Text", "", "Rymden", "Max", "R"],
      ],
      { defaults: { obligation: "bor", type: "award", area: "KV", verification: "description" } },
    );
    expect(imported.requirements[0]).toMatchObject({
      obligation: "bor",
      type: "award",
      area: null,
      verification: "description",
      ambition: null,
    });
    expect(imported.issues.map((issue) => [issue.column, issue.value, issue.message])).toEqual([
      ["Område", "Rymden", "exchange.tabular.issue.areaUnmapped"],
      ["Ambition", "Max", "exchange.tabular.issue.ambitionUnmapped"],
    ]);
  });

  test("kept columns go into the imported attributes under their header, after our attributes column", () => {
    const imported = importRows([
      ["Nr", "Kravtext", "Importerade attribut", "Kommentar", "", "Kommentar"],
      ["IS-001", "Text", "Källa: ReqIF\nProjekt: VIS", "Viktig", "utan rubrik", "Andra"],
    ]);
    expect(imported.requirements[0]?.importedAttributes).toEqual({
      Källa: "ReqIF",
      Projekt: "VIS",
      Kommentar: "Viktig",
      E: "utan rubrik",
      "Kommentar (2)": "Andra",
    });
  });

  test("the metadata sheet gives the imported set its title and description", () => {
    const imported = importRows([["Nr", "Kravtext"]], {
      metadata: setToTable(sampleSet, "en").metadata.map(([label, value]) => [label, String(value)]),
    });
    expect(imported.title).toBe("VIS 2027");
    expect(imported.description).toBe("Gemensamma krav");
    expect(importRows([["Nr", "Kravtext"]]).title).toBeNull();
  });
});
