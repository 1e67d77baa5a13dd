// `npm run db:migrate`: applies the committed migrations to the configured database.
const { database } = await import("../app/utils/db.server");
try {
  await database.migrate();
  console.log(`Migrations applied (${database.kind}).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
export {};
