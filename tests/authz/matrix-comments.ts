import type { FeatureMatrix } from "./matrix-helpers";

/** Authorization matrix rows for the comments routes (see matrix-helpers.ts). */
export const commentsMatrix: FeatureMatrix = {
  rows: () => [],
};
