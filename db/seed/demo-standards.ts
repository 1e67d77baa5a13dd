/** Demo standards (issue 5); written by the standards feature. */
export async function seedDemoStandards(): Promise<void> {}
