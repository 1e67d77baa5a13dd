import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

import { signOut } from "~/models/auth.server";
import { getAuthContext } from "~/utils/auth.server";
import { requestInfo } from "~/utils/request.server";
import { serializeBlankSessionCookie } from "~/utils/session.server";

/** GET never signs anyone out (a link prefetch must not end a session). */
export async function loader() {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await getAuthContext(request);
  if (auth) await signOut({ sessionId: auth.session.id, userId: auth.user.id, request: requestInfo(request, context) });
  throw redirect("/login", { headers: { "Set-Cookie": serializeBlankSessionCookie() } });
}
