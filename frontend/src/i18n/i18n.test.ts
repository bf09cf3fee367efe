import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from './en';
import {
  apiToLocale,
  dictionaries,
  hasMessage,
  localeToApi,
  setI18nErrorHandler,
  tFor,
  translate,
  type MessageKey,
} from './index';
import { zhCN } from './zh-CN';

type Kind = 'plain' | 'number' | 'plural' | 'other';

/** The arguments of an ICU message, by name, with how each is formatted. */
function argumentsOf(message: string): Map<string, Kind> {
  const found = new Map<string, Kind>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument) found.set(el.value, found.get(el.value) ?? 'plain');
      else if (el.type === TYPE.number) found.set(el.value, 'number');
      else if (el.type === TYPE.plural) {
        found.set(el.value, 'plural');
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (el.type === TYPE.select) {
        found.set(el.value, 'other');
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (el.type === TYPE.date || el.type === TYPE.time) found.set(el.value, 'other');
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return found;
}

const placeholders = (text: string) => [...argumentsOf(text).keys()].sort();
const keys = Object.keys(zhCN) as MessageKey[];

describe('dictionaries', () => {
  it('have identical keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('are valid ICU messages in both languages', () => {
    for (const dict of Object.values(dictionaries)) {
      for (const [key, value] of Object.entries(dict)) expect(() => parse(value, { ignoreTag: true }), key).not.toThrow();
    }
  });

  it('use the same placeholders for every key', () => {
    for (const key of keys) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('count with numbers in both languages: a plural in one is a number or a plural in the other', () => {
    const numeric = new Set<Kind>(['number', 'plural']);
    for (const key of keys) {
      const zh = argumentsOf(zhCN[key]);
      for (const [name, kind] of argumentsOf(en[key])) {
        if (kind === 'plural') expect(numeric.has(zh.get(name)!), `${key}: ${name}`).toBe(true);
        if (zh.get(name) === 'plural') expect(numeric.has(kind), `${key}: ${name}`).toBe(true);
      }
    }
  });

  it('say "1 item", never "1 items": an English count before a plural noun is an ICU plural', () => {
    // "{count} ratings" reads "1 ratings"; write "{count, plural, one {# rating} other {# ratings}}".
    const countLike = /^(n|count|total|min|max|days|hours|minutes|rating|units|floors|shown|skipped|assigned)$/;
    const offenders = keys.filter((key) => {
      const zh = argumentsOf(zhCN[key]);
      return [...en[key].matchAll(/\{(\w+)(?:, number)?\} [a-z]+s\b/g)].some(
        ([, name]) => countLike.test(name) || zh.get(name) === 'number' || zh.get(name) === 'plural',
      );
    });
    expect(offenders).toEqual([]);
  });

  it('have no empty message', () => {
    for (const dict of Object.values(dictionaries)) {
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('never mix the two languages: no Chinese in English messages', () => {
    // On purpose: the language switch names Chinese in Chinese; the building-name hint
    // shows how residents write building names (3号楼, A座), which the user then types.
    const ownName = new Set<MessageKey>(['header.switchLanguage', 'estates.building.nameHint']);
    const han = /\p{Script=Han}/u;
    expect(keys.filter((key) => !ownName.has(key) && han.test(en[key]))).toEqual([]);
  });

  it('never mix the two languages: no English sentence in Chinese messages', () => {
    const englishWords = /[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}/;
    expect(keys.filter((key) => englishWords.test(zhCN[key]))).toEqual([]);
  });
});

describe('translate', () => {
  afterEach(() => {
    setI18nErrorHandler(null);
  });

  it('fills placeholders and leaves unknown ones alone', () => {
    expect(translate(zhCN, 'home.welcome', { name: '李四' })).toBe('欢迎，李四');
    expect(translate(en, 'common.total', { count: 3 })).toBe('3 in total');
    expect(translate(en, 'home.welcome')).toBe('Welcome, {name}');
  });

  it('picks the plural form of each language', () => {
    const t = tFor('en');
    expect(t('complaints.kpi.ratedCount', { count: 1 })).toBe('1 rating');
    expect(t('complaints.kpi.ratedCount', { count: 0 })).toBe('0 ratings');
    expect(t('complaints.kpi.ratedCount', { count: 73 })).toBe('73 ratings');
    expect(t('complaints.kpi.ratedCount', { count: 1234 })).toBe('1,234 ratings');
    expect(t('complaints.detail.reopened', { count: 1 })).toBe('Reopened once');
    expect(t('complaints.detail.reopened', { count: 2 })).toBe('Reopened twice');
    expect(t('complaints.detail.reopened', { count: 3 })).toBe('Reopened 3 times');
    expect(t('estates.buildingChip', { name: '1', units: 1, floors: 12 })).toBe('1 · 1 unit · 12 floors');
    expect(t('estates.import.errorsShown', { count: 1 })).toMatch(/^The first is listed below;/);
    expect(t('estates.import.errorsShown', { count: 20 })).toMatch(/^The first 20 are listed below;/);
    expect(t('validation.passwordMin', { min: 8 })).toBe('At least 8 characters');

    const zh = tFor('zh-CN');
    expect(zh('complaints.kpi.ratedCount', { count: 1 })).toBe('1 人评价');
    expect(zh('complaints.kpi.ratedCount', { count: 1234 })).toBe('1,234 人评价');
    expect(zh('complaints.detail.reopened', { count: 2 })).toBe('已重开 2 次');
    expect(zh('estates.buildingChip', { name: '1', units: 1, floors: 12 })).toBe('1 · 1 户 · 12 层');
    expect(zh('common.total', { count: 3 })).toBe('共 3 条');
  });

  it('shows a missing key as the key and reports it', () => {
    const reported: string[] = [];
    setI18nErrorHandler((error) => reported.push(error.message));
    expect(hasMessage('no.such.message')).toBe(false);
    expect(hasMessage('home.welcome')).toBe(true);
    expect(tFor('zh-CN')('no.such.message' as MessageKey)).toBe('no.such.message');
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain('no.such.message');
  });

  it('reports a value that was not given', () => {
    const reported: string[] = [];
    setI18nErrorHandler((error) => reported.push(error.message));
    expect(tFor('en')('home.welcome')).toBe('Welcome, {name}');
    expect(reported).toHaveLength(1);
  });
});

describe('language codes', () => {
  it('map between UI locales and the API', () => {
    expect(localeToApi('zh-CN')).toBe('zh-hans');
    expect(localeToApi('en')).toBe('en');
    expect(apiToLocale('zh-hans')).toBe('zh-CN');
    expect(apiToLocale('en')).toBe('en');
    expect(apiToLocale(undefined)).toBe('zh-CN');
  });
});
