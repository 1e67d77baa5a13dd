import type { FeatureMatrix } from "./matrix-helpers";

/** Authorization matrix rows for the procurements routes (see matrix-helpers.ts). */
export const procurementsMatrix: FeatureMatrix = {
  rows: () => [],
};
