import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, setApiLanguage } from './api/client';
import { dropBooted } from './api/boot';
import { boot, type BootState } from './boot';
import {
  latestScoresQuery,
  myHomeQuery,
  openRequestsQuery,
  publishedStatementsQuery,
  statementQuery,
} from './features/home/queries';
import { homeUnits } from './features/estates/testData';
import { firmSite, makeMe, mockApi } from './test/utils';

const ANSWERS = {
  'GET site/': () => ({ body: firmSite }),
  'GET me/home/': () => ({ body: [] }),
  'GET complaints/': () => ({ body: { count: 0, next: null, previous: null, results: [] } }),
};

const FILES = { frame: ['/static/assets/resident-x.js'], home: ['/static/assets/home-x.js'] };
type BootWindow = Window & { __linliBoot?: BootState };

function visit(path: string) {
  window.history.replaceState({}, '', path);
  boot(window as BootWindow, FILES);
}

const preloaded = () => [...document.head.querySelectorAll('link[rel=modulepreload]')].map((l) => l.getAttribute('href'));

/** Let the boot's `me` answer be read and its follow-up reads sent. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => setApiLanguage('zh-hans'));

afterEach(() => {
  delete (window as BootWindow).__linliBoot;
  document.head.querySelectorAll('link[rel=modulepreload]').forEach((l) => l.remove());
  window.history.replaceState({}, '', '/');
});

describe("index.html's first script (src/boot.ts)", () => {
  it("on a resident's home asks for the session, the frame's and the home's code, then the home's two reads", async () => {
    const { calls } = mockApi({
      ...ANSWERS,
      'GET auth/session/': () => ({ body: { user: makeMe({ roles: [{ role: 'resident', estate_id: 1, unit_id: 101 }] }) } }),
    });
    visit('/');
    await settle();
    expect(calls.map((c) => c.path)).toEqual(['site/', 'auth/csrf/', 'auth/session/', 'me/home/', 'complaints/']);
    expect(calls.every((c) => c.headers['Accept-Language'] === 'zh-hans')).toBe(true);
    expect(preloaded()).toEqual([...FILES.frame, ...FILES.home]);

    // the app's own reads take those answers: the server is not asked again
    const booted = calls.length;
    await api.get('site/');
    await api.get('auth/session/');
    await myHomeQuery.queryFn({});
    await openRequestsQuery.queryFn({});
    expect(calls.length).toBe(booted);
    // once: the next read asks the server
    await myHomeQuery.queryFn({});
    expect(calls.length).toBe(booted + 1);
  });

  it("once the homes have answered, asks for each estate's 小区公示 reads, and the shown statement's figures, as the home's queries write them", async () => {
    const statement = (id: number, period_start: string, period_end: string) => ({ id, estate: 1, period_start, period_end });
    const second = { ...homeUnits[0], id: 900, estate_id: 2 };
    const { calls } = mockApi({
      ...ANSWERS,
      'GET auth/session/': () => ({ body: { user: makeMe({ roles: [{ role: 'resident', estate_id: 1, unit_id: 101 }] }) } }),
      'GET me/home/': () => ({ body: [...homeUnits, second] }),
      'GET statements/': (req) =>
        req.query.get('estate') === '1'
          ? {
              body: {
                count: 2,
                next: null,
                previous: null,
                results: [statement(8, '2026-09-01', '2026-09-30'), statement(7, '2026-07-01', '2026-09-30')],
              },
            }
          : { body: { count: 0, next: null, previous: null, results: [] } },
      'GET scoring/scores/': () => ({ body: { count: 0, next: null, previous: null, results: [] } }),
      'GET statements/7/': () => ({ body: statement(7, '2026-07-01', '2026-09-30') }),
    });
    visit('/');
    await vi.waitFor(() => expect(calls.some((c) => c.path === 'statements/7/')).toBe(true));
    await settle();
    // two homes in estate 1 and one in estate 2: each estate once; the quarter's pack, not September's
    expect(calls.slice(5).map((c) => `${c.path}?${c.query.toString()}`)).toEqual([
      'scoring/scores/?estate=1&page_size=2',
      'statements/?estate=1&status=published&page_size=4',
      'scoring/scores/?estate=2&page_size=2',
      'statements/?estate=2&status=published&page_size=4',
      'statements/7/?',
    ]);

    // the home's queries take those answers: the server is not asked again
    const booted = calls.length;
    for (const estate of [1, 2]) {
      await publishedStatementsQuery(estate).queryFn({});
      await latestScoresQuery(estate).queryFn({});
    }
    await statementQuery(7).queryFn({});
    expect(calls.length).toBe(booted);
  });

  it("sends the open requests' address exactly as the home's query writes it", async () => {
    const { fetchMock } = mockApi({
      ...ANSWERS,
      'GET auth/session/': () => ({ body: { user: makeMe({ roles: [{ role: 'committee', estate_id: 1, unit_id: null }] }) } }),
    });
    visit('/');
    await settle();
    const bootUrl = String(fetchMock.mock.calls[4][0]);
    dropBooted();
    await openRequestsQuery.queryFn({});
    expect(String(fetchMock.mock.calls[5][0])).toBe(bootUrl);
  });

  it('asks nothing more for staff, and no home code elsewhere than the home', async () => {
    const { calls } = mockApi({ ...ANSWERS, 'GET auth/session/': () => ({ body: { user: makeMe() } }) });
    visit('/');
    await settle();
    expect(calls.map((c) => c.path)).toEqual(['site/', 'auth/csrf/', 'auth/session/']);

    document.head.querySelectorAll('link[rel=modulepreload]').forEach((l) => l.remove());
    visit('/requests/new');
    expect(preloaded()).toEqual(FILES.frame);
  });

  it('on the login page asks for no session and no logged-in code', async () => {
    const { calls } = mockApi(ANSWERS);
    visit('/login?next=%2F');
    await settle();
    expect(calls.map((c) => c.path)).toEqual(['site/', 'auth/csrf/']);
    expect(preloaded()).toEqual([]);
  });

  it('speaks the stored language, and its answers serve only that language', async () => {
    window.localStorage.setItem('linli.locale', 'en');
    const { calls } = mockApi(ANSWERS);
    visit('/login');
    expect(calls[0].headers['Accept-Language']).toBe('en');
    // the app speaks Chinese after all: it asks again
    await api.get('site/');
    expect(calls.length).toBe(3);
  });

  it('a read that failed on the way is asked again; answers are dropped when the session changes', async () => {
    const failing = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('fetch', failing);
    visit('/login');
    const { calls } = mockApi(ANSWERS);
    await api.get('site/');
    expect(calls.map((c) => c.path)).toEqual(['site/']);

    dropBooted();
    await api.get('auth/csrf/');
    expect(calls.map((c) => c.path)).toEqual(['site/', 'auth/csrf/']);
  });
});
