/** Swedish strings of the tabular exchange format; spread into `sv.ts`. `en-exchange-tabular.ts` must have the same keys. */
export const svExchangeTabular = {
  "exchange.tabular.format": "tabular",
};
