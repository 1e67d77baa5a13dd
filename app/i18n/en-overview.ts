import type { svOverview } from "./sv-overview";

/** English strings of the overview feature; same keys as `sv-overview.ts`. */
export const enOverview: Record<keyof typeof svOverview, string> = {
  "overview.title": "Steering group overview",
};
