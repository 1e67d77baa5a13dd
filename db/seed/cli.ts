/**
 * `npm run db:seed`: migrates the configured database (PostgreSQL when DATABASE_URL is set, else
 * the embedded one in DATA_DIR) and upserts the demo data. Safe to run again at any time.
 */
import { seedDemoData } from "./seed";

async function main(): Promise<void> {
  // Imported here rather than at the top so that a bad environment or a held DATA_DIR lock, which
  // db.server throws while loading, is reported as one line below instead of a module stack trace.
  const { database } = await import("../../app/utils/db.server");
  try {
    await database.migrate();
    const summary = await seedDemoData(database.db);
    console.log(
      `Seeded demo data (${database.kind}): ${summary.regions} regions, ` +
        `${summary.collaborations} collaborations, ${summary.users} users, ` +
        `${summary.sets} requirement sets (${summary.requirements} requirements, ${summary.baselines} baselines).`,
    );
  } finally {
    // Closing also releases the DATA_DIR folder lock, so the server can start right after.
    await database.close();
  }
}

/** Drizzle wraps driver errors as "Failed query: …", so the reason (say ECONNREFUSED) is in `cause`. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const message = error.message.trim();
  return error.cause === undefined ? message : `${message} (${describeError(error.cause)})`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Seeding failed: ${describeError(error)}`);
    process.exit(1);
  },
);
