/** Swedish strings of the reviews feature; spread into `sv.ts`. `en-reviews.ts` must have the same keys. */
export const svReviews = {} as const;
