/**
 * Dates are shown in the estates' timezone (Asia/Shanghai) whatever the
 * browser's own timezone is.
 */
import type { Locale } from './index';

export const TIME_ZONE = 'Asia/Shanghai';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(value: string | Date | null | undefined, locale: Locale): string {
  const date = toDate(value);
  return date ? formatter(locale, true).format(date) : '';
}

export function formatDate(value: string | Date | null | undefined, locale: Locale): string {
  const date = toDate(value);
  return date ? formatter(locale, false).format(date) : '';
}
