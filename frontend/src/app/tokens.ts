/**
 * Style tokens: the spacings, colours and small style objects the screens repeat. Use antd's
 * props (`gap`, `block`, `type="secondary"`...) first; where a `style` is still needed, take its
 * values from here so one change reaches every screen.
 */
import type { CSSProperties } from 'react';

/** Spacing in px (antd's own scale). */
export const space = { xs: 4, sm: 8, ms: 12, md: 16, lg: 24 } as const;

export const colour = {
  /** Secondary text on white (labels of a definition list...). */
  muted: 'rgba(0,0,0,0.55)',
  /** Hints and placeholders, one step lighter. */
  faint: 'rgba(0,0,0,0.45)',
  danger: '#ff4d4f',
  dangerText: '#cf1322',
  dangerBg: '#fff1f0',
  border: '#d9d9d9',
  fill: '#f5f5f5',
} as const;

/** Small style objects: a control that fills its row, a title or paragraph without margins... */
export const fill: CSSProperties = { width: '100%' };
export const flush: CSSProperties = { margin: 0 };
export const fullHeight: CSSProperties = { height: '100%' };
export const mutedText: CSSProperties = { color: colour.muted };
export const inheritColour: CSSProperties = { color: 'inherit' };
export const gapBelow: CSSProperties = { marginBottom: space.md };
export const gapBelowSmall: CSSProperties = { marginBottom: space.ms };
export const gapAbove: CSSProperties = { marginTop: space.md };
/** Text a step smaller or larger than its neighbours. */
export const smallText: CSSProperties = { fontSize: '0.9em' };
export const largeText: CSSProperties = { fontSize: '1.05em' };
export const faintText: CSSProperties = { color: colour.faint };
/** An inline form whose items wrap onto more rows. */
export const inlineForm: CSSProperties = { rowGap: space.sm };
