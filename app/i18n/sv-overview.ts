/** Swedish strings of the overview feature; spread into `sv.ts`. `en-overview.ts` must have the same keys. */
export const svOverview = {
  "overview.title": "Styrgruppens översikt",
} as const;
