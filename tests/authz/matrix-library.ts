import type { FeatureMatrix } from "./matrix-helpers";

/** Authorization matrix rows for the library routes (see matrix-helpers.ts). */
export const libraryMatrix: FeatureMatrix = {
  rows: () => [],
};
