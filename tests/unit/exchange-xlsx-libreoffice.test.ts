import fs from "node:fs";

import { describe, expect, test } from "vitest";

import { readImport } from "~/exchange/import-session.server";
import { readSetJson } from "~/exchange/json";

import { shapeOfExported, shapeOfImported } from "../support/exchange-arbitraries";

/**
 * A workbook our export wrote, opened and saved again by LibreOffice Calc 7.4 (shared strings,
 * its own styles and drawing part, numbers as it stores them), imported by the wizard with its
 * own guesses: the same set comes back, ids, tree, order and every field. How the fixture was
 * made is in tests/fixtures/exchange/libreoffice/README.md.
 */

const fixtures = new URL("../fixtures/exchange/libreoffice/", import.meta.url);

describe("a workbook re-saved by LibreOffice Calc", () => {
  test("imports as the set it was exported from, with only the formula-like text flagged", async () => {
    const original = readSetJson(fs.readFileSync(new URL("set.json", fixtures)));
    const fileBytes = fs.readFileSync(new URL("libreoffice-resaved.xlsx", fixtures));
    const reading = await readImport(
      { id: "libreoffice-resaved", format: "xlsx", fileName: "krav.xlsx", fileBytes },
      {},
      "sv",
    );
    // The text that starts with "=" stays text, with the warning every import gives for it.
    expect(reading.issues.map(({ severity, row, column, message }) => ({ severity, row, column, message }))).toEqual([
      { severity: "warning", row: 3, column: "Kravtext", message: "exchange.tabular.issue.formulaLike" },
    ]);
    expect(shapeOfImported(reading.imported)).toEqual(shapeOfExported(original));
    expect(reading.suggestedTitle).toBe(original.set.title);
  });
});
