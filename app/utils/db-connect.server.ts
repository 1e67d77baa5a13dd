import fs from "node:fs";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

import { acquireDataDirLock } from "./data-dir-lock.server";

/**
 * The one database type the app is written against. PGlite's drizzle handle has the same query
 * builder with another result wrapper; raw `execute()` results differ between the two drivers
 * (TOOLCHAIN.md), so app code uses the query builder and `rowsOf()` for the rare raw query.
 */
export type Database = PostgresJsDatabase;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTransaction = Database | Transaction;

/** Counts SQL statements sent, so tests and benchmarks can check how many a page costs. */
export class QueryCounter implements Logger {
  count = 0;
  logQuery(): void {
    this.count += 1;
  }
}

export type DatabaseHandle = {
  db: Database;
  kind: "postgres" | "pglite";
  queryCounter: QueryCounter;
  close: () => Promise<void>;
  migrate: () => Promise<void>;
};

// Resolved from the working directory: the server bundle lives in build/server (TOOLCHAIN.md).
export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

export function connectPostgres(url: string, options: { max?: number } = {}): DatabaseHandle {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const queryCounter = new QueryCounter();
  const db = drizzlePostgres(client, { logger: queryCounter });
  return {
    db,
    kind: "postgres",
    queryCounter,
    close: () => client.end({ timeout: 5 }),
    migrate: () => migratePostgres(db, { migrationsFolder }),
  };
}

export function wrapPglite(client: PGlite, release: () => void = () => {}): DatabaseHandle {
  const queryCounter = new QueryCounter();
  const pgliteDb = drizzlePglite(client, { logger: queryCounter });
  // Same query builder, different HKT for raw results; see `Database` above.
  const db = pgliteDb as unknown as Database;
  return {
    db,
    kind: "pglite",
    queryCounter,
    close: async () => {
      await client.close();
      release();
    },
    migrate: () => migratePglite(pgliteDb, { migrationsFolder }),
  };
}

/** Opens the embedded database in `dataDir`, taking the folder lock first. */
export function openPgliteFolder(dataDir: string): DatabaseHandle {
  const release = acquireDataDirLock(dataDir);
  const folder = path.resolve(dataDir, "pgdata");
  fs.mkdirSync(folder, { recursive: true });
  return wrapPglite(new PGlite(folder), release);
}

/** Rows of a raw `db.execute()`: an array on postgres.js, `{ rows }` on PGlite. */
export function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  if (result && typeof result === "object" && "rows" in result && Array.isArray(result.rows)) {
    return result.rows as Row[];
  }
  return [];
}

/** How many of the committed migrations the database has applied, and how many there are. */
export async function getMigrationState(db: Database): Promise<{ applied: number; expected: number }> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  const exists = rowsOf<{ present: boolean }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`),
  );
  if (!exists[0]?.present) return { applied: 0, expected: journal.entries.length };
  const rows = rowsOf<{ applied: number }>(
    await db.execute(sql`select count(*)::int as applied from drizzle.__drizzle_migrations`),
  );
  return { applied: Number(rows[0]?.applied ?? 0), expected: journal.entries.length };
}
