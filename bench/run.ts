/**
 * `npm run bench`: every benchmark, one JSON line per figure: {"name", "value", "unit", "goal"}.
 * Figures and their dates go in docs/performance.md.
 */
import { runLibrarySearchBenchmark } from "./library-search.bench";
import { runOverviewBenchmark } from "./overview.bench";
import { runSetDiffBenchmark } from "./set-diff.bench";
import { runSetPageBenchmark } from "./set-page.bench";

for (const benchmark of [runSetDiffBenchmark, runSetPageBenchmark, runOverviewBenchmark, runLibrarySearchBenchmark]) {
  for (const line of await benchmark()) console.log(JSON.stringify(line));
}
process.exit(0);
