import { dayNumber, round, scaleLinear, timeDomain, truncate, yearTicks, type TimeDomain } from "./chart-scale";

export type TimelineMilestone = {
  key: string;
  /** What the milestone is ("Tilldelningsbeslut"), for the marker's tooltip. */
  label: string;
  planned: string | null;
  actual: string | null;
};

export type TimelineRow = {
  id: string;
  label: string;
  /** A second line under the label: lead region, current phase, RAG, in words. */
  detail: string;
  milestones: readonly TimelineMilestone[];
};

export type TimelineLegend = { planned: string; actual: string; slip: string; today: string };

const WIDTH = 900;
const LABEL_WIDTH = 290;
const PLOT_X0 = LABEL_WIDTH + 20;
const PLOT_X1 = WIDTH - 20;
const TOP = 52;
/** Rows are tighter when there are many, so a large collaboration still fits a printed page or two. */
const rowHeight = (rows: number) => (rows > 12 ? 36 : 46);
const LEGEND_HEIGHT = 40;

export type TimelineLayout = {
  domain: TimeDomain;
  rowHeight: number;
  height: number;
  plotBottom: number;
  x: (isoDate: string) => number;
  todayX: number;
  ticks: Array<{ year: number; x: number }>;
};

/** The time axis: whole years around every milestone date and today, across the plot. */
export function timelineLayout(rows: readonly TimelineRow[], today: string): TimelineLayout {
  const dates = rows.flatMap((row) =>
    row.milestones.flatMap((m) => [m.planned, m.actual].filter((date): date is string => date !== null)),
  );
  const domain = timeDomain(dates, today);
  const scale = scaleLinear(domain.startDay, domain.endDay, PLOT_X0, PLOT_X1);
  const x = (isoDate: string) => round(scale(dayNumber(isoDate)));
  const height = rowHeight(rows.length);
  const plotBottom = TOP + rows.length * height;
  return {
    domain,
    rowHeight: height,
    height: plotBottom + LEGEND_HEIGHT,
    plotBottom,
    x,
    todayX: x(today),
    ticks: yearTicks(domain).map((tick) => ({ year: tick.year, x: round(scale(tick.day)) })),
  };
}

function diamond(cx: number, cy: number, r: number): string {
  return `M${cx},${cy - r} L${cx + r},${cy} L${cx},${cy + r} L${cx - r},${cy} Z`;
}

/**
 * Procurements on a time axis as server-rendered SVG: one row per procurement, planned dates as
 * hollow diamonds, actual dates as filled circles, a dashed line where they differ, and today as
 * a labelled dashed line. Shapes and words carry the meaning, not colour; the page repeats every
 * date in a table.
 */
export function TimelineChart({
  id,
  title,
  description,
  rows,
  today,
  todayLabel,
  legend,
}: {
  id: string;
  title: string;
  description: string;
  rows: readonly TimelineRow[];
  /** YYYY-MM-DD */
  today: string;
  /** The words on the today marker ("Idag 2 dec. 2026"). */
  todayLabel: string;
  legend: TimelineLegend;
}) {
  const layout = timelineLayout(rows, today);
  const todayAnchor = layout.todayX > PLOT_X1 - 80 ? "end" : layout.todayX < PLOT_X0 + 80 ? "start" : "middle";
  const legendY = layout.plotBottom + 24;
  return (
    <svg
      className="chart-svg timeline-chart"
      viewBox={`0 0 ${WIDTH} ${layout.height}`}
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      focusable="false"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g className="chart-axis">
        {layout.ticks.map((tick, index) => (
          <g key={tick.year}>
            <line x1={tick.x} x2={tick.x} y1={TOP - 6} y2={layout.plotBottom} stroke="#c9d0d9" strokeWidth="1" />
            {/* A year's label stands at its start; the last line only closes the axis. */}
            {index < layout.ticks.length - 1 ? (
              <text x={tick.x + 3} y={18} className="chart-tick">
                {tick.year}
              </text>
            ) : null}
          </g>
        ))}
      </g>
      {rows.map((row, index) => {
        const cy = TOP + index * layout.rowHeight + layout.rowHeight / 2;
        const points = row.milestones.flatMap((m) =>
          [m.planned, m.actual].filter((date): date is string => date !== null).map(layout.x),
        );
        return (
          <g key={row.id} className="timeline-row" data-row={row.id}>
            {index % 2 === 0 ? (
              <rect
                x={0}
                y={cy - layout.rowHeight / 2}
                width={WIDTH}
                height={layout.rowHeight}
                className="timeline-stripe"
                fill="#f3f5f8"
              />
            ) : null}
            <text x={8} y={cy - 4} className="chart-label chart-label-strong">
              {truncate(row.label, 38)}
            </text>
            <text x={8} y={cy + 12} className="chart-detail">
              {truncate(row.detail, 46)}
            </text>
            {points.length > 1 ? (
              <line
                x1={Math.min(...points)}
                x2={Math.max(...points)}
                y1={cy}
                y2={cy}
                stroke="#4a5360"
                strokeWidth="2"
                className="timeline-span"
              />
            ) : null}
            {row.milestones.map((m) => {
              const plannedX = m.planned ? layout.x(m.planned) : null;
              const actualX = m.actual ? layout.x(m.actual) : null;
              return (
                <g key={m.key} className="timeline-milestone">
                  {plannedX !== null && actualX !== null && plannedX !== actualX ? (
                    <line
                      x1={plannedX}
                      x2={actualX}
                      y1={cy - 9}
                      y2={cy - 9}
                      stroke="#1b1f24"
                      strokeWidth="1.5"
                      strokeDasharray="3 2"
                      className="timeline-slip"
                    />
                  ) : null}
                  {plannedX !== null ? (
                    <path
                      d={diamond(plannedX, cy, 6)}
                      fill="#ffffff"
                      stroke="#1b1f24"
                      strokeWidth="1.5"
                      className="timeline-planned"
                      data-date={m.planned ?? ""}
                    >
                      <title>{`${m.label}: ${legend.planned} ${m.planned ?? ""}`}</title>
                    </path>
                  ) : null}
                  {actualX !== null ? (
                    <circle
                      cx={actualX}
                      cy={cy}
                      r={5}
                      fill="#1b1f24"
                      className="timeline-actual"
                      data-date={m.actual ?? ""}
                    >
                      <title>{`${m.label}: ${legend.actual} ${m.actual ?? ""}`}</title>
                    </circle>
                  ) : null}
                </g>
              );
            })}
          </g>
        );
      })}
      <g className="timeline-today" data-date={today}>
        <line
          x1={layout.todayX}
          x2={layout.todayX}
          y1={TOP - 14}
          y2={layout.plotBottom}
          stroke="#a4161a"
          strokeWidth="2"
          strokeDasharray="6 3"
        />
        <text x={layout.todayX} y={TOP - 18} textAnchor={todayAnchor} className="chart-today">
          {todayLabel}
        </text>
      </g>
      <g className="chart-legend">
        <path d={diamond(PLOT_X0 + 6, legendY, 6)} fill="#ffffff" stroke="#1b1f24" strokeWidth="1.5" />
        <text x={PLOT_X0 + 18} y={legendY + 4} className="chart-legend-label">
          {legend.planned}
        </text>
        <circle cx={PLOT_X0 + 146} cy={legendY} r={5} fill="#1b1f24" />
        <text x={PLOT_X0 + 156} y={legendY + 4} className="chart-legend-label">
          {legend.actual}
        </text>
        <line
          x1={PLOT_X0 + 280}
          x2={PLOT_X0 + 304}
          y1={legendY}
          y2={legendY}
          stroke="#1b1f24"
          strokeWidth="1.5"
          strokeDasharray="3 2"
        />
        <text x={PLOT_X0 + 310} y={legendY + 4} className="chart-legend-label">
          {legend.slip}
        </text>
        <line
          x1={PLOT_X0 + 460}
          x2={PLOT_X0 + 460}
          y1={legendY - 9}
          y2={legendY + 9}
          stroke="#a4161a"
          strokeWidth="2"
          strokeDasharray="6 3"
        />
        <text x={PLOT_X0 + 468} y={legendY + 4} className="chart-legend-label">
          {legend.today}
        </text>
      </g>
    </svg>
  );
}
