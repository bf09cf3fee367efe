/**
 * Chinese text takes Chinese punctuation (issue #13 §8): a comma, semicolon, colon, question or
 * exclamation mark, or a bracket touching a Chinese character is the full-width one (，；：？！（）).
 * ASCII stays where it belongs: times (9:00), numbers (1,000), placeholders and ICU syntax.
 */
import { describe, expect, it } from 'vitest';
import type { MessageKey } from './index';
import { zhCN } from './zh-CN';

const HAN = '\\p{Script=Han}';
/** ASCII punctuation right after a Chinese character, or an opening bracket right before one. */
const HALF_WIDTH = new RegExp(`${HAN}[,;:?!)]|${HAN} [,;:?!]|\\(${HAN}|${HAN}\\(`, 'u');

function halfWidthIn(text: string): boolean {
  return HALF_WIDTH.test(text);
}

describe('Chinese punctuation', () => {
  it('tells half-width punctuation in Chinese text from times and numbers', () => {
    expect(halfWidthIn('请稍候,再试')).toBe(true);
    expect(halfWidthIn('原因:')).toBe(true);
    expect(halfWidthIn('期望上门(可选)')).toBe(true);
    expect(halfWidthIn('上午 9:00–12:00')).toBe(false);
    expect(halfWidthIn('共 {count, number} 件')).toBe(false);
    expect(halfWidthIn('请稍候，再试（可选）：')).toBe(false);
  });

  it('every Chinese message uses full-width punctuation', () => {
    // formulas keep mathematical brackets: Σ(权重 × 得分)
    const formulas = new Set<MessageKey>(['scoring.explain.formula', 'scoring.explain.sum']);
    const keys = (Object.keys(zhCN) as MessageKey[]).filter((key) => !formulas.has(key));
    expect(keys.filter((key) => halfWidthIn(zhCN[key])).map((key) => `${key}: ${zhCN[key]}`)).toEqual([]);
  });
});
