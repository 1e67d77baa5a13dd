import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * Revalidation rules for pages with forms.
 *
 * After a form is posted with an expired session the action answers 401 with the typed values
 * (requireUser). Revalidating the page's loaders then would send the person to /login and lose
 * them, so skip it: the error boundary shows "Logga in igen" with everything kept.
 */
export const keepFormAfterSessionExpiry: ShouldRevalidateFunction = ({
  actionStatus,
  formAction,
  defaultShouldRevalidate,
}) => {
  if (actionStatus === 401) return false;
  // A keep-alive (sent while someone types) changes no data. Reloading the page's loaders then
  // would also move an open edit form's base version to someone else's newer save, and the
  // next save would silently overwrite it.
  if (formAction === "/session/keepalive") return false;
  return defaultShouldRevalidate;
};
