import type { svComments } from "./sv-comments";

/** English strings of the comments feature; same keys as `sv-comments.ts`. */
export const enComments: Record<keyof typeof svComments, string> = {};
