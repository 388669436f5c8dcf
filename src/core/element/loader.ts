/**
 * Loading one input (`InputLoader`) or several named ones (`InputSet`), for core/element/input.ts.
 *
 * `InputLoader` parses text and inline children at once, waits for a promise, and fetches a URL
 * through the element's fetch (core/data/load.ts `fetchShared`: its timeout, HTTP errors and
 * shared requests), aborting the older load when a newer one starts or the element leaves.
 * `InputSet` loads a spec's named inputs the same way; a named input's errors say its name
 * ("leads: HTTP 404 …", and `source` in the detail). DOM-free except for reading a `<table>`.
 */
import { toErrorDetail, type KpiErrorDetail } from '../data/errors.ts';
import { isAbort, parseText, sniffFormat, type FetchOptions, type Parsed } from '../data/load.ts';
import { readTable } from '../data/table.ts';
import type { InlineSource, InputFrom } from './input.ts';

export type InputStatus = 'none' | 'loading' | 'ready' | 'error';

export interface InputHost {
  /** Fetch and parse a URL (the element's `fetchInput`): KpiErrors, honouring the signal. */
  readonly fetch: (src: string, options: FetchOptions & { fresh?: boolean }) => Promise<Parsed>;
  readonly timeout: () => number;
  readonly delimiter: () => string | undefined;
  /** An asynchronous load ended (ready or failed): the element looks at its inputs again. */
  readonly settled: () => void;
}

/** Whether a value is a promise (a page's own fetch handed over as `data`). */
export const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  !!v && (typeof v === 'object' || typeof v === 'function') && typeof (v as PromiseLike<unknown>).then === 'function';

/** Whether a `from` gives anything. */
export function givesInput(from: InputFrom | undefined): boolean {
  return !!from && ((from.data !== undefined && from.data !== null) || !!from.src || !!from.inline);
}

/** An inline child as parsed input (CSV text, JSON text, or a table). Throws a `parse` KpiError. */
export function parseInline(inline: InlineSource, delimiter?: string): Parsed {
  return 'table' in inline ? readTable(inline.table) : parseText(inline.text, inline.type === 'text/csv' ? 'csv' : 'json', delimiter);
}

/** The error of a named input: its message starts with the name, the detail carries it. */
export function namedError(name: string | undefined, detail: KpiErrorDetail): KpiErrorDetail {
  if (!name) return detail;
  const prefix = `${name}: `;
  return { ...detail, message: detail.message.startsWith(prefix) ? detail.message : prefix + detail.message, source: name };
}

/** One input (see the module comment). */
export class InputLoader {
  status: InputStatus = 'none';
  parsed: Parsed | undefined;
  error: KpiErrorDetail | undefined;
  /** The URL being read or read last, when the input comes from one. */
  url: string | undefined;
  private controller: AbortController | undefined;

  /** `name`: the source name put in errors (none for an element's single input). */
  constructor(private readonly host: InputHost, readonly name?: string) {}

  /** Load from `from` (a URL is fetched again when `fresh`); an earlier load still running is aborted. */
  load(from: InputFrom | undefined, fresh = false): void {
    this.abort();
    this.parsed = undefined;
    this.error = undefined;
    this.url = undefined;
    const data = from?.data;
    if (data !== undefined && data !== null) {
      if (isThenable(data)) return this.wait(Promise.resolve(data).then((v) => (typeof v === 'string' ? parseText(v, sniffFormat(v), this.host.delimiter()) : { format: 'json' as const, value: v })));
      if (typeof data === 'string') return this.now(() => parseText(data, sniffFormat(data), this.host.delimiter()));
      return this.ready({ format: 'json', value: data });
    }
    if (from?.src) {
      const delimiter = this.host.delimiter();
      this.url = from.src;
      return this.wait(undefined, (signal) => this.host.fetch(from.src!, { signal, timeout: this.host.timeout(), fresh, ...(delimiter ? { delimiter } : {}) }));
    }
    if (from?.inline) {
      const inline = from.inline;
      return this.now(() => parseInline(inline, this.host.delimiter()));
    }
    this.status = 'none';
  }

  /** Stop a load still running (it then settles nothing). */
  abort(): void {
    this.controller?.abort();
    this.controller = undefined;
  }

  private ready(parsed: Parsed): void {
    this.parsed = parsed;
    this.status = 'ready';
  }

  private failed(e: unknown, fallback: 'parse' | 'network'): void {
    this.parsed = undefined;
    this.error = namedError(this.name, toErrorDetail(e, fallback));
    this.status = 'error';
  }

  private now(parse: () => Parsed): void {
    try {
      this.ready(parse());
    } catch (e) {
      this.failed(e, 'parse');
    }
  }

  /** Load asynchronously: a promise of parsed input, or a fetch started with the load's signal. */
  private wait(promise: Promise<Parsed> | undefined, start?: (signal: AbortSignal) => Promise<Parsed>): void {
    const controller = new AbortController();
    this.controller = controller;
    this.status = 'loading';
    const work = promise ?? start!(controller.signal);
    work.then(
      (parsed) => {
        if (controller.signal.aborted) return;
        this.controller = undefined;
        this.ready(parsed);
        this.host.settled();
      },
      (e: unknown) => {
        if (controller.signal.aborted || isAbort(e)) return;
        this.controller = undefined;
        // A promise that rejects is a failed read ('network'); text it gave that does not parse is 'parse' (KpiError).
        this.failed(e, 'network');
        this.host.settled();
      },
    );
  }
}

/** Several named inputs (see the module comment). */
export class InputSet {
  private readonly loaders = new Map<string, InputLoader>();

  constructor(private readonly host: InputHost) {}

  /** Load every given input; names not given are dropped (and their loads aborted). */
  load(froms: Readonly<Record<string, InputFrom>>, fresh = false): void {
    for (const [name, loader] of this.loaders) {
      if (!givesInput(froms[name])) {
        loader.abort();
        this.loaders.delete(name);
      }
    }
    for (const [name, from] of Object.entries(froms)) {
      if (!givesInput(from)) continue;
      let loader = this.loaders.get(name);
      if (!loader) this.loaders.set(name, (loader = new InputLoader(this.host, name)));
      loader.load(from, fresh);
    }
  }

  /** The names given, in the order they were given. */
  get names(): string[] {
    return [...this.loaders.keys()];
  }

  get given(): boolean {
    return this.loaders.size > 0;
  }

  get loading(): boolean {
    return [...this.loaders.values()].some((l) => l.status === 'loading');
  }

  /** Whether any input comes from a URL (a retry fetches it again). */
  get fromUrl(): boolean {
    return [...this.loaders.values()].some((l) => l.url !== undefined);
  }

  /** The first failed input's error (named). */
  get error(): KpiErrorDetail | undefined {
    for (const l of this.loaders.values()) if (l.error) return l.error;
    return undefined;
  }

  /** Each input that is ready, by name. */
  parsed(): Record<string, Parsed> {
    const out: Record<string, Parsed> = {};
    for (const [name, l] of this.loaders) if (l.parsed) out[name] = l.parsed;
    return out;
  }

  abort(): void {
    for (const l of this.loaders.values()) l.abort();
  }
}

/** Where an element's input stands after a load started or ended. */
