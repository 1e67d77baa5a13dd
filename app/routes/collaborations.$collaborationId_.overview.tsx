import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { LibraryDeviations } from "~/components/overview-deviations";
import { RecentLessons } from "~/components/overview-lessons";
import { ProcurementStatus, ProcurementTimeline } from "~/components/overview-procurements";
import { ReviewsAndComments, SetsByStatus } from "~/components/overview-sets";
import { CommonStandards } from "~/components/overview-standards";
import { getCollaborationOverview } from "~/models/overview.server";
import { assertAllowed, notFound, requireUser } from "~/utils/auth.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import { UuidSchema } from "~/utils/schemas";

/**
 * The steering group's overview of a collaboration (`/collaborations/:id/overview`), for its
 * member regions' members and its steering group; anyone else gets 404. `?print=1` is the same
 * page laid out for paper: no menu, no table of contents (print CSS does the rest, also when the
 * ordinary page is printed). The trailing underscore in the file name keeps the page out of the
 * collaboration page's layout: it has no outlet.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const collaborationId = UuidSchema.safeParse(params.collaborationId).data;
  if (!collaborationId) notFound();
  assertAllowed(auth, "collaboration.overview", { type: "collaboration_internal", collaborationId });
  const overview = await getCollaborationOverview({ collaborationId, principal: auth.principal });
  if (!overview) notFound();
  return { ...overview, print: new URL(request.url).searchParams.get("print") === "1" };
}

const PANELS: ReadonlyArray<{ id: string; heading: MessageKey }> = [
  { id: "timeline", heading: "overview.timeline.heading" },
  { id: "status", heading: "overview.status.heading" },
  { id: "sets", heading: "overview.sets.heading" },
  { id: "reviews", heading: "overview.reviews.heading" },
  { id: "deviations", heading: "overview.deviations.heading" },
  { id: "standards", heading: "overview.standards.heading" },
  { id: "lessons", heading: "overview.lessons.heading" },
];

export default function CollaborationOverviewRoute() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { collaboration, regions } = data;
  const overviewPath = `/collaborations/${collaboration.id}/overview`;
  return (
    <div className={data.print ? "overview overview-print" : "overview"}>
      {data.print ? null : (
        <p className="breadcrumbs">
          <Link to={`/collaborations/${collaboration.id}`}>
            {t("overview.breadcrumb", { collaboration: collaboration.name })}
          </Link>
        </p>
      )}
      <h1>{t("overview.heading", { collaboration: collaboration.name })}</h1>
      <p className="overview-meta">
        {t("overview.asOf", { date: t.date(data.today) })}{" "}
        {t("overview.regions", { regions: regions.map((region) => region.name).join(", ") })}
      </p>
      {data.print ? (
        <p className="notice overview-print-hint">
          {t("overview.print.viewHint")} <Link to={overviewPath}>{t("overview.print.back")}</Link>
        </p>
      ) : (
        <div className="notice overview-print-hint">
          <p>{t("overview.print.hint")}</p>
          <p>
            <Link to={`${overviewPath}?print=1`}>{t("overview.print.link")}</Link>
          </p>
        </div>
      )}
      {data.print ? null : (
        <nav aria-label={t("overview.contents")} className="overview-contents">
          <ul>
            {PANELS.map((panel) => (
              <li key={panel.id}>
                <a href={`#${panel.id}`}>{t(panel.heading)}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <ProcurementTimeline procurements={data.procurements} today={data.today} />
      <ProcurementStatus procurements={data.procurements} />
      <SetsByStatus sets={data.sets} regions={regions} />
      <ReviewsAndComments sets={data.sets} regions={regions} />
      <LibraryDeviations deviations={data.deviations} regions={regions} />
      <CommonStandards standards={data.standards} regions={regions} />
      <RecentLessons lessons={data.lessons} />
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "overview.title");

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
