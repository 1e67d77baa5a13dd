import { Link } from "@remix-run/react";
import { Fragment } from "react";

import type { MatrixCell, MatrixCommon, StatusCounts } from "~/models/standards.server";
import { useT, type Translator } from "~/utils/i18n";
import {
  ADOPTION_CELL_STATUSES,
  adoptionStatusLabel,
  adoptionStatusLetter,
  commonLevelLabel,
  standardCategoryLabel,
  type StandardCategory,
} from "~/utils/standard-fields";

/**
 * The adoption matrix, drawn three ways from the same figures: a server-rendered SVG grid (with
 * a title and a text alternative), its legend, and an HTML table for screen readers, keyboard
 * users and anyone who wants to read exact values. Every status is a letter as well as a colour,
 * and a deviation is an outline and a "!" as well as red.
 */

export type MatrixView = {
  regions: Array<{ id: string; name: string; shortName: string }>;
  rows: Array<{
    standard: { id: string; code: string; name: string; category: StandardCategory; currentVersion: string };
    commonIn: MatrixCommon[];
    cells: MatrixCell[];
    totals: StatusCounts;
  }>;
  regionTotals: StatusCounts[];
  overall: StatusCounts;
};

const LABEL_WIDTH = 210;
const CELL_WIDTH = 44;
const CELL_HEIGHT = 26;
const GAP = 3;
const HEADER_HEIGHT = 120;
const GROUP_HEIGHT = 24;
const TOTAL_WIDTH = 70;
const FOOTER_HEIGHT = 34;

/** ◆ when a collaboration requires the standard, ◇ when it only recommends it. */
function commonMarker(commonIn: readonly MatrixCommon[]): string {
  if (commonIn.some((marking) => marking.level === "required")) return "◆";
  return commonIn.length > 0 ? "◇" : "";
}

function commonText(t: Translator, commonIn: readonly MatrixCommon[]): string {
  return commonIn
    .map((marking) =>
      t("standards.commonBadge", {
        collaboration: marking.collaborationName,
        level: t(commonLevelLabel[marking.level]),
      }),
    )
    .join(", ");
}

function cellTitle(t: Translator, regionName: string, code: string, cell: MatrixCell): string {
  const parts = [`${code}, ${regionName}: ${t(adoptionStatusLabel[cell.status])}`];
  if (cell.statusDate) parts.push(t.date(cell.statusDate));
  if (cell.deviation) parts.push(t("standards.matrix.deviatesFrom", { common: commonText(t, cell.commonIn) }));
  return parts.join(" – ");
}

/** The one-sentence summary the SVG carries as its text alternative. */
export function matrixSummary(t: Translator, view: MatrixView): string {
  const counts = ADOPTION_CELL_STATUSES.map(
    (status) => `${t(adoptionStatusLabel[status])}: ${view.overall[status]}`,
  ).join(", ");
  return t("standards.matrix.summary", {
    standards: view.rows.length,
    regions: view.regions.length,
    counts,
    deviations: view.overall.deviations,
  });
}

export function AdoptionMatrixChart({ view }: { view: MatrixView }) {
  const t = useT();
  const columns = view.regions.length;
  const gridWidth = columns * (CELL_WIDTH + GAP);
  const width = LABEL_WIDTH + gridWidth + TOTAL_WIDTH;
  // Rows, with a heading line wherever the category changes.
  let y = HEADER_HEIGHT;
  let category: StandardCategory | null = null;
  const placed = view.rows.map((row) => {
    let groupY: number | null = null;
    if (row.standard.category !== category) {
      category = row.standard.category;
      groupY = y;
      y += GROUP_HEIGHT;
    }
    const rowY = y;
    y += CELL_HEIGHT + GAP;
    return { row, rowY, groupY };
  });
  const footerY = y + 6;
  const height = footerY + FOOTER_HEIGHT;
  const columnX = (index: number) => LABEL_WIDTH + index * (CELL_WIDTH + GAP);
  const totalX = LABEL_WIDTH + gridWidth + TOTAL_WIDTH / 2;
  return (
    <svg
      className="matrix-chart"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby="matrix-chart-title matrix-chart-desc"
    >
      <title id="matrix-chart-title">{t("standards.matrix.chartTitle")}</title>
      <desc id="matrix-chart-desc">{matrixSummary(t, view)}</desc>
      {view.regions.map((region, index) => {
        const x = columnX(index) + CELL_WIDTH / 2;
        return (
          <text
            key={region.id}
            className="matrix-column-label"
            x={x}
            y={HEADER_HEIGHT - 8}
            transform={`rotate(-55 ${x} ${HEADER_HEIGHT - 8})`}
          >
            {region.shortName}
          </text>
        );
      })}
      <text
        className="matrix-column-label matrix-total-label"
        x={totalX}
        y={HEADER_HEIGHT - 8}
        transform={`rotate(-55 ${totalX} ${HEADER_HEIGHT - 8})`}
      >
        {t("standards.matrix.adoptedTotal")}
      </text>
      {placed.map(({ row, rowY, groupY }) => (
        <g key={row.standard.id} className="matrix-row">
          {groupY !== null ? (
            <text className="matrix-group-label" x={8} y={groupY + GROUP_HEIGHT - 7}>
              {t(standardCategoryLabel[row.standard.category])}
            </text>
          ) : null}
          <text className="matrix-row-label" x={LABEL_WIDTH - 10} y={rowY + CELL_HEIGHT / 2 + 5}>
            {row.standard.code}
            {row.commonIn.length > 0 ? ` ${commonMarker(row.commonIn)}` : ""}
          </text>
          {row.cells.map((cell, index) => {
            const region = view.regions[index];
            const x = columnX(index);
            return (
              <g
                key={region?.id ?? index}
                className={`matrix-cell status-${cell.status}${cell.deviation ? " matrix-deviation" : ""}`}
                data-region={region?.shortName}
                data-standard={row.standard.code}
              >
                <title>{cellTitle(t, region?.name ?? "", row.standard.code, cell)}</title>
                <rect x={x} y={rowY} width={CELL_WIDTH} height={CELL_HEIGHT} rx={3} />
                <text className="matrix-letter" x={x + CELL_WIDTH / 2} y={rowY + CELL_HEIGHT / 2 + 5}>
                  {t(adoptionStatusLetter[cell.status])}
                </text>
                {cell.deviation ? (
                  <text className="matrix-deviation-mark" x={x + CELL_WIDTH - 6} y={rowY + 11}>
                    !
                  </text>
                ) : null}
              </g>
            );
          })}
          <text className="matrix-total" x={totalX} y={rowY + CELL_HEIGHT / 2 + 5}>
            {`${row.totals.adopted}/${columns}`}
          </text>
        </g>
      ))}
      <text className="matrix-row-label matrix-total-label" x={LABEL_WIDTH - 10} y={footerY + 20}>
        {t("standards.matrix.adoptedPerRegion")}
      </text>
      {view.regionTotals.map((totals, index) => (
        <text
          key={view.regions[index]?.id ?? index}
          className="matrix-total"
          x={columnX(index) + CELL_WIDTH / 2}
          y={footerY + 20}
        >
          {totals.adopted}
        </text>
      ))}
    </svg>
  );
}

export function AdoptionMatrixLegend() {
  const t = useT();
  return (
    <div className="matrix-legend">
      <h3 id="matrix-legend-title">{t("standards.matrix.legend")}</h3>
      <ul aria-labelledby="matrix-legend-title">
        {ADOPTION_CELL_STATUSES.map((status) => (
          <li key={status}>
            <span className={`status-chip status-${status}`} aria-hidden="true">
              {t(adoptionStatusLetter[status])}
            </span>{" "}
            {t(adoptionStatusLetter[status])} = {t(adoptionStatusLabel[status])}
          </li>
        ))}
        <li>
          <span className="status-chip status-none chip-deviation" aria-hidden="true">
            !
          </span>{" "}
          {t("standards.matrix.legendDeviation")}
        </li>
        <li>{t("standards.matrix.legendRequired")}</li>
        <li>{t("standards.matrix.legendRecommended")}</li>
      </ul>
    </div>
  );
}

/** The same figures as the grid, as a table: rows are standards (grouped by category), columns regions. */
export function AdoptionMatrixTable({ view }: { view: MatrixView }) {
  const t = useT();
  const columns = view.regions.length + 4;
  let category: StandardCategory | null = null;
  const groups: Array<{ category: StandardCategory; rows: MatrixView["rows"] }> = [];
  for (const row of view.rows) {
    if (row.standard.category !== category) {
      category = row.standard.category;
      groups.push({ category, rows: [] });
    }
    groups[groups.length - 1]?.rows.push(row);
  }
  return (
    <div className="table-scroll">
      <table className="matrix-table">
        <caption id="matrix-table-caption">
          {t("standards.matrix.tableCaption", { standards: view.rows.length, regions: view.regions.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("standards.matrix.standard")}</th>
            {view.regions.map((region) => (
              <th scope="col" key={region.id}>
                <abbr title={region.name}>{region.shortName}</abbr>
              </th>
            ))}
            <th scope="col">{t("standards.adoption.adopted")}</th>
            <th scope="col">{t("standards.adoption.planned")}</th>
            <th scope="col">{t("standards.matrix.deviations")}</th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.category}>
            <tr className="matrix-group">
              <th scope="rowgroup" colSpan={columns}>
                {t(standardCategoryLabel[group.category])}
              </th>
            </tr>
            {group.rows.map((row) => (
              <tr key={row.standard.id}>
                <th scope="row">
                  <Link to={`/standards/${row.standard.id}`}>{row.standard.code}</Link>
                  {row.commonIn.length > 0 ? (
                    <>
                      {" "}
                      <span aria-hidden="true">{commonMarker(row.commonIn)}</span>
                      <span className="visually-hidden">
                        {` (${t("standards.matrix.commonIn", { common: commonText(t, row.commonIn) })})`}
                      </span>
                    </>
                  ) : null}
                </th>
                {row.cells.map((cell, index) => (
                  <MatrixTableCell key={view.regions[index]?.id ?? index} cell={cell} />
                ))}
                <td>{row.totals.adopted}</td>
                <td>{row.totals.planned}</td>
                <td>{row.totals.deviations}</td>
              </tr>
            ))}
          </tbody>
        ))}
        <tfoot>
          <tr>
            <th scope="row">{t("standards.matrix.adoptedPerRegion")}</th>
            {view.regionTotals.map((totals, index) => (
              <td key={view.regions[index]?.id ?? index}>{totals.adopted}</td>
            ))}
            <td>{view.overall.adopted}</td>
            <td>{view.overall.planned}</td>
            <td>{view.overall.deviations}</td>
          </tr>
          <tr>
            <th scope="row">{t("standards.matrix.deviationsPerRegion")}</th>
            {view.regionTotals.map((totals, index) => (
              <td key={view.regions[index]?.id ?? index}>{totals.deviations}</td>
            ))}
            <td colSpan={3} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function MatrixTableCell({ cell }: { cell: MatrixCell }) {
  const t = useT();
  return (
    <td className={`matrix-table-cell${cell.deviation ? " matrix-deviation" : ""}`}>
      <span className={`status-chip status-${cell.status}`} aria-hidden="true">
        {t(adoptionStatusLetter[cell.status])}
      </span>
      <span className="visually-hidden">{t(adoptionStatusLabel[cell.status])}</span>
      {cell.deviation ? (
        <Fragment>
          <span className="deviation-mark" aria-hidden="true">
            !
          </span>
          <span className="visually-hidden">
            {`, ${t("standards.matrix.deviatesFrom", { common: commonText(t, cell.commonIn) })}`}
          </span>
        </Fragment>
      ) : null}
    </td>
  );
}
