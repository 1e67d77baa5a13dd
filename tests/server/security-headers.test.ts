import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { startServer, type RunningServer } from "../support/spawn-server";

import { eventually } from "./helpers";

/** Security headers, compression, request ids and the 404 page of the production server. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function getLogin(headers: Record<string, string> = {}): Promise<{ response: Response; html: string }> {
  const response = await fetch(`${server.url}/login`, { redirect: "manual", headers });
  const html = await response.text();
  return { response, html };
}

/** The directives of a CSP header, by name: "script-src" → ["'self'", "'nonce-…'"]. */
function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const directive of header.split(";")) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

function nonceOf(csp: string): string {
  const scriptSrc = parseCsp(csp).get("script-src") ?? [];
  const nonces = scriptSrc.filter((value) => value.startsWith("'nonce-"));
  expect(nonces).toHaveLength(1);
  const match = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(nonces[0] ?? "");
  expect(match).not.toBeNull();
  return match?.[1] ?? "";
}

describe("Content-Security-Policy", () => {
  test("is enforced, not report-only, and locks down framing, plugins and <base>", async () => {
    const { response } = await getLogin();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy-report-only")).toBeNull();
    const csp = response.headers.get("content-security-policy");
    expect(csp).toBeTruthy();
    const directives = parseCsp(csp ?? "");
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(directives.get("default-src")).toEqual(["'self'"]);
    const scriptSrc = directives.get("script-src") ?? [];
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    // Production allows no inline styles (development needs them for Vite).
    expect(directives.get("style-src")).toEqual(["'self'"]);
  }, 60_000);

  test("carries a script nonce that every <script> tag of the page uses", async () => {
    const { response, html } = await getLogin();
    const nonce = nonceOf(response.headers.get("content-security-policy") ?? "");
    expect(nonce.length).toBeGreaterThanOrEqual(22); // 16 random bytes in base64
    const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
    // Remix's hydration data and module loader are inline scripts: there must be some.
    expect(scriptTags.length).toBeGreaterThanOrEqual(2);
    for (const tag of scriptTags) {
      expect(tag).toContain(`nonce="${nonce}"`);
    }
  }, 60_000);

  test("uses a fresh nonce on every response", async () => {
    const first = await getLogin();
    const second = await getLogin();
    const firstNonce = nonceOf(first.response.headers.get("content-security-policy") ?? "");
    const secondNonce = nonceOf(second.response.headers.get("content-security-policy") ?? "");
    expect(firstNonce).not.toBe(secondNonce);
    expect(second.html).toContain(`nonce="${secondNonce}"`);
    expect(second.html).not.toContain(firstNonce);
  }, 60_000);
});

describe("other security headers", () => {
  test("forbid MIME sniffing, limit the referrer, pin HTTPS and hide the framework", async () => {
    const { response } = await getLogin();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const hsts = response.headers.get("strict-transport-security") ?? "";
    const maxAge = /max-age=(\d+)/.exec(hsts);
    expect(maxAge).not.toBeNull();
    expect(Number(maxAge?.[1])).toBeGreaterThanOrEqual(31_536_000);
    expect(hsts).toContain("includeSubDomains");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-powered-by")).toBeNull();
  }, 60_000);

  test("every response gets its own X-Request-Id", async () => {
    const first = await getLogin();
    const second = await getLogin();
    const firstId = first.response.headers.get("x-request-id") ?? "";
    const secondId = second.response.headers.get("x-request-id") ?? "";
    expect(firstId).toMatch(UUID);
    expect(secondId).toMatch(UUID);
    expect(firstId).not.toBe(secondId);
  }, 60_000);

  test("HTML pages are gzip-compressed when the client accepts gzip", async () => {
    const { response, html } = await getLogin({ "Accept-Encoding": "gzip" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    // fetch decompresses transparently: the body must still be the whole page.
    expectWholeDocument(html);
  }, 60_000);

  test("HTML pages are sent uncompressed when the client does not accept compression", async () => {
    const { response, html } = await getLogin({ "Accept-Encoding": "identity" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBeNull();
    expectWholeDocument(html);
  }, 60_000);
});

describe("the 404 page", () => {
  test("is a 404 rendered in the site layout", async () => {
    const response = await fetch(`${server.url}/no-such-page`, { redirect: "manual" });
    const html = await response.text();
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    // The site frame: skip link to the main landmark, header, main and footer.
    expect(html).toMatch(/<a class="skip-link" href="#main">/);
    expect(html).toContain('<header class="site-header">');
    expect(html).toMatch(/<main id="main"[^>]*><section class="error-page"/);
    expect(html).toContain('<footer class="site-footer">');
    // The security headers apply to error pages too.
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  }, 60_000);

  test("shows the request id that the X-Request-Id header carries", async () => {
    const response = await fetch(`${server.url}/no-such-page`, { redirect: "manual" });
    const html = await response.text();
    expect(response.status).toBe(404);
    const requestId = response.headers.get("x-request-id") ?? "";
    expect(requestId).toMatch(UUID);
    const shown = /<code data-testid="request-id">([^<]+)<\/code>/.exec(html);
    expect(shown?.[1]).toBe(requestId);
  }, 60_000);

  test("is logged in the one JSON access-log line of its request, under the same id", async () => {
    const response = await fetch(`${server.url}/no-such-page`, { redirect: "manual" });
    await response.text();
    expect(response.status).toBe(404);
    const requestId = response.headers.get("x-request-id") ?? "";
    expect(requestId).toMatch(UUID);
    const logged = await eventually(() => findLogLine(server.output(), requestId) !== null, 5_000);
    expect(logged).toBe(true);
    expect(findLogLine(server.output(), requestId)).toMatchObject({
      requestId,
      userId: null,
      method: "GET",
      path: "/no-such-page",
      status: 404,
      service: "samkrav",
    });
  }, 60_000);
});

/** A whole server-rendered document, including Remix's closing stream script after </html>. */
function expectWholeDocument(html: string): void {
  expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
  expect(html).toContain("</html>");
  expect(html).toContain("window.__remixContext.streamController.close();</script>");
}

/** The access-log line (the one with method and status) of this request, or null. */
function findLogLine(output: string, requestId: string): Record<string, unknown> | null {
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "requestId" in parsed &&
      parsed.requestId === requestId &&
      "method" in parsed &&
      "status" in parsed
    ) {
      return parsed as Record<string, unknown>;
    }
  }
  return null;
}
