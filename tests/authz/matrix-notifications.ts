import type { FeatureMatrix } from "./matrix-helpers";

/** Authorization matrix rows for the notifications routes (see matrix-helpers.ts). */
export const notificationsMatrix: FeatureMatrix = {
  rows: () => [],
};
