import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

/**
 * Calls a route module's real loader or action the way Remix would, and turns whatever it
 * returns or throws (data(), redirect(), Response) into { status, headers, body }.
 */
export type RouteResult = { status: number; headers: Headers; body: unknown };

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

export function testContext(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return { requestId: "test-request", clientIp: "127.0.0.1", cspNonce: "", ...overrides };
}

export function buildRequest(
  path: string,
  {
    method = "GET",
    cookie,
    form,
    headers = {},
  }: {
    method?: string;
    cookie?: string;
    form?: Record<string, string | string[]>;
    headers?: Record<string, string>;
  } = {},
): Request {
  const init: RequestInit = { method, headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) } };
  if (form) {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    init.body = body;
  }
  return new Request(`http://localhost${path}`, init);
}

function isDataWithResponseInit(
  value: unknown,
): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

async function normalize(value: unknown): Promise<RouteResult> {
  if (value instanceof Response) {
    const text = await value.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: value.status, headers: value.headers, body };
  }
  if (isDataWithResponseInit(value)) {
    return { status: value.init?.status ?? 200, headers: new Headers(value.init?.headers), body: value.data };
  }
  return { status: 200, headers: new Headers(), body: value };
}

export async function callRoute(
  handler: Handler,
  request: Request,
  params: Record<string, string> = {},
  context: AppLoadContext = testContext(),
): Promise<RouteResult> {
  try {
    return await normalize(await handler({ request, params, context }));
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithResponseInit(thrown)) return normalize(thrown);
    throw thrown;
  }
}
