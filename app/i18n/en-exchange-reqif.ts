import type { svExchangeReqif } from "./sv-exchange-reqif";

/** English strings of the reqif exchange format; same keys as `sv-exchange-reqif.ts`. */
export const enExchangeReqif: Record<keyof typeof svExchangeReqif, string> = {
  "exchange.reqif.format": "reqif",
};
