import { Link } from "@remix-run/react";

import type { OverviewDeviations, OverviewRegion } from "~/models/overview.server";
import { useT } from "~/utils/i18n";

import { StackedBarChart } from "./charts/stacked-bar-chart";
import { ChartFigure, EmptyState, OverviewSection } from "./overview-section";

const KINDS = ["asIs", "adapted", "declined"] as const;

/** Panel 5: per member region, library requirements used as is, adapted and declined; declines with reasons. */
export function LibraryDeviations({
  deviations,
  regions,
}: {
  deviations: OverviewDeviations;
  regions: readonly OverviewRegion[];
}) {
  const t = useT();
  const regionName = new Map(regions.map((region) => [region.id, region.name]));
  const labels = {
    asIs: t("overview.col.asIs"),
    adapted: t("overview.col.adapted"),
    declined: t("overview.col.declined"),
  };
  const any = deviations.byRegion.some((entry) => entry.asIs + entry.adapted + entry.declined > 0);
  return (
    <OverviewSection id="deviations" heading={t("overview.deviations.heading")}>
      <p>{t("overview.deviations.intro")}</p>
      {!any ? (
        <EmptyState>{t("overview.deviations.empty")}</EmptyState>
      ) : (
        <>
          <ChartFigure>
            <StackedBarChart
              id="deviations-chart"
              title={t("overview.deviations.chartTitle")}
              description={t("overview.deviations.chartDesc")}
              series={KINDS.map((kind) => ({ key: kind, label: labels[kind] }))}
              bars={deviations.byRegion.map((entry) => ({
                key: entry.regionId,
                label: regionName.get(entry.regionId) ?? "",
                values: { asIs: entry.asIs, adapted: entry.adapted, declined: entry.declined },
              }))}
            />
            <table className="overview-table overview-numbers">
              <caption>{t("overview.deviations.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("overview.col.region")}</th>
                  {KINDS.map((kind) => (
                    <th scope="col" key={kind}>
                      {labels[kind]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {deviations.byRegion.map((entry) => (
                  <tr key={entry.regionId}>
                    <th scope="row">{regionName.get(entry.regionId)}</th>
                    <td>{entry.asIs}</td>
                    <td>{entry.adapted}</td>
                    <td>{entry.declined}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ChartFigure>
          {deviations.declines.length === 0 ? (
            <EmptyState>{t("overview.deviations.noDeclines")}</EmptyState>
          ) : (
            <table className="overview-table">
              <caption>{t("overview.deviations.declinesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("overview.col.region")}</th>
                  <th scope="col">{t("overview.col.requirement")}</th>
                  <th scope="col">{t("overview.col.source")}</th>
                  <th scope="col">{t("overview.col.reason")}</th>
                  <th scope="col">{t("overview.col.date")}</th>
                </tr>
              </thead>
              <tbody>
                {deviations.declines.map((decline) => (
                  <tr key={`${decline.regionId}-${decline.requirementId}`}>
                    <th scope="row">{regionName.get(decline.regionId)}</th>
                    <td>
                      <Link to={`/library/requirements/${decline.requirementId}`}>
                        <span className="ref">{decline.ref}</span> {decline.title}
                      </Link>
                    </td>
                    <td>
                      {decline.sourceRegionName}
                      <span className="overview-subline">{decline.setTitle}</span>
                    </td>
                    <td className="pre-wrap">{decline.reason}</td>
                    <td>{t.date(decline.decidedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </OverviewSection>
  );
}
