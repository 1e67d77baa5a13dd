import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { AuditLog } from "~/components/audit-log";
import { listAuditEvents } from "~/models/audit.server";
import { listAllUsers } from "~/models/users.server";
import { parseAuditQuery } from "~/utils/audit-filters.server";
import { requireAllowed } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAllowed(request, "platform.admin", { type: "platform" });
  const filters = parseAuditQuery(new URL(request.url), null);
  const [log, people] = await Promise.all([listAuditEvents(filters), listAllUsers()]);
  return {
    page: log.page,
    hasMore: log.hasMore,
    events: log.events.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })),
    people,
  };
}

export default function PlatformAuditRoute() {
  const t = useT();
  const { events, people, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("audit.platformTitle")}</h1>
      <p>{t("audit.intro")}</p>
      <AuditLog events={events} people={people} page={page} hasMore={hasMore} showRegion />
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
