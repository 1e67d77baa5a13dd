import fs from "node:fs";
import path from "node:path";

import { expect, test } from "vitest";

/**
 * Browser tests run against a server of their own; the test process itself must not open the
 * app's database. Importing a seed module or a model would (app/utils/db.server.ts opens the
 * database at import), and two browser-test files doing so at once fight over the PGlite data
 * folder. Demo names come from db/seed/demo-titles.ts and db/seed/demo-data.ts, which open nothing.
 */
const e2eDir = path.resolve(import.meta.dirname, "../e2e");
const ALLOWED_SEED_MODULES = new Set(["demo-titles", "demo-data"]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

test("browser tests import no module that opens the app's database", () => {
  const offending: string[] = [];
  for (const file of sourceFiles(e2eDir)) {
    const source = fs.readFileSync(file, "utf8");
    for (const [, specifier = ""] of source.matchAll(/^import(?!\s+type)[^"']*["']([^"']+)["']/gm)) {
      const seedModule = /db\/seed\/([\w-]+)$/.exec(specifier)?.[1];
      const opensDatabase =
        (seedModule !== undefined && !ALLOWED_SEED_MODULES.has(seedModule)) ||
        specifier.startsWith("~/models/") ||
        /(^~\/|\/app\/)utils\/db\.server$/.test(specifier);
      if (opensDatabase) offending.push(`${path.relative(e2eDir, file)}: ${specifier}`);
    }
  }
  expect(offending).toEqual([]);
  // The check sees the imports it is meant to see.
  expect(sourceFiles(e2eDir).some((file) => fs.readFileSync(file, "utf8").includes('db/seed/demo-titles"'))).toBe(true);
});
