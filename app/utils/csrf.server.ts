/**
 * CSRF defence by Fetch Metadata (ADR 004): a state-changing request is accepted only when the
 * browser says it came from this site. `Sec-Fetch-Site: same-origin` is enough; without it, the
 * `Origin` header must equal the site's own origin. A request with neither is refused.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteRequest(headers: Headers, method: string, siteOrigin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite === "same-origin") return false;
  const origin = headers.get("origin");
  if (origin && origin === siteOrigin) return false;
  return true;
}
