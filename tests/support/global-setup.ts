import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

import { connectPostgres, wrapPglite } from "../../app/utils/db-connect.server";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplatePath: string | null;
    postgresTemplate: { url: string; name: string } | null;
  }
}

/**
 * Migrates one template database per run; each test file then gets its own copy (setup-database.ts):
 * a PGlite data-dir dump restored in memory, or a PostgreSQL `CREATE DATABASE … TEMPLATE`.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `samkrav_tpl_${process.pid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const templateUrl = withDatabase(url, name);
    const handle = connectPostgres(templateUrl, { max: 1 });
    await handle.migrate();
    await handle.close();
    project.provide("postgresTemplate", { url, name });
    project.provide("pgliteTemplatePath", null);
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`samkrav_t_${process.pid}_%`} or datname = ${name}`;
      for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const client = new PGlite();
  const handle = wrapPglite(client);
  await handle.migrate();
  const dump = await client.dumpDataDir("none");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "samkrav-tpl-")), "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("pgliteTemplatePath", file);
  project.provide("postgresTemplate", null);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
