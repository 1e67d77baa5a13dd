import type { svExchangeTabular } from "./sv-exchange-tabular";

/** English strings of the tabular exchange format; same keys as `sv-exchange-tabular.ts`. */
export const enExchangeTabular: Record<keyof typeof svExchangeTabular, string> = {
  "exchange.tabular.format": "tabular",
};
