import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";

import { getCookieSecret, getEnv } from "./env.server";
import type { MessageKey } from "./i18n";

/** A one-time message shown after POST → redirect → GET ("Inbjudan skapad"). */
const ToastSchema = z.object({
  kind: z.enum(["success", "error", "info"]),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Toast = {
  kind: "success" | "error" | "info";
  message: MessageKey;
  params?: Record<string, string | number>;
};

function toastCookie() {
  return createCookie("samkrav_toast", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().NODE_ENV === "production",
    secrets: [getCookieSecret()],
  });
}

export async function redirectWithToast(url: string, toast: Toast, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastCookie().serialize(toast));
  return redirect(url, { headers });
}

export async function readToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const cookie = toastCookie();
  const raw: unknown = await cookie.parse(request.headers.get("Cookie"));
  const parsed = ToastSchema.safeParse(raw);
  if (!parsed.success) return { toast: null, setCookie: null };
  return {
    toast: parsed.data as Toast,
    setCookie: await cookie.serialize("", { maxAge: 0 }),
  };
}
