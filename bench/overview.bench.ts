/**
 * The steering group's overview (`/collaborations/:id/overview`) of a collaboration of 20 regions
 * with 60 procurements, 200 sets and 200,000 requirements (bench/generate-overview-corpus.ts), in
 * a database of its own, created and dropped here. Issue 5's benchmark:
 *
 *   overview-sql-statements     every statement one GET of the page sends (root loader + route
 *                               loader, as Remix runs them side by side), session lookup included;
 *                               counted in process, like bench/set-page.bench.ts.
 *   overview-server-time-ratio  the page's server time (median of many sequential GETs through the
 *                               production server, signed in as a steering group member, from the
 *                               server's own request log) divided by the median time of the bare
 *                               SQL for the same figures: the very statements the page sent,
 *                               captured with their parameters and run with postgres.js on warm
 *                               connections, in the loader's order (session lookup; header; the
 *                               other five side by side). Page and bare SQL are measured
 *                               interleaved (page, SQL, page, SQL …) in one run.
 *
 * Also context figures (medians, p95s, client-side time, page size). BENCH_VERBOSE=1 prints the
 * corpus, what the steering member sees and each statement's median; OVERVIEW_BENCH_EXPLAIN=1
 * prints EXPLAIN ANALYZE of each statement. OVERVIEW_BENCH_KEEP_DB and OVERVIEW_BENCH_DATABASE
 * keep and reuse the corpus, as the library benchmark's variables do.
 *
 * Needs PostgreSQL (DATABASE_URL, default the local server) and the production build (build/).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import readline from "node:readline";
import { pathToFileURL } from "node:url";

import postgres from "postgres";

import { connectPostgres, type DatabaseHandle } from "../app/utils/db-connect.server";

import { describeOverviewCorpus, generateOverviewCorpus } from "./generate-overview-corpus";
import type { BenchResult } from "./set-diff.bench";

const root = path.resolve(import.meta.dirname, "..");
const PORT = 3873;
const WARMUP = 5;
const REQUESTS = Number(process.env.OVERVIEW_BENCH_REQUESTS ?? 40);

/** A statement as drizzle sent it: the parameters are the values postgres.js was given. */
type Statement = { query: string; params: postgres.ParameterOrJSON<never>[] };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(url: string, headers: Record<string, string>): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { headers, redirect: "manual" });
      await response.arrayBuffer();
      if (response.status < 500) return response.status;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not come up`);
}

/**
 * One document request of the overview, in process: the root loader's only SQL is the session
 * lookup (root.tsx imports CSS, which tsx cannot load), shared with the route's loader through the
 * request store, as on the server. Every statement is recorded with its parameters: the session
 * lookup (and, were it due, the session's sliding-expiry write) apart from the model's.
 */
async function captureStatements(handle: DatabaseHandle, collaborationId: string, cookie: string) {
  const { requestStore } = await import("../app/utils/request-store.server");
  const { getAuthContext } = await import("../app/utils/auth.server");
  const route = await import("../app/routes/collaborations.$collaborationId_.overview");
  const statements: Statement[] = [];
  const counter = handle.queryCounter;
  const countOnly = counter.logQuery.bind(counter);
  counter.logQuery = (...args: unknown[]) => {
    countOnly();
    const [query, params] = args;
    if (typeof query === "string") statements.push({ query, params: Array.isArray(params) ? params : [] });
  };
  const request = new Request(`http://localhost/collaborations/${collaborationId}/overview`, {
    headers: { Cookie: cookie },
  });
  const context = { requestId: "bench", clientIp: "127.0.0.1", cspNonce: "" };
  const before = counter.count;
  try {
    return await requestStore.run({ requestId: "bench" }, async () => {
      const auth = getAuthContext(request);
      if (!(await auth)) throw new Error("the bench session does not sign in");
      const authStatements = statements.length;
      const [, overview] = await Promise.all([auth, route.loader({ request, params: { collaborationId }, context })]);
      return {
        count: counter.count - before,
        auth: statements.slice(0, authStatements),
        model: statements.slice(authStatements),
        overview,
      };
    });
  } finally {
    counter.logQuery = countOnly;
  }
}

export async function runOverviewBenchmark(): Promise<BenchResult[]> {
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  // OVERVIEW_BENCH_DATABASE=<name> measures a corpus kept by an earlier run (OVERVIEW_BENCH_KEEP_DB=1)
  // instead of generating one: for comparing query changes on the same data.
  const reused = process.env.OVERVIEW_BENCH_DATABASE;
  const name = reused ?? `samkrav_bench_overview_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  if (!reused) await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const handle = connectPostgres(databaseUrl);
  globalThis.__samkravDatabase = handle;
  const bare = postgres(databaseUrl, { max: 10, onnotice: () => {} });
  let server: ChildProcess | null = null;
  try {
    await handle.migrate();
    const started = performance.now();
    const corpus = reused ? await describeOverviewCorpus(handle.db) : await generateOverviewCorpus(handle.db);
    const generationSeconds = (performance.now() - started) / 1000;

    const { createSession, generateSessionToken, sessionCookieName } = await import("../app/utils/session.server");
    const token = generateSessionToken();
    await createSession({
      token,
      userId: corpus.steeringUserId,
      currentRegionId: corpus.steeringRegionId,
      ipAddress: null,
      userAgent: "bench",
    });
    // In process: the development cookie name (NODE_ENV is not production here).
    const captured = await captureStatements(handle, corpus.collaborationId, `${sessionCookieName()}=${token}`);
    const { overview } = captured;
    const statements = [...captured.auth, ...captured.model];
    const results: BenchResult[] = [
      { name: "overview-sql-statements", value: captured.count, unit: "statements", goal: "<= 10" },
    ];

    // The bare SQL: the loader awaits the header (its regions order the panels), then the other
    // five statements side by side (getCollaborationOverview); the session lookup comes first.
    const [header, ...panels] = captured.model;
    const runStatement = (statement: Statement) => bare.unsafe(statement.query, statement.params);
    const runModelSql = async () => {
      if (header) await runStatement(header);
      await Promise.all(panels.map(runStatement));
    };
    const runBareSql = async () => {
      const before = performance.now();
      for (const statement of captured.auth) await runStatement(statement);
      const modelStarted = performance.now();
      await runModelSql();
      const done = performance.now();
      return { total: done - before, model: done - modelStarted };
    };
    // Warm every connection of the pool the parallel statements use.
    for (let round = 0; round < WARMUP; round++) await runBareSql();

    if (process.env.BENCH_VERBOSE) {
      // Each statement alone, one at a time.
      const perStatement: Array<{ statement: string; medianMs: number }> = [];
      for (const statement of statements) {
        const times: number[] = [];
        for (let round = 0; round < 10; round++) {
          const before = performance.now();
          await runStatement(statement);
          times.push(performance.now() - before);
        }
        perStatement.push({
          statement: statement.query.replace(/\s+/g, " ").slice(0, 90),
          medianMs: round2(median(times)),
        });
      }
      console.error(
        JSON.stringify({
          database: name,
          generationSeconds: round2(generationSeconds),
          corpus: corpus.counts,
          steeringMemberSees: {
            regions: overview.regions.length,
            procurements: overview.procurements.length,
            sets: overview.sets.byRegion.reduce((sum, entry) => sum + entry.total, 0),
            setsNeedingAttention: overview.sets.attention.length,
            openRounds: overview.sets.byRegion.reduce((sum, entry) => sum + entry.openRounds, 0),
            overdueRounds: overview.sets.byRegion.reduce((sum, entry) => sum + entry.overdueRounds, 0),
            unresolvedThreads: overview.sets.byRegion.reduce((sum, entry) => sum + entry.unresolvedThreads, 0),
            copiesAsIs: overview.deviations.byRegion.reduce((sum, entry) => sum + entry.asIs, 0),
            copiesAdapted: overview.deviations.byRegion.reduce((sum, entry) => sum + entry.adapted, 0),
            declines: overview.deviations.declines.length,
            commonStandards: overview.standards.length,
            lessons: overview.lessons.total,
          },
          perStatement,
        }),
      );
    }
    if (process.env.OVERVIEW_BENCH_EXPLAIN) {
      for (const statement of statements) {
        const plan = await bare.unsafe(`explain (analyze, buffers) ${statement.query}`, statement.params);
        console.error(`\n${statement.query.replace(/\s+/g, " ").slice(0, 120)}`);
        for (const row of plan) console.error(String(row["QUERY PLAN"]));
      }
    }

    if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
      results.push({
        name: "overview-server-time-ratio",
        value: -1,
        unit: "x bare sql",
        goal: "<= 3 (not measured: build/server/index.js is missing; run the build first)",
      });
      return results;
    }
    // The server's own request log (LOG_LEVEL=info, its default) gives each request's server time.
    server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        SESSION_SECRET: "bench-secret-bench-secret-bench-secret!",
        LOG_LEVEL: "info",
        SEED_DEMO_DATA: "false",
        NODE_ENV: "production",
        PORT: String(PORT),
      },
      stdio: ["ignore", "pipe", "ignore"],
    });
    const pagePath = `/collaborations/${corpus.collaborationId}/overview`;
    const serverTimes: number[] = [];
    if (server.stdout) {
      readline.createInterface({ input: server.stdout }).on("line", (line) => {
        try {
          const entry = JSON.parse(line) as { path?: string; status?: number; durationMs?: number };
          if (entry.path === pagePath && entry.status === 200 && typeof entry.durationMs === "number") {
            serverTimes.push(entry.durationMs);
          }
        } catch {
          // not a log line
        }
      });
    }
    const headers = { Cookie: `__Host-samkrav_session=${token}` };
    const pageUrl = `http://localhost:${PORT}${pagePath}`;
    const status = await waitFor(pageUrl, headers);
    if (status !== 200) throw new Error(`the built server answers ${status} for the overview; rebuild (npm run build)`);
    const fetchPage = async () => {
      const before = performance.now();
      const response = await fetch(pageUrl, { headers, redirect: "manual" });
      const html = await response.text();
      if (response.status !== 200) throw new Error(`${pagePath}: ${response.status}`);
      return { ms: performance.now() - before, html };
    };
    // Measure the real page: every procurement the model found is on it.
    const { html } = await fetchPage();
    const missing = overview.procurements.filter((procurement) => !html.includes(`/procurements/${procurement.id}`));
    if (overview.procurements.length === 0 || missing.length > 0) {
      throw new Error(`the page lacks ${missing.length} of ${overview.procurements.length} procurements`);
    }
    if (process.env.BENCH_SAVE_PAGE) fs.writeFileSync(process.env.BENCH_SAVE_PAGE, html);
    for (let round = 0; round < WARMUP; round++) await fetchPage();

    const warmedUp = serverTimes.length;
    const clientTimes: number[] = [];
    const bareTimes: number[] = [];
    const modelTimes: number[] = [];
    for (let round = 0; round < REQUESTS; round++) {
      clientTimes.push((await fetchPage()).ms);
      const { total, model } = await runBareSql();
      bareTimes.push(total);
      modelTimes.push(model);
    }
    // The log line is written when the response finishes; give the pipe a moment.
    const deadline = Date.now() + 5000;
    while (serverTimes.length < warmedUp + REQUESTS && Date.now() < deadline) await sleep(50);
    const pageTimes = serverTimes.slice(warmedUp);
    if (pageTimes.length !== REQUESTS) {
      throw new Error(`the server logged ${pageTimes.length} of ${REQUESTS} overview requests`);
    }
    const pageMs = median(pageTimes);
    const sqlMs = median(bareTimes);
    results.push(
      { name: "overview-server-time-ratio", value: round2(pageMs / sqlMs), unit: "x bare sql", goal: "<= 3" },
      { name: "overview-page-server-ms", value: round2(pageMs), unit: "ms", goal: "context" },
      { name: "overview-page-server-p95-ms", value: round2(percentile(pageTimes, 95)), unit: "ms", goal: "context" },
      { name: "overview-page-client-ms", value: round2(median(clientTimes)), unit: "ms", goal: "context" },
      { name: "overview-sql-ms", value: round2(sqlMs), unit: "ms", goal: "context" },
      { name: "overview-sql-p95-ms", value: round2(percentile(bareTimes, 95)), unit: "ms", goal: "context" },
      { name: "overview-model-sql-ms", value: round2(median(modelTimes)), unit: "ms", goal: "context" },
      { name: "overview-html-bytes", value: Buffer.byteLength(html), unit: "bytes", goal: "report" },
    );
    return results;
  } finally {
    server?.kill("SIGTERM");
    await sleep(1000);
    await bare.end({ timeout: 5 });
    await handle.close();
    // OVERVIEW_BENCH_KEEP_DB=1 keeps the corpus for EXPLAIN (drop it by hand afterwards).
    if (process.env.OVERVIEW_BENCH_KEEP_DB || reused) console.error(`kept database ${name}`);
    else await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runOverviewBenchmark()) console.log(JSON.stringify(line));
  process.exit(0);
}
