import type { FeatureMatrix } from "./matrix-helpers";

/** Authorization matrix rows for the overview routes (see matrix-helpers.ts). */
export const overviewMatrix: FeatureMatrix = {
  rows: () => [],
};
