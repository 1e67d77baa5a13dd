import type { svReuse } from "./sv-reuse";

/** English strings of the reuse feature; same keys as `sv-reuse.ts`. */
export const enReuse: Record<keyof typeof svReuse, string> = {};
