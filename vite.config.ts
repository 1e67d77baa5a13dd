/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const appDirectory = fileURLToPath(new URL("./app", import.meta.url));

export default defineConfig({
  resolve: { alias: { "~": appDirectory } },
  // PGlite ships .wasm/.data files that a bundle would not carry: keep it external.
  ssr: { external: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "pino"] },
  build: { target: "es2022" },
  // Server-only native packages: keep Vite's dependency scanner from looking for browser builds.
  optimizeDeps: { exclude: ["@node-rs/argon2", "@electric-sql/pglite", "postgres", "pino"] },
  plugins: process.env.VITEST
    ? []
    : [
        remix({
          future: {
            v3_fetcherPersist: true,
            v3_relativeSplatPath: true,
            v3_throwAbortReason: true,
            v3_singleFetch: true,
            v3_lazyRouteDiscovery: true,
          },
        }),
      ],
  test: {
    include: [
      "tests/unit/**/*.test.ts",
      "tests/integration/**/*.test.ts",
      "tests/authz/**/*.test.ts",
      "tests/server/**/*.test.ts",
    ],
    setupFiles: ["tests/support/setup-database.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
