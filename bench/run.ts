/**
 * `npm run bench`: every benchmark, one JSON line per figure: {"name", "value", "unit", "goal"}.
 * Figures and their dates go in docs/performance.md.
 *
 * Each benchmark runs as a process of its own: the app binds its database handle at its first
 * import (app/utils/db.server.ts), and each benchmark creates (and drops) a database of its own.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const BENCHMARKS = [
  "set-diff.bench.ts",
  "set-page.bench.ts",
  "overview.bench.ts",
  "library-search.bench.ts",
  "exchange.bench.ts",
  "import-apply.bench.ts",
];

const failed: string[] = [];
for (const file of BENCHMARKS) {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, file)], {
    cwd: path.resolve(import.meta.dirname, ".."),
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (result.status !== 0) failed.push(file);
}
if (failed.length > 0) {
  console.error(`failed: ${failed.join(", ")}`);
  process.exit(1);
}
process.exit(0);
