/**
 * Importing 10,000 requirements from our own XLSX export, as the wizard does it: read and check
 * the file (the preview), then apply it all or nothing, first as a new set and then again with
 * every row's text edited (10,000 updates, each with its history row). Runs once on PGlite (the
 * embedded database, in this process) and once on PostgreSQL (DATABASE_URL or the local server),
 * each in a process of its own because the app binds its database handle at first import.
 *
 * Besides the times, the longest the event loop was blocked while applying: the figure behind
 * "never blocks the server for other users". On PGlite every statement runs in this thread, so
 * the longest statement is the figure; on PostgreSQL the work happens in the database server.
 *
 * These are absolute wall times of a whole import, seconds long, not ratios: the issue asks that
 * a 10,000-row import shows progress and does not block, and these say how long a user watches it.
 *
 * Run: npx tsx bench/import-apply.bench.ts
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import postgres from "postgres";

import type { DatabaseHandle } from "../app/utils/db-connect.server";

import { benchSet } from "./exchange.bench";
import { generateBenchSet } from "./generate-set";
import type { BenchResult } from "./set-diff.bench";

const REQUIREMENTS = 10_000;
type Driver = "pglite" | "postgres";

async function openDatabase(driver: Driver): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void> }> {
  const { connectPostgres, openPgliteFolder } = await import("../app/utils/db-connect.server");
  if (driver === "pglite") {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "samkrav-bench-import-"));
    const handle = openPgliteFolder(dataDir);
    return {
      handle,
      dispose: async () => {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `samkrav_bench_import_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = connectPostgres(url.toString());
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Wall time of `run`, and the longest the event loop went without running a timer meanwhile. A
 * probe timer every 5 ms notes each gap; one more turn after `run` catches a block that lasted
 * to its end (a run made only of microtasks never lets a timer fire at all).
 */
async function measure<T>(run: () => Promise<T>): Promise<{ result: T; ms: number; maxBlockMs: number }> {
  const interval = 5;
  let last = performance.now();
  let longest = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - interval);
    last = now;
  }, interval);
  const started = performance.now();
  const result = await run();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, interval * 2));
  clearInterval(probe);
  return { result, ms, maxBlockMs: Math.max(longest, 0) };
}

async function runOn(driver: Driver): Promise<BenchResult[]> {
  const { handle, dispose } = await openDatabase(driver);
  globalThis.__samkravDatabase = handle;
  try {
    await handle.migrate();
    const { writeSetXlsx } = await import("../app/exchange/set-spreadsheet.server");
    const { readImport } = await import("../app/exchange/import-session.server");
    const { applyImport, createSetImport, getSetImport } = await import("../app/models/set-imports.server");
    const { userId, regionId } = await generateBenchSet(handle.db, { count: 0, seed: 7 });
    const request = { ipAddress: null, userAgent: "bench", requestId: "bench" };

    const importFile = async (bytes: Buffer, targetSetId: string | null) => {
      const importId = await createSetImport({
        regionId,
        targetSetId,
        actorUserId: userId,
        fileName: "krav.xlsx",
        format: "xlsx",
        bytes,
      });
      const importRow = await getSetImport({ importId, actorUserId: userId });
      if (!importRow) throw new Error("import not stored");
      const read = await measure(() => readImport(importRow, {}, "sv"));
      if (read.result.issues.some((issue) => issue.severity === "error")) throw new Error("the file has errors");
      const apply = await measure(() =>
        applyImport({
          importRow,
          imported: read.result.imported,
          newSetTitle: "Bänk 10 000",
          actorUserId: userId,
          request,
        }),
      );
      if (apply.result.status !== "applied") throw new Error(`not applied: ${apply.result.status}`);
      return { read, apply, setId: apply.result.setId, plan: apply.result.plan };
    };

    // Fresh UUIDs each run: the file's own ids are kept only when unused here.
    const set = benchSet(REQUIREMENTS);
    const created = await importFile(await writeSetXlsx(set, "sv"), null);
    if (created.plan.created !== REQUIREMENTS) throw new Error(`created ${created.plan.created}`);
    const { loadExchangeSet } = await import("../app/models/exchange.server");
    const { getVisibleSet } = await import("../app/models/requirement-sets.server");
    const { buildPrincipal, loadAccess } = await import("../app/utils/auth.server");
    const principal = buildPrincipal({ id: userId, isPlatformAdmin: false }, await loadAccess(userId));
    const stored = await getVisibleSet({ setId: created.setId, principal });
    if (!stored) throw new Error("imported set not visible");
    const exported = await loadExchangeSet({ set: stored, baselineId: null, principal, language: "sv" });
    if (!exported) throw new Error("nothing exported");
    const edited = {
      ...exported,
      requirements: exported.requirements.map((requirement) => ({
        ...requirement,
        text: `${requirement.text} Ändrad.`,
      })),
    };
    const updated = await importFile(await writeSetXlsx(edited, "sv"), created.setId);
    if (updated.plan.updated !== REQUIREMENTS) throw new Error(`updated ${updated.plan.updated}`);

    const figure = (name: string, value: number, goal: string): BenchResult => ({
      name: `${name}-${driver}`,
      value: Math.round(value),
      unit: "ms",
      goal,
    });
    return [
      figure("xlsx-import-10000-read-ms", created.read.ms, "report (preview: read, map, check)"),
      figure("import-apply-10000-new-ms", created.apply.ms, "report (progress shown)"),
      figure("import-apply-10000-update-ms", updated.apply.ms, "report (progress shown)"),
      figure(
        "import-apply-10000-longest-block-ms",
        Math.max(created.apply.maxBlockMs, updated.apply.maxBlockMs, created.read.maxBlockMs, updated.read.maxBlockMs),
        "small (other users wait at most this long)",
      ),
    ];
  } finally {
    await dispose();
  }
}

export function runImportApplyBenchmark(): void {
  for (const driver of ["pglite", "postgres"] as const) {
    const result = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, driver], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (result.status !== 0) throw new Error(`import-apply bench on ${driver} failed`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const driver = process.argv[2];
  if (driver === "pglite" || driver === "postgres") {
    for (const result of await runOn(driver)) console.log(JSON.stringify(result));
    process.exit(0);
  }
  runImportApplyBenchmark();
}
