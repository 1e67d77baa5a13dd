import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { startServer } from "../../support/spawn-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated and seeded PGlite data folder every test file's server copies; null on PostgreSQL. */
    e2eSeedTemplateDir: string | null;
  }
}

/** Debian's chromium, which the browser tests drive (playwright-core ships no browser). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const root = path.resolve(import.meta.dirname, "../../..");
const LOCK_FILE = "samkrav.lock";

/**
 * Checks what the browser tests need, then (on PGlite) starts the server once on a folder of
 * our own so it migrates and seeds it; each test file's server starts from a copy of it.
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests drive Debian's chromium at ${CHROMIUM_PATH}, which is missing. ` +
        "Install it with `apt-get update && apt-get install -y chromium`.",
    );
  }
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("No production build (build/server/index.js): run `npx remix vite:build` first.");
  }

  if (process.env.DATABASE_URL) {
    // Each server creates, migrates and seeds its own PostgreSQL database.
    project.provide("e2eSeedTemplateDir", null);
    return;
  }

  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "samkrav-e2e-tpl-"));
  const templateDir = path.join(parent, "data");
  fs.mkdirSync(templateDir);
  try {
    const server = await startServer({ dataDir: templateDir });
    const code = await server.stop();
    if (code !== 0) throw new Error(`template server exited with ${String(code)}:\n${server.output()}`);
    // A clean exit removes the folder lock; a copy holding a stale one would look locked.
    fs.rmSync(path.join(templateDir, LOCK_FILE), { force: true });
  } catch (error) {
    fs.rmSync(parent, { recursive: true, force: true });
    throw error;
  }
  project.provide("e2eSeedTemplateDir", templateDir);
  return () => fs.rmSync(parent, { recursive: true, force: true });
}
