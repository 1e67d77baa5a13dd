import type { svProcurements } from "./sv-procurements";

/** English strings of the procurements feature; same keys as `sv-procurements.ts`. */
export const enProcurements: Record<keyof typeof svProcurements, string> = {
  "procurements.title": "Procurements",
};
