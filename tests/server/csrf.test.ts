import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { DEMO_PASSWORD } from "../../db/seed/demo-data";
import { startServer, type RunningServer } from "../support/spawn-server";

import { cookieFrom, form, SAME_ORIGIN } from "./helpers";

/** CSRF defence by Fetch Metadata / Origin (ADR 004), checked against the real server. */

const COOKIE = "__Host-samkrav_session";
const EMAIL = "erik.svensson@skane.example.se";
const REFUSED = "Forbidden: cross-site request refused";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function postLogin(
  headers: Record<string, string>,
  fields: Record<string, string> = {},
): Promise<{ status: number; body: string; response: Response }> {
  const response = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers,
    body: form(fields),
  });
  return { status: response.status, body: await response.text(), response };
}

async function signIn(): Promise<string> {
  const { status, response } = await postLogin(SAME_ORIGIN, { email: EMAIL, password: DEMO_PASSWORD });
  expect(status).toBe(302);
  const token = cookieFrom(response, COOKIE)?.value ?? "";
  expect(token).toMatch(/^[a-z2-7]{32}$/);
  return token;
}

describe("cross-site POSTs are refused", () => {
  test("a POST whose Origin is another site gets 403", async () => {
    const { status, body } = await postLogin(
      { Origin: "https://evil.example" },
      { email: EMAIL, password: DEMO_PASSWORD },
    );
    expect(status).toBe(403);
    expect(body).toBe(REFUSED);
  }, 60_000);

  test("a POST the browser marks Sec-Fetch-Site: cross-site gets 403", async () => {
    const { status, body } = await postLogin(
      { "Sec-Fetch-Site": "cross-site" },
      { email: EMAIL, password: DEMO_PASSWORD },
    );
    expect(status).toBe(403);
    expect(body).toBe(REFUSED);
  }, 60_000);

  test("a POST from a sibling site (Sec-Fetch-Site: same-site) gets 403", async () => {
    const { status } = await postLogin(
      { "Sec-Fetch-Site": "same-site", Origin: "https://other.example.se" },
      { email: EMAIL, password: DEMO_PASSWORD },
    );
    expect(status).toBe(403);
  }, 60_000);

  test("a POST with neither Origin nor Sec-Fetch-Site gets 403", async () => {
    const { status, body } = await postLogin({}, { email: EMAIL, password: DEMO_PASSWORD });
    expect(status).toBe(403);
    expect(body).toBe(REFUSED);
  }, 60_000);

  test("a refused sign-in sets no session cookie", async () => {
    const { status, response } = await postLogin(
      { Origin: "https://evil.example" },
      { email: EMAIL, password: DEMO_PASSWORD },
    );
    expect(status).toBe(403);
    expect(cookieFrom(response, COOKIE)).toBeNull();
  }, 60_000);
});

describe("same-origin POSTs pass", () => {
  test("Sec-Fetch-Site: same-origin reaches the action (400 for an empty form)", async () => {
    const { status, body } = await postLogin(SAME_ORIGIN);
    expect(status).toBe(400);
    expect(body).not.toBe(REFUSED);
  }, 60_000);

  test("Sec-Fetch-Site: same-origin with good credentials signs in (302)", async () => {
    const { status, response } = await postLogin(SAME_ORIGIN, { email: EMAIL, password: DEMO_PASSWORD });
    expect(status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
  }, 60_000);

  test("an Origin equal to the server's own origin passes without Sec-Fetch-Site", async () => {
    expect(server.url).toBe(`http://localhost:${server.port}`);
    const { status, response } = await postLogin({ Origin: server.url }, { email: EMAIL, password: DEMO_PASSWORD });
    expect(status).toBe(302);
    expect(cookieFrom(response, COOKIE)?.value).toMatch(/^[a-z2-7]{32}$/);
  }, 60_000);
});

describe("safe methods", () => {
  test("GET is never refused, whatever the Origin and Fetch Metadata say", async () => {
    const variants: Array<Record<string, string>> = [
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "cross-site" },
      {},
    ];
    for (const headers of variants) {
      const response = await fetch(`${server.url}/login`, { redirect: "manual", headers });
      await response.text();
      expect(response.status).toBe(200);
    }
  }, 60_000);

  test("a cross-site GET of /logout does not sign anyone out", async () => {
    const token = await signIn();
    const response = await fetch(`${server.url}/logout`, {
      redirect: "manual",
      headers: { Cookie: `${COOKIE}=${token}`, "Sec-Fetch-Site": "cross-site" },
    });
    await response.text();
    expect(response.status).toBe(302);
    expect(cookieFrom(response, COOKIE)).toBeNull();
    const home = await fetch(`${server.url}/`, { redirect: "manual", headers: { Cookie: `${COOKIE}=${token}` } });
    await home.text();
    expect(home.status).toBe(200);
  }, 60_000);
});

describe("sign-out", () => {
  test("a cross-site POST /logout is refused and the session keeps working", async () => {
    const token = await signIn();
    const logout = await fetch(`${server.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: `${COOKIE}=${token}`, Origin: "https://evil.example" },
    });
    expect(logout.status).toBe(403);
    expect(await logout.text()).toBe(REFUSED);
    expect(cookieFrom(logout, COOKIE)).toBeNull();

    const home = await fetch(`${server.url}/`, { redirect: "manual", headers: { Cookie: `${COOKIE}=${token}` } });
    await home.text();
    expect(home.status).toBe(200);
  }, 60_000);
});
