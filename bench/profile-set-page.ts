/**
 * Where the set page spends its time: runs the production server under --cpu-prof with a
 * generated 2,000-requirement set, loads it for a few seconds and prints the top self-time
 * functions. A tool for working on the set-page benchmark, not part of `npm run bench`.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import autocannon from "autocannon";
import postgres from "postgres";

import { connectPostgres } from "../app/utils/db-connect.server";

import { generateBenchSet } from "./generate-set";

const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `samkrav_profile_${Date.now()}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const handle = connectPostgres(url.toString());
globalThis.__samkravDatabase = handle;
await handle.migrate();
const big = await generateBenchSet(handle.db, { count: 2000 });
const { createSession, generateSessionToken } = await import("../app/utils/session.server");
const token = generateSessionToken();
await createSession({ token, userId: big.userId, currentRegionId: null, ipAddress: null, userAgent: "profile" });
const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), "samkrav-prof-"));
const child = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--import", "tsx", "server.ts"], {
  env: {
    ...process.env,
    DATABASE_URL: url.toString(),
    NODE_ENV: "production",
    PORT: "3880",
    SESSION_SECRET: "profile-secret-profile-secret-profile!",
    LOG_LEVEL: "warn",
    SEED_DEMO_DATA: "false",
  },
  stdio: "ignore",
});
const pageUrl = `http://localhost:3880/sets/${big.setId}`;
const headers = { Cookie: `__Host-samkrav_session=${token}` };
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(pageUrl, { headers })).ok) break;
  } catch {
    // starting
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
await autocannon({ url: pageUrl, connections: 10, duration: Number(process.env.PROFILE_SECONDS ?? 6), headers });
child.kill("SIGINT");
await new Promise((resolve) => child.once("exit", resolve));
const file = fs.readdirSync(profileDir).find((entry) => entry.endsWith(".cpuprofile"));
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file ?? ""), "utf8")) as { nodes: Node[] };
const totals = new Map<string, number>();
let all = 0;
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  all += hits;
  const where = node.callFrame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/\/work\/main\//, "");
  const key = `${node.callFrame.functionName || "(anonymous)"} ${where}:${node.callFrame.lineNumber}`;
  totals.set(key, (totals.get(key) ?? 0) + hits);
}
const byPackage = new Map<string, number>();
for (const [key, hits] of totals) {
  const pkg = /^\S+ ((@[^/]+\/)?[^/:]+)/.exec(key)?.[1] ?? key;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
}
console.log("top functions (self %):");
for (const [key, hits] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(((hits / all) * 100).toFixed(1).padStart(5), key);
console.log("by package:");
for (const [key, hits] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15))
  console.log(((hits / all) * 100).toFixed(1).padStart(5), key);
await handle.close();
await admin.unsafe(`drop database if exists ${name} with (force)`);
await admin.end();
