import type { svReviews } from "./sv-reviews";

/** English strings of the reviews feature; same keys as `sv-reviews.ts`. */
export const enReviews: Record<keyof typeof svReviews, string> = {};
