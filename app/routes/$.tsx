import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";

import { pageTitle } from "~/utils/meta";

/**
 * Any URL no other route matches: a 404 rendered in the site layout. Being a route (not
 * Remix's built-in miss) means the root loader runs, so the page has the request id and the
 * signed-in header.
 */
export async function loader({ context }: LoaderFunctionArgs) {
  throw data({ message: "not-found", requestId: context.requestId }, { status: 404 });
}

export default function NotFoundRoute() {
  return null;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "error.notFound.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
