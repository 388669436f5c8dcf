/**
 * An element's inputs, loaded: the one path from "where the data comes from" to parsed input.
 *
 * Every element takes its data in three ways — a property (rows, an object, CSV/JSON text, or a
 * promise of any of these), a `src` URL, an inline child (`<script type="application/json">`,
 * `<script type="text/csv">` or a `<table>`) — in that order of precedence. `InputLoader` loads
 * one such input: it parses text and inline children at once, waits for a promise, and fetches a
 * URL through the element's fetch (core/data/load.ts `fetchShared`: its timeout, HTTP errors and
 * shared requests), aborting the older load when a newer one starts or the element leaves.
 *
 * `InputSet` loads several named inputs the same way (a scorecard's `leads`, `costs`,
 * `transactions`…: the spec's `sources`). A named input's errors say its name — the message
 * starts with it ("leads: HTTP 404 …") and the detail carries it as `source` — so a page knows
 * which of its files failed. DOM-free except for reading a `<table>` child (core/data/table.ts).
 */
import { toErrorDetail, type KpiErrorDetail } from '../data/errors.ts';
import { isAbort, parseText, sniffFormat, type FetchOptions, type Parsed } from '../data/load.ts';
import { readTable } from '../data/table.ts';

/** An inline child: a script's text and type, or a table. */
export type InlineSource = { readonly text: string; readonly type: string } | { readonly table: HTMLTableElement };

/** Where one input comes from; the first given of `data`, `src`, `inline` is used. */
export interface InputFrom {
  /** Rows, an object, CSV/JSON text, or a promise of any of these. */
  readonly data?: unknown;
  readonly src?: string | undefined;
  readonly inline?: InlineSource | undefined;
}

/** The inline child of an input: a JSON or CSV script, else (script-free, for sanitised CMS HTML) a table; never a configuration child. */
function inlineSource(host: Element, only = ''): InlineSource | undefined {
  const script = host.querySelector<HTMLScriptElement>(`:scope > script[type="application/json"]:not([data-config])${only}, :scope > script[type="text/csv"]:not([data-config])${only}`);
  if (script) return { text: script.textContent ?? '', type: script.type };
  const table = host.querySelector<HTMLTableElement>(`:scope > table:not([data-config])${only}`);
  return table ? { table } : undefined;
}

/**
 * Where an element's input and each named source (spec.sources) come from: the `sources`
 * property (rows, a promise, or a URL string), a `src-<name>` attribute, a `data-source="<name>"`
 * child. The spec's default source is the element's own input (`data`, `src`, the plain inline
 * child) first. `only` narrows an inline child to a named source's or leaves the named ones out.
 */
export function inputsOf(
  host: Element,
  decl: { readonly default: string; readonly names: readonly string[] } | undefined,
  own: { readonly data: unknown; readonly src: string | undefined },
  given: Readonly<Record<string, unknown>> | null | undefined,
): { main: InputFrom; named: Record<string, InputFrom> } {
  if (!decl) return { main: { data: own.data, src: own.src, inline: inlineSource(host) }, named: {} };
  const byName = given ?? {};
  const fromOf = (name: string): InputFrom => {
    const v = Object.hasOwn(byName, name) ? byName[name] : undefined;
    return {
      data: typeof v === 'string' ? undefined : v,
      src: (typeof v === 'string' ? v : undefined) || host.getAttribute(`src-${name}`) || undefined,
      inline: inlineSource(host, `[data-source="${name}"]`),
    };
  };
  const named: Record<string, InputFrom> = {};
  for (const name of decl.names) if (name !== decl.default) named[name] = fromOf(name);
  const first = fromOf(decl.default);
  const others = decl.names.filter((n) => n !== decl.default).map((n) => `:not([data-source="${n}"])`).join('');
  return { main: { data: own.data ?? first.data, src: own.src || first.src, inline: first.inline ?? inlineSource(host, others) }, named };
}

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
export type InputState =
  | { readonly kind: 'error'; readonly error: KpiErrorDetail }
  | { readonly kind: 'loading' }
  /** Fetch, parse, read and compute all run as the spec's worker job: nothing is loaded here. */
  | { readonly kind: 'job'; readonly src: string }
  | { readonly kind: 'parsed'; readonly parsed: Parsed }
  | { readonly kind: 'empty' };

/** No rows of its own, for a widget that builds without them (named sources given, or supplied values). */
const EMPTY_INPUT: Parsed = Object.freeze({ format: 'json', value: Object.freeze([]) as unknown as unknown[] }) as Parsed;

export interface ElementInputsHost extends Omit<InputHost, 'settled'> {
  /** The state after each load started and each asynchronous one ended. */
  readonly apply: (state: InputState) => void;
}

/** What a load reads: the host element (its attributes and children), its spec's declarations, its own input and `sources`. */
export interface LoadRequest {
  readonly host: Element;
  readonly sources?: { readonly default: string; readonly names: readonly string[] } | undefined;
  /** The spec runs a `src` whole in the kit's worker (spec.job). */
  readonly job: boolean;
  readonly own: { readonly data: unknown; readonly src: string | undefined };
  readonly given: Readonly<Record<string, unknown>> | null | undefined;
  /** Without rows, whether the widget still wants some (false: it builds on none). */
  readonly needsRows: () => boolean;
  /** Fetch again even if the same URL was just read. */
  readonly fresh: boolean;
}

/**
 * An element's single input and its spec's named ones, loaded (InputLoader, InputSet), and the
 * state that follows: an error (the first of any input), loading, a worker job, the parsed
 * input to build on, or empty.
 */
export class ElementInputs {
  private readonly main: InputLoader;
  private readonly named: InputSet;
  private needsRows: () => boolean = () => true;

  constructor(private readonly host: ElementInputsHost) {
    const loaderHost: InputHost = { fetch: host.fetch, timeout: host.timeout, delimiter: host.delimiter, settled: () => this.settle() };
    this.main = new InputLoader(loaderHost);
    this.named = new InputSet(loaderHost);
  }

  load(r: LoadRequest): void {
    this.needsRows = r.needsRows;
    const { main, named } = inputsOf(r.host, r.sources, r.own, r.given);
    this.named.load(named, r.fresh);
    if ((main.data === undefined || main.data === null) && main.src && r.job && !this.named.given) {
      this.main.abort();
      return this.host.apply({ kind: 'job', src: main.src });
    }
    this.main.load(main, r.fresh);
    this.settle();
  }

  abort(): void {
    this.main.abort();
    this.named.abort();
  }

  /** Named sources were given. */
  get namedGiven(): boolean {
    return this.named.given;
  }

  /** The named sources' parsed inputs. */
  namedParsed(): Record<string, Parsed> {
    return this.named.parsed();
  }

  /** Some input came from a URL (a retry can fetch it again). */
  get fromUrl(): boolean {
    return !!this.main.url || this.named.fromUrl;
  }

  private settle(): void {
    const error = this.main.error ?? this.named.error;
    if (error) return this.host.apply({ kind: 'error', error });
    if (this.main.status === 'loading' || this.named.loading) return this.host.apply({ kind: 'loading' });
    if (this.main.parsed) return this.host.apply({ kind: 'parsed', parsed: this.main.parsed });
    // No rows of its own: a widget with named sources given, or one that can show something without rows, builds on none.
    if (this.named.given || !this.needsRows()) return this.host.apply({ kind: 'parsed', parsed: EMPTY_INPUT });
    this.host.apply({ kind: 'empty' });
  }
}

/**
 * The element state an input state means: an error fails the build; loading keeps the last
 * parsed input (a newer load replaces it, or fails); a worker job or parsed input builds next.
 */
export function inputPatch(s: InputState): Record<string, unknown> {
  switch (s.kind) {
    case 'error':
      return { parsed: undefined, built: undefined, error: s.error, phase: 'error' };
    case 'loading':
      return { error: undefined, phase: 'loading' };
    case 'job':
      return { parsed: undefined, buildPending: true, jobSrc: { src: s.src }, error: undefined, phase: 'loading' };
    case 'parsed':
      return { parsed: s.parsed, buildPending: true };
    case 'empty':
      return { parsed: undefined, built: undefined, error: undefined, phase: 'empty' };
  }
}
