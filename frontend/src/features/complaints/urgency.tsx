/**
 * How much time a request has left, or how late it is, in words people use ("已超时 3 天",
 * "剩余 5 小时"), and a clock that ticks for the live countdowns.
 */
import { useEffect, useState } from 'react';
import type { TFunction } from '../../i18n';
import { formatDuration } from './ui';

export interface TimeLeft {
  overdue: boolean;
  seconds: number;
  /** coarse: "已超时 3 天" / "剩余 5 小时" */
  text: string;
}

/** The largest whole unit: days from one day, hours from one hour, else minutes (at least 1). */
export function span(t: TFunction, seconds: number): string {
  const s = Math.abs(seconds);
  if (s >= 86400) return t('complaints.span.days', { count: Math.floor(s / 86400) });
  if (s >= 3600) return t('complaints.span.hours', { count: Math.floor(s / 3600) });
  return t('complaints.span.minutes', { count: Math.max(1, Math.floor(s / 60)) });
}

export function timeLeft(t: TFunction, dueAt: string | null | undefined, now: number): TimeLeft | null {
  if (!dueAt) return null;
  const seconds = Math.round((new Date(dueAt).getTime() - now) / 1000);
  const overdue = seconds < 0;
  const time = span(t, seconds);
  return { overdue, seconds, text: t(overdue ? 'complaints.clock.overdue' : 'complaints.clock.remaining', { time }) };
}

/** A precise countdown for a task card: "剩余 3 小时 20 分" / "已超时 1 天 2 小时". */
export function countdown(t: TFunction, dueAt: string | null | undefined, now: number): TimeLeft | null {
  if (!dueAt) return null;
  const seconds = Math.round((new Date(dueAt).getTime() - now) / 1000);
  const overdue = seconds < 0;
  const time = formatDuration(t, seconds);
  return { overdue, seconds, text: t(overdue ? 'complaints.clock.overdue' : 'complaints.clock.remaining', { time }) };
}

/** The current time, refreshed every `everyMs` (the countdowns tick with it). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export const OVERDUE_RED = '#cf1322';
