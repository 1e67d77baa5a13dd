import type { svLibrary } from "./sv-library";

/** English strings of the library feature; same keys as `sv-library.ts`. */
export const enLibrary: Record<keyof typeof svLibrary, string> = {};
