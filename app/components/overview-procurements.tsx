import { Link } from "@remix-run/react";

import type { OverviewProcurement } from "~/models/overview.server";
import { useT, type Translator } from "~/utils/i18n";

import { dayNumber } from "./charts/chart-scale";
import { TimelineChart } from "./charts/timeline-chart";
import { RagBadge } from "./procurement-badges";
import { ragLabel, RAG_STATUSES, type RagStatus } from "~/utils/procurement-fields";
import { louPhaseLabel } from "~/utils/lou-phases";
import { ChartFigure, EmptyState, OverviewSection } from "./overview-section";

/** The milestone's name: its own label when it has one, else its LOU phase. */
function milestoneName(t: Translator, milestone: OverviewProcurement["milestones"][number]): string {
  const phase = t(louPhaseLabel[milestone.phase]);
  return milestone.label && milestone.label !== phase ? `${phase}: ${milestone.label}` : phase;
}

/** Days between the planned and the actual date, in words; empty when either is missing. */
function slipText(t: Translator, planned: string | null, actual: string | null): string {
  if (!planned || !actual) return "";
  const days = dayNumber(actual) - dayNumber(planned);
  if (days === 0) return t("overview.slip.onTime");
  return days > 0 ? t("overview.slip.late", { days }) : t("overview.slip.early", { days: -days });
}

/** Red first, then amber, then green; otherwise in the order given (lead region, title). */
function byRag(a: OverviewProcurement, b: OverviewProcurement): number {
  return RAG_STATUSES.indexOf(b.rag) - RAG_STATUSES.indexOf(a.rag);
}

/** Panel 1: the procurements on a time axis, and the same dates in a table. */
export function ProcurementTimeline({
  procurements,
  today,
}: {
  procurements: readonly OverviewProcurement[];
  today: string;
}) {
  const t = useT();
  const todayText = t.date(today);
  return (
    <OverviewSection id="timeline" heading={t("overview.timeline.heading")}>
      {procurements.length === 0 ? (
        <EmptyState>{t("overview.timeline.empty")}</EmptyState>
      ) : (
        <ChartFigure>
          <TimelineChart
            id="timeline-chart"
            title={t("overview.timeline.chartTitle", { count: procurements.length })}
            description={t("overview.timeline.chartDesc", { date: todayText })}
            today={today}
            todayLabel={t("overview.timeline.todayMarker", { date: todayText })}
            legend={{
              planned: t("overview.timeline.planned"),
              actual: t("overview.timeline.actual"),
              slip: t("overview.timeline.slip"),
              today: t("overview.timeline.today"),
            }}
            rows={procurements.map((procurement) => ({
              id: procurement.id,
              label: procurement.title,
              detail: t("overview.timeline.detail", {
                region: procurement.leadRegionName,
                phase: t(louPhaseLabel[procurement.phase]),
                rag: t(ragLabel[procurement.rag]),
              }),
              milestones: procurement.milestones.map((milestone, index) => ({
                key: `${index}`,
                label: milestoneName(t, milestone),
                planned: milestone.plannedOn,
                actual: milestone.actualOn,
              })),
            }))}
          />
          <table className="overview-table">
            <caption>{t("overview.timeline.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("overview.col.procurement")}</th>
                <th scope="col">{t("overview.col.leadRegion")}</th>
                <th scope="col">{t("overview.col.milestone")}</th>
                <th scope="col">{t("overview.col.planned")}</th>
                <th scope="col">{t("overview.col.actual")}</th>
                <th scope="col">{t("overview.col.slip")}</th>
              </tr>
            </thead>
            <tbody>
              {procurements.flatMap((procurement) =>
                procurement.milestones.length === 0
                  ? [
                      <tr key={procurement.id}>
                        <th scope="row">{procurement.title}</th>
                        <td>{procurement.leadRegionName}</td>
                        <td colSpan={4} className="muted">
                          {t("overview.timeline.noMilestones")}
                        </td>
                      </tr>,
                    ]
                  : procurement.milestones.map((milestone, index) => (
                      <tr key={`${procurement.id}-${index}`}>
                        <th scope="row">{procurement.title}</th>
                        <td>{procurement.leadRegionName}</td>
                        <td>
                          {milestoneName(t, milestone)}
                          {milestone.unverified ? <span className="muted"> ({t("overview.unverified")})</span> : null}
                        </td>
                        <td>{milestone.plannedOn ? t.date(milestone.plannedOn) : t("overview.none")}</td>
                        <td>{milestone.actualOn ? t.date(milestone.actualOn) : t("overview.none")}</td>
                        <td>{slipText(t, milestone.plannedOn, milestone.actualOn)}</td>
                      </tr>
                    )),
              )}
            </tbody>
          </table>
        </ChartFigure>
      )}
    </OverviewSection>
  );
}

/** Panel 2: each procurement's RAG, reason and latest status report, with links to read on. */
export function ProcurementStatus({ procurements }: { procurements: readonly OverviewProcurement[] }) {
  const t = useT();
  const counts = Object.fromEntries(
    RAG_STATUSES.map((rag) => [rag, procurements.filter((procurement) => procurement.rag === rag).length]),
  ) as Record<RagStatus, number>;
  return (
    <OverviewSection id="status" heading={t("overview.status.heading")}>
      {procurements.length === 0 ? (
        <EmptyState>{t("overview.status.empty")}</EmptyState>
      ) : (
        <>
          <p className="overview-summary">{t("overview.status.summary", counts)}</p>
          <table className="overview-table">
            <caption>{t("overview.status.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("overview.col.procurement")}</th>
                <th scope="col">{t("overview.col.phase")}</th>
                <th scope="col">{t("overview.col.rag")}</th>
                <th scope="col">{t("overview.col.latestReport")}</th>
                <th scope="col">{t("overview.col.links")}</th>
              </tr>
            </thead>
            <tbody>
              {[...procurements].sort(byRag).map((procurement) => (
                <tr key={procurement.id}>
                  <th scope="row">
                    <Link to={`/procurements/${procurement.id}`}>{procurement.title}</Link>
                    <span className="overview-subline">
                      {procurement.leadRegionName}
                      {procurement.participants.length > 0 ? ` + ${procurement.participants.join(", ")}` : ""}
                    </span>
                  </th>
                  <td>{t(louPhaseLabel[procurement.phase])}</td>
                  <td>
                    <RagBadge rag={procurement.rag} />
                    {procurement.ragReason ? <span className="overview-subline">{procurement.ragReason}</span> : null}
                  </td>
                  <td>
                    {procurement.latestReport ? (
                      <>
                        <span className="overview-subline-strong">
                          {t("overview.status.period", {
                            start: t.date(procurement.latestReport.periodStart),
                            end: t.date(procurement.latestReport.periodEnd),
                          })}{" "}
                          · {t("overview.status.reportRag", { rag: t(ragLabel[procurement.latestReport.rag]) })}
                        </span>
                        <span className="overview-excerpt">
                          {procurement.latestReport.summary}
                          {procurement.latestReport.truncated ? " …" : ""}
                        </span>
                      </>
                    ) : (
                      <span className="muted">{t("overview.status.noReport")}</span>
                    )}
                  </td>
                  <td>
                    <ul className="plain overview-links">
                      <li>
                        <Link to={`/procurements/${procurement.id}#status-reports`}>
                          {t("overview.status.reports")}
                          <span className="visually-hidden">
                            {" "}
                            {t("overview.forTitle", { title: procurement.title })}
                          </span>
                        </Link>
                      </li>
                      <li>
                        <Link to={`/procurements/${procurement.id}#decisions`}>
                          {t("overview.status.decisions", { count: procurement.decisionCount })}
                          <span className="visually-hidden">
                            {" "}
                            {t("overview.forTitle", { title: procurement.title })}
                          </span>
                        </Link>
                        {procurement.latestDecisionOn ? (
                          <span className="overview-subline">
                            {t("overview.status.latestDecision", { date: t.date(procurement.latestDecisionOn) })}
                          </span>
                        ) : null}
                      </li>
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </OverviewSection>
  );
}
