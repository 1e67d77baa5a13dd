import type { svLessons } from "./sv-lessons";

/** English strings of the lessons feature; same keys as `sv-lessons.ts`. */
export const enLessons: Record<keyof typeof svLessons, string> = {
  "lessons.title": "Lessons learned",
};
