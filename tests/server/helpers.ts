import type { ChildProcess } from "node:child_process";

/**
 * Small helpers shared by the server-level tests (tests/server/*.test.ts). They talk to a real
 * production server started by tests/support/spawn-server.ts.
 */

/** Headers a same-origin browser form post carries, so the CSRF check lets it through. */
export const SAME_ORIGIN = { "Sec-Fetch-Site": "same-origin" } as const;

/** A form-encoded POST body. */
export function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

/** The `name=value` part of a Set-Cookie header for `name`, or null. */
export function cookieFrom(response: Response, name: string): { value: string; header: string } | null {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    const separator = pair.indexOf("=");
    if (separator > 0 && pair.slice(0, separator).trim() === name) {
      return { value: pair.slice(separator + 1), header };
    }
  }
  return null;
}

/** The attributes of a Set-Cookie header, lower-cased names, e.g. { httponly: "", "max-age": "0" }. */
export function cookieAttributes(header: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const part of header.split(";").slice(1)) {
    const [name = "", ...rest] = part.trim().split("=");
    attributes.set(name.toLowerCase(), rest.join("="));
  }
  return attributes;
}

/** Resolves with the exit code once the child has exited, or null after `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      resolve(null);
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      resolve(code);
    };
    child.once("exit", onExit);
  });
}

/** Polls `check` every 50 ms until it returns true or `timeoutMs` passes; returns the last result. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A syntactically valid session token (32 lower-case base32 characters) that no session has. */
export function randomSessionToken(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => alphabet[byte % 32]).join("");
}
