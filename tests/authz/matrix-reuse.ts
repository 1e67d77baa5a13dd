import type { FeatureMatrix } from "./matrix-helpers";

/** Authorization matrix rows for the reuse routes (see matrix-helpers.ts). */
export const reuseMatrix: FeatureMatrix = {
  rows: () => [],
};
