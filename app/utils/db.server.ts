import { connectPostgres, openPgliteFolder, type DatabaseHandle } from "./db-connect.server";
import { getEnv } from "./env.server";

declare global {
  // Set by the test harness before any app module loads, so each test file gets its own database.
  var __samkravDatabase: DatabaseHandle | undefined;
}

function openFromEnvironment(): DatabaseHandle {
  const env = getEnv();
  return env.DATABASE_URL ? connectPostgres(env.DATABASE_URL) : openPgliteFolder(env.DATA_DIR);
}

/** The process's one database handle: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export const database: DatabaseHandle = (globalThis.__samkravDatabase ??= openFromEnvironment());
export const db = database.db;
