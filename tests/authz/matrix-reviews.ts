import type { FeatureMatrix } from "./matrix-helpers";

/** Authorization matrix rows for the reviews routes (see matrix-helpers.ts). */
export const reviewsMatrix: FeatureMatrix = {
  rows: () => [],
};
