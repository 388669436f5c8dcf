/**
 * An element's inputs, loaded: the one path from "where the data comes from" to parsed input.
 *
 * Every element takes its data in three ways — a property (rows, an object, CSV/JSON text, or a
 * promise of any of these), a `src` URL, an inline child (`<script type="application/json">`,
 * `<script type="text/csv">` or a `<table>`) — in that order of precedence. `InputLoader` (loader.ts) loads
 * one such input: it parses text and inline children at once, waits for a promise, and fetches a
 * URL through the element's fetch (core/data/load.ts `fetchShared`: its timeout, HTTP errors and
 * shared requests), aborting the older load when a newer one starts or the element leaves.
 *
 * `InputSet` loads several named inputs the same way (a scorecard's `leads`, `costs`,
 * `transactions`…: the spec's `sources`). A named input's errors say its name — the message
 * starts with it ("leads: HTTP 404 …") and the detail carries it as `source` — so a page knows
 * which of its files failed. DOM-free except for reading a `<table>` child (core/data/table.ts).
 */
import type { KpiErrorDetail } from '../data/errors.ts';
import type { Parsed } from '../data/load.ts';
import { InputLoader, InputSet, type InputHost } from './loader.ts';

export { InputLoader, InputSet, givesInput, isThenable, namedError, parseInline, type InputHost, type InputStatus } from './loader.ts';

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
