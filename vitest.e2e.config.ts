import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

/**
 * Browser journeys (playwright-core driving Debian's chromium against the production server).
 * Separate from vite.config.ts on purpose: no Remix plugin, one server per test file, and at
 * most two files at a time on a two-core machine (each file runs a server and a browser).
 */
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/support/global-setup.ts"],
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
