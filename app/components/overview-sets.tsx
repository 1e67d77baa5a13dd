import { Link } from "@remix-run/react";

import type { OverviewRegion, OverviewSets } from "~/models/overview.server";
import { useT } from "~/utils/i18n";
import { setStatusLabel } from "~/utils/labels";
import { SET_STATUSES } from "~/utils/requirement-fields";

import { StackedBarChart } from "./charts/stacked-bar-chart";
import { ChartFigure, EmptyState, OverviewSection } from "./overview-section";

/** Panel 3: requirement sets per region and status, as stacked bars and as a table. */
export function SetsByStatus({ sets, regions }: { sets: OverviewSets; regions: readonly OverviewRegion[] }) {
  const t = useT();
  const regionName = new Map(regions.map((region) => [region.id, region.name]));
  const total = sets.byRegion.reduce((sum, entry) => sum + entry.total, 0);
  const statusNames = SET_STATUSES.map((status) => t(setStatusLabel[status]));
  return (
    <OverviewSection id="sets" heading={t("overview.sets.heading")}>
      <p className="muted">{t("overview.sets.privateNote")}</p>
      {total === 0 ? (
        <EmptyState>{t("overview.sets.empty")}</EmptyState>
      ) : (
        <ChartFigure>
          <StackedBarChart
            id="sets-chart"
            title={t("overview.sets.chartTitle")}
            description={t("overview.sets.chartDesc", { statuses: statusNames.join(", ") })}
            series={SET_STATUSES.map((status, index) => ({ key: status, label: statusNames[index] ?? status }))}
            bars={sets.byRegion.map((entry) => ({
              key: entry.regionId,
              label: regionName.get(entry.regionId) ?? "",
              values: entry.counts,
            }))}
          />
          <table className="overview-table overview-numbers">
            <caption>{t("overview.sets.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("overview.col.region")}</th>
                {statusNames.map((name) => (
                  <th scope="col" key={name}>
                    {name}
                  </th>
                ))}
                <th scope="col">{t("overview.col.total")}</th>
              </tr>
            </thead>
            <tbody>
              {sets.byRegion.map((entry) => (
                <tr key={entry.regionId}>
                  <th scope="row">{regionName.get(entry.regionId)}</th>
                  {SET_STATUSES.map((status) => (
                    <td key={status}>{entry.counts[status]}</td>
                  ))}
                  <td>{entry.total}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("overview.col.total")}</th>
                {SET_STATUSES.map((status) => (
                  <td key={status}>{sets.byRegion.reduce((sum, entry) => sum + entry.counts[status], 0)}</td>
                ))}
                <td>{total}</td>
              </tr>
            </tfoot>
          </table>
        </ChartFigure>
      )}
    </OverviewSection>
  );
}

/** Panel 4: review rounds waiting and overdue, and unresolved comment threads, per region and set. */
export function ReviewsAndComments({ sets, regions }: { sets: OverviewSets; regions: readonly OverviewRegion[] }) {
  const t = useT();
  const regionName = new Map(regions.map((region) => [region.id, region.name]));
  const sum = (pick: (entry: OverviewSets["byRegion"][number]) => number) =>
    sets.byRegion.reduce((total, entry) => total + pick(entry), 0);
  return (
    <OverviewSection id="reviews" heading={t("overview.reviews.heading")}>
      <table className="overview-table overview-numbers">
        <caption>{t("overview.reviews.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("overview.col.region")}</th>
            <th scope="col">{t("overview.col.openRounds")}</th>
            <th scope="col">{t("overview.col.overdueRounds")}</th>
            <th scope="col">{t("overview.col.unresolved")}</th>
          </tr>
        </thead>
        <tbody>
          {sets.byRegion.map((entry) => (
            <tr key={entry.regionId} className={entry.overdueRounds > 0 ? "overview-attention" : undefined}>
              <th scope="row">{regionName.get(entry.regionId)}</th>
              <td>{entry.openRounds}</td>
              <td>{entry.overdueRounds}</td>
              <td>{entry.unresolvedThreads}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("overview.col.total")}</th>
            <td>{sum((entry) => entry.openRounds)}</td>
            <td>{sum((entry) => entry.overdueRounds)}</td>
            <td>{sum((entry) => entry.unresolvedThreads)}</td>
          </tr>
        </tfoot>
      </table>
      {sets.attention.length === 0 ? (
        <EmptyState>{t("overview.reviews.empty")}</EmptyState>
      ) : (
        <table className="overview-table">
          <caption>{t("overview.reviews.setsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("overview.col.set")}</th>
              <th scope="col">{t("overview.col.region")}</th>
              <th scope="col">{t("overview.col.status")}</th>
              <th scope="col">{t("overview.col.review")}</th>
              <th scope="col">{t("overview.col.unresolved")}</th>
            </tr>
          </thead>
          <tbody>
            {sets.attention.map((set) => (
              <tr key={set.id}>
                <th scope="row">
                  <Link to={`/sets/${set.id}`}>{set.title}</Link>
                </th>
                <td>{regionName.get(set.regionId)}</td>
                <td>{t(setStatusLabel[set.status])}</td>
                <td>
                  {set.openRoundId && set.openRoundDue ? (
                    <>
                      <Link to={`/sets/${set.id}/reviews/${set.openRoundId}`}>
                        {t("overview.reviews.due", { date: t.date(set.openRoundDue) })}
                        <span className="visually-hidden"> {t("overview.forTitle", { title: set.title })}</span>
                      </Link>
                      {set.overdue ? (
                        <span className="badge overview-overdue">{t("overview.reviews.overdue")}</span>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">{t("overview.reviews.noRound")}</span>
                  )}
                </td>
                <td>
                  {set.unresolvedThreads > 0 ? (
                    <Link to={`/sets/${set.id}/comments`}>
                      {set.unresolvedThreads}
                      <span className="visually-hidden">
                        {" "}
                        {t("overview.col.unresolved")} {t("overview.forTitle", { title: set.title })}
                      </span>
                    </Link>
                  ) : (
                    0
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </OverviewSection>
  );
}
