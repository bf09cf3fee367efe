/**
 * Dates, numbers and money in the UI language's conventions. Dates are shown in the
 * estates' timezone (Asia/Shanghai) whatever the browser's own timezone is; money is
 * renminbi (CNY). Inside a message, `{count, number}` and `#` follow the same locale.
 */
import { CURRENCY, intlLocale, TIME_ZONE, type Locale } from './locale';

export { CURRENCY, TIME_ZONE };

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    });
    dateFormats.set(key, f);
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
  return date ? dateFormatter(locale, true).format(date) : '';
}

export function formatDate(value: string | Date | null | undefined, locale: Locale): string {
  const date = toDate(value);
  return date ? dateFormatter(locale, false).format(date) : '';
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormatter(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), options);
    numberFormats.set(key, f);
  }
  return f;
}

/** The API sends decimals as strings ("89.50"): both kinds are accepted; nothing shows for none. */
function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** 1234.5 -> "1,234.5" (at most `maximumFractionDigits` decimals, 2 unless said). */
export function formatNumber(value: string | number | null | undefined, locale: Locale, maximumFractionDigits = 2): string {
  const n = toNumber(value);
  return n === null ? '' : numberFormatter(locale, { maximumFractionDigits }).format(n);
}

/** A ratio as a percentage: 0.875 -> "87.5%". */
export function formatPercent(value: number | null | undefined, locale: Locale, maximumFractionDigits = 1): string {
  const n = toNumber(value);
  return n === null ? '' : numberFormatter(locale, { style: 'percent', maximumFractionDigits }).format(n);
}

/** Renminbi with two decimals: "1234.5" -> "¥1,234.50" (zh-CN), "CN¥1,234.50" (en). */
export function formatMoney(value: string | number | null | undefined, locale: Locale): string {
  const n = toNumber(value);
  return n === null ? '' : numberFormatter(locale, { style: 'currency', currency: CURRENCY }).format(n);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** The time of day (HH:mm, 24 h) in the estates' timezone: "until 16:30". */
export function formatTime(value: string | Date | null | undefined, locale: Locale): string {
  const date = toDate(value);
  if (!date) return '';
  let f = timeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
    timeFormats.set(locale, f);
  }
  return f.format(date);
}
