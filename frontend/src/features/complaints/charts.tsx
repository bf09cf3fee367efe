/**
 * Three small charts drawn with plain SVG/CSS (no chart library: the dashboard chunk stays light).
 * Every chart also states its numbers in text, for screen readers and for print.
 */
import type { ReactNode } from 'react';
import { faintText, flush } from '../../app/tokens';

const BLUE = '#1677ff';
const GREEN = '#52c41a';
const RED = '#ff4d4f';

export function formatPercent(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** Horizontal bars with their label and count (e.g. requests per category). */
export function BarList({
  items,
  testId,
  empty,
}: {
  items: { key: string; label: ReactNode; value: number }[];
  testId: string;
  empty: ReactNode;
}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  if (items.length === 0) return <div style={faintText}>{empty}</div>;
  return (
    <div
      data-testid={testId}
      style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr max-content', gap: '8px 10px', alignItems: 'center' }}
    >
      {items.map((item) => (
        <div key={item.key} style={{ display: 'contents' }} data-testid={`${testId}-${item.key}`}>
          <span>{item.label}</span>
          <div style={{ background: '#f0f0f0', borderRadius: 4, height: '0.9em', overflow: 'hidden' }} aria-hidden>
            <div style={{ width: `${(item.value / max) * 100}%`, height: '100%', background: BLUE, borderRadius: 4 }} />
          </div>
          <strong style={{ fontVariantNumeric: 'tabular-nums' }}>{item.value}</strong>
        </div>
      ))}
    </div>
  );
}

/** Rates against a target: the bar is red when below, with a tick where the target sits. */
export function RateBars({
  items,
  target,
  locale,
  testId,
  targetLabel,
}: {
  items: { key: string; label: ReactNode; value: number | null }[];
  target: number;
  locale: string;
  testId: string;
  targetLabel: string;
}) {
  return (
    <div
      data-testid={testId}
      style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr 4.5em', gap: '10px 10px', alignItems: 'center' }}
    >
      {items.map((item) => {
        const below = item.value !== null && item.value + 1e-9 < target;
        return (
          <div key={item.key} style={{ display: 'contents' }} data-testid={`${testId}-${item.key}`} data-below-target={below}>
            <span>{item.label}</span>
            <div style={{ position: 'relative', background: '#f0f0f0', borderRadius: 4, height: '1em' }} aria-hidden>
              <div
                style={{
                  width: `${Math.max(0, Math.min(1, item.value ?? 0)) * 100}%`,
                  height: '100%',
                  background: below ? RED : GREEN,
                  borderRadius: 4,
                }}
              />
              <div
                title={targetLabel}
                style={{
                  position: 'absolute',
                  top: -3,
                  bottom: -3,
                  left: `${target * 100}%`,
                  width: 2,
                  background: 'rgba(0,0,0,0.65)',
                }}
              />
            </div>
            <strong style={{ color: below ? RED : undefined, textAlign: 'end', fontVariantNumeric: 'tabular-nums' }}>
              {formatPercent(item.value, locale)}
            </strong>
          </div>
        );
      })}
    </div>
  );
}

/** Requests received vs resolved per month: grouped columns in an SVG that scales to its box. */
export function TrendChart({
  points,
  countLabel,
  resolvedLabel,
  testId,
  empty,
}: {
  points: { month: string; count: number; resolved: number }[];
  countLabel: string;
  resolvedLabel: string;
  testId: string;
  empty: ReactNode;
}) {
  if (points.length === 0) return <div style={faintText}>{empty}</div>;
  const height = 160;
  const top = 16;
  const bottom = 24;
  const slot = 48;
  const width = Math.max(points.length * slot, 240);
  const max = Math.max(1, ...points.flatMap((p) => [p.count, p.resolved]));
  const scale = (v: number) => ((height - top - bottom) * v) / max;
  const bar = 14;
  return (
    <figure data-testid={testId} style={flush}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxHeight: '14em', display: 'block' }}
        role="img"
        aria-label={points.map((p) => `${p.month}: ${countLabel} ${p.count}, ${resolvedLabel} ${p.resolved}`).join('; ')}
      >
        <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} stroke="#d9d9d9" />
        {points.map((p, i) => {
          const x = i * (width / points.length) + (width / points.length - bar * 2 - 4) / 2;
          const base = height - bottom;
          return (
            <g key={p.month} data-testid={`${testId}-${p.month}`}>
              <rect x={x} y={base - scale(p.count)} width={bar} height={scale(p.count)} fill={BLUE} rx={2} />
              <rect x={x + bar + 4} y={base - scale(p.resolved)} width={bar} height={scale(p.resolved)} fill={GREEN} rx={2} />
              <text x={x + bar / 2} y={base - scale(p.count) - 3} fontSize={10} textAnchor="middle" fill="rgba(0,0,0,0.65)">
                {p.count}
              </text>
              <text
                x={x + bar * 1.5 + 4}
                y={base - scale(p.resolved) - 3}
                fontSize={10}
                textAnchor="middle"
                fill="rgba(0,0,0,0.65)"
              >
                {p.resolved}
              </text>
              <text x={x + bar + 2} y={height - 8} fontSize={10} textAnchor="middle" fill="rgba(0,0,0,0.65)">
                {p.month}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption style={{ display: 'flex', gap: 16, justifyContent: 'center', fontSize: '0.9em', marginTop: 4 }}>
        <span>
          <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, background: BLUE, marginInlineEnd: 4 }} />
          {countLabel}
        </span>
        <span>
          <span aria-hidden style={{ display: 'inline-block', width: 10, height: 10, background: GREEN, marginInlineEnd: 4 }} />
          {resolvedLabel}
        </span>
      </figcaption>
    </figure>
  );
}
