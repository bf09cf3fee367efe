/**
 * The page's first script, inlined into index.html at build time (vite.config.ts `boot()`),
 * so it runs as soon as the HTML is parsed, a second or more before the app's code has
 * arrived on a slow phone. It starts what the first screen will ask for, so those round trips
 * overlap the download instead of following it:
 *
 * * the reads main.tsx makes on every start (`site/`, `auth/csrf/`) and, on a logged-in
 *   address, the session (`auth/session/`, as fetchMe in src/app/session.ts asks it);
 * * on a logged-in address, the code of the logged-in frame (`files.frame`: modulepreload
 *   links; the file names come from the build); on the home also the home's (`files.home`);
 * * on the home of a resident (only resident or committee roles, as `isResidentOnly`), once
 *   the session has answered: the home's two reads (src/features/home/queries.ts); once their
 *   homes have answered, each estate's 小区公示 reads (its published statements and latest
 *   scores), and once the statements have, the figures of the one the card shows.
 *
 * The answers wait in `window.__linliBoot`; the API client takes each one once, for the same
 * address and language, instead of asking again (src/api/boot.ts). The function is inlined as
 * its source: it must not import anything or use anything outside itself.
 */
export interface BootFiles {
  frame: string[];
  home: string[];
}

export interface BootState {
  /** The Accept-Language the reads were sent with. */
  lang: string;
  /** When they were sent (Date.now()). */
  at: number;
  /** The answers by address (API_BASE + path + query, as buildUrl makes it). */
  got: Record<string, Promise<Response>>;
}

/** Addresses whose screens are for visitors who are not logged in (no session to read). */
export const OUTSIDE = /^\/(login|forgot-password|reset-password|invite|join|verify|check)(\/|$)/;

/** The resident home's open requests, as buildUrl writes openRequestsQuery's address. */
export const OPEN_REQUESTS_URL =
  '/api/v1/complaints/?mine=true&status=submitted%2Creopened%2Caccepted%2Cin_progress%2Cdeferred%2Cresolved&page_size=5';

/** The 小区公示 card's reads of one estate, as buildUrl writes publishedStatementsQuery's,
 * latestScoresQuery's and statementQuery's addresses. */
export const statementsUrl = (estate: number) => `/api/v1/statements/?estate=${estate}&status=published&page_size=4`;
export const scoresUrl = (estate: number) => `/api/v1/scoring/scores/?estate=${estate}&page_size=2`;
export const statementUrl = (id: number) => `/api/v1/statements/${id}/`;

interface StatementRow {
  id: number;
  period_start: string;
  period_end: string;
}

export function boot(win: Window & { __linliBoot?: BootState }, files: BootFiles): void {
  const doc = win.document;
  const path = win.location.pathname;
  let lang = 'zh-hans';
  try {
    if (win.localStorage.getItem('linli.locale') === 'en') lang = 'en';
  } catch {
    /* private mode: the default language */
  }
  const state: BootState = { lang, at: Date.now(), got: {} };
  win.__linliBoot = state;
  const get = (url: string): Promise<Response> => {
    const answer = win.fetch(url, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': lang },
    });
    answer.catch(() => {
      /* the client asks again */
    });
    state.got[url] = answer;
    return answer;
  };
  const preload = (urls: string[]) => {
    for (const url of urls) {
      const link = doc.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = url;
      doc.head.appendChild(link);
    }
  };

  get('/api/v1/site/');
  get('/api/v1/auth/csrf/');
  if (OUTSIDE.test(path)) return;
  const session = get('/api/v1/auth/session/');
  preload(files.frame);
  if (path !== '/') return;
  preload(files.home);
  session
    .then((response) => (response.ok ? response.clone().json() : null))
    .then((answer: { user?: { roles?: { role: string }[] } | null } | null) => {
      const roles = (answer && answer.user && answer.user.roles) || [];
      const residentOnly = roles.length > 0 && roles.every((r) => r.role === 'resident' || r.role === 'committee');
      if (!residentOnly) return;
      const homes = get('/api/v1/me/home/');
      get(OPEN_REQUESTS_URL);
      const json = (response: Response) => (response.ok ? response.clone().json() : null);
      homes
        .then(json)
        .then((units: { estate_id: number }[] | null) => {
          const seen: Record<number, boolean> = {};
          (units || []).forEach((unit) => {
            if (seen[unit.estate_id]) return;
            seen[unit.estate_id] = true;
            get(scoresUrl(unit.estate_id));
            get(statementsUrl(unit.estate_id))
              .then(json)
              .then((page: { results?: StatementRow[] } | null) => {
                // latestStatement (src/features/home/queries.ts), written out: nothing is imported here
                const rows = ((page && page.results) || []).slice();
                rows.sort(
                  (a, b) =>
                    b.period_end.localeCompare(a.period_end) || a.period_start.localeCompare(b.period_start) || b.id - a.id,
                );
                if (rows[0]) get(statementUrl(rows[0].id));
              })
              .catch(() => {
                /* the card asks for itself */
              });
          });
        })
        .catch(() => {
          /* the app asks for itself */
        });
    })
    .catch(() => {
      /* the app asks for itself */
    });
}
