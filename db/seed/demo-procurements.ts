/** Demo procurements (issue 5); written by the procurements feature. */
export async function seedDemoProcurements(): Promise<void> {}
