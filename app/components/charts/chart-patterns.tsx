/**
 * Fills that stay apart in black and white: each series has its own mark (diagonal lines, dots,
 * horizontal lines, solid, cross-hatch, vertical lines) over a light tint, so a chart printed on
 * a grey-scale printer, or read by someone who does not tell the tints apart, still works. The
 * legend and the table say the same in words.
 */

type Pattern = { background: string; ink: string; marks: (size: number) => React.ReactNode };

const PATTERNS: readonly Pattern[] = [
  {
    background: "#dbe7f3",
    ink: "#0b4f8a",
    marks: (s) => <path d={`M0,${s} L${s},0 M-2,2 L2,-2 M${s - 2},${s + 2} L${s + 2},${s - 2}`} strokeWidth="1.5" />,
  },
  { background: "#fff4d6", ink: "#8a5a00", marks: (s) => <circle cx={s / 2} cy={s / 2} r="1.6" /> },
  { background: "#e6f4ea", ink: "#1d6b36", marks: (s) => <path d={`M0,${s / 2} L${s},${s / 2}`} strokeWidth="1.5" /> },
  { background: "#0b4f8a", ink: "#0b4f8a", marks: () => null },
  {
    background: "#f3f5f8",
    ink: "#4a5360",
    marks: (s) => <path d={`M0,0 L${s},${s} M${s},0 L0,${s}`} strokeWidth="1" />,
  },
  { background: "#fdecea", ink: "#a4161a", marks: (s) => <path d={`M${s / 2},0 L${s / 2},${s}`} strokeWidth="1.5" /> },
];

const TILE = 8;

export const PATTERN_COUNT = PATTERNS.length;

export function patternId(prefix: string, index: number): string {
  return `${prefix}-fill-${index % PATTERNS.length}`;
}

export function patternFill(prefix: string, index: number): string {
  return `url(#${patternId(prefix, index)})`;
}

/** `<defs>` with the first `count` fills, ids prefixed by the chart's id (ids are page-wide). */
export function PatternDefs({ prefix, count }: { prefix: string; count: number }) {
  return (
    <defs>
      {PATTERNS.slice(0, Math.min(count, PATTERNS.length)).map((pattern, index) => (
        <pattern key={index} id={patternId(prefix, index)} width={TILE} height={TILE} patternUnits="userSpaceOnUse">
          <rect width={TILE} height={TILE} fill={pattern.background} />
          <g stroke={pattern.ink} fill={pattern.ink}>
            {pattern.marks(TILE)}
          </g>
        </pattern>
      ))}
    </defs>
  );
}
