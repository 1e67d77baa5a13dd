import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Set by server.ts for every request; it also appears in the log line and on error pages. */
    requestId: string;
    clientIp: string | null;
    /** Per-request CSP nonce for the few inline scripts Remix writes. */
    cspNonce: string;
  }
}

export type RequestInfo = { requestId: string; ipAddress: string | null; userAgent: string | null };

export function requestInfo(request: Request, context: AppLoadContext): RequestInfo {
  return {
    requestId: context.requestId,
    ipAddress: context.clientIp,
    userAgent: request.headers.get("User-Agent"),
  };
}
