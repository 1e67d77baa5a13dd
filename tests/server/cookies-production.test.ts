import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { DEMO_PASSWORD } from "../../db/seed/demo-data";
import { startServer, type RunningServer } from "../support/spawn-server";

import { cookieAttributes, cookieFrom, form, randomSessionToken, SAME_ORIGIN } from "./helpers";

/** The session cookie as the production server sets and clears it. */

const COOKIE = "__Host-samkrav_session";
const EMAIL = "erik.svensson@skane.example.se";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function signIn(extraHeaders: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { ...SAME_ORIGIN, ...extraHeaders },
    body: form({ email: EMAIL, password: DEMO_PASSWORD }),
  });
  await response.text();
  return response;
}

/** GET / with this session token: 200 when it authenticates, a redirect to /login when not. */
async function home(token: string): Promise<Response> {
  const response = await fetch(`${server.url}/`, { redirect: "manual", headers: { Cookie: `${COOKIE}=${token}` } });
  await response.text();
  return response;
}

function expectRedirectToLogin(response: Response): void {
  expect(response.status).toBe(302);
  expect(new URL(response.headers.get("location") ?? "", server.url).pathname).toBe("/login");
}

describe("sign-in cookie", () => {
  test("is a __Host- cookie: HttpOnly, Secure, SameSite=Lax, Path=/ and no Domain", async () => {
    const response = await signIn();
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    const cookie = cookieFrom(response, COOKIE);
    expect(cookie).not.toBeNull();
    // No development-named cookie leaks out in production.
    expect(cookieFrom(response, "samkrav_session")).toBeNull();
    const attributes = cookieAttributes(cookie?.header ?? "");
    expect(attributes.has("httponly")).toBe(true);
    expect(attributes.has("secure")).toBe(true);
    expect(attributes.get("samesite")?.toLowerCase()).toBe("lax");
    expect(attributes.get("path")).toBe("/");
    expect(attributes.has("domain")).toBe(false);
    // Lives until the absolute timeout (12 h by default), give or take a second.
    const maxAge = Number(attributes.get("max-age"));
    expect(maxAge).toBeGreaterThan(43_200 - 60);
    expect(maxAge).toBeLessThanOrEqual(43_200);
  }, 60_000);

  test("carries a 32-character base32 token that authenticates", async () => {
    const response = await signIn();
    const token = cookieFrom(response, COOKIE)?.value ?? "";
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect((await home(token)).status).toBe(200);
  }, 60_000);

  test("is a new token at every sign-in", async () => {
    const first = cookieFrom(await signIn(), COOKIE)?.value;
    const second = cookieFrom(await signIn(), COOKIE)?.value;
    expect(first).toMatch(/^[a-z2-7]{32}$/);
    expect(second).toMatch(/^[a-z2-7]{32}$/);
    expect(second).not.toBe(first);
  }, 60_000);

  test("is not the token an attacker planted before sign-in (no session fixation)", async () => {
    const planted = randomSessionToken();
    expectRedirectToLogin(await home(planted));

    const response = await signIn({ Cookie: `${COOKIE}=${planted}` });
    expect(response.status).toBe(302);
    const issued = cookieFrom(response, COOKIE)?.value ?? "";
    expect(issued).toMatch(/^[a-z2-7]{32}$/);
    expect(issued).not.toBe(planted);

    expectRedirectToLogin(await home(planted));
    expect((await home(issued)).status).toBe(200);
  }, 60_000);

  test("a request without a cookie is sent to the login page", async () => {
    const response = await fetch(`${server.url}/`, { redirect: "manual" });
    await response.text();
    expectRedirectToLogin(response);
  }, 60_000);
});

describe("sign-out", () => {
  test("clears the cookie and ends the session on the server", async () => {
    const token = cookieFrom(await signIn(), COOKIE)?.value ?? "";
    expect((await home(token)).status).toBe(200);

    const response = await fetch(`${server.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { ...SAME_ORIGIN, Cookie: `${COOKIE}=${token}` },
    });
    await response.text();
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login");
    const cleared = cookieFrom(response, COOKIE);
    expect(cleared).not.toBeNull();
    expect(cleared?.value).toBe("");
    const attributes = cookieAttributes(cleared?.header ?? "");
    expect(attributes.get("max-age")).toBe("0");
    // A __Host- cookie is only replaced (and so cleared) by one with the same attributes.
    expect(attributes.has("secure")).toBe(true);
    expect(attributes.get("path")).toBe("/");
    expect(attributes.has("domain")).toBe(false);

    // Replaying the old token (e.g. from a copied cookie) no longer works.
    expectRedirectToLogin(await home(token));
  }, 60_000);

  test("ends only its own session", async () => {
    const kept = cookieFrom(await signIn(), COOKIE)?.value ?? "";
    const ended = cookieFrom(await signIn(), COOKIE)?.value ?? "";
    const response = await fetch(`${server.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { ...SAME_ORIGIN, Cookie: `${COOKIE}=${ended}` },
    });
    await response.text();
    expect(response.status).toBe(302);
    expectRedirectToLogin(await home(ended));
    expect((await home(kept)).status).toBe(200);
  }, 60_000);
});
