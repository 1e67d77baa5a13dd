import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

import { setUserLocale } from "~/models/auth.server";
import { getAuthContext } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { isLanguage } from "~/utils/i18n";
import { serializeLanguageCookie } from "~/utils/i18n.server";
import { safeRedirect } from "~/utils/schemas";

export async function loader() {
  throw redirect("/");
}

/** The header's language switch: remembered in a cookie, and on the user when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const language = formData.get("language");
  if (!isLanguage(language)) throw new Response("Unknown language", { status: 400 });
  const auth = await getAuthContext(request);
  if (auth) await setUserLocale({ userId: auth.user.id, locale: language });
  throw redirect(safeRedirect(formData.get("redirectTo")), {
    headers: { "Set-Cookie": serializeLanguageCookie(language) },
  });
}
