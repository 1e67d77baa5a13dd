/**
 * Writes the published JSON Schema of Samkrav's JSON export from its zod schema
 * (`npx tsx scripts/write-json-schema.ts`); a unit test fails when the file is stale.
 */
import fs from "node:fs";

import { exchangeJsonSchema } from "../app/exchange/json";

export const JSON_SCHEMA_PATH = "public/schemas/requirement-set-v1.schema.json";

fs.writeFileSync(JSON_SCHEMA_PATH, `${JSON.stringify(exchangeJsonSchema(), null, 2)}\n`);
