import type { FeatureMatrix } from "./matrix-helpers";

/** Authorization matrix rows for the standards routes (see matrix-helpers.ts). */
export const standardsMatrix: FeatureMatrix = {
  rows: () => [],
};
