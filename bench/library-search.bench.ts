/**
 * Library search over a generated 200,000-requirement corpus across 20 regions
 * (bench/generate-corpus.ts), in a database of its own, created and dropped here.
 *
 *   library-search-sql-p95-ms       p95 of the statements the /library loader runs (search page and
 *                                   filter choices, as the loader runs them), for a typical user,
 *                                   over rare, common and two-word queries measured in one run.
 *   library-search-http-p95-ratio   p95 of GET /library?q=… through the production server (same
 *                                   queries, one request at a time) divided by the SQL p95.
 *
 * Needs PostgreSQL (DATABASE_URL, default the local server) and the production build (build/).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

import postgres from "postgres";

import { connectPostgres } from "../app/utils/db-connect.server";

import { describeCorpus, generateCorpus } from "./generate-corpus";
import type { BenchResult } from "./set-diff.bench";

const root = path.resolve(import.meta.dirname, "..");
const REPETITIONS = 20;
const PORT = 3872;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Rare (from the vocabulary's tail), common (its head) and two-word (middle) queries. */
export function benchQueries(vocabulary: string[]): { kind: string; q: string }[] {
  const n = vocabulary.length;
  const at = (fraction: number) => vocabulary[Math.min(n - 1, Math.floor(fraction * n))] ?? "";
  return [
    ...[0.97, 0.93, 0.9, 0.85, 0.8].map((f) => ({ kind: "rare", q: at(f) })),
    ...[0, 0.005, 0.01, 0.02, 0.04].map((f) => ({ kind: "common", q: at(f) })),
    ...[
      [0.05, 0.1],
      [0.1, 0.3],
      [0.2, 0.4],
      [0.02, 0.5],
      [0.3, 0.6],
    ].map(([a = 0, b = 0]) => ({ kind: "two-word", q: `${at(a)} ${at(b)}` })),
  ];
}

async function waitFor(url: string, headers: Record<string, string>): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { headers, redirect: "manual" });
      if (response.status < 500) return response.status;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up`);
}

export async function runLibrarySearchBenchmark(): Promise<BenchResult[]> {
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  // LIBRARY_BENCH_DATABASE=<name> measures a corpus kept by an earlier run (LIBRARY_BENCH_KEEP_DB=1)
  // instead of generating one: for comparing query changes on the same data.
  const reused = process.env.LIBRARY_BENCH_DATABASE;
  const name = reused ?? `samkrav_bench_library_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  if (!reused) await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const handle = connectPostgres(databaseUrl);
  globalThis.__samkravDatabase = handle;
  let server: ChildProcess | null = null;
  try {
    await handle.migrate();
    const started = performance.now();
    const corpus = reused ? await describeCorpus(handle.db) : await generateCorpus(handle.db);
    const generationSeconds = (performance.now() - started) / 1000;
    const { buildPrincipal, loadAccess } = await import("../app/utils/auth.server");
    const { searchLibrary, getLibraryFilterOptions } = await import("../app/models/library.server");
    const principal = buildPrincipal({ id: corpus.userId, isPlatformAdmin: false }, await loadAccess(corpus.userId));
    // Stop words ("till", "eller") vanish from a tsquery; queries use the words the index knows.
    const { sql } = await import("drizzle-orm");
    const { rowsOf } = await import("../app/utils/db-connect.server");
    const indexed = rowsOf<{ w: string }>(
      await handle.db.execute(sql`
        select w from jsonb_array_elements_text(${JSON.stringify(corpus.vocabulary)}::jsonb) with ordinality v(w, i)
        where numnode(to_tsquery('swedish', w)) > 0 order by i`),
    ).map((row) => row.w);
    const queries = benchQueries(indexed);
    // What the loader runs for one search, timed as one unit.
    const runLoaderSql = async (q: string) => {
      const before = performance.now();
      const [result] = await Promise.all([
        searchLibrary({ principal, filters: { q, page: 1 } }),
        getLibraryFilterOptions({ principal }),
      ]);
      return { ms: performance.now() - before, total: result.total, capped: result.capped };
    };
    const matches: Record<string, number> = {};
    for (const { q } of queries) {
      const { total, capped } = await runLoaderSql(q);
      matches[q] = capped ? -total : total;
    }
    const sqlTimes: number[] = [];
    const byKind: Record<string, number[]> = {};
    for (let round = 0; round < REPETITIONS; round++) {
      for (const { kind, q } of queries) {
        const { ms } = await runLoaderSql(q);
        sqlTimes.push(ms);
        (byKind[kind] ??= []).push(ms);
      }
    }
    const sqlP95 = percentile(sqlTimes, 95);

    const results: BenchResult[] = [
      { name: "library-search-sql-p95-ms", value: round2(sqlP95), unit: "ms", goal: "<= 25" },
      ...Object.entries(byKind).map(([kind, times]) => ({
        name: `library-search-sql-p95-ms-${kind}`,
        value: round2(percentile(times, 95)),
        unit: "ms",
        goal: "context",
      })),
    ];
    if (process.env.BENCH_VERBOSE) {
      console.error(
        JSON.stringify({
          corpus: { ...corpus, vocabulary: corpus.vocabulary.length },
          generationSeconds,
          matches,
          byKind,
        }),
      );
    }

    if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
      results.push({
        name: "library-search-http-p95-ratio",
        value: -1,
        unit: "x sql p95",
        goal: "<= 2 (not measured: build/server/index.js is missing; run the build first)",
      });
      return results;
    }
    const { createSession, generateSessionToken } = await import("../app/utils/session.server");
    const token = generateSessionToken();
    await createSession({
      token,
      userId: corpus.userId,
      currentRegionId: corpus.regionId,
      ipAddress: null,
      userAgent: "bench",
    });
    server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        SESSION_SECRET: "bench-secret-bench-secret-bench-secret!",
        LOG_LEVEL: "warn",
        SEED_DEMO_DATA: "false",
        NODE_ENV: "production",
        PORT: String(PORT),
      },
      stdio: "ignore",
    });
    const headers = { Cookie: `__Host-samkrav_session=${token}` };
    const pageUrl = (q: string) => `http://localhost:${PORT}/library?q=${encodeURIComponent(q)}`;
    const status = await waitFor(pageUrl(queries[0]?.q ?? ""), headers);
    if (status !== 200) {
      results.push({
        name: "library-search-http-p95-ratio",
        value: -1,
        unit: "x sql p95",
        goal: `<= 2 (not measured: the built server answers ${status} for /library; the build predates the route)`,
      });
      return results;
    }
    const fetchPage = async (q: string) => {
      const before = performance.now();
      const response = await fetch(pageUrl(q), { headers });
      const html = await response.text();
      if (response.status !== 200 || !html.includes('class="library-result"')) {
        throw new Error(`/library?q=${q}: ${response.status}, no results on the page`);
      }
      return performance.now() - before;
    };
    for (const { q } of queries) await fetchPage(q);
    const httpTimes: number[] = [];
    for (let round = 0; round < REPETITIONS; round++) {
      for (const { q } of queries) httpTimes.push(await fetchPage(q));
    }
    const httpP95 = percentile(httpTimes, 95);
    results.push(
      { name: "library-search-http-p95-ratio", value: round2(httpP95 / sqlP95), unit: "x sql p95", goal: "<= 2" },
      { name: "library-search-http-p95-ms", value: round2(httpP95), unit: "ms", goal: "context" },
    );
    return results;
  } finally {
    server?.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await handle.close();
    // LIBRARY_BENCH_KEEP_DB=1 keeps the corpus for EXPLAIN (drop it by hand afterwards).
    if (process.env.LIBRARY_BENCH_KEEP_DB || reused) console.error(`kept database ${name}`);
    else await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runLibrarySearchBenchmark()) console.log(JSON.stringify(line));
  process.exit(0);
}
