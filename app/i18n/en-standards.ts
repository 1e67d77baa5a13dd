import type { svStandards } from "./sv-standards";

/** English strings of the standards feature; same keys as `sv-standards.ts`. */
export const enStandards: Record<keyof typeof svStandards, string> = {
  "standards.title": "Standards",
};
