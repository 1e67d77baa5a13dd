/** Swedish strings of the comments feature; spread into `sv.ts`. `en-comments.ts` must have the same keys. */
export const svComments = {} as const;
