/** Swedish strings of the docx exchange format; spread into `sv.ts`. `en-exchange-docx.ts` must have the same keys. */
export const svExchangeDocx = {
  "exchange.docx.format": "docx",
};
