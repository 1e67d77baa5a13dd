import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

import { assertAllowed, requireUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { safeRedirect } from "~/utils/schemas";
import { setSessionRegion } from "~/utils/session.server";

export async function loader() {
  throw redirect("/");
}

/** The header's region switch: the current region is kept on the session. */
export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const formData = await readFormData(request);
  const regionId = String(formData.get("regionId") ?? "");
  // Only a region the user is a member of can be current; any other id answers 404.
  if (!auth.principal.regionRoles.has(regionId)) assertAllowed(auth, "region.write", { type: "region", regionId });
  await setSessionRegion(auth.session.id, regionId);
  const back = safeRedirect(formData.get("redirectTo"));
  // A page of the previous region would now be the wrong workspace: go to the new region's members instead.
  const target = back.startsWith("/regions/") ? `/regions/${regionId}/members` : back;
  throw redirect(target);
}
