/** Swedish strings of the standards feature; spread into `sv.ts`. `en-standards.ts` must have the same keys. */
export const svStandards = {
  "standards.title": "Standarder",
} as const;
