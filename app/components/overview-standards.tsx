import type { OverviewCommonStandard, OverviewRegion } from "~/models/overview.server";
import { useT } from "~/utils/i18n";

import { StackedBarChart } from "./charts/stacked-bar-chart";
import { adoptionLabel, levelLabel } from "./overview-labels";
import { ADOPTION_STATUSES } from "~/utils/standard-fields";
import { ChartFigure, EmptyState, OverviewSection } from "./overview-section";

const CELL_STATES = [...ADOPTION_STATUSES, "none"] as const;

/** Panel 6: the collaboration's common standards and each member region's adoption, divergences marked. */
export function CommonStandards({
  standards,
  regions,
}: {
  standards: readonly OverviewCommonStandard[];
  regions: readonly OverviewRegion[];
}) {
  const t = useT();
  const divergences = standards.reduce((sum, standard) => sum + standard.divergentRegionIds.length, 0);
  const stateNames = CELL_STATES.map((state) => t(adoptionLabel[state]));
  return (
    <OverviewSection id="standards" heading={t("overview.standards.heading")}>
      <p>{t("overview.standards.intro")}</p>
      {standards.length === 0 ? (
        <EmptyState>{t("overview.standards.empty")}</EmptyState>
      ) : (
        <>
          <p className={divergences > 0 ? "overview-summary overview-attention-text" : "overview-summary"}>
            {divergences > 0
              ? t("overview.standards.divergences", { count: divergences })
              : t("overview.standards.noDivergences")}
          </p>
          <table className="overview-table">
            <caption>{t("overview.standards.listCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("overview.col.standard")}</th>
                <th scope="col">{t("overview.col.level")}</th>
                <th scope="col">{t("overview.col.decidedOn")}</th>
              </tr>
            </thead>
            <tbody>
              {standards.map((standard) => (
                <tr key={standard.standardId}>
                  <th scope="row">
                    {standard.code}
                    <span className="overview-subline">{standard.name}</span>
                  </th>
                  <td>
                    {t(levelLabel[standard.level])}
                    <span className="overview-subline">
                      {t("overview.standards.decision", { reference: standard.decisionReference })}
                    </span>
                  </td>
                  <td>{standard.decidedOn ? t.date(standard.decidedOn) : t("overview.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ChartFigure>
            <StackedBarChart
              id="standards-chart"
              title={t("overview.standards.chartTitle")}
              description={t("overview.standards.chartDesc", { statuses: stateNames.join(", ") })}
              series={CELL_STATES.map((state, index) => ({ key: state, label: stateNames[index] ?? state }))}
              bars={standards.map((standard) => ({
                key: standard.standardId,
                label: standard.code,
                values: Object.fromEntries(
                  CELL_STATES.map((state) => [
                    state,
                    regions.filter((region) => (standard.adoptions[region.id]?.status ?? "none") === state).length,
                  ]),
                ),
              }))}
            />
            <table className="overview-table overview-adoption">
              <caption>{t("overview.standards.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("overview.col.region")}</th>
                  {standards.map((standard) => (
                    <th scope="col" key={standard.standardId}>
                      {standard.code}
                      <span className="overview-subline">{t(levelLabel[standard.level])}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {regions.map((region) => (
                  <tr key={region.id}>
                    <th scope="row">{region.name}</th>
                    {standards.map((standard) => {
                      const adoption = standard.adoptions[region.id];
                      const divergent = standard.divergentRegionIds.includes(region.id);
                      return (
                        <td
                          key={standard.standardId}
                          className={`adoption-${adoption?.status ?? "none"}${divergent ? " overview-divergent" : ""}`}
                        >
                          {t(adoptionLabel[adoption?.status ?? "none"])}
                          {adoption?.statusDate ? (
                            <span className="overview-subline">{t.date(adoption.statusDate)}</span>
                          ) : null}
                          {divergent ? (
                            <strong className="overview-divergent-label">{t("overview.standards.divergent")}</strong>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ChartFigure>
        </>
      )}
    </OverviewSection>
  );
}
