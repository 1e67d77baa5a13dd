/**
 * Export of 5,000 requirements to XLSX, DOCX and CSV, and import of the XLSX, each against a floor
 * measured in the same run, interleaved round by round (these machines are too noisy for absolute
 * times on their own, PERFORMANCE.md):
 *
 *   XLSX floor  the requirements sheet's rows as minimal worksheet XML (inline strings, the same
 *               escaping), deflated with zlib: what any XLSX writer must at least do
 *   DOCX floor  a minimal document.xml for the same content (per requirement a heading paragraph,
 *               the text, a two-cell table row for ska/bör and verification, the rationale), deflated
 *   CSV floor   JSON.stringify of the same rows
 *
 * The import figure is wall time for reading the 5,000-row workbook our export wrote, guessing the
 * mapping, building the requirements and checking every row (what the preview does), median.
 *
 * Run: npx tsx bench/exchange.bench.ts
 */
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import zlib from "node:zlib";

import { writeCsv } from "../app/exchange/csv.server";
import { writeSetDocx } from "../app/exchange/docx.server";
import { EXCHANGE_FORMAT, EXCHANGE_FORMAT_VERSION, type ExchangeSet } from "../app/exchange/exchange-set";
import { readImport } from "../app/exchange/import-session.server";
import { writeSetXlsx } from "../app/exchange/set-spreadsheet.server";
import { setToTable } from "../app/exchange/tabular";
import {
  AMBITION_LEVELS,
  AREAS,
  OBLIGATIONS,
  REQUIREMENT_TYPES,
  VERIFICATION_METHODS,
} from "../app/utils/requirement-fields";

import { prng } from "./generate-set";

type BenchResult = { name: string; value: number; unit: string; goal: string };

const REQUIREMENTS = 5_000;
const ROUNDS = 21;

const WORDS = [
  "leverantören",
  "ska",
  "säkerställa",
  "att",
  "systemet",
  "loggar",
  "all",
  "åtkomst",
  "till",
  "patientuppgifter",
  "enligt",
  "HSLF-FS",
  "2016:40",
  "och",
  "att",
  "loggarna",
  "kan",
  "följas",
  "upp",
  "av",
  "vårdgivaren",
  "inom",
  "rimlig",
  "tid",
  "(PDL)",
  "m.m.",
];

function sentence(random: () => number, words: number): string {
  let text = "";
  for (let index = 0; index < words; index += 1) {
    text += `${index === 0 ? "" : " "}${WORDS[Math.floor(random() * WORDS.length)]}`;
  }
  return `${text}.`;
}

/** A realistic set: 40 sections in two levels, 5,000 requirements with ~300-character texts. */
export function benchSet(requirementCount = REQUIREMENTS): ExchangeSet {
  const random = prng(6);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const sections: ExchangeSet["sections"] = [];
  for (let top = 0; top < 8; top += 1) {
    const id = uuid(100_000 + top * 10);
    sections.push({ id, parentId: null, title: `Kapitel ${top + 1} ${sentence(random, 3)}` });
    for (let child = 1; child <= 4; child += 1) {
      sections.push({ id: uuid(100_000 + top * 10 + child), parentId: id, title: sentence(random, 4) });
    }
  }
  const requirements: ExchangeSet["requirements"] = [];
  for (let index = 0; index < requirementCount; index += 1) {
    const section = sections[Math.floor((index / requirementCount) * sections.length)] ?? null;
    const obligation = pick(OBLIGATIONS);
    const area = pick(AREAS);
    requirements.push({
      id: uuid(index + 1),
      sectionId: section?.id ?? null,
      ref: `${area}-${String(index + 1).padStart(4, "0")}`,
      title: sentence(random, 6),
      text: sentence(random, 40),
      obligation,
      type: pick(REQUIREMENT_TYPES),
      area,
      rationale: random() < 0.6 ? sentence(random, 15) : "",
      verification: pick(VERIFICATION_METHODS),
      weight: obligation === "bor" && random() < 0.5 ? Math.floor(random() * 100) : null,
      ambition: random() < 0.5 ? pick(AMBITION_LEVELS) : null,
      tags: random() < 0.3 ? ["loggning", "säkerhet"] : [],
      version: 1 + Math.floor(random() * 5),
      linkedStandards: random() < 0.2 ? ["HSLF-FS 2016:40"] : [],
      source: "",
      importedAttributes: {},
    });
  }
  return {
    format: EXCHANGE_FORMAT,
    formatVersion: EXCHANGE_FORMAT_VERSION,
    exportedAt: "2026-12-02T10:00:00.000Z",
    set: {
      id: uuid(999_999),
      title: "Vårdinformationssystem 2027",
      description: "Gemensam kravbild för 3R",
      procurementReference: "RS 2026-0412",
      ownerRegionName: "Region Skåne",
      status: "draft",
      visibility: "private",
      collaborationName: null,
      version: 12,
      baseline: null,
    },
    sections,
    requirements,
  };
}

const XML_SPECIAL = /[&<>"]/;
function escapeXml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function xlsxFloor(rows: readonly (readonly (string | number | null)[])[]): Buffer {
  let xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  for (let index = 0; index < rows.length; index += 1) {
    xml += `<row r="${index + 2}">`;
    for (const cell of rows[index] ?? []) {
      if (cell === null || cell === "") xml += "<c/>";
      else if (typeof cell === "number") xml += `<c><v>${cell}</v></c>`;
      else xml += `<c t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`;
    }
    xml += "</row>";
  }
  xml += "</sheetData></worksheet>";
  return zlib.deflateRawSync(Buffer.from(xml, "utf8"));
}

function docxFloor(set: ExchangeSet): Buffer {
  let xml = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
  for (const requirement of set.requirements) {
    xml += `<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t xml:space="preserve">${escapeXml(`${requirement.ref} ${requirement.title}`)}</w:t></w:r></w:p>`;
    xml += `<w:p><w:r><w:t xml:space="preserve">${escapeXml(requirement.text)}</w:t></w:r></w:p>`;
    xml += `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>${requirement.obligation}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>${requirement.verification}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`;
    xml += `<w:p><w:r><w:t xml:space="preserve">${escapeXml(requirement.rationale)}</w:t></w:r></w:p>`;
  }
  xml += "</w:body></w:document>";
  return zlib.deflateRawSync(Buffer.from(xml, "utf8"));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

// Garbage left by one measurement must not be collected inside the next one.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

/** Runs per sample: enough for a sample of about 100 ms (the CSV floor takes 7 ms a run). */
const RUNS_PER_SAMPLE = 3;
const CSV_RUNS_PER_SAMPLE = 15;

/**
 * CPU time of the process (all its threads: zlib work in libuv's pool counts too) per run, so
 * other processes on the machine do not shift the figures; wall time for the import, as a user waits it.
 */
async function time(run: () => unknown, clock: "cpu" | "wall" = "cpu", runs = RUNS_PER_SAMPLE): Promise<number> {
  collectGarbage();
  const startedCpu = process.cpuUsage();
  const startedWall = performance.now();
  for (let index = 0; index < runs; index += 1) await run();
  const cpu = process.cpuUsage(startedCpu);
  const elapsed = clock === "cpu" ? (cpu.user + cpu.system) / 1000 : performance.now() - startedWall;
  return elapsed / runs;
}

export async function runExchangeBench(): Promise<BenchResult[]> {
  const set = benchSet();
  const table = setToTable(set, "sv");
  const csvTable = { header: table.columns.map((column) => column.header), rows: table.rows };
  const workbook = await writeSetXlsx(set, "sv");
  const upload = { id: "bench-import", format: "xlsx", fileName: "bench.xlsx", fileBytes: workbook };
  const samples = { xlsx: [] as number[], xlsxFloor: [] as number[], docx: [] as number[], docxFloor: [] as number[] };
  const csvSamples = { csv: [] as number[], csvFloor: [] as number[] };
  const importSamples: number[] = [];
  // Warm-up: JIT and zlib's first allocations.
  for (let round = 0; round < 2; round += 1) {
    await writeSetXlsx(set, "sv");
    await writeSetDocx(set, "sv");
    xlsxFloor(table.rows);
    docxFloor(set);
    writeCsv(csvTable, { delimiter: ";" });
    JSON.stringify(table.rows);
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    samples.xlsxFloor.push(await time(() => xlsxFloor(setToTable(set, "sv").rows)));
    samples.xlsx.push(await time(() => writeSetXlsx(set, "sv")));
    samples.docxFloor.push(await time(() => docxFloor(set)));
    samples.docx.push(await time(() => writeSetDocx(set, "sv")));
    csvSamples.csvFloor.push(await time(() => JSON.stringify(table.rows), "cpu", CSV_RUNS_PER_SAMPLE));
    csvSamples.csv.push(await time(() => writeCsv(csvTable, { delimiter: ";" }), "cpu", CSV_RUNS_PER_SAMPLE));
    // A fresh id each round: the wizard's parse cache must not answer for the parser.
    let run = 0;
    importSamples.push(
      await time(() => readImport({ ...upload, id: `bench-import-${round}-${(run += 1)}` }, {}, "sv"), "wall"),
    );
  }
  const ratio = (value: number[], floor: number[]) => Number((median(value) / median(floor)).toFixed(2));
  return [
    { name: "xlsx-export-5000-ratio", value: ratio(samples.xlsx, samples.xlsxFloor), unit: "x floor", goal: "<= 1.2" },
    { name: "docx-export-5000-ratio", value: ratio(samples.docx, samples.docxFloor), unit: "x floor", goal: "<= 1.5" },
    {
      name: "csv-export-5000-ratio",
      value: ratio(csvSamples.csv, csvSamples.csvFloor),
      unit: "x floor",
      goal: "<= 1.5",
    },
    { name: "xlsx-import-5000-ms", value: Math.round(median(importSamples)), unit: "ms", goal: "<= 3000" },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const result of await runExchangeBench()) console.log(JSON.stringify(result));
}
