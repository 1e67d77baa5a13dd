import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * Revalidation rules for pages with forms.
 *
 * After a form is posted with an expired session the action answers 401 with the typed values
 * (requireUser). Revalidating the page's loaders then would send the person to /login and lose
 * them, so skip it: the error boundary shows "Logga in igen" with everything kept. (The session
 * keep-alive sent while someone types is a plain fetch, so it never revalidates: reloading an
 * open edit form's loader would move its base version to someone else's newer save.)
 */
export const keepFormAfterSessionExpiry: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => {
  if (actionStatus === 401) return false;
  return defaultShouldRevalidate;
};
