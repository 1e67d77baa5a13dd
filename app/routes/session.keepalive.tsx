import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

import { getAuthContext } from "~/utils/auth.server";
import { extendSession } from "~/utils/session.server";

export async function loader() {
  throw redirect("/");
}

/** Any authenticated request slides the idle expiry; this one exists for the "stay signed in" button. */
export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuthContext(request);
  // JSON for the countdown's fetch (a resource route: no page, no revalidation).
  if (!auth) return Response.json({ ok: false }, { status: 401 });
  const session = await extendSession(auth.session);
  // Remaining time rather than a timestamp: the browser's clock may differ from the server's.
  return Response.json(
    { ok: true, idleRemainingMs: session.idleExpiresAt.getTime() - Date.now() },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
