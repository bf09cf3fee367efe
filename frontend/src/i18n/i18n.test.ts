import { describe, expect, it } from 'vitest';
import { en } from './en';
import { apiToLocale, dictionaries, localeToApi, translate } from './index';
import { zhCN } from './zh-CN';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have identical keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('use the same placeholders for every key', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('have no empty message', () => {
    for (const dict of Object.values(dictionaries)) {
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe('');
    }
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones alone', () => {
    expect(translate(zhCN, 'home.welcome', { name: '李四' })).toBe('欢迎，李四');
    expect(translate(en, 'common.total', { count: 3 })).toBe('3 in total');
    expect(translate(en, 'home.welcome')).toBe('Welcome, {name}');
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
