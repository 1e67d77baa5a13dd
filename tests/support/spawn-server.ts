import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import postgres from "postgres";

/**
 * Starts the real server (server.ts on the production build) as a child process, on a free
 * port, with its own database: a fresh PGlite folder, or a fresh PostgreSQL database when
 * DATABASE_URL is set. Used by the server tests and the browser tests.
 */

export type RunningServer = {
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  dataDir: string | null;
  databaseUrl: string | null;
  stop: () => Promise<number | null>;
};

const root = path.resolve(import.meta.dirname, "../..");

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("No production build: run `npm run build` first (npm test does it for you).");
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function createPostgresDatabase(baseUrl: string): Promise<string> {
  const name = `samkrav_srv_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabase(baseUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

export async function startServer({
  env = {},
  dataDir,
  seedTemplateDir,
  waitForReady = true,
}: {
  env?: Record<string, string>;
  /** Reuse this PGlite folder (e.g. to test the folder lock). */
  dataDir?: string;
  /** Copy this already-seeded PGlite folder instead of creating one (much faster). */
  seedTemplateDir?: string;
  waitForReady?: boolean;
} = {}): Promise<RunningServer> {
  assertBuilt();
  const port = await freePort();
  const baseUrl = process.env.DATABASE_URL;
  let ownDataDir: string | null = null;
  let databaseUrl: string | null = null;
  if (baseUrl) {
    databaseUrl = await createPostgresDatabase(baseUrl);
  } else if (dataDir) {
    ownDataDir = dataDir;
  } else {
    ownDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "samkrav-srv-"));
    if (seedTemplateDir) fs.cpSync(seedTemplateDir, ownDataDir, { recursive: true });
  }
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
      SEED_DEMO_DATA: "true",
      SHUTDOWN_READINESS_DELAY_SECONDS: "1",
      LOG_LEVEL: "info",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: ownDataDir ?? "", DATABASE_URL: "" }),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://localhost:${port}`;
  const server: RunningServer = {
    url,
    port,
    process: child,
    output: () => output,
    dataDir: ownDataDir,
    databaseUrl,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const code = await Promise.race([
        exited,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000)),
      ]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      if (baseUrl && databaseUrl) await dropPostgresDatabase(baseUrl, databaseUrl);
      if (ownDataDir && !dataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
      return code;
    },
  };
  if (!waitForReady) return server;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await server.stop();
      throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await server.stop();
  throw new Error(`server did not become ready in time:\n${output}`);
}
