import { getVisibleSet, setResource, type VisibleSet } from "~/models/requirement-sets.server";

import { assertAllowed, notFound, requireUser, type AuthContext } from "./auth.server";
import { can } from "./policy.server";
import { UuidSchema } from "./schemas";

/**
 * Loads a set the user may see (through the policy's visibleTo) and asserts `action` on it:
 * a hidden or missing set is 404, a visible one with too low a role or the wrong status 403.
 */
export async function requireSetAccess(
  request: Request,
  setId: string | undefined,
  action: string,
): Promise<{ auth: AuthContext; set: VisibleSet }> {
  const auth = await requireUser(request);
  if (!UuidSchema.safeParse(setId).success) notFound();
  const set = await getVisibleSet({ setId: setId ?? "", principal: auth.principal });
  if (!set) notFound();
  assertAllowed(auth, action, setResource(set));
  return { auth, set };
}

/** Which set actions the user may take, for showing only the buttons that will work. */
export function setPermissions(auth: AuthContext, set: VisibleSet) {
  const resource = setResource(set);
  const allowed = (action: string) => can(auth.principal, action, resource);
  return {
    edit: allowed("set.edit"),
    baseline: allowed("set.baseline"),
    share: allowed("set.share"),
    archive: allowed("set.archive"),
    restore: allowed("set.restore"),
    submitReview: allowed("set.submit_review"),
    returnToDraft: allowed("set.return_to_draft"),
    approve: allowed("set.approve"),
    publish: allowed("set.publish"),
    newVersion: allowed("set.new_version"),
    supersede: allowed("set.supersede"),
  };
}

export type SetPermissions = ReturnType<typeof setPermissions>;
