import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/utils';
import { ApiError, api, buildUrl, ensureCsrf, isApiError, readCookie, setApiLanguage } from './client';

describe('the API client', () => {
  it('parses the error envelope into a typed ApiError', async () => {
    mockApi({
      'POST users/': () => ({
        status: 400,
        body: {
          code: 'invalid',
          detail: '请检查填写的内容。',
          fields: { email: ['该邮箱已被使用。'], non_field_errors: ['不行'] },
        },
      }),
    });
    document.cookie = 'csrftoken=abc';
    const error = await api.post('users/', { email: 'x@y.z' }).catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('invalid');
    expect(apiError.detail).toBe('请检查填写的内容。');
    expect(apiError.fields).toEqual({ email: ['该邮箱已被使用。'], non_field_errors: ['不行'] });
  });

  it('gives a code to errors without a body and to network failures', async () => {
    mockApi({ 'GET auth/me/': () => ({ status: 500 }) });
    const error = (await api.get('auth/me/').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('http_500');
    expect(error.fields).toEqual({});

    const failing = async () => {
      throw new TypeError('Failed to fetch');
    };
    globalThis.fetch = failing as typeof fetch;
    const offline = (await api.get('site/').catch((e: unknown) => e)) as ApiError;
    expect(offline.code).toBe('network_error');
    expect(offline.status).toBe(0);
  });

  it('sends the CSRF cookie back on unsafe methods only, same-origin', async () => {
    const { fetchMock, calls } = mockApi({
      'GET site/': () => ({ body: { host_kind: 'public', firm: null, base_domain: 'localhost' } }),
      'PATCH auth/me/': () => ({ body: {} }),
    });
    document.cookie = 'csrftoken=tok%3D1';
    setApiLanguage('en');
    await api.get('site/');
    await api.patch('auth/me/', { language: 'en' });
    expect(calls[0].headers['X-CSRFToken']).toBeUndefined();
    expect(calls[1].headers['X-CSRFToken']).toBe('tok=1');
    expect(calls[1].headers['Accept-Language']).toBe('en');
    expect(calls[1].body).toEqual({ language: 'en' });
    expect(fetchMock.mock.calls[1][1]?.credentials).toBe('same-origin');
    setApiLanguage('zh-hans');
  });

  it('fetches the CSRF cookie first when it is missing', async () => {
    const { calls } = mockApi({
      'GET auth/csrf/': () => {
        document.cookie = 'csrftoken=fresh';
        return { status: 204 };
      },
      'POST auth/logout/': () => ({ status: 204 }),
    });
    expect(readCookie('csrftoken')).toBeFalsy();
    await expect(api.post('auth/logout/')).resolves.toBeUndefined();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET auth/csrf/', 'POST auth/logout/']);
    expect(calls[1].headers['X-CSRFToken']).toBe('fresh');
    await ensureCsrf();
    expect(calls).toHaveLength(2);
  });

  it('builds URLs under /api/v1/ and drops empty query values', () => {
    expect(buildUrl('users/', { search: '王', role: '', page: 2, x: undefined })).toBe('/api/v1/users/?search=%E7%8E%8B&page=2');
    expect(buildUrl('/site/')).toBe('/api/v1/site/');
  });
});
