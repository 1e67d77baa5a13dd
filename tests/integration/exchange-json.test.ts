import fs from "node:fs";

import fc from "fast-check";
import { describe, expect, test } from "vitest";

import { ExchangeFileError } from "~/exchange/exchange-error";
import type { ExchangeSet } from "~/exchange/exchange-set";
import { checkImportedSet } from "~/exchange/imported-set";
import { exchangeJsonSchema, exchangeSetToImported, readSetJson, writeSetJson } from "~/exchange/json";
import { updateRequirement } from "~/models/requirements.server";
import { applyImport, createSetImport, getSetImport, planImport } from "~/models/set-imports.server";
import { createManualBaseline } from "~/models/baselines.server";

import { exchangeSetArbitrary, withFreshIds } from "../support/exchange-arbitraries";

import { exchangeWorkspace, exportSet, roundTripContent } from "./exchange-helpers";
import { changesOf, inputFrom, newRequirement, newSection, newSet, requirementRow, TEST_REQUEST } from "./set-helpers";

async function importJson(
  bytes: Buffer,
  { regionId, actorUserId, targetSetId = null }: { regionId: string; actorUserId: string; targetSetId?: string | null },
) {
  const importId = await createSetImport({
    regionId,
    targetSetId,
    actorUserId,
    fileName: "set.json",
    format: "json",
    bytes,
  });
  const importRow = await getSetImport({ importId, actorUserId });
  if (!importRow) throw new Error("import not stored");
  const imported = exchangeSetToImported(readSetJson(importRow.fileBytes));
  return { importRow, imported };
}

describe("JSON export and import", () => {
  test("property: any set survives JSON export → import as a new set → export (fields, tree, order, ids)", async () => {
    const { region, editor, principal } = await exchangeWorkspace();
    await fc.assert(
      fc.asyncProperty(exchangeSetArbitrary(), async (generated) => {
        // Runs share one database and fast-check repeats UUIDs while shrinking: give every run fresh ones.
        const original = withFreshIds(generated);
        const bytes = Buffer.from(writeSetJson(original));
        const { importRow, imported } = await importJson(bytes, { regionId: region.id, actorUserId: editor.id });
        expect(checkImportedSet(imported)).toEqual([]);
        const result = await applyImport({
          importRow,
          imported,
          newSetTitle: original.set.title,
          actorUserId: editor.id,
          request: TEST_REQUEST,
        });
        if (result.status !== "applied") throw new Error(`not applied: ${result.status}`);
        const again = await exportSet(result.setId, principal);
        expect(roundTripContent(again)).toEqual(roundTripContent(original));
        expect(again.set.title).toBe(original.set.title);
      }),
      { numRuns: 12 },
    );
  });

  test("re-importing an edited export updates only the changed rows, as an import by that person", async () => {
    const { region, editor, principal } = await exchangeWorkspace();
    const setId = await newSet(region.id, editor.id);
    const sectionId = await newSection(setId, null, "Informationssäkerhet", editor.id);
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) ids.push(await newRequirement(setId, sectionId, editor.id));
    const exported = await exportSet(setId, principal);
    const edited: ExchangeSet = {
      ...exported,
      requirements: [
        ...exported.requirements.map((requirement, index) =>
          index === 1
            ? { ...requirement, text: "Ny kravtext från Excel." }
            : index === 3
              ? { ...requirement, obligation: "bor" as const, weight: 5 }
              : requirement,
        ),
        { ...exported.requirements[0]!, id: "6f0c5a52-5d0e-4b53-9a55-0d6c1f7b9e01", ref: "IS-900", title: "Nytt krav" },
      ],
    };
    const { importRow, imported } = await importJson(Buffer.from(writeSetJson(edited)), {
      regionId: region.id,
      actorUserId: editor.id,
      targetSetId: setId,
    });
    const plan = await planImport({ targetSetId: setId, imported });
    expect({
      created: plan.created,
      updated: plan.updated,
      unchanged: plan.unchanged,
      notInFile: plan.notInFile,
    }).toEqual({
      created: 1,
      updated: 2,
      unchanged: 3,
      notInFile: 0,
    });
    expect(plan.rows.find((row) => row.action === "update" && row.requirementId === ids[3])).toMatchObject({
      fields: ["obligation", "weight"],
    });
    const before = await changesOf(setId, "imported");
    const result = await applyImport({
      importRow,
      imported,
      newSetTitle: "",
      actorUserId: editor.id,
      request: TEST_REQUEST,
    });
    expect(result.status).toBe("applied");
    const history = (await changesOf(setId, "imported")).slice(before.length);
    expect(history.map((change) => change.requirementId).sort()).toEqual(
      [ids[1], ids[3], "6f0c5a52-5d0e-4b53-9a55-0d6c1f7b9e01"].sort(),
    );
    expect(history.every((change) => change.changedByUserId === editor.id)).toBe(true);
    expect((await requirementRow(ids[1]!)).version).toBe(2);
    expect((await requirementRow(ids[0]!)).version).toBe(1);
    expect((await requirementRow(ids[1]!)).text).toBe("Ny kravtext från Excel.");
  });

  test("a file may swap refs, hand a given-up ref to a new row and move rows; every changed field is written", async () => {
    const { region, editor, principal } = await exchangeWorkspace();
    const setId = await newSet(region.id, editor.id);
    const first = await newSection(setId, null, "Drift", editor.id);
    const second = await newSection(setId, null, "Förvaltning", editor.id);
    const a = await newRequirement(setId, first, editor.id, { ref: "DR-001" });
    const b = await newRequirement(setId, first, editor.id, { ref: "DR-002" });
    const c = await newRequirement(setId, first, editor.id, { ref: "DR-003" });
    const exported = await exportSet(setId, principal);
    const [rowA, rowB, rowC] = exported.requirements;
    if (!rowA || !rowB || !rowC) throw new Error("three requirements expected");
    const edited: ExchangeSet = {
      ...exported,
      requirements: [
        // A and B swap refs; C gives up DR-003 to a new row and moves to the second section.
        { ...rowA, ref: "DR-002" },
        {
          ...rowB,
          ref: "DR-001",
          tags: ["drift", "övervakning"],
          ambition: "leading",
          weight: null,
          obligation: "bor",
          type: "award",
          verification: "demonstration",
          rationale: "Motiv från Excel",
          importedAttributes: { "DOORS.Status": "Godkänd" },
        },
        { ...rowC, ref: "DR-010", sectionId: second },
        { ...rowC, id: "2a0e4c8b-6f11-4c55-8a9d-3b7e51d0c002", ref: "DR-003", title: "Nytt krav med gammal ref" },
      ],
    };
    const { importRow, imported } = await importJson(Buffer.from(writeSetJson(edited)), {
      regionId: region.id,
      actorUserId: editor.id,
      targetSetId: setId,
    });
    const plan = await planImport({ targetSetId: setId, imported });
    expect(plan.issues).toEqual([]);
    expect([plan.created, plan.updated, plan.unchanged]).toEqual([1, 3, 0]);
    const progress: Array<{ done: number; total: number }> = [];
    const result = await applyImport({
      importRow,
      imported,
      newSetTitle: "",
      actorUserId: editor.id,
      request: TEST_REQUEST,
      onProgress: (step) => progress.push(step),
    });
    expect(result.status).toBe("applied");
    expect(progress.at(0)).toEqual({ done: 0, total: 4 });
    expect(progress.at(-1)).toEqual({ done: 4, total: 4 });
    expect(progress.every((step, index) => index === 0 || step.done >= (progress[index - 1]?.done ?? 0))).toBe(true);

    expect(await requirementRow(a)).toMatchObject({ ref: "DR-002", version: 2 });
    expect(await requirementRow(b)).toMatchObject({
      ref: "DR-001",
      version: 2,
      tags: ["drift", "övervakning"],
      ambition: "leading",
      weight: null,
      obligation: "bor",
      type: "award",
      verification: "demonstration",
      rationale: "Motiv från Excel",
      importedAttributes: { "DOORS.Status": "Godkänd" },
      updatedByUserId: editor.id,
    });
    expect(await requirementRow(c)).toMatchObject({ ref: "DR-010", sectionId: second, version: 2 });
    expect(await requirementRow("2a0e4c8b-6f11-4c55-8a9d-3b7e51d0c002")).toMatchObject({
      ref: "DR-003",
      sectionId: first,
      title: "Nytt krav med gammal ref",
    });
    const history = await changesOf(setId, "imported");
    expect(history.find((change) => change.requirementId === c)?.changes).toMatchObject({
      ref: { old: "DR-003", new: "DR-010" },
      section: { old: first, new: second },
    });
    expect(history.find((change) => change.requirementId === b)?.version).toBe(2);
  });

  test("an import with a bad row saves nothing (all or nothing)", async () => {
    const { region, editor, principal } = await exchangeWorkspace();
    const setId = await newSet(region.id, editor.id);
    const keptId = await newRequirement(setId, null, editor.id, { ref: "IS-001" });
    await newRequirement(setId, null, editor.id, { ref: "IS-002" });
    const exported = await exportSet(setId, principal);
    // Row 1 is edited; row 2 claims row 1's UUID again: the whole file is refused.
    const edited: ExchangeSet = {
      ...exported,
      requirements: [
        { ...exported.requirements[0]!, title: "Ändrad rubrik" },
        { ...exported.requirements[0]!, ref: "IS-004", title: "Nytt" },
      ],
    };
    const { importRow, imported } = await importJson(Buffer.from(writeSetJson(edited)), {
      regionId: region.id,
      actorUserId: editor.id,
      targetSetId: setId,
    });
    expect(checkImportedSet(imported).map((issue) => issue.message)).toEqual(["exchange.issue.duplicateId"]);
    const result = await applyImport({
      importRow,
      imported,
      newSetTitle: "",
      actorUserId: editor.id,
      request: TEST_REQUEST,
    });
    expect(result.status).toBe("invalid");
    expect((await requirementRow(keptId)).title).not.toBe("Ändrad rubrik");
    expect(await changesOf(setId, "imported")).toEqual([]);
  });

  test("a new row taking the ref of a requirement the file leaves alone is reported before anything is saved", async () => {
    const { region, editor, principal } = await exchangeWorkspace();
    const setId = await newSet(region.id, editor.id);
    await newRequirement(setId, null, editor.id, { ref: "IS-001" });
    await newRequirement(setId, null, editor.id, { ref: "IS-002" });
    const exported = await exportSet(setId, principal);
    const renamed: ExchangeSet = {
      ...exported,
      // IS-001 is renamed to IS-002 while the real IS-002 is not in the file.
      requirements: [{ ...exported.requirements[0]!, ref: "IS-002" }],
    };
    const { imported } = await importJson(Buffer.from(writeSetJson(renamed)), {
      regionId: region.id,
      actorUserId: editor.id,
      targetSetId: setId,
    });
    const plan = await planImport({ targetSetId: setId, imported });
    expect(plan.issues.map((issue) => [issue.row, issue.message])).toEqual([[1, "exchange.issue.refTakenInSet"]]);
  });

  test("a baseline exports as it was frozen, with its name and date", async () => {
    const { region, editor, principal } = await exchangeWorkspace();
    const setId = await newSet(region.id, editor.id);
    const requirementId = await newRequirement(setId, null, editor.id, { text: "Texten vid baslinjen." });
    const baselineId = await createManualBaseline({ setId, name: "Remissversion", actorUserId: editor.id });
    const row = await requirementRow(requirementId);
    await updateRequirement({
      setId,
      requirementId,
      baseVersion: row.version,
      input: inputFrom(row, { text: "Senare text." }),
      actorUserId: editor.id,
    });
    const frozen = await exportSet(setId, principal, baselineId);
    expect(frozen.set.baseline?.name).toBe("Remissversion");
    expect(frozen.requirements.map((requirement) => requirement.text)).toEqual(["Texten vid baslinjen."]);
    expect((await exportSet(setId, principal)).requirements.map((requirement) => requirement.text)).toEqual([
      "Senare text.",
    ]);
  });

  test("files that are not Samkrav JSON are refused with a reason", () => {
    const codeOf = (text: string) => {
      try {
        readSetJson(Buffer.from(text));
        return "read";
      } catch (error) {
        return error instanceof ExchangeFileError ? error.code : "crash";
      }
    };
    expect(codeOf("inte json")).toBe("notSamkravJson");
    expect(codeOf('{"format":"annat","formatVersion":1}')).toBe("notSamkravJson");
    expect(codeOf('{"format":"samkrav-requirement-set","formatVersion":2}')).toBe("unsupportedVersion");
    expect(codeOf('{"format":"samkrav-requirement-set","formatVersion":1,"set":{}}')).toBe("notSamkravJson");
  });

  test("the published JSON Schema is the one generated from the format's zod schema", () => {
    const published: unknown = JSON.parse(fs.readFileSync("public/schemas/requirement-set-v1.schema.json", "utf8"));
    expect(published).toEqual(exchangeJsonSchema());
  });
});
