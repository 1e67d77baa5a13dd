/** Swedish strings of the reqif exchange format; spread into `sv.ts`. `en-exchange-reqif.ts` must have the same keys. */
export const svExchangeReqif = {
  "exchange.reqif.format": "reqif",
};
