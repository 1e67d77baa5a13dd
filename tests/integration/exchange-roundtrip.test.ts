import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";

import type { ExchangeSet } from "~/exchange/exchange-set";
import { readImport } from "~/exchange/import-session.server";
import { writeSetJson } from "~/exchange/json";
import { writeSetReqif } from "~/exchange/reqif.server";
import { writeSetXlsx } from "~/exchange/set-spreadsheet.server";
import { applyImport, createSetImport, getSetImport, planImport } from "~/models/set-imports.server";

import { exchangeSetArbitrary, trimmedTexts, withFreshIds } from "../support/exchange-arbitraries";

import { linkRequirement, newStandard } from "./standards-helpers";
import { exchangeWorkspace, exportSet, roundTripContent, type Principal } from "./exchange-helpers";
import { changesOf, newRequirement, newSection, newSet, requirementRow, TEST_REQUEST } from "./set-helpers";

/**
 * Round trips through the database, as users make them: a set exported as XLSX or ReqIF, the file
 * uploaded, read by the wizard with its own guesses, applied, and the stored set exported again
 * must be the set we started from (fields, tree, order, ids). And an exported workbook edited in
 * a spreadsheet program and imported back changes exactly the edited rows, recorded in the
 * history as an import by the person importing. (JSON's round trip is in exchange-json.test.ts.)
 */

/** Uploads `bytes` as the wizard stores them and reads them with the wizard's own guesses. */
async function uploadAndRead(
  bytes: Buffer,
  format: "xlsx" | "reqif" | "json",
  { regionId, actorUserId, targetSetId }: { regionId: string; actorUserId: string; targetSetId: string | null },
) {
  const importId = await createSetImport({
    regionId,
    targetSetId,
    actorUserId,
    fileName: `krav.${format}`,
    format,
    bytes,
  });
  const importRow = await getSetImport({ importId, actorUserId });
  if (!importRow) throw new Error("import not stored");
  const reading = await readImport(importRow, {}, "sv");
  return { importRow, reading };
}

const writers = {
  xlsx: (set: ExchangeSet) => writeSetXlsx(set, "sv"),
  reqif: async (set: ExchangeSet) => Buffer.from(writeSetReqif(set, "sv"), "utf8"),
  json: async (set: ExchangeSet) => Buffer.from(writeSetJson(set)),
};

/** The set's links to standards as "code version" per requirement ref. */
async function standardsByRef(setId: string, principal: Principal) {
  const exported = await exportSet(setId, principal);
  return Object.fromEntries(exported.requirements.map((requirement) => [requirement.ref, requirement.linkedStandards]));
}

describe("round trips through the database", () => {
  test.each(["xlsx", "reqif"] as const)(
    "property: a set exported as %s, imported as a new set and exported again is the same set",
    async (format) => {
      const { region, editor, principal } = await exchangeWorkspace();
      await fc.assert(
        fc.asyncProperty(exchangeSetArbitrary().map(trimmedTexts), async (generated) => {
          const original = withFreshIds(generated);
          const { importRow, reading } = await uploadAndRead(await writers[format](original), format, {
            regionId: region.id,
            actorUserId: editor.id,
            targetSetId: null,
          });
          expect(reading.issues.filter((issue) => issue.severity === "error")).toEqual([]);
          const result = await applyImport({
            importRow,
            imported: reading.imported,
            newSetTitle: reading.suggestedTitle,
            actorUserId: editor.id,
            request: TEST_REQUEST,
          });
          if (result.status !== "applied") throw new Error(`not applied: ${result.status}`);
          const again = await exportSet(result.setId, principal);
          expect(roundTripContent(again)).toEqual(roundTripContent(original));
          expect(again.set.title).toBe(original.set.title);
        }),
        { numRuns: 10 },
      );
    },
  );

  test("a workbook edited in a spreadsheet program updates exactly the edited rows, as an import by that person", async () => {
    const { region, editor, principal } = await exchangeWorkspace();
    const setId = await newSet(region.id, editor.id);
    const sectionId = await newSection(setId, null, "Informationssäkerhet", editor.id);
    const ids: string[] = [];
    for (let index = 1; index <= 5; index += 1) {
      ids.push(await newRequirement(setId, sectionId, editor.id, { ref: `IS-00${index}` }));
    }
    const exported = await exportSet(setId, principal);

    // The procurement officer opens the export in a spreadsheet program, edits two cells and saves.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await writeSetXlsx(exported, "sv")).buffer);
    const sheet = workbook.getWorksheet("Krav");
    if (!sheet) throw new Error("no Krav sheet");
    const header = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ""));
    const columnOf = (name: string) => header.indexOf(name);
    const rowOf = (ref: string) => {
      for (let row = 2; row <= sheet.rowCount; row += 1) {
        if (sheet.getCell(row, columnOf("Kravnummer")).value === ref) return row;
      }
      throw new Error(`no row ${ref}`);
    };
    sheet.getCell(rowOf("IS-002"), columnOf("Kravtext")).value = "Leverantören ska logga all åtkomst i realtid.";
    sheet.getCell(rowOf("IS-004"), columnOf("Ska/Bör")).value = "Bör";
    sheet.getCell(rowOf("IS-004"), columnOf("Viktning")).value = 20;
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());

    const { importRow, reading } = await uploadAndRead(edited, "xlsx", {
      regionId: region.id,
      actorUserId: editor.id,
      targetSetId: setId,
    });
    expect(reading.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    const plan = await planImport({ targetSetId: setId, imported: reading.imported });
    expect([plan.created, plan.updated, plan.unchanged, plan.notInFile]).toEqual([0, 2, 3, 0]);
    expect(plan.rows.filter((row) => row.action === "update").map((row) => [row.ref, row.fields])).toEqual([
      ["IS-002", ["text"]],
      ["IS-004", ["obligation", "weight"]],
    ]);

    const before = await changesOf(setId, "imported");
    const result = await applyImport({
      importRow,
      imported: reading.imported,
      newSetTitle: "",
      actorUserId: editor.id,
      request: TEST_REQUEST,
    });
    expect(result.status).toBe("applied");
    const history = (await changesOf(setId, "imported")).slice(before.length);
    expect(history.map((change) => change.requirementId).sort()).toEqual([ids[1], ids[3]].sort());
    expect(history.every((change) => change.changedByUserId === editor.id)).toBe(true);
    expect(await requirementRow(ids[1]!)).toMatchObject({
      text: "Leverantören ska logga all åtkomst i realtid.",
      version: 2,
    });
    expect(await requirementRow(ids[3]!)).toMatchObject({ obligation: "bor", weight: 20, version: 2 });
    for (const unchanged of [ids[0], ids[2], ids[4]]) expect((await requirementRow(unchanged!)).version).toBe(1);
  });

  test.each(["xlsx", "reqif", "json"] as const)(
    "linked standards (%s) come back as links to the catalogue, pinned as they were; unknown names are reported",
    async (format) => {
      const { region, editor, principal } = await exchangeWorkspace();
      const fhir = await newStandard(editor.id, {}, "R4");
      const snomed = await newStandard(editor.id, {}, "2024-09");
      const setId = await newSet(region.id, editor.id);
      const pinned = await newRequirement(setId, null, editor.id, { ref: "IS-001" });
      const unpinned = await newRequirement(setId, null, editor.id, { ref: "IS-002" });
      await newRequirement(setId, null, editor.id, { ref: "IS-003" });
      await linkRequirement(pinned, fhir.id, "R4");
      await linkRequirement(pinned, snomed.id, "2024-09");
      await linkRequirement(unpinned, fhir.id, null);
      const exported = await exportSet(setId, principal);
      expect(exported.requirements.map((requirement) => requirement.linkedStandards)).toEqual([
        [`${fhir.code} R4`, `${snomed.code} 2024-09`].sort(),
        [fhir.code],
        [],
      ]);
      // The third requirement names a standard this catalogue lacks, and a version it lacks.
      const file: ExchangeSet = withFreshIds({
        ...exported,
        requirements: exported.requirements.map((requirement) =>
          requirement.ref === "IS-003"
            ? { ...requirement, linkedStandards: ["ISO 99999:2031", `${snomed.code} 1999`] }
            : requirement,
        ),
      });

      const { importRow, reading } = await uploadAndRead(await writers[format](file), format, {
        regionId: region.id,
        actorUserId: editor.id,
        targetSetId: null,
      });
      const plan = await planImport({ targetSetId: null, imported: reading.imported });
      expect(plan.standardLinks).toBe(4);
      expect(plan.issues.map(({ severity, value, message }) => ({ severity, value, message }))).toEqual([
        { severity: "warning", value: "ISO 99999:2031", message: "exchange.issue.standardUnknown" },
        { severity: "warning", value: `${snomed.code} 1999`, message: "exchange.issue.standardVersionUnknown" },
      ]);
      const result = await applyImport({
        importRow,
        imported: reading.imported,
        newSetTitle: "Med standarder",
        actorUserId: editor.id,
        request: TEST_REQUEST,
      });
      if (result.status !== "applied") throw new Error(`not applied: ${result.status}`);
      expect(await standardsByRef(result.setId, principal)).toEqual({
        "IS-001": [`${fhir.code} R4`, `${snomed.code} 2024-09`].sort(),
        "IS-002": [fhir.code],
        // The unknown version links the standard without one; the unknown standard is not linked.
        "IS-003": [snomed.code],
      });

      // The same file again into the set it made: nothing to link.
      const again = await uploadAndRead(await writers[format](await exportSet(result.setId, principal)), format, {
        regionId: region.id,
        actorUserId: editor.id,
        targetSetId: result.setId,
      });
      expect((await planImport({ targetSetId: result.setId, imported: again.reading.imported })).standardLinks).toBe(0);
    },
  );
});
