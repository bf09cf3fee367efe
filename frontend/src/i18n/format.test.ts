import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

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
