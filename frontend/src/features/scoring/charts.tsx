/**
 * The scoring charts, with no chart library: horizontal bars (antd Progress), a 1–5
 * distribution as one stacked bar, and a score trend as a small SVG line (0–100).
 * Every chart carries its figures as text too (screen readers, tests, print).
 */
import { Flex, Progress, Typography } from 'antd';
import { space } from '../../app/tokens';

const SCALE_COLOURS = ['#cf1322', '#fa8c16', '#fadb14', '#95de64', '#389e0d'];

export function scoreColour(score: number): string {
  if (score >= 85) return '#389e0d';
  if (score >= 70) return '#1677ff';
  if (score >= 60) return '#fa8c16';
  return '#cf1322';
}

/** One labelled bar: `value` of `max`, `text` written at its end. */
export function BarRow({
  label,
  value,
  max,
  text,
  testId,
  colour,
}: {
  label: string;
  value: number;
  max: number;
  text: string;
  testId?: string;
  colour?: string;
}) {
  const percent = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  return (
    <Flex align="center" gap={space.sm} data-testid={testId}>
      <Typography.Text style={{ width: '6em', flexShrink: 0 }}>{label}</Typography.Text>
      <Progress
        percent={percent}
        strokeColor={colour ?? scoreColour(percent)}
        format={() => text}
        style={{ flex: 1, margin: 0 }}
        aria-label={`${label} ${text}`}
      />
    </Flex>
  );
}

/** How many answered 1, 2, 3, 4 and 5: one bar split in five, red to green. */
export function Distribution({ counts, label, testId }: { counts: readonly number[]; label: string; testId?: string }) {
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <div
      role="img"
      aria-label={`${label}: ${counts.map((c, i) => `${i + 1}:${c}`).join(' ')}`}
      data-testid={testId}
      data-counts={counts.join(',')}
      style={{ display: 'flex', height: 10, borderRadius: 5, overflow: 'hidden', background: '#f0f0f0' }}
    >
      {total > 0 &&
        counts.map((c, i) =>
          c > 0 ? (
            <span key={i} title={`${i + 1}: ${c}`} style={{ width: `${(c / total) * 100}%`, background: SCALE_COLOURS[i] }} />
          ) : null,
        )}
    </div>
  );
}

export interface TrendPoint {
  label: string;
  score: number | null;
}

/** The score over the periods, oldest first, on a 0–100 scale with the 70 line marked. */
export function TrendChart({ points, label, testId }: { points: readonly TrendPoint[]; label: string; testId?: string }) {
  const width = 320;
  const height = 140;
  const pad = { left: 28, right: 12, top: 10, bottom: 24 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (points.length <= 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (v: number) => pad.top + innerH - (v / 100) * innerH;
  const drawn = points.map((p, i) => ({ ...p, i })).filter((p) => p.score !== null) as (TrendPoint & {
    i: number;
    score: number;
  })[];
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: ${points.map((p) => `${p.label} ${p.score ?? '—'}`).join('，')}`}
      data-testid={testId}
      style={{ width: '100%', maxWidth: 480, height: 'auto', display: 'block' }}
    >
      {[0, 50, 70, 100].map((v) => (
        <g key={v}>
          <line
            x1={pad.left}
            x2={width - pad.right}
            y1={y(v)}
            y2={y(v)}
            stroke={v === 70 ? '#fa8c16' : '#f0f0f0'}
            strokeDasharray={v === 70 ? '4 3' : undefined}
          />
          <text x={pad.left - 4} y={y(v) + 4} fontSize={10} textAnchor="end" fill="rgba(0,0,0,0.45)">
            {v}
          </text>
        </g>
      ))}
      {drawn.length > 1 && (
        <polyline points={drawn.map((p) => `${x(p.i)},${y(p.score)}`).join(' ')} fill="none" stroke="#1677ff" strokeWidth={2} />
      )}
      {drawn.map((p) => (
        <g key={p.i}>
          <circle cx={x(p.i)} cy={y(p.score)} r={4} fill={scoreColour(p.score)} />
          <text x={x(p.i)} y={y(p.score) - 8} fontSize={10} textAnchor="middle">
            {p.score.toFixed(1)}
          </text>
        </g>
      ))}
      {points.map((p, i) => (
        <text key={i} x={x(i)} y={height - 6} fontSize={10} textAnchor="middle" fill="rgba(0,0,0,0.55)">
          {p.label}
        </text>
      ))}
    </svg>
  );
}
