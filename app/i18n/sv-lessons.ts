/** Swedish strings of the lessons feature; spread into `sv.ts`. `en-lessons.ts` must have the same keys. */
export const svLessons = {
  "lessons.title": "Lärdomar",
} as const;
