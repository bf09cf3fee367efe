/**
 * A vote's rule (Civil Code art. 278) as the screens read and write it. The law's thresholds are
 * minimums: participation ≥ 2/3 of the area and of the headcount; an ordinary matter passes with
 * > 1/2 of the participating area and headcount, a special one (items 6-8) with ≥ 3/4 of both.
 * The committee may set any of the four stricter, never looser (the API refuses it too, with a
 * field message: `rule.<name>`). A share is written "3/4" or "0.75", as the API takes it.
 */
import type { Matter } from './types';
import { SPECIAL_MATTERS } from './types';

export const RULE_NAMES = ['turnout_area', 'turnout_heads', 'pass_area', 'pass_heads'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

interface Share {
  num: number;
  den: number;
}

export interface Threshold {
  share: Share;
  atLeast: boolean;
}

/** "3/4", "0.75" or "1" as a share in (0, 1]; null for anything else. */
export function parseShare(text: string | undefined | null): Share | null {
  const s = (text ?? '').trim();
  let share: Share | null = null;
  const fraction = /^(\d{1,9})\s*\/\s*(\d{1,9})$/.exec(s);
  const decimal = /^(\d{0,9})(?:\.(\d{1,9}))?$/.exec(s);
  if (fraction) share = { num: Number(fraction[1]), den: Number(fraction[2]) };
  else if (decimal && s !== '' && s !== '.') {
    const places = decimal[2] ?? '';
    share = { num: Number(`${decimal[1] || '0'}${places}`), den: 10 ** places.length };
  }
  if (!share || share.den === 0 || share.num <= 0 || share.num > share.den) return null;
  return share;
}

function compare(a: Share, b: Share): number {
  return a.num * b.den - b.num * a.den;
}

export function isSpecial(matter: Matter | undefined): boolean {
  return !!matter && SPECIAL_MATTERS.includes(matter);
}

/** The law's threshold for one of the four, by matter. */
export function legal(name: RuleName, special: boolean): Threshold {
  if (name.startsWith('turnout')) return { share: { num: 2, den: 3 }, atLeast: true };
  return special ? { share: { num: 3, den: 4 }, atLeast: true } : { share: { num: 1, den: 2 }, atLeast: false };
}

export function thresholdText(t: Threshold): string {
  return `${t.atLeast ? '≥' : '>'} ${t.share.num}/${t.share.den}`;
}

/** Why a stricter share cannot be taken: 'bad' (not a share), 'loose' (below the law), else null. */
export function shareProblem(name: RuleName, special: boolean, text: string | undefined): 'bad' | 'loose' | null {
  if (!text || !text.trim()) return null;
  const share = parseShare(text);
  if (!share) return 'bad';
  // the law's own share keeps the law's sign (> 1/2 stays > 1/2): never looser
  return compare(share, legal(name, special).share) < 0 ? 'loose' : null;
}

interface StoredThreshold {
  share?: string;
  at_least?: boolean;
}

function stored(rule: unknown, name: RuleName): Threshold | null {
  const raw = (rule as Record<string, StoredThreshold | undefined> | null)?.[name];
  const share = parseShare(raw?.share);
  return share ? { share, atLeast: raw?.at_least !== false } : null;
}

/** A saved vote's thresholds that differ from the law, as the form's text ("3/4"). */
export function stricterOf(rule: unknown, special: boolean): Partial<Record<RuleName, string>> {
  const found: Partial<Record<RuleName, string>> = {};
  for (const name of RULE_NAMES) {
    const t = stored(rule, name);
    const law = legal(name, special);
    if (t && (compare(t.share, law.share) !== 0 || t.atLeast !== law.atLeast)) {
      found[name] = `${t.share.num}/${t.share.den}`;
    }
  }
  return found;
}

/** The share a threshold of the vote's rule asks for, as text ("≥ 2/3"); the law's if unreadable. */
export function ruleThreshold(rule: unknown, name: RuleName, special: boolean): string {
  return thresholdText(stored(rule, name) ?? legal(name, special));
}
