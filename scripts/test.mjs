#!/usr/bin/env node
// `npm test`: builds the app (server and browser tests run the production build), runs the
// unit, integration, authorization and server tests, then the browser tests, and ends with one
// plain line "N passed, N failed, N skipped" summed over both runs.
//
// Browser tests need /usr/bin/chromium. In CI (CI=true) a missing chromium is a failure;
// locally they are skipped with a loud notice.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const cacheDir = path.join(root, ".cache");
fs.mkdirSync(cacheDir, { recursive: true });
const started = Date.now();
const extraArgs = process.argv.slice(2);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  return result.status ?? 1;
}

function readReport(file) {
  try {
    const report = JSON.parse(fs.readFileSync(file, "utf8"));
    return {
      passed: report.numPassedTests ?? 0,
      failed: (report.numFailedTests ?? 0) + (report.success === false && report.numFailedTests === 0 ? 1 : 0),
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

const driver = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
console.log(`\n▶ Samkrav test suite on ${driver}\n`);

if (run("npx", ["remix", "vite:build", "--logLevel", "warn"]) !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
function add(counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

const unitReport = path.join(cacheDir, "vitest-main.json");
fs.rmSync(unitReport, { force: true });
const unitStatus = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${unitReport}`,
  ...extraArgs,
]);
const unitCounts = readReport(unitReport);
if (unitStatus !== 0 && unitCounts.failed === 0) unitCounts.failed = 1;
add(unitCounts);

const hasChromium = fs.existsSync("/usr/bin/chromium");
if (hasChromium) {
  const e2eReport = path.join(cacheDir, "vitest-e2e.json");
  fs.rmSync(e2eReport, { force: true });
  const e2eStatus = run("npx", [
    "vitest",
    "run",
    "--config",
    "vitest.e2e.config.ts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${e2eReport}`,
  ]);
  const e2eCounts = readReport(e2eReport);
  if (e2eStatus !== 0 && e2eCounts.failed === 0) e2eCounts.failed = 1;
  add(e2eCounts);
} else if (process.env.CI) {
  console.error("\n✖ Browser tests are required in CI but /usr/bin/chromium is missing.\n");
  totals.failed += 1;
} else {
  const line = "!".repeat(78);
  console.warn(
    `\n${line}\n!! BROWSER TESTS SKIPPED: /usr/bin/chromium not found.\n!! Install it with: apt-get update && apt-get install -y chromium\n${line}\n`,
  );
}

const seconds = ((Date.now() - started) / 1000).toFixed(0);
fs.writeFileSync(
  path.join(cacheDir, "test-summary.json"),
  JSON.stringify({ driver, ...totals, seconds: Number(seconds) }),
);
console.log(`\nSuite on ${driver} took ${seconds} s.`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
