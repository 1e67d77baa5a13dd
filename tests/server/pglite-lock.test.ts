import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { acquireDataDirLock, DataDirLockedError } from "../../app/utils/data-dir-lock.server";
import { startServer, type RunningServer } from "../support/spawn-server";

import { waitForExit } from "./helpers";

/**
 * The PGlite data-folder lock: PGlite does not lock its folder itself, and two processes on one
 * folder lose data silently. The lock is PGlite-only, so the server part is skipped on PostgreSQL;
 * the unit part only touches the file system and runs either way.
 */

const IN_USE = "is in use by another Samkrav process";

const tempDirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samkrav-lock-test-"));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!!process.env.DATABASE_URL)("two servers on one data folder", () => {
  let dataDir: string;
  let first: RunningServer;

  beforeAll(async () => {
    dataDir = tempDir();
    first = await startServer({ dataDir });
  }, 120_000);

  afterAll(async () => {
    await first?.stop();
  });

  test("the first server holds the lock with its own pid", () => {
    const lockFile = path.join(dataDir, "samkrav.lock");
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(first.process.pid));
  });

  test("a second server on the same folder refuses to start, naming the folder in use", async () => {
    const second = await startServer({ dataDir, waitForReady: false });
    try {
      const code = await waitForExit(second.process, 30_000);
      expect(code).not.toBeNull();
      expect(code).not.toBe(0);
      expect(second.output()).toContain(IN_USE);
      expect(second.output()).toContain(path.resolve(dataDir));
      expect(second.output()).toContain(`pid ${first.process.pid}`);
    } finally {
      await second.stop();
    }
    // The refused server did not take or remove the first one's lock, which still serves.
    expect(fs.readFileSync(path.join(dataDir, "samkrav.lock"), "utf8")).toBe(String(first.process.pid));
    const response = await fetch(`${first.url}/readyz`);
    expect(response.status).toBe(200);
    await response.text();
  }, 60_000);

  test("a server stopped with SIGTERM releases the lock", async () => {
    const code = await first.stop();
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "samkrav.lock"))).toBe(false);
  }, 60_000);
});

describe("acquireDataDirLock", () => {
  const children: ChildProcess[] = [];

  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  /** The pid of a process that has certainly exited. */
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    const pid = child.pid;
    expect(pid).toBeTypeOf("number");
    await waitForExit(child, 10_000);
    return pid ?? 999_999;
  }

  test("takes a free folder, writing this process's pid, and removes the lock on release", () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir);
    const lockFile = path.join(dir, "samkrav.lock");
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
    release(); // a second release is harmless
  });

  test("creates a data folder that does not exist yet", () => {
    const dir = path.join(tempDir(), "nested", "data");
    const release = acquireDataDirLock(dir);
    expect(fs.existsSync(path.join(dir, "samkrav.lock"))).toBe(true);
    release();
  });

  test("takes over a stale lock left by a process that has died", async () => {
    const dir = tempDir();
    const lockFile = path.join(dir, "samkrav.lock");
    const pid = await deadPid();
    fs.writeFileSync(lockFile, String(pid));
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 30_000);

  test("takes over a stale lock with an unlikely pid like 999999", () => {
    const dir = tempDir();
    const lockFile = path.join(dir, "samkrav.lock");
    fs.writeFileSync(lockFile, "999999");
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    release();
  });

  test("refuses a folder locked by a live process, and leaves its lock alone", async () => {
    const dir = tempDir();
    const lockFile = path.join(dir, "samkrav.lock");
    const holder = spawn("sleep", ["60"], { stdio: "ignore" });
    children.push(holder);
    const pid = holder.pid;
    expect(pid).toBeTypeOf("number");
    fs.writeFileSync(lockFile, String(pid));

    let thrown: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DataDirLockedError);
    const message = thrown instanceof Error ? thrown.message : "";
    expect(message).toContain(IN_USE);
    expect(message).toContain(`pid ${pid}`);
    expect(message).toContain(path.resolve(dir));
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(pid));

    holder.kill("SIGKILL");
    await waitForExit(holder, 10_000);
    // Once the holder is gone, the lock is stale and can be taken.
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    release();
  }, 30_000);
});
