import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import type { SQL } from "drizzle-orm";
import { connectPostgres } from "../app/utils/db-connect.server";
const url = `postgres://postgres@127.0.0.1:5432/${process.env.DB}`;
const handle = connectPostgres(url);
globalThis.__samkravDatabase = handle;
const { describeCorpus } = await import("./generate-corpus");
const corpus = await describeCorpus(handle.db);
const { buildPrincipal, loadAccess } = await import("../app/utils/auth.server");
const { searchLibrary } = await import("../app/models/library.server");
const principal = buildPrincipal({ id: corpus.userId, isPlatformAdmin: false }, await loadAccess(corpus.userId));
let captured: SQL | null = null;
const original = handle.db.execute.bind(handle.db);
(handle.db as unknown as { execute: (q: SQL) => unknown }).execute = (q: SQL) => {
  captured = q;
  return original(q);
};
const client = postgres(url, { max: 1, onnotice: () => {} });
for (const q of (process.env.QS ?? "kunna").split(",")) {
  await searchLibrary({ principal, filters: { q, page: 1 } });
  const query = new PgDialect().sqlToQuery(captured as unknown as SQL);
  for (let i = 0; i < 3; i++) {
    const rows = await client.unsafe(`explain (analyze, summary, format json) ${query.sql}`, query.params as never[]);
    const plan = (rows[0] as Record<string, Array<Record<string, number>>>)["QUERY PLAN"]![0]!;
    console.log(q, "planning", plan["Planning Time"]?.toFixed(2), "execution", plan["Execution Time"]?.toFixed(2));
    if (i === 2 && process.env.TREE) {
      const walk = (node: Record<string, unknown>, depth: number) => {
        if (depth > Number(process.env.TREE)) return;
        console.log(" ".repeat(depth * 2) + String(node["Node Type"]) + " " + String(node["Subplan Name"] ?? node["Parent Relationship"] ?? "") + " " + String(node["CTE Name"] ?? node["Relation Name"] ?? "") + " total=" + Number(node["Actual Total Time"]) * Number(node["Actual Loops"]) + " rows=" + String(node["Actual Rows"]) + " loops=" + String(node["Actual Loops"]));
        for (const child of (node["Plans"] as Array<Record<string, unknown>> | undefined) ?? []) walk(child, depth + 1);
      };
      walk(plan["Plan"] as unknown as Record<string, unknown>, 0);
    }
  }
}
await client.end();
process.exit(0);
