import type { FeatureMatrix } from "./matrix-helpers";

/** Authorization matrix rows for the lessons routes (see matrix-helpers.ts). */
export const lessonsMatrix: FeatureMatrix = {
  rows: () => [],
};
