/**
 * The answers index.html's first script asked for before the app's code arrived
 * (src/boot.ts): `request()` takes each one once, for the same address and language,
 * instead of asking the server again. Old ones are not used (a tab left open on a slow
 * start, or a session changed since: clearSession drops them).
 */
import type { BootState } from '../boot';

const MAX_AGE_MS = 20_000;

function state(): BootState | undefined {
  return typeof window === 'undefined' ? undefined : (window as { __linliBoot?: BootState }).__linliBoot;
}

/** The answer the first script got for `url` in `language`, at most once; else undefined. */
export function takeBooted(url: string, language: string): Promise<Response> | undefined {
  const booted = state();
  const answer = booted?.got[url];
  if (!booted || !answer) return undefined;
  delete booted.got[url];
  if (booted.lang !== language || Date.now() - booted.at > MAX_AGE_MS) return undefined;
  return answer;
}

/** Forget the answers not taken yet (the session changed). */
export function dropBooted(): void {
  const booted = state();
  if (booted) booted.got = {};
}
