import { describe, expect, test } from "vitest";

import {
  checkImportedSet,
  trimImportedTexts,
  type ImportedRequirement,
  type ImportedSet,
} from "~/exchange/imported-set";

function requirement(overrides: Partial<ImportedRequirement> = {}): ImportedRequirement {
  return {
    row: 2,
    id: null,
    sectionKey: null,
    ref: "IS-001",
    title: "Loggning",
    text: "Systemet ska logga åtkomst.",
    obligation: "ska",
    type: "technical",
    area: "IS",
    rationale: "",
    verification: "yes_no",
    weight: null,
    ambition: null,
    tags: [],
    importedAttributes: {},
    linkedStandards: [],
    ...overrides,
  };
}

function set(requirements: ImportedRequirement[], issues: ImportedSet["issues"] = []): ImportedSet {
  return { title: null, description: null, sections: [], requirements, issues };
}

const summary = (imported: ImportedSet) =>
  checkImportedSet(imported, (field) => `kolumn ${field}`).map(({ row, column, message }) => [row, column, message]);

describe("the row-by-row check every import shares", () => {
  test("a valid row has no issues", () => {
    expect(summary(set([requirement()]))).toEqual([]);
  });

  test("the form's rules, named by the file's columns", () => {
    const rows = [
      requirement({ row: 2, ref: "is 1" }),
      requirement({ row: 3, ref: "IS-003", title: "", text: "" }),
      requirement({ row: 4, ref: "IS-004", weight: 10 }),
      requirement({ row: 5, ref: "IS-005", obligation: null, verification: null }),
      requirement({ row: 6, ref: "IS-006", tags: Array.from({ length: 21 }, (_, index) => `t${index}`) }),
    ];
    expect(summary(set(rows))).toEqual([
      [2, "kolumn ref", "requirement.refInvalid"],
      [3, "kolumn title", "validation.required"],
      [3, "kolumn text", "validation.required"],
      [4, "kolumn weight", "requirement.weightOnlyForBor"],
      [5, "kolumn obligation", "requirement.obligationInvalid"],
      [5, "kolumn verification", "requirement.verificationInvalid"],
      [6, "kolumn tags", "requirement.tagsInvalid"],
    ]);
  });

  test("a ref or a UUID used twice names the first row", () => {
    const id = "6f0c5a52-5d0e-4b53-9a55-0d6c1f7b9e01";
    const issues = checkImportedSet(
      set([requirement({ row: 2, id }), requirement({ row: 3, id, ref: "IS-002" }), requirement({ row: 4 })]),
    );
    expect(issues.map(({ row, message, params }) => [row, message, params])).toEqual([
      [3, "exchange.issue.duplicateId", { row: 2 }],
      [4, "exchange.issue.duplicateRef", { row: 2 }],
    ]);
  });

  test("what an importer already reported for a cell is not repeated", () => {
    const imported = set(
      [requirement({ obligation: null })],
      [
        {
          severity: "error",
          row: 2,
          column: "kolumn obligation",
          value: "Kanske",
          message: "requirement.obligationInvalid",
        },
      ],
    );
    expect(summary(imported)).toEqual([]);
  });

  test("NUL characters and broken Unicode cannot be stored and are reported", () => {
    expect(summary(set([requirement({ text: "a\u0000b" })]))).toEqual([
      [2, "kolumn text", "exchange.issue.unstorableCharacters"],
    ]);
    expect(summary(set([requirement({ title: "x\ud800" })]))).toEqual([
      [2, "kolumn text", "exchange.issue.unstorableCharacters"],
    ]);
    expect(summary(set([requirement({ title: "😀" })]))).toEqual([]);
  });

  test("texts are trimmed as the forms trim them, inner whitespace kept", () => {
    const trimmed = trimImportedTexts({
      ...set([requirement({ title: "  Loggning\n", text: "\r\nRad ett\n\nRad  två ", rationale: " \t" })]),
      sections: [{ key: "s", parentKey: null, title: " Säkerhet ", id: null }],
    });
    expect(trimmed.requirements[0]).toMatchObject({ title: "Loggning", text: "Rad ett\n\nRad  två", rationale: "" });
    expect(trimmed.sections[0]?.title).toBe("Säkerhet");
  });
});
