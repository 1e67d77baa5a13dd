import fs from "node:fs";

import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, inject } from "vitest";

import { connectPostgres, wrapPglite, type DatabaseHandle } from "../../app/utils/db-connect.server";

import { withDatabase } from "./global-setup";

/** Gives this test file its own database before any app module opens one (see db.server.ts). */
async function createFileDatabase(): Promise<DatabaseHandle> {
  const postgresTemplate = inject("postgresTemplate");
  if (postgresTemplate) {
    const name = `samkrav_t_${process.ppid}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(postgresTemplate.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${postgresTemplate.name}`);
    await admin.end();
    const handle = connectPostgres(withDatabase(postgresTemplate.url, name), { max: 5 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        const cleanup = postgres(postgresTemplate.url, { max: 1, onnotice: () => {} });
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const templatePath = inject("pgliteTemplatePath");
  if (!templatePath) throw new Error("no template database was provided by global-setup");
  const client = new PGlite({ loadDataDir: new Blob([fs.readFileSync(templatePath)]) });
  await client.waitReady;
  return wrapPglite(client);
}

globalThis.__samkravDatabase = await createFileDatabase();

afterAll(async () => {
  await globalThis.__samkravDatabase?.close();
});
