import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";

import { getAuthContext } from "~/utils/auth.server";
import { extendSession } from "~/utils/session.server";

export async function loader() {
  throw redirect("/");
}

/** Any authenticated request slides the idle expiry; this one exists for the "stay signed in" button. */
export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuthContext(request);
  if (!auth) return data({ ok: false }, { status: 401 });
  const session = await extendSession(auth.session);
  // Remaining time rather than a timestamp: the browser's clock may differ from the server's.
  return data({ ok: true, idleRemainingMs: session.idleExpiresAt.getTime() - Date.now() });
}
