import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * After a form is posted with an expired session the action answers 401 with the typed values
 * (requireUser). Revalidating the page's loaders then would send the person to /login and lose
 * them, so skip it: the error boundary shows "Logga in igen" with everything kept.
 */
export const keepFormAfterSessionExpiry: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 401 ? false : defaultShouldRevalidate;
