import { PatternDefs, patternFill } from "./chart-patterns";
import { round, scaleLinear, truncate } from "./chart-scale";

export type StackedSeries = { key: string; label: string };
export type StackedBar = { key: string; label: string; values: Readonly<Record<string, number>> };

const WIDTH = 900;
const LABEL_WIDTH = 200;
const PLOT_X0 = LABEL_WIDTH + 10;
const PLOT_X1 = WIDTH - 60;
const BAR_HEIGHT = 24;
const BAR_GAP = 14;
const TOP = 8;
/** Room for a legend entry: the swatch, a gap, and its label at about 7.5 units a character. */
const legendItemWidth = (label: string) => 22 + Math.ceil(label.length * 7.5) + 24;
const LEGEND_ROW_HEIGHT = 22;
/** A segment narrower than this has no room for its count (the table has it). */
const MIN_LABELLED_WIDTH = 22;

export type StackedBarLayout = {
  height: number;
  bars: Array<{
    key: string;
    label: string;
    y: number;
    total: number;
    totalX: number;
    segments: Array<{ key: string; seriesIndex: number; value: number; x: number; width: number }>;
  }>;
  legend: Array<{ key: string; label: string; seriesIndex: number; x: number; y: number }>;
};

/**
 * Where every bar and segment goes: bar lengths are proportional to their totals (the longest
 * bar fills the plot), segments to their values, in the order of the series.
 */
export function stackedBarLayout(series: readonly StackedSeries[], bars: readonly StackedBar[]): StackedBarLayout {
  const totals = bars.map((bar) => series.reduce((sum, s) => sum + Math.max(0, bar.values[s.key] ?? 0), 0));
  const scale = scaleLinear(0, Math.max(1, ...totals), 0, PLOT_X1 - PLOT_X0);
  const laidOut = bars.map((bar, index) => {
    let x = PLOT_X0;
    const segments = series.flatMap((s, seriesIndex) => {
      const value = Math.max(0, bar.values[s.key] ?? 0);
      if (value === 0) return [];
      const width = scale(value);
      const segment = { key: s.key, seriesIndex, value, x: round(x), width: round(width) };
      x += width;
      return [segment];
    });
    return {
      key: bar.key,
      label: bar.label,
      y: TOP + index * (BAR_HEIGHT + BAR_GAP),
      total: totals[index] ?? 0,
      totalX: round(x + 6),
      segments,
    };
  });
  const legendTop = TOP + bars.length * (BAR_HEIGHT + BAR_GAP) + 6;
  // Legend entries side by side, wrapping onto a new row when the next would not fit.
  const legend: StackedBarLayout["legend"] = [];
  let legendX = PLOT_X0;
  let legendY = legendTop;
  series.forEach((s, seriesIndex) => {
    const width = legendItemWidth(s.label);
    if (legendX > PLOT_X0 && legendX + width > WIDTH) {
      legendX = PLOT_X0;
      legendY += LEGEND_ROW_HEIGHT;
    }
    legend.push({ key: s.key, label: s.label, seriesIndex, x: legendX, y: legendY });
    legendX += width;
  });
  return { height: legendY + LEGEND_ROW_HEIGHT + 6, bars: laidOut, legend };
}

/**
 * A horizontal stacked bar chart as server-rendered SVG: a title and a description for assistive
 * technology, each bar's label and total as text, counts inside segments wide enough to hold
 * them, fills that differ in black and white, and a legend. The page shows the same figures in a
 * table next to it.
 */
export function StackedBarChart({
  id,
  title,
  description,
  series,
  bars,
}: {
  /** Unique on the page: prefixes the title, description and fill ids. */
  id: string;
  title: string;
  description: string;
  series: readonly StackedSeries[];
  bars: readonly StackedBar[];
}) {
  const layout = stackedBarLayout(series, bars);
  return (
    <svg
      className="chart-svg stacked-bar-chart"
      viewBox={`0 0 ${WIDTH} ${layout.height}`}
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      focusable="false"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <PatternDefs prefix={id} count={series.length} />
      {layout.bars.map((bar) => (
        <g key={bar.key} className="chart-bar" data-total={bar.total}>
          <text x={LABEL_WIDTH} y={bar.y + BAR_HEIGHT / 2 + 5} textAnchor="end" className="chart-label">
            {truncate(bar.label, 26)}
          </text>
          {bar.segments.map((segment) => (
            <g key={segment.key} className="chart-segment" data-series={segment.key} data-value={segment.value}>
              <rect
                x={segment.x}
                y={bar.y}
                width={segment.width}
                height={BAR_HEIGHT}
                fill={patternFill(id, segment.seriesIndex)}
                stroke="#1b1f24"
                strokeWidth="1"
              />
              {segment.width >= MIN_LABELLED_WIDTH ? (
                <text
                  x={round(segment.x + segment.width / 2)}
                  y={bar.y + BAR_HEIGHT / 2 + 5}
                  textAnchor="middle"
                  className="chart-value"
                  stroke="#ffffff"
                  strokeWidth="4"
                  strokeLinejoin="round"
                  paintOrder="stroke"
                >
                  {segment.value}
                </text>
              ) : null}
            </g>
          ))}
          <text x={bar.totalX} y={bar.y + BAR_HEIGHT / 2 + 5} className="chart-total">
            {bar.total}
          </text>
        </g>
      ))}
      <g className="chart-legend">
        {layout.legend.map((entry) => (
          <g key={entry.key}>
            <rect
              x={entry.x}
              y={entry.y}
              width="16"
              height="16"
              fill={patternFill(id, entry.seriesIndex)}
              stroke="#1b1f24"
            />
            <text x={entry.x + 22} y={entry.y + 13} className="chart-legend-label">
              {entry.label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
