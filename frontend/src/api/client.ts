/**
 * The one HTTP client: same-origin JSON calls to /api/v1/ with Django's session
 * cookie and CSRF header. Every failure becomes an ApiError carrying the server's
 * `{code, detail, fields}` body, so screens never parse responses themselves.
 */

import { takeBooted } from './boot';

/**
 * The error envelope every endpoint uses (one exception handler on the server).
 * drf-spectacular does not describe it, so it is the one wire shape written here.
 */
export interface ErrorBody {
  code: string;
  detail: string;
  fields?: Record<string, string[]>;
}

export const API_BASE = '/api/v1/';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fields: FieldErrors;

  constructor(status: number, body: Partial<ErrorBody>) {
    const detail = typeof body.detail === 'string' ? body.detail : '';
    super(detail || body.code || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof body.code === 'string' && body.code ? body.code : status ? `http_${status}` : 'network_error';
    this.detail = detail;
    this.fields = normaliseFields(body.fields);
  }

  /** Not logged in (401) or logged in without the right (403). */
  get isAuthError(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function normaliseFields(fields: unknown): FieldErrors {
  if (!fields || typeof fields !== 'object') return {};
  const out: FieldErrors = {};
  for (const [name, value] of Object.entries(fields as Record<string, unknown>)) {
    if (Array.isArray(value)) out[name] = value.map(String);
    else if (typeof value === 'string') out[name] = [value];
  }
  return out;
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie ? document.cookie.split('; ') : []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === name) return decodeURIComponent(part.slice(eq + 1));
  }
  return null;
}

let acceptLanguage = 'zh-hans';

/**
 * Server messages (field errors, details) come back in the UI's language: every request
 * sends `Accept-Language`. The preferences set it before the first request and on each switch.
 */
export function setApiLanguage(language: string): void {
  acceptLanguage = language;
}

/** The `Accept-Language` value for requests made outside `request()` (uploads, downloads). */
export function apiLanguage(): string {
  return acceptLanguage;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Query): string {
  const url = API_BASE + path.replace(/^\/+/, '');
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

let csrfPromise: Promise<void> | null = null;

/** GET auth/csrf/ once so Django sets the `csrftoken` cookie. */
export function ensureCsrf(force = false): Promise<void> {
  if (!force && readCookie('csrftoken')) return Promise.resolve();
  if (!csrfPromise || force) {
    csrfPromise = request<void>('auth/csrf/').catch((error: unknown) => {
      csrfPromise = null;
      throw error;
    });
  }
  return csrfPromise;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage,
  };
  if (!SAFE_METHODS.has(method)) {
    if (!readCookie('csrftoken')) await ensureCsrf();
    const token = readCookie('csrftoken');
    if (token) headers['X-CSRFToken'] = token;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  const url = buildUrl(path, options.query);
  const send = () => fetch(url, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  // a read index.html's first script already sent (src/boot.ts), else a new one
  const booted = method === 'GET' ? takeBooted(url, acceptLanguage) : undefined;
  let response: Response;
  try {
    response = await (booted ? booted.catch(send) : send());
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'network_error' });
  }

  const data = await readBody(response);
  if (!response.ok) {
    throw new ApiError(response.status, (data && typeof data === 'object' ? data : {}) as Partial<ErrorBody>);
  }
  return data as T;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
};
