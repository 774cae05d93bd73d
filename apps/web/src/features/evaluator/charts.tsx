import { useId } from 'react';
import { useMessages } from '../../shared/messages';

export type Cell = number | string | null;

const NP = 'n.p.';

/**
 * A horizontal bar chart in SVG: one bar per category. A suppressed value ("n.p.") is a hatched
 * box with the words "n.p. (not published)", a 0 a thin tick with "0 (none)": never mistaken for
 * each other, nor for a small count. The chart has a title and a text description; the table
 * beside it holds every figure.
 */
export function BarChart({
  title,
  bars,
}: {
  title: string;
  bars: readonly { label: string; value: Cell }[];
}) {
  const m = useMessages();
  const id = useId();
  const numbers = bars.map((b) => (typeof b.value === 'number' ? b.value : 0));
  const max = Math.max(1, ...numbers);
  const rowHeight = 48;
  const width = 360;
  const barArea = 200;
  const height = bars.length * rowHeight + 8;
  const said = (value: Cell): string =>
    value === NP
      ? m.evaluator.notPublished
      : value === 0
        ? m.evaluator.zero
        : value === null
          ? '—'
          : String(value);
  return (
    <figure className="chart">
      <svg
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
      >
        <title id={`${id}-t`}>{m.evaluator.chartOf(title)}</title>
        <desc id={`${id}-d`}>
          {m.evaluator.chartDesc(bars.map((b) => `${b.label} ${said(b.value)}`).join('; '))}
        </desc>
        <defs>
          <pattern
            id={`${id}-hatch`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#4a5360" strokeWidth="2" />
          </pattern>
        </defs>
        {bars.map((bar, i) => {
          const y = i * rowHeight + 4;
          const value = bar.value;
          const w = typeof value === 'number' ? Math.max(0, (value / max) * barArea) : 0;
          return (
            <g key={bar.label}>
              <text x="0" y={y + 14} className="chart-label">
                {bar.label}
              </text>
              {value === NP ? (
                <rect x="0" y={y + 21} width="36" height="20" fill={`url(#${id}-hatch)`} stroke="#4a5360" />
              ) : value === 0 ? (
                <line x1="1" y1={y + 19} x2="1" y2={y + 43} stroke="#1b1f24" strokeWidth="2" />
              ) : (
                <rect x="0" y={y + 21} width={w} height="20" fill="#1d4f91" />
              )}
              <text
                x={value === NP ? 44 : value === 0 ? 8 : w + 6}
                y={y + 36}
                className={value === NP || value === 0 ? 'chart-value muted' : 'chart-value'}
              >
                {said(value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export interface OutcomePoint {
  readonly label: string;
  readonly n: number | string;
  readonly mean: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/** Mean changes with their 95% intervals as whiskers around a zero line; n.p. and "no pairs" in words. */
export function OutcomeChart({ title, points }: { title: string; points: readonly OutcomePoint[] }) {
  const m = useMessages();
  const id = useId();
  const values = points.flatMap((p) => [p.low, p.high, p.mean]).filter((v): v is number => v !== null);
  const extent = Math.max(1, ...values.map((v) => Math.abs(v)));
  const width = 360;
  const rowHeight = 44;
  const height = points.length * rowHeight + 24;
  const centre = 180;
  const half = 150;
  const x = (v: number) => centre + (v / extent) * half;
  const said = (p: OutcomePoint): string =>
    p.n === NP
      ? m.evaluator.notPublished
      : p.mean === null
        ? m.evaluator.zero
        : `${p.mean} (${p.low ?? '—'} to ${p.high ?? '—'}), n ${p.n}`;
  return (
    <figure className="chart">
      <svg
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {m.evaluator.chartDesc(points.map((p) => `${p.label}: ${said(p)}`).join('; '))}
        </desc>
        <line x1={centre} y1="0" x2={centre} y2={height - 18} stroke="#4a5360" strokeDasharray="4 3" />
        <text x={centre} y={height - 4} textAnchor="middle" className="chart-value muted">
          0
        </text>
        {points.map((p, i) => {
          const y = i * rowHeight + 4;
          return (
            <g key={p.label}>
              <text x="0" y={y + 13} className="chart-label">
                {p.label}
              </text>
              {p.mean === null ? (
                <text x={centre + 6} y={y + 32} className="chart-value muted">
                  {said(p)}
                </text>
              ) : (
                <>
                  {p.low !== null && p.high !== null && (
                    <line
                      x1={x(p.low)}
                      y1={y + 27}
                      x2={x(p.high)}
                      y2={y + 27}
                      stroke="#1b1f24"
                      strokeWidth="2"
                    />
                  )}
                  <circle cx={x(p.mean)} cy={y + 27} r="6" fill="#1d4f91" />
                </>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
