/** Swedish strings of the library feature; spread into `sv.ts`. `en-library.ts` must have the same keys. */
export const svLibrary = {} as const;
