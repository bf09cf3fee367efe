import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { tFor } from '../i18n';
import { DETAIL_CODES, errorsEn, errorsZh } from '../i18n/errorCodes';
import { errorKey, errorMessage } from './errors';

const zh = tFor('zh-CN');
const en = tFor('en');

describe('error messages by code', () => {
  it('word a known code in the UI language, whatever the detail says', () => {
    const error = new ApiError(409, { code: 'email_taken', detail: 'server words' });
    expect(errorMessage(error, zh)).toBe('该邮箱已有账号');
    expect(errorMessage(error, en)).toBe('An account with this e-mail already exists');
  });

  it("fall back to the server's detail (already in the UI language) for codes without a fixed wording", () => {
    expect(errorMessage(new ApiError(400, { code: 'invalid', detail: '请检查填写的内容。' }), zh)).toBe('请检查填写的内容。');
    expect(errorMessage(new ApiError(409, { code: 'in_use', detail: 'The building still has units.' }), en)).toBe(
      'The building still has units.',
    );
    expect(errorMessage(new ApiError(400, { code: 'brand_new_code', detail: '新的规则。' }), zh)).toBe('新的规则。');
  });

  it('say something generic when there is neither a wording nor a detail', () => {
    expect(errorMessage(new ApiError(500, {}), zh)).toBe('操作失败，请稍后重试');
    expect(errorMessage(new ApiError(500, {}), en)).toBe('Something went wrong. Please try again.');
    expect(errorMessage(new Error('boom'), en)).toBe('Something went wrong. Please try again.');
  });

  it('tell a network failure apart', () => {
    expect(errorMessage(new ApiError(0, { code: 'network_error' }), zh)).toBe('无法连接服务器，请检查网络后重试');
    expect(errorKey('network_error')).toBe('error.network');
  });

  it('never word a code whose detail is specific', () => {
    for (const code of DETAIL_CODES) expect(errorKey(code), code).toBeNull();
    expect(Object.keys(errorsZh).filter((key) => DETAIL_CODES.has(key.slice('error.'.length)))).toEqual([]);
  });

  it('have the same codes in both languages', () => {
    expect(Object.keys(errorsEn).sort()).toEqual(Object.keys(errorsZh).sort());
  });
});

/**
 * The server's error codes: `code = "..."` on the exception classes and `code="..."`
 * where one is raised with its own code. Each is worded in the table or listed as a
 * detail code, so a new server code cannot reach the user unconsidered.
 */
const serverSources = import.meta.glob<string>(['../../../{platform,api,tenants}/**/*.py', '!**/migrations/**', '!**/tests/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

function serverCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const [path, source] of Object.entries(serverSources)) {
    const classCodes = path.endsWith('exceptions.py') ? source.matchAll(/^\s+code = "([a-z][a-z_]*)"/gm) : [];
    for (const [, code] of [...classCodes, ...source.matchAll(/\bcode="([a-z][a-z_]*)"/g)]) codes.set(code, path);
  }
  return codes;
}

describe("the server's error codes", () => {
  it('are read from the server sources', () => {
    const codes = serverCodes();
    // A few known ones, so a broken glob cannot pass the next test by finding nothing.
    for (const code of ['email_taken', 'slug_taken', 'code_taken', 'near_duplicate', 'already_assigned', 'invalid']) {
      expect(codes.has(code), code).toBe(true);
    }
  });

  it('each have a message in src/i18n/errorCodes.ts or are listed there as detail codes', () => {
    const missing = [...serverCodes()]
      .filter(([code]) => !DETAIL_CODES.has(code) && !(`error.${code}` in errorsZh))
      .map(([code, path]) => `${code} (${path})`);
    expect(missing).toEqual([]);
  });
});
