import type { svExchangeDocx } from "./sv-exchange-docx";

/** English strings of the docx exchange format; same keys as `sv-exchange-docx.ts`. */
export const enExchangeDocx: Record<keyof typeof svExchangeDocx, string> = {
  "exchange.docx.format": "docx",
};
