/** Swedish strings of the reuse feature; spread into `sv.ts`. `en-reuse.ts` must have the same keys. */
export const svReuse = {} as const;
