import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { AuditLog } from "~/components/audit-log";
import { listAuditEvents } from "~/models/audit.server";
import { getRegion, listRegionMembers } from "~/models/regions.server";
import { parseAuditQuery } from "~/utils/audit-filters.server";
import { assertAllowed, notFound, requireUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { UuidSchema } from "~/utils/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const region = UuidSchema.safeParse(params.regionId).success
    ? await getRegion({ regionId: params.regionId ?? "" })
    : null;
  if (!region) notFound();
  assertAllowed(auth, "region.audit.read", { type: "region", regionId: region.id });
  const filters = parseAuditQuery(new URL(request.url), region.id);
  const [log, members] = await Promise.all([listAuditEvents(filters), listRegionMembers({ regionId: region.id })]);
  return {
    region,
    page: log.page,
    hasMore: log.hasMore,
    events: log.events.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })),
    people: members.map((member) => ({ userId: member.userId, name: member.name })),
  };
}

export default function RegionAuditRoute() {
  const t = useT();
  const { region, events, people, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("audit.regionTitle", { region: region.name })}</h1>
      <p>{t("audit.intro")}</p>
      <AuditLog events={events} people={people} page={page} hasMore={hasMore} showRegion={false} />
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.pageTitle");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
