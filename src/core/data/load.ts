/**
 * Loading input from a URL or inline text, with an AbortSignal and a timeout.
 * JSON and CSV are told apart by content type, then extension, then content.
 */
import { csvToRecords } from './csv.ts';
import { KpiError } from './errors.ts';
import { parseJsonInSlices } from './json-slices.ts';

export type InputFormat = 'json' | 'csv';

export interface Parsed {
  readonly format: InputFormat;
  /** JSON value, or the CSV's records (all cells strings). */
  readonly value: unknown;
  /** CSV only. */
  readonly delimiter?: string;
  readonly header?: readonly string[];
}

export function sniffFormat(text: string, hint?: string | null): InputFormat {
  const h = (hint ?? '').toLowerCase();
  if (h.includes('json')) return 'json';
  if (h.includes('csv') || h.includes('text/plain') || h.includes('tab-separated')) return 'csv';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

export function parseText(text: string, format: InputFormat, delimiter?: string): Parsed {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 BOM is not data
  if (/^\s*<(!doctype\s+html|html|head|body)\b/i.test(text)) throw new KpiError({ code: 'parse', message: 'the server sent an HTML page (a login page?), not JSON or CSV data' });
  if (format === 'json') {
    try {
      return { format, value: JSON.parse(text) };
    } catch (e) {
      throw new KpiError({ code: 'parse', message: `the data is not valid JSON (${(e as Error).message})` });
    }
  }
  try {
    const { records, header, delimiter: d } = csvToRecords(text, delimiter ? { delimiter } : {});
    return { format, value: records, delimiter: d, header };
  } catch (e) {
    throw new KpiError({ code: 'parse', message: `the data is not valid CSV (${(e as Error).message})` });
  }
}

function formatFromUrl(url: string): string | null {
  const path = url.split(/[?#]/)[0]!.toLowerCase();
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.csv') || path.endsWith('.tsv') || path.endsWith('.txt')) return 'csv';
  return null;
}

export interface FetchOptions {
  readonly signal?: AbortSignal;
  /** Milliseconds before the request is given up (default 15 s). */
  readonly timeout?: number;
  readonly delimiter?: string;
  /** Base URL for relative `src` values. */
  readonly base?: string;
  /** The `src` as the page wrote it, for messages, when `src` here is already resolved. */
  readonly src?: string;
  /**
   * On the main thread: give the event loop a turn. A large JSON body is then parsed in slices
   * (json-slices.ts) instead of one long `JSON.parse`.
   */
  readonly pause?: () => Promise<void>;
}

/** Fetch and parse. Rejects with KpiError (network, http, timeout, parse) or an AbortError. */
export async function fetchData(src: string, options: FetchOptions = {}): Promise<Parsed> {
  const raw = await fetchRaw(src, options);
  return options.pause ? parseRawInSlices(raw, options.delimiter, options.pause) : parseRaw(raw, options.delimiter);
}

/** A response's body, not yet decoded, and what tells JSON from CSV (content type, else the URL's extension). */
export interface RawData {
  readonly bytes: ArrayBuffer;
  readonly hint: string;
}

/** Decode (UTF-8, a BOM dropped) and parse a fetched body. Throws KpiError('parse'). */
export function parseRaw(raw: RawData, delimiter?: string): Parsed {
  const text = new TextDecoder().decode(raw.bytes);
  return parseText(text, sniffFormat(text, raw.hint), delimiter);
}

/** Bodies from this size on are parsed in slices by `parseRawInSlices`. */
export const SLICED_BYTES = 1 << 21;

/**
 * `parseRaw` on the main thread: a JSON body of `SLICED_BYTES` or more is parsed in slices with
 * `pause` between them (the same values, the same errors); CSV and small bodies as `parseRaw`.
 */
export async function parseRawInSlices(raw: RawData, delimiter: string | undefined, pause: () => Promise<void>): Promise<Parsed> {
  const bytes = new Uint8Array(raw.bytes);
  if (bytes.length < SLICED_BYTES || sniffFormat(new TextDecoder().decode(bytes.subarray(0, 256)), raw.hint) !== 'json') return parseRaw(raw, delimiter);
  return { format: 'json', value: await parseJsonInSlices(bytes, { pause }) };
}

/**
 * A response whose headers have arrived and whose body has not been read: plain data and a
 * stream, so it can move to a worker (the stream is transferable) and be read there
 * (`readOpened`), without the body ever being copied or decoded on the main thread.
 */
export interface OpenedData {
  readonly body: ReadableStream<Uint8Array> | null;
  readonly hint: string;
  readonly src: string;
  readonly url: string;
  /** The configured timeout (for the message) and what was left of it when the headers came. */
  readonly timeout: number;
  readonly timeLeft: number;
}

/** Fetch up to the headers. Rejects with KpiError (network, http, timeout) or an AbortError. */
export async function openData(href: string, options: FetchOptions = {}): Promise<OpenedData> {
  const src = options.src ?? href;
  const timeout = options.timeout ?? 15_000;
  const started = Date.now();
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  const timer = timeout > 0 ? setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout) : undefined;
  let url = href;
  try {
    url = new URL(href, options.base ?? globalThis.location?.href).href;
  } catch {
    /* leave as given; fetch will report it */
  }
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, credentials: 'same-origin' });
    } catch (e) {
      if (timedOut) throw new KpiError({ code: 'timeout', message: `no answer from ${src} after ${timeoutText(timeout)}`, url });
      if (options.signal?.aborted) throw e;
      throw new KpiError({ code: 'network', message: `could not reach ${src} (${(e as Error).message})`, url });
    }
    if (!response.ok) {
      throw new KpiError({ code: 'http', status: response.status, message: `${src} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, url });
    }
    const type = (response.headers.get('content-type') ?? '').toLowerCase();
    const hint = type.includes('json') || type.includes('csv') ? type : formatFromUrl(url) ?? type;
    return { body: response.body, hint, src, url, timeout, timeLeft: timeout > 0 ? Math.max(1, timeout - (Date.now() - started)) : 0 };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Read an opened response's body (here or in a worker) within what is left of its timeout.
 * `pause`, on the main thread: the chunks are joined in steps, with turns for the event loop.
 */
export async function readOpened(o: OpenedData, signal?: AbortSignal, pause?: () => Promise<void>): Promise<RawData> {
  if (!o.body) return { bytes: new ArrayBuffer(0), hint: o.hint };
  const reader = o.body.getReader();
  let timedOut = false;
  const stop = () => void reader.cancel().catch(() => undefined);
  const timer = o.timeLeft > 0 ? setTimeout(() => {
    timedOut = true;
    stop();
  }, o.timeLeft) : undefined;
  signal?.addEventListener('abort', stop, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        if (timedOut) throw new KpiError({ code: 'timeout', message: `no answer from ${o.src} after ${timeoutText(o.timeout)}`, url: o.url });
        if (signal?.aborted) throw new DOMException('The request was aborted', 'AbortError');
        throw new KpiError({ code: 'network', message: `the download of ${o.src} broke off (${(e as Error).message})`, url: o.url });
      }
      if (timedOut) throw new KpiError({ code: 'timeout', message: `no answer from ${o.src} after ${timeoutText(o.timeout)}`, url: o.url });
      if (signal?.aborted) throw new DOMException('The request was aborted', 'AbortError');
      if (r.done) break;
      chunks.push(r.value);
      size += r.value.byteLength;
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
  if (chunks.length === 1 && chunks[0]!.byteOffset === 0 && chunks[0]!.byteLength === chunks[0]!.buffer.byteLength) return { bytes: chunks[0]!.buffer as ArrayBuffer, hint: o.hint };
  const bytes = new Uint8Array(size);
  let at = 0;
  let turn = performance.now();
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
    if (pause && performance.now() - turn > 20) {
      await pause();
      turn = performance.now();
    }
  }
  return { bytes: bytes.buffer, hint: o.hint };
}

/** Fetch the body without decoding or parsing it. Same errors and timeout as `fetchData`. */
export async function fetchRaw(src: string, options: FetchOptions = {}): Promise<RawData> {
  return readOpened(await openData(src, options), options.signal);
}

/** The configured timeout as written for people: "600 ms", "15 s", "1.5 s". */
export function timeoutText(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

export function isAbort(e: unknown): boolean {
  return (e instanceof DOMException && e.name === 'AbortError') || (e instanceof Error && e.name === 'AbortError');
}

/**
 * The list of rows in a parsed value: an array, or an object's `rows` array (and, for
 * widgets that name it, another key such as `stages`). Null when there is none. The one place
 * `{ rows: [...] }` is unwrapped.
 */
export function rowsOf(value: unknown, ...keys: readonly string[]): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (!value || typeof value !== 'object') return null;
  for (const k of ['rows', ...keys]) {
    const v = Object.hasOwn(value, k) ? (value as Record<string, unknown>)[k] : undefined;
    if (Array.isArray(v)) return v;
  }
  return null;
}

interface SharedFetch {
  readonly promise: Promise<Parsed>;
  readonly controller: AbortController;
  users: number;
}

const inflight = new Map<string, SharedFetch>();
const recent = new Map<string, Parsed>();
const RECENT = 4;

export interface SharedFetchOptions extends FetchOptions {
  /** Fetch again even if the same URL was just read (a retry, or `src` set again). */
  readonly fresh?: boolean;
}

/**
 * `fetchData`, shared: widgets on one page that read the same `src` (same URL, delimiter and
 * timeout) share one request and one parse, and a widget that connects later reuses the last
 * few results. The parsed value is shared, so it must be treated as read-only. Each caller's
 * signal detaches that caller only; the request is aborted when no caller is left.
 */
export function fetchShared(src: string, options: SharedFetchOptions = {}): Promise<Parsed> {
  let url = src;
  try {
    url = new URL(src, options.base ?? globalThis.location?.href).href;
  } catch {
    /* fetch will report it */
  }
  const key = JSON.stringify([url, options.delimiter ?? '', options.timeout ?? 15_000]);
  if (options.fresh) recent.delete(key);
  const done = recent.get(key);
  if (done) return Promise.resolve(done);
  let entry = inflight.get(key);
  if (!entry || options.fresh) {
    const controller = new AbortController();
    const { signal: _own, fresh: _fresh, ...rest } = options;
    const promise = fetchData(src, { ...rest, signal: controller.signal });
    const created: SharedFetch = { promise, controller, users: 0 };
    entry = created;
    inflight.set(key, created);
    promise.then(
      (parsed) => {
        if (inflight.get(key) === created) inflight.delete(key);
        recent.delete(key);
        recent.set(key, parsed);
        while (recent.size > RECENT) recent.delete(recent.keys().next().value!);
      },
      () => {
        if (inflight.get(key) === created) inflight.delete(key);
      },
    );
  }
  const shared = entry;
  shared.users++;
  const signal = options.signal;
  return new Promise<Parsed>((resolve, reject) => {
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      signal?.removeEventListener('abort', onAbort);
      shared.users--;
    };
    const onAbort = () => {
      leave();
      if (shared.users === 0) {
        shared.controller.abort();
        if (inflight.get(key) === shared) inflight.delete(key);
      }
      reject(new DOMException('The request was aborted', 'AbortError'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    shared.promise.then(
      (v) => {
        if (left) return;
        leave();
        resolve(v);
      },
      (e: unknown) => {
        if (left) return;
        leave();
        reject(e);
      },
    );
  });
}
