import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from './format';
import { en } from './en';
import { translate, type MessageKey, type Messages } from './index';

describe('dates', () => {
  it('are shown in Asia/Shanghai whatever the browser timezone', () => {
    // 16:30 UTC is 00:30 the next day in Shanghai (UTC+8).
    expect(formatDateTime('2026-03-01T16:30:00Z', 'zh-CN')).toBe('2026/03/02 00:30');
    expect(formatDate('2026-03-01T16:30:00Z', 'en')).toBe('02/03/2026');
  });

  it('show nothing for missing or broken values', () => {
    expect(formatDateTime(null, 'zh-CN')).toBe('');
    expect(formatDateTime('not a date', 'en')).toBe('');
  });
});

describe('numbers and money', () => {
  it('follow the UI language', () => {
    expect(formatNumber(1234.567, 'zh-CN')).toBe('1,234.57');
    expect(formatNumber('89.50', 'en')).toBe('89.5');
    expect(formatPercent(0.875, 'zh-CN')).toBe('87.5%');
    expect(formatPercent(0.5, 'en')).toBe('50%');
  });

  it('are renminbi with two decimals', () => {
    expect(formatMoney('1234.5', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(1234.5, 'en')).toBe('CN¥1,234.50');
  });

  it('show nothing for missing or broken values', () => {
    expect(formatNumber(null, 'zh-CN')).toBe('');
    expect(formatMoney('', 'en')).toBe('');
    expect(formatPercent(undefined, 'en')).toBe('');
    expect(formatMoney('abc', 'zh-CN')).toBe('');
  });
});

describe('dates inside messages', () => {
  it('use the same timezone as formatDate', () => {
    // 16:30 UTC on 1 March is already 2 March in Shanghai.
    const messages = { ...en, 'test.day': '{d, date, ::d}' } as unknown as Messages;
    expect(translate(messages, 'test.day' as MessageKey, { d: Date.parse('2026-03-01T16:30:00Z') })).toMatch(/^2\D*$/);
    expect(formatDate('2026-03-01T16:30:00Z', 'en')).toContain('02');
  });
});
