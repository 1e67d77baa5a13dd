/** Demo lessons (issue 5); written by the lessons feature. */
export async function seedDemoLessons(): Promise<void> {}
