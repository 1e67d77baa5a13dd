/** Swedish strings of the procurements feature; spread into `sv.ts`. `en-procurements.ts` must have the same keys. */
export const svProcurements = {
  "procurements.title": "Upphandlingar",
} as const;
