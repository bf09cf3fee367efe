/**
 * The inspection outbox: answers and photos waiting to reach the server, kept in IndexedDB so a
 * phone that loses its signal (or reloads) keeps them. Each entry carries its own idempotency
 * key, made once when the inspector answered; a resend with the same key never doubles (the
 * server answers the stored one). Without IndexedDB (tests, old browsers) it keeps them in memory.
 */
import { api, isApiError } from '../../api/client';
import { send } from '../complaints/api';

export interface OutboxEntry {
  key: string;
  round: number;
  item: number;
  kind: 'answer' | 'photo';
  result?: 'pass' | 'fail' | 'na';
  note?: string;
  area?: string;
  file?: Blob;
  fileName?: string;
}

const DB = 'linli-supervision';
const STORE = 'outbox';
const memory = new Map<string, OutboxEntry>();

function open(): Promise<IDBDatabase> | null {
  if (typeof indexedDB === 'undefined') return null;
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open()!;
  return new Promise((resolve, reject) => {
    const request = work(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB'));
  });
}

export async function outboxPut(entry: OutboxEntry): Promise<void> {
  if (!open()) {
    memory.set(entry.key, entry);
    return;
  }
  await run('readwrite', (store) => store.put(entry));
}

export async function outboxList(round?: number): Promise<OutboxEntry[]> {
  const all = open()
    ? await run<OutboxEntry[]>('readonly', (store) => store.getAll() as IDBRequest<OutboxEntry[]>)
    : [...memory.values()];
  return round === undefined ? all : all.filter((e) => e.round === round);
}

export async function outboxDelete(key: string): Promise<void> {
  if (!open()) {
    memory.delete(key);
    return;
  }
  await run('readwrite', (store) => store.delete(key));
}

async function deliver(entry: OutboxEntry): Promise<void> {
  if (entry.kind === 'answer') {
    await api.post(`supervision/rounds/${entry.round}/answers/`, {
      item: entry.item,
      result: entry.result,
      key: entry.key,
      note: entry.note ?? '',
      area: entry.area ?? '',
    });
    return;
  }
  const body = new FormData();
  body.append('item', String(entry.item));
  body.append('key', entry.key);
  if (entry.file) body.append('file', entry.file, entry.fileName ?? 'photo.jpg');
  await send(`supervision/rounds/${entry.round}/photos/`, body);
}

/** An entry the server refused for good: it leaves the outbox and the inspector is told why. */
export interface Refusal {
  key: string;
  round: number;
  item: number;
  kind: OutboxEntry['kind'];
  reason: string;
}

export interface FlushResult {
  sent: number;
  refused: Refusal[];
}

/** Statuses that say "not now" rather than "never": the entry stays (a lapsed session signs in
 * again, a throttled or timed-out request is retried). */
const RETRY_LATER = new Set([401, 408, 429]);

let flushing: Promise<FlushResult> | null = null;
let again = false;

/**
 * Send what is waiting, oldest first. A network failure, a lapsed session or a throttle stops and
 * keeps the rest for the next `online` event; any other refusal (4xx) drops that entry and
 * reports it with the server's reason, so the screen can ask for it again.
 */
export function outboxFlush(): Promise<FlushResult> {
  if (flushing) {
    again = true; // something was added meanwhile: one more pass afterwards
    return flushing;
  }
  flushing = (async () => {
    let sent = 0;
    const refused: Refusal[] = [];
    try {
      for (const entry of await outboxList()) {
        try {
          await deliver(entry);
          sent += 1;
          await outboxDelete(entry.key);
        } catch (error) {
          if (isApiError(error) && error.status >= 400 && error.status < 500 && !RETRY_LATER.has(error.status)) {
            const { key, round, item, kind } = entry;
            // the sentence around it ends the reason: no doubled full stop
            refused.push({ key, round, item, kind, reason: error.message.replace(/[。．.！!]+$/u, '') });
            await outboxDelete(entry.key);
          } else break; // offline, signed out or the server is down: keep it for later
        }
      }
    } finally {
      flushing = null;
    }
    if (again && sent > 0) {
      again = false;
      const more = await outboxFlush();
      return { sent: sent + more.sent, refused: [...refused, ...more.refused] };
    }
    again = false;
    return { sent, refused };
  })();
  return flushing;
}
