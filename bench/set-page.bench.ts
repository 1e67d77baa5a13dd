/**
 * The set page with 2,000 requirements against its bare floor (bench/floor-server.ts), measured
 * interleaved in one run (page, floor, page, floor …; median of the rounds), plus the page's
 * gzip size and how many SQL statements one page load sends (for a 2,000- and a 20-requirement
 * set: the count must not grow with the set).
 *
 * Needs PostgreSQL (DATABASE_URL, default the local server) and the production build.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

import autocannon from "autocannon";
import postgres from "postgres";

import { connectPostgres, type DatabaseHandle } from "../app/utils/db-connect.server";

import { generateBenchSet } from "./generate-set";
import type { BenchResult } from "./set-diff.bench";

const root = path.resolve(import.meta.dirname, "..");
const ROUNDS = 3;
const SECONDS = 5;
const CONNECTIONS = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function waitFor(url: string, headers: Record<string, string> = {}): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { headers });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up`);
}

function gzipBytes(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" } }, (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () =>
          response.headers["content-encoding"] === "gzip" ? resolve(bytes) : reject(new Error("not gzipped")),
        );
      })
      .on("error", reject);
  });
}

async function load(url: string, cookie: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { Cookie: cookie } });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { throughput: result.requests.average, p99: result.latency.p99 };
}

/** SQL statements of one document request of the set page: root loader + route loader, as Remix runs them in parallel. */
async function countStatements(handle: DatabaseHandle, setId: string, cookie: string): Promise<number> {
  const { requestStore } = await import("../app/utils/request-store.server");
  // The root loader's only SQL is the auth lookup (root.tsx imports CSS, which tsx cannot load).
  const { getAuthContext } = await import("../app/utils/auth.server");
  const setModule = await import("../app/routes/sets.$setId._index");
  const request = new Request(`http://localhost/sets/${setId}`, { headers: { Cookie: cookie } });
  const context = { requestId: "bench", clientIp: "127.0.0.1", cspNonce: "" };
  const before = handle.queryCounter.count;
  await requestStore.run({ requestId: "bench" }, async () => {
    await Promise.all([getAuthContext(request), setModule.loader({ request, params: { setId }, context })]);
  });
  return handle.queryCounter.count - before;
}

export async function runSetPageBenchmark(): Promise<BenchResult[]> {
  const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `samkrav_bench_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const handle = connectPostgres(databaseUrl);
  globalThis.__samkravDatabase = handle;
  const children: ChildProcess[] = [];
  try {
    await handle.migrate();
    const big = await generateBenchSet(handle.db, { count: 2000, seed: 1 });
    const small = await generateBenchSet(handle.db, { count: 20, seed: 2 });
    const { createSession, generateSessionToken, sessionCookieName } = await import("../app/utils/session.server");
    const signIn = async (userId: string) => {
      const token = generateSessionToken();
      await createSession({ token, userId, currentRegionId: null, ipAddress: null, userAgent: "bench" });
      return token;
    };
    const bigToken = await signIn(big.userId);
    const smallToken = await signIn(small.userId);
    // In-process: the development cookie name (NODE_ENV is not production here).
    const statementsBig = await countStatements(handle, big.setId, `${sessionCookieName()}=${bigToken}`);
    const statementsSmall = await countStatements(handle, small.setId, `${sessionCookieName()}=${smallToken}`);

    if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
      spawnSync("npx", ["remix", "vite:build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
    }
    const pagePort = 3870;
    const floorPort = 3871;
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: "bench-secret-bench-secret-bench-secret!",
      LOG_LEVEL: "warn",
      SEED_DEMO_DATA: "false",
    };
    children.push(
      spawn(process.execPath, ["--import", "tsx", "server.ts"], {
        cwd: root,
        env: { ...env, NODE_ENV: "production", PORT: String(pagePort) },
        stdio: "ignore",
      }),
      spawn(process.execPath, ["--import", "tsx", "bench/floor-server.ts"], {
        cwd: root,
        env: { ...env, PORT: String(floorPort), SET_ID: big.setId },
        stdio: "ignore",
      }),
    );
    // The production server names its cookie __Host-samkrav_session; the floor reads either.
    const cookie = `__Host-samkrav_session=${bigToken}`;
    const pageUrl = `http://localhost:${pagePort}/sets/${big.setId}`;
    const floorUrl = `http://localhost:${floorPort}/`;
    await waitFor(pageUrl, { Cookie: cookie });
    await waitFor(floorUrl, { Cookie: cookie });
    // Measure the real page, not a sign-in redirect or an error page.
    const html = await (await fetch(pageUrl, { headers: { Cookie: cookie }, redirect: "manual" })).text();
    const rows = html.split('class="requirement-row"').length - 1;
    if (rows !== 50) throw new Error(`the set page shows ${rows} requirement rows, expected 50`);
    if (process.env.BENCH_SAVE_PAGE) fs.writeFileSync(process.env.BENCH_SAVE_PAGE, html);
    await load(pageUrl, cookie);
    await load(floorUrl, cookie);
    const throughputRatios: number[] = [];
    const p99Ratios: number[] = [];
    const pageThroughputs: number[] = [];
    const floorThroughputs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const page = await load(pageUrl, cookie);
      const floor = await load(floorUrl, cookie);
      throughputRatios.push(page.throughput / floor.throughput);
      pageThroughputs.push(page.throughput);
      floorThroughputs.push(floor.throughput);
      p99Ratios.push(page.p99 / Math.max(floor.p99, 1));
    }
    const gzip = await gzipBytes(pageUrl, cookie);
    return [
      { name: "set-page-throughput-ratio", value: round2(median(throughputRatios)), unit: "x floor", goal: ">= 0.45" },
      { name: "set-page-requests-per-second", value: round2(median(pageThroughputs)), unit: "req/s", goal: "context" },
      {
        name: "set-page-floor-requests-per-second",
        value: round2(median(floorThroughputs)),
        unit: "req/s",
        goal: "context",
      },
      { name: "set-page-p99-ratio", value: round2(median(p99Ratios)), unit: "x floor", goal: "report" },
      { name: "set-page-gzip-bytes", value: gzip, unit: "bytes", goal: "report" },
      { name: "set-page-sql-statements", value: statementsBig, unit: "statements", goal: "<= 4" },
      {
        name: "set-page-sql-statements-20",
        value: statementsSmall,
        unit: "statements",
        goal: "= set-page-sql-statements",
      },
    ];
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runSetPageBenchmark()) console.log(JSON.stringify(line));
}
