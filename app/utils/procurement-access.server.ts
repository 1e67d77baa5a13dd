import { getVisibleProcurement, procurementResource, type VisibleProcurement } from "~/models/procurements.server";

import { assertAllowed, notFound, requireUser, type AuthContext } from "./auth.server";
import { can } from "./policy.server";
import { UuidSchema } from "./schemas";

/**
 * Loads a procurement the user may read (through the policy's procurementVisibleTo) and asserts
 * `action` on it: a hidden or missing procurement is 404, a readable one with too low a role 403.
 */
export async function requireProcurementAccess(
  request: Request,
  procurementId: string | undefined,
  action: string,
): Promise<{ auth: AuthContext; procurement: VisibleProcurement }> {
  const auth = await requireUser(request);
  if (!UuidSchema.safeParse(procurementId).success) notFound();
  const procurement = await getVisibleProcurement({ procurementId: procurementId ?? "", principal: auth.principal });
  if (!procurement) notFound();
  assertAllowed(auth, action, procurementResource(procurement));
  return { auth, procurement };
}

/** Which procurement actions the user may take, for showing only the forms that will work. */
export function procurementPermissions(auth: AuthContext, procurement: VisibleProcurement) {
  const resource = procurementResource(procurement);
  const allowed = (action: string) => can(auth.principal, action, resource);
  return {
    edit: allowed("procurement.edit"),
    share: allowed("procurement.share"),
    archive: allowed("procurement.archive"),
  };
}

export type ProcurementPermissions = ReturnType<typeof procurementPermissions>;
