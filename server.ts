import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import pino from "pino";

import { isCrossSiteRequest } from "./app/utils/csrf.server";
import { DataDirLockedError } from "./app/utils/data-dir-lock.server";
import { getEnv, InvalidEnvironmentError, type Env } from "./app/utils/env.server";
import { requestStore } from "./app/utils/request-store.server";

/**
 * The HTTP entry: security headers, CSRF refusal, compression, one JSON log line per request,
 * health endpoints and graceful shutdown around the Remix request handler.
 */

function loadEnv(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const env = loadEnv();
const isProduction = env.NODE_ENV === "production";
const logger = pino({ level: env.LOG_LEVEL, base: { service: "samkrav" } });

async function openDatabase() {
  try {
    const { database } = await import("./app/utils/db.server");
    return database;
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      logger.fatal(error.message);
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const startedAt = Date.now();
const database = await openDatabase();
await database.migrate();
const { getMigrationState } = await import("./app/utils/db-connect.server");
const { isDatabaseSeeded, seedDemoData } = await import("./db/seed/seed");
const shouldSeed = env.SEED_DEMO_DATA ?? database.kind === "pglite";
if (shouldSeed && !(await isDatabaseSeeded(database.db))) {
  const summary = await seedDemoData(database.db);
  logger.info({ ...summary }, "seeded demo data");
}

let shuttingDown = false;

const app = express();
app.disable("x-powered-by");
if (env.TRUST_PROXY) app.set("trust proxy", true);

app.use((req: Request, res: Response, next: NextFunction) => {
  const requestId = crypto.randomUUID();
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.requestId = requestId;
  res.locals.cspNonce = nonce;
  res.setHeader("X-Request-Id", requestId);
  const started = process.hrtime.bigint();
  const store = { requestId } as { requestId: string; userId?: string };
  res.on("finish", () => {
    if (req.path === "/healthz" || req.path === "/readyz") return;
    logger.info({
      requestId,
      userId: store.userId ?? null,
      method: req.method,
      path: req.path,
      status: res.statusCode,
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
    });
  });
  if (shuttingDown) res.setHeader("Connection", "close");
  requestStore.run(store, next);
});

app.use((_req: Request, res: Response, next: NextFunction) => {
  const nonce = String(res.locals.cspNonce);
  const scriptSrc = `'self' 'nonce-${nonce}'`;
  // Vite's dev server injects styles and a websocket for hot reload; production allows neither.
  const styleSrc = isProduction ? "'self'" : "'self' 'unsafe-inline'";
  const connectSrc = isProduction ? "'self'" : "'self' ws://localhost:* ws://127.0.0.1:*";
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src ${scriptSrc}`,
      `style-src ${styleSrc}`,
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src ${connectSrc}`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (isProduction) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  next();
});

app.get("/healthz", (_req, res) => {
  // Liveness only: the process answers. It never touches the database.
  res.status(200).json({ status: "ok" });
});

app.get("/readyz", async (_req, res) => {
  if (shuttingDown) {
    res.status(503).json({ status: "shutting-down" });
    return;
  }
  try {
    const state = await withTimeout(getMigrationState(database.db), 2000);
    if (state.applied < state.expected) {
      res.status(503).json({ status: "migrations-behind", ...state });
      return;
    }
    res.status(200).json({ status: "ready" });
  } catch (error) {
    logger.warn({ err: error }, "readiness check failed");
    res.status(503).json({ status: "database-unreachable" });
  }
});

app.use((req: Request, res: Response, next: NextFunction) => {
  if (isCrossSiteRequest(toFetchHeaders(req), req.method, requestOrigin(req))) {
    res.status(403).type("text/plain").send("Forbidden: cross-site request refused");
    return;
  }
  next();
});

app.use(compression());

function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

function toFetchHeaders(req: Request): Headers {
  const headers = new Headers();
  for (const name of ["origin", "sec-fetch-site"]) {
    const value = req.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

let build: ServerBuild | (() => Promise<ServerBuild>);
if (isProduction) {
  const buildPath = path.resolve(process.cwd(), "build/server/index.js");
  build = (await import(buildPath)) as ServerBuild;
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
} else {
  const vite = await import("vite").then((module) =>
    module.createServer({ server: { middlewareMode: true }, appType: "custom" }),
  );
  app.use(vite.middlewares);
  build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
}

app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (req: Request, res: Response) => ({
      requestId: String(res.locals.requestId),
      cspNonce: String(res.locals.cspNonce),
      clientIp: req.ip ?? req.socket.remoteAddress ?? null,
    }),
  }),
);

const server = app.listen(env.PORT, () => {
  logger.info(
    { port: env.PORT, database: database.kind, startupMs: Date.now() - startedAt, mode: env.NODE_ENV },
    `Samkrav listening on http://localhost:${env.PORT}`,
  );
});

let inFlight = 0;
server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
  inFlight += 1;
  res.on("close", () => {
    inFlight -= 1;
  });
});

async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, "shutdown: readiness now 503, draining");
  const deadline = Date.now() + env.SHUTDOWN_GRACE_SECONDS * 1000;
  await new Promise((resolve) => setTimeout(resolve, env.SHUTDOWN_READINESS_DELAY_SECONDS * 1000));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  while (inFlight > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.closeIdleConnections();
  }
  if (inFlight > 0) logger.warn({ inFlight }, "shutdown: grace period over, closing remaining connections");
  server.closeAllConnections();
  await closed;
  await database.close();
  logger.info("shutdown complete");
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
