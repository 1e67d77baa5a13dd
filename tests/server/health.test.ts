import http from "node:http";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { startServer, type RunningServer } from "../support/spawn-server";

import { eventually, form, waitForExit } from "./helpers";

/**
 * Liveness, readiness and graceful shutdown. startServer sets SHUTDOWN_READINESS_DELAY_SECONDS=1:
 * after SIGTERM the server keeps serving for a second with /readyz at 503, then drains.
 */

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path}`, { redirect: "manual" });
  return { status: response.status, body: await response.json() };
}

/**
 * A POST whose body is sent in two parts: the server has the request in hand after the first,
 * and cannot answer before the second. Resolves with the status once the response has ended.
 */
function startSlowPost(path: string, body: string) {
  const payload = Buffer.from(body);
  const request = http.request(`${server.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(payload.length),
      "Sec-Fetch-Site": "same-origin",
    },
  });
  const done = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
  // Awaited by the caller; this only keeps an early test failure from also reporting the hang-up.
  done.catch(() => undefined);
  const half = Math.floor(payload.length / 2);
  request.write(payload.subarray(0, half));
  return { done, finish: () => request.end(payload.subarray(half)) };
}

describe("health endpoints", () => {
  test("GET /healthz answers 200 {status: ok}", async () => {
    const { status, body } = await getJson("/healthz");
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok" });
  }, 60_000);

  test("GET /readyz answers 200 {status: ready} once migrated and connected", async () => {
    const { status, body } = await getJson("/readyz");
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ready" });
  }, 60_000);

  test("health checks are not logged as requests, ordinary pages are", async () => {
    const before = server.output().length;
    await getJson("/healthz");
    await getJson("/readyz");
    const page = await fetch(`${server.url}/login`, { redirect: "manual" });
    await page.text();
    const requestId = page.headers.get("x-request-id") ?? "";
    expect(await eventually(() => server.output().includes(requestId), 5_000)).toBe(true);
    const logged = server.output().slice(before);
    expect(logged).not.toContain('"path":"/healthz"');
    expect(logged).not.toContain('"path":"/readyz"');
    expect(logged).toContain('"path":"/login"');
  }, 60_000);
});

describe("graceful shutdown on SIGTERM", () => {
  test("readiness turns 503, requests in flight finish, and the process exits with 0", async () => {
    // An upload the server is in the middle of receiving when the signal arrives.
    const upload = startSlowPost("/login", form({ email: "", password: "" }).toString());
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A page request started just before the signal.
    const page = fetch(`${server.url}/login`, { redirect: "manual" }).then(async (response) => ({
      status: response.status,
      body: await response.text(),
    }));
    const signalledAt = Date.now();
    expect(server.process.kill("SIGTERM")).toBe(true);

    // During the readiness delay, /readyz says 503 so the load balancer stops sending traffic.
    let readiness: { status: number; body: unknown } | null = null;
    const sawNotReady = await eventually(async () => {
      readiness = await getJson("/readyz");
      return readiness.status === 503;
    }, 900);
    expect(sawNotReady).toBe(true);
    expect(readiness).toEqual({ status: 503, body: { status: "shutting-down" } });
    // Liveness stays fine while draining.
    expect((await getJson("/healthz")).status).toBe(200);

    const pageResult = await page;
    expect(pageResult.status).toBe(200);
    expect(pageResult.body).toContain("</html>");

    // Past the readiness delay the listener closes, but the half-sent upload is still served.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, signalledAt + 1_500 - Date.now())));
    expect(server.process.exitCode).toBeNull();
    upload.finish();
    const uploadResult = await upload.done;
    expect(uploadResult.status).toBe(400); // the login action's answer to an empty form

    const code = await waitForExit(server.process, 30_000);
    expect(code).toBe(0);
    expect(server.output()).toContain("shutdown complete");
  }, 60_000);
});
