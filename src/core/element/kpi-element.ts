/**
 * The shared base of every kpi-kit element: data in three ways (the `data` property, an
 * inline `<script type="application/json">` / `<script type="text/csv">` child, a `src`
 * URL), field mapping, loading / empty / error states, `kpi-error` and `kpi-update`
 * events, the read-only `result`, language and size. Subclasses stay thin: they declare
 * their fields, turn parsed input into a model with pure functions (`build`) and render it.
 *
 * Input precedence: `data` property, then `src`, then the inline child. Loading (parse, fetch,
 * abort, timeout) is core/element/input.ts, for the single input and for a spec's named
 * `sources` alike.
 */
import { LitElement, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { KpiError, toErrorDetail, type KpiErrorDetail } from '../data/errors.ts';
import { fetchShared, type FetchOptions, type Parsed } from '../data/load.ts';
import { inputOf, type InputSettings } from './pipeline.ts';
import { InputLoader, InputSet, type InputFrom, type InputHost, type InlineSource } from './input.ts';
import { optionDefaults, parseOptions } from './options.ts';
import type { AnySpec, Built, Input, Progress, SourceInput } from './spec.ts';
import { fieldAttribute, type FieldMapping, type FieldSpecs } from '../data/fields.ts';
import { kpiEvent, type KpiElementEventMap } from '../events.ts';
import { hasMessages, loadMessages, resolveLocale, translator, type LocaleInfo, type Translate } from '../i18n/index.ts';
import { tokens } from '../ui/tokens.ts';
import { rejectedView, stateView } from './state-view.ts';
import { runSpec, runSpecJob, type RunSink } from './run.ts';
import { ChildrenObserver, WidthObserver } from './observers.ts';

export type Phase = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

export type { Built, Input } from './spec.ts';


/** The inline child of an input: a JSON or CSV script, else (script-free, for sanitised CMS HTML) a table; never a configuration child. */
const inlineSelectors = (only: string) => ({
  script: `:scope > script[type="application/json"]:not([data-config])${only}, :scope > script[type="text/csv"]:not([data-config])${only}`,
  table: `:scope > table:not([data-config])${only}`,
});
const EMPTY_INPUT: Parsed = Object.freeze({ format: 'json', value: Object.freeze([]) as unknown as unknown[] }) as Parsed;

export abstract class KpiElement<M, R> extends LitElement {
  static override styles: CSSResultGroup = [tokens];

  /** The fields this element reads, each mappable with a `<key>-field` attribute. */
  static fieldSpecs: FieldSpecs = {};

  /**
   * The widget's declaration (fields, options, read, compute, result). An element with a spec
   * needs no `build`: the base runs the pipeline, parses its options and schedules compute.
   */
  static spec?: AnySpec;

  constructor() {
    super();
    // Every option starts at its default, so a script (or a framework) reading `el.scale`
    // sees 'auto', not undefined. Attributes and assignments then replace it.
    const spec = (this.constructor as typeof KpiElement).spec;
    if (spec) for (const [key, d] of Object.entries(optionDefaults(spec.options))) (this as unknown as Record<string, unknown>)[key] = d;
  }

  /** The declared fields: the spec's, else `fieldSpecs`. */
  static get fieldsOf(): FieldSpecs {
    return this.spec?.fields ?? this.fieldSpecs;
  }

  static override get observedAttributes(): string[] {
    const own = Object.keys((this as unknown as typeof KpiElement).fieldsOf).map(fieldAttribute);
    const sources = (this as unknown as typeof KpiElement).spec?.sources?.names.map((n) => `src-${n}`) ?? [];
    return [...super.observedAttributes, ...own, ...sources, 'lang'];
  }

  /**
   * Rows (array of objects), an element-specific object, CSV/JSON text, or a promise of any
   * of these (the widget shows its loading state until it settles). Takes precedence over
   * `src` and inline data.
   */
  @property({ attribute: false }) data?: unknown;

  /**
   * URL of JSON or CSV data. Setting it again, even to the same URL, retries. A newer
   * value aborts the older request.
   */
  @property({ hasChanged: () => true }) src?: string;

  /** ISO 4217 code for money values. */
  @property() currency = 'USD';

  /** Column mapping as an object, e.g. `{ stage: 'deal_stage' }`; `<key>-field` attributes do the same. */
  @property({ attribute: false }) fields?: FieldMapping;

  /** CSV separator; detected from the header line by default. */
  @property() delimiter?: string;

  /** Decimal separator of CSV numbers: '.' or ','. Default: ',' for `;`-separated files, else '.'. */
  @property() decimal?: string;

  /** Milliseconds before a `src` request is given up. */
  @property({ type: Number }) timeout = 15_000;

  /** Accessible name and visible title; each element has a default. */
  @property() label?: string;

  /** Column to break the data down by (lead source, channel, rep, region…): feeds the `group` field. */
  @property({ attribute: 'group-by' }) groupBy?: string;

  @state() protected phase: Phase = 'idle';
  @state() protected error?: KpiErrorDetail;
  @state() protected built?: Built<M, R>;
  @state() protected width = 0;
  /** Progress of a long compute, while the phase is 'loading'. */
  @state() protected jobProgress?: Progress;
  @state() private parsed?: Parsed;
  @state() private inlineNonce = 0;
  @state() private fieldNonce = 0;
  @state() private langNonce = 0;
  @state() private sourceNonce = 0;

  /** The element's single input and the spec's named ones (core/element/input.ts). */
  private readonly inputHost: InputHost = {
    fetch: (src, options) => this.fetchInput(src, options),
    timeout: () => this.timeout,
    delimiter: () => this.delimiter,
    settled: () => this.inputSettled(),
  };
  private readonly mainInput = new InputLoader(this.inputHost);
  private readonly named = new InputSet(this.inputHost);
  /** The host's width, for layouts; its children, for inline data edited in place. */
  private readonly widthObserver = new WidthObserver(this, () => this.width, (w) => (this.width = w));
  private readonly childrenObserver = new ChildrenObserver(this, () => this.inlineNonce++);
  private lastErrorKey?: string;
  private buildPending = false;
  private specJob?: AbortController;
  private freshSrc = false;
  /** A `src` whose whole pipeline runs as the spec's worker job (spec.job): nothing is parsed here. */
  private jobSrc?: { readonly src: string };
  private refetched = false;
  private messagesLoading?: Promise<void>;

  /** The subclass's message namespace: `t('title')` reads `<namespace>.title`, then `common.title`. */
  protected namespace = '';

  /** The user's column for a field key, from the last build (for notices in the user's words). */
  protected columnName: (key: string) => string = (key) => key;

  /** What the element computed, as plain data; undefined until data is ready. */
  get result(): R | undefined {
    return this.built?.result;
  }

  /** The current phase, reflected for CSS as the `state` attribute. */
  get state(): Phase {
    return this.phase;
  }

  /** Intl locale and message table, from the element's own `lang` or the nearest ancestor's. */
  get locale_(): LocaleInfo {
    return resolveLocale(this);
  }

  /** The Intl locale ('en-GB', 'de'…) that every number and date format uses. */
  get lang_(): string {
    return this.locale_.locale;
  }

  protected get t(): Translate {
    const info = this.locale_;
    // A message locale other than English is loaded on first use: English until then, and a new render when it is in.
    if (!this.messagesLoading && !hasMessages(info.messages)) this.messagesLoading = loadMessages(info.messages).then(() => { this.messagesLoading = undefined; this.requestUpdate(); });
    return translator(info, this.namespace);
  }

  /** `updateComplete` also waits for a message table being loaded and the render that follows it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (!this.messagesLoading) return done;
    await this.messagesLoading;
    return this.getUpdateComplete();
  }

  /**
   * Fetch and parse `src`. An element whose inputs can be large (kpi-ltv) overrides this to
   * parse off the main thread; it must keep the same errors (KpiError) and honour the signal.
   */
  protected fetchInput(src: string, options: FetchOptions & { fresh?: boolean }): Promise<Parsed> {
    return fetchShared(src, options);
  }

  /** Turn parsed input into a model. Throw KpiError('validation' | 'config') for input it cannot use. */
  protected build(_input: Input): Built<M, R> {
    throw new KpiError({ code: 'config', message: `${this.localName} declares neither a spec nor build()` });
  }

  /** Properties whose change means the model must be rebuilt (besides the input): the spec's options by default. */
  protected readonly optionKeys: readonly string[] = [];

  private rebuildKeys(): readonly string[] {
    const spec = (this.constructor as typeof KpiElement).spec;
    return spec ? Object.keys(spec.options) : this.optionKeys;
  }

  /** The typed options, parsed from the properties; undefined while they are not valid. */
  protected options?: Record<string, unknown>;

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected after a disconnect aborted a fetch: load again.
    if (this.hasUpdated && this.phase === 'loading') this.inlineNonce++;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.mainInput.abort();
    this.named.abort();
    this.specJob?.abort();
    this.specJob = undefined;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name.endsWith('-field')) this.fieldNonce++;
    if (name === 'lang') this.langNonce++;
    if (name.startsWith('src-')) this.sourceNonce++;
  }

  /** Load the data again from its current source. */
  reload(): void {
    this.freshSrc = true;
    this.inlineNonce++;
    this.requestUpdate('src');
  }

  protected override willUpdate(changed: PropertyValues): void {
    // A spec that can build without rows (needsData) looks at its input again when an option changes and no data or src is given.
    const noRows = !!(this.constructor as typeof KpiElement).spec?.needsData && (this.data === undefined || this.data === null) && !this.src;
    const inputChanged = changed.has('data') || changed.has('src') || changed.has('inlineNonce') || changed.has('sources') || changed.has('sourceNonce') || !this.hasUpdated ||
      (noRows && this.rebuildKeys().some((k) => changed.has(k)));
    // `src` set again (even to the same URL) fetches again; a first `src` may share a page-wide read.
    if (changed.has('src') && changed.get('src') !== undefined) this.freshSrc = true;
    if (inputChanged) this.loadInput();
    const optionsChanged =
      changed.has('parsed') || changed.has('fields') || changed.has('groupBy') || changed.has('fieldNonce') || changed.has('decimal') ||
      changed.has('langNonce') || this.rebuildKeys().some((k) => changed.has(k));
    if ((optionsChanged || this.buildPending) && (this.parsed || this.jobSrc)) this.rebuild();
  }

  /**
   * Typed listeners: `kpi-update`'s `detail.result` has this element's result type, and the
   * other kpi- events their detail types.
   */
  override addEventListener<K extends keyof KpiElementEventMap<R>>(
    type: K,
    listener: (this: this, ev: KpiElementEventMap<R>[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof KpiElementEventMap<R>>(
    type: K,
    listener: (this: this, ev: KpiElementEventMap<R>[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener, options);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.setAttribute('state', this.phase);
    this.toggleAttribute('aria-busy', this.phase === 'loading');
    if (changed.has('built') && this.built && this.phase !== 'error') {
      this.dispatchEvent(kpiEvent('kpi-update', { result: this.built.result }));
      const { rejected = [], findings = [], total = 0 } = this.built;
      if (rejected.length > 0 || findings.length > 0) this.dispatchEvent(kpiEvent('kpi-warning', { rejected, findings, total }));
    }
    if (changed.has('error') && this.error) {
      const key = JSON.stringify(this.error);
      if (key !== this.lastErrorKey || changed.get('error') === undefined) {
        this.lastErrorKey = key;
        this.dispatchEvent(kpiEvent('kpi-error', this.error));
      }
    }
  }

  /** An inline child: `only` narrows it to a named source's (`[data-source="leads"]`) or leaves out the named ones. */
  private inlineSource(only = ''): InlineSource | undefined {
    const sel = inlineSelectors(only);
    const script = this.querySelector<HTMLScriptElement>(sel.script);
    if (script) return { text: script.textContent ?? '', type: script.type };
    const table = this.querySelector<HTMLTableElement>(sel.table);
    return table ? { table } : undefined;
  }

  /**
   * Where each named source (spec.sources) comes from: the `sources` property (rows, a promise,
   * or a URL string), a `src-<name>` attribute, a `data-source="<name>"` child. The spec's
   * default source is the element's own input (`data`, `src`, the plain inline child) first.
   */
  private sourceFroms(): { main: InputFrom; named: Record<string, InputFrom> } {
    const decl = (this.constructor as typeof KpiElement).spec?.sources;
    const main: InputFrom = { data: this.data, src: this.src, inline: undefined };
    if (!decl) return { main: { ...main, inline: this.inlineSource() }, named: {} };
    const given = (this as unknown as { sources?: Readonly<Record<string, unknown>> | null }).sources ?? {};
    const fromOf = (name: string): InputFrom => {
      const v = Object.hasOwn(given, name) ? given[name] : undefined;
      return {
        data: typeof v === 'string' ? undefined : v,
        src: (typeof v === 'string' ? v : undefined) || this.getAttribute(`src-${name}`) || undefined,
        inline: this.inlineSource(`[data-source="${name}"]`),
      };
    };
    const named: Record<string, InputFrom> = {};
    for (const name of decl.names) if (name !== decl.default) named[name] = fromOf(name);
    const own = fromOf(decl.default);
    const others = decl.names.filter((n) => n !== decl.default).map((n) => `:not([data-source="${n}"])`).join('');
    return {
      main: {
        data: main.data ?? own.data,
        src: main.src || own.src,
        inline: own.inline ?? this.inlineSource(others),
      },
      named,
    };
  }

  private loadInput(): void {
    this.jobSrc = undefined;
    const fresh = this.freshSrc;
    this.freshSrc = false;
    const spec = (this.constructor as typeof KpiElement).spec;
    const { main, named } = this.sourceFroms();
    this.named.load(named, fresh);
    if ((main.data === undefined || main.data === null) && main.src && spec?.job && !this.named.given) {
      // Fetch, parse, read and compute all run in the kit's worker (rebuild → runSpecJob).
      this.mainInput.abort();
      this.jobSrc = { src: main.src };
      this.parsed = undefined;
      this.phase = 'loading';
      this.error = undefined;
      this.buildPending = true;
      return;
    }
    this.mainInput.load(main, fresh);
    this.inputSettled();
  }

  /** After a load started or ended: the error, loading, or the parsed input to build on. */
  private inputSettled(): void {
    const error = this.mainInput.error ?? this.named.error;
    if (error) {
      this.parsed = undefined;
      return this.fail(error);
    }
    if (this.mainInput.status === 'loading' || this.named.loading) {
      this.phase = 'loading';
      this.error = undefined;
      return;
    }
    if (this.mainInput.parsed) {
      this.parsed = this.mainInput.parsed;
      this.buildPending = true;
      this.requestUpdate();
      return;
    }
    // No rows of its own: a widget with named sources given, or one that can show something without rows
    // (a scorecard of supplied values), builds on none.
    const spec = (this.constructor as typeof KpiElement).spec;
    if (this.named.given || (spec?.needsData && !this.needsDataNow(spec))) {
      this.parsed = EMPTY_INPUT;
      this.buildPending = true;
      this.requestUpdate();
      return;
    }
    this.parsed = undefined;
    this.built = undefined;
    this.error = undefined;
    this.phase = 'empty';
  }

  /** Whether the spec wants rows with the current options (true when they are not valid yet: the build reports them). */
  private needsDataNow(spec: AnySpec): boolean {
    try {
      return spec.needsData!(parseOptions(spec.options, this));
    } catch {
      return false;
    }
  }

  private fail(detail: KpiErrorDetail): void {
    this.built = undefined;
    this.error = detail;
    this.phase = 'error';
  }

  /**
   * Something the build must wait for besides the data (a scorecard's `config-src`): 'wait' keeps
   * the loading state, an error detail fails the build with it; undefined builds.
   */
  protected buildBlocker(): 'wait' | KpiErrorDetail | undefined {
    return undefined;
  }

  private rebuild(): void {
    this.buildPending = false;
    this.specJob?.abort();
    this.specJob = undefined;
    this.jobProgress = undefined;
    const blocker = this.buildBlocker();
    if (blocker === 'wait') {
      this.buildPending = true;
      this.built = undefined;
      this.error = undefined;
      this.phase = 'loading';
      return;
    }
    if (blocker) return this.fail(blocker);
    const specs = (this.constructor as typeof KpiElement).fieldsOf;
    const mapping: Record<string, string | undefined> = {};
    for (const key of Object.keys(specs)) mapping[key] = this.fields?.[key] ?? this.getAttribute(fieldAttribute(key)) ?? undefined;
    if ('group' in specs) mapping['group'] = this.groupBy || mapping['group'];
    const settings: InputSettings = {
      mapping,
      decimal: this.decimal,
      lang: this.lang_,
      currency: this.currency,
      currencyExplicit: this.hasAttribute('currency') || this.currency !== 'USD',
    };
    const spec = (this.constructor as typeof KpiElement).spec;
    if (this.jobSrc && spec?.job) {
      try {
        return this.runSpecJob(spec, spec.job, settings, this.jobSrc);
      } catch (e) {
        return this.fail(toErrorDetail(e, 'config'));
      }
    }
    const parsed = this.parsed!;
    const { mapping: _m, ...shared } = settings;
    const named = this.named.parsed();
    const sources: Record<string, SourceInput> = {};
    for (const [name, p] of Object.entries(named)) sources[name] = { parsed: p, settings: shared };
    const input: Input = this.named.given ? { ...inputOf(specs, parsed, settings), sources } : inputOf(specs, parsed, settings);
    this.columnName = input.columnName;
    // Input that fetchInput prepared for other settings (a new field mapping): fetch it again, once.
    const stale = !!this.src && (this.data === undefined || this.data === null) && !!spec?.stale?.(input);
    if (stale && !this.refetched) {
      this.refetched = true;
      return this.loadInput();
    }
    this.refetched = false;
    try {
      if (spec) return this.runSpec(spec, input);
      const built = this.build(input);
      this.built = built;
      this.error = undefined;
      this.phase = built.empty ? 'empty' : 'ready';
    } catch (e) {
      this.fail(toErrorDetail(e, 'config'));
    }
  }

  /** The element's state as a run's sink (core/element/run.ts). */
  private readonly sink: RunSink = {
    loading: (progress) => {
      this.built = undefined;
      this.error = undefined;
      this.phase = 'loading';
      // Progress a compute reported while it started (before it returned its promise) stays.
      if (progress) this.jobProgress = progress;
    },
    progress: (progress) => {
      this.jobProgress = progress;
    },
    done: (built) => {
      this.specJob = undefined;
      this.jobProgress = undefined;
      this.built = built as Built<M, R>;
      this.error = undefined;
      this.phase = built.empty ? 'empty' : 'ready';
    },
    failed: (detail) => {
      this.specJob = undefined;
      this.jobProgress = undefined;
      this.fail(detail);
    },
  };

  /** The spec pipeline: options, then read → compute → result (core/element/run.ts). */
  private runSpec(spec: AnySpec, input: Input): void {
    const options = parseOptions(spec.options, this) as Record<string, unknown>;
    this.options = options;
    this.specJob = runSpec(spec, input, options, this.sink);
  }

  /** A `src` whose whole pipeline runs in the kit's worker (spec.job; core/element/run.ts). */
  private runSpecJob(spec: AnySpec, kind: string, settings: InputSettings, from: { readonly src: string }): void {
    const options = parseOptions(spec.options, this) as Record<string, unknown>;
    this.options = options;
    this.specJob = runSpecJob(spec, kind, {
      settings,
      src: from.src,
      options,
      timeout: this.timeout,
      delimiter: this.delimiter,
      onColumns: (columnName) => (this.columnName = columnName),
    }, this.sink);
  }

  /** Loading, empty and error states; null when the subclass should render its content. */
  protected renderState(): TemplateResult | null {
    return stateView({
      phase: this.phase,
      t: this.t,
      progress: this.jobProgress,
      error: this.error,
      built: this.built,
      onRetry: this.src || this.mainInput.url || this.named.fromUrl ? () => this.reload() : undefined,
    });
  }

  /** The notice of rows left out by validation, with the first reasons. */
  protected renderRejected(): TemplateResult | typeof nothing {
    return rejectedView(this.built?.rejected ?? [], this.t);
  }
}

export { validationError } from '../schema/validation-error.ts';
