/**
 * The shared base of every kpi-kit element: its spec (fields, options, read, compute, result),
 * data in three ways (`data`, `src`, an inline child, in that order), field mapping, states,
 * events, `result`, language and size. It keeps the properties and the lifecycle; loading is
 * input.ts, the spec's run run.ts and pipeline.ts, events and messages controllers.ts, the
 * state views state-view.ts.
 */
import { LitElement, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { KpiError, toErrorDetail, type KpiErrorDetail } from '../data/errors.ts';
import { fetchShared, type FetchOptions, type Parsed } from '../data/load.ts';
import { inputWithSources, settingsOf } from './pipeline.ts';
import { ElementInputs, inputPatch } from './input.ts';
import { optionDefaults, parseOptions, rowsWanted, specAttributes } from './options.ts';
import type { AnySpec, Built, Input, Progress } from './spec.ts';
import type { FieldMapping, FieldSpecs } from '../data/fields.ts';
import type { KpiElementEventMap } from '../events.ts';
import { resolveLocale, type LocaleInfo, type Translate } from '../i18n/index.ts';
import { Announcer, Messages } from './controllers.ts';
import { tokens } from '../ui/tokens.ts';
import { rejectedView, stateView } from './state-view.ts';
import { changesOf, LatestRun, startSpec, stateSink, type RunSink } from './run.ts';
import { RenderStages, ViewMemo } from './stages.ts';
import { ChildrenObserver, WidthObserver } from './observers.ts';
import { yieldToEventLoop } from '../jobs/client.ts';

export type Phase = 'idle' | 'loading' | 'ready' | 'empty' | 'error';
export type { Built, Input } from './spec.ts';

/** Typed listeners, merged into the class's type (no code): `kpi-update`'s `detail.result` is `R`, other kpi- events their detail types. */
export interface KpiElement<M, R> {
  addEventListener<K extends keyof KpiElementEventMap<R>>(type: K, listener: (this: this, ev: KpiElementEventMap<R>[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof KpiElementEventMap<R>>(type: K, listener: (this: this, ev: KpiElementEventMap<R>[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface above only types inherited methods
export abstract class KpiElement<M, R> extends LitElement {
  static override styles: CSSResultGroup = [tokens];

  /** The widget's declaration (fields, options, read, compute, result): the base runs it. */
  static spec?: AnySpec;

  constructor() {
    super();
    // Every option starts at its default, so a script (or a framework) reading `el.scale` sees 'auto', not undefined.
    Object.assign(this, optionDefaults((this.constructor as typeof KpiElement).spec?.options ?? {}));
  }

  /** The declared fields, each mappable with a `<key>-field` attribute. */
  static get fieldsOf(): FieldSpecs {
    return this.spec?.fields ?? {};
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...specAttributes((this as unknown as typeof KpiElement).spec), 'lang'];
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
  /** A new result is drawn over frames (core/element/stages.ts): `drawStages.stage` of the widget's `renderStages`. */
  protected readonly drawStages = new RenderStages(this, () => this.renderStages);
  protected renderStages = 1;

  /** The element's single input and the spec's named ones (core/element/input.ts). */
  private readonly inputs = new ElementInputs({
    fetch: (src, options) => this.fetchInput(src, options),
    timeout: () => this.timeout,
    delimiter: () => this.delimiter,
    // The error, loading, the worker job, or the parsed input to build on (a parsed input may be the same empty one again).
    apply: (s) => {
      Object.assign(this, inputPatch(s));
      if (s.kind === 'parsed') this.requestUpdate();
    },
  });
  /** The host's width, for layouts; its children, for inline data edited in place. */
  private readonly widthObserver = new WidthObserver(this, () => this.width, (w) => (this.width = w));
  private readonly childrenObserver = new ChildrenObserver(this, () => this.inlineNonce++);
  /** The state attribute, kpi-update, kpi-warning and kpi-error after each update; the message tables of the host's language (core/element/controllers.ts). */
  private readonly announcer = new Announcer(this, () => ({ phase: this.phase, built: this.built, error: this.error, settled: this.drawStages.done }));
  private readonly messages = new Messages(this);
  private buildPending = false;
  private specJob?: AbortController;
  private freshSrc = false;
  /** A `src` whose whole pipeline runs as the spec's worker job (spec.job): nothing is parsed here. */
  private jobSrc?: { readonly src: string };
  private refetched = false;

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
    return this.messages.t(this.locale_, this.namespace);
  }

  /** `updateComplete` also waits for a message table being loaded and the render that follows it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (this.messages.pending) return this.messages.pending.then(() => this.getUpdateComplete());
    return this.drawStages.pending ? this.drawStages.pending.then(() => this.getUpdateComplete()) : done;
  }

  /** Fetch and parse `src`; kpi-ltv parses off the main thread, with the same errors (KpiError) and the signal honoured. */
  protected fetchInput(src: string, options: FetchOptions & { fresh?: boolean }): Promise<Parsed> {
    return fetchShared(src, { ...options, pause: yieldToEventLoop }); // a large JSON body is parsed in slices
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
    this.inputs.abort();
    this.specJob?.abort();
    this.specJob = undefined;
    this.builds.cancel();
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
    const spec = (this.constructor as typeof KpiElement).spec;
    const noData = (this.data === undefined || this.data === null) && !this.src;
    const { input, build } = changesOf(changed, spec, noData, !this.hasUpdated);
    // `src` set again (even to the same URL) fetches again; a first `src` may share a page-wide read.
    if (changed.has('src') && changed.get('src') !== undefined) this.freshSrc = true;
    if (input) this.loadInput();
    if ((build || this.buildPending) && (this.parsed || this.jobSrc)) this.rebuild();
    this.drawStages.phase(this.phase);
    if (this.phase === 'ready' && !this.width) this.width = this.widthObserver.measure(); // laid out at its real width
  }

  private loadInput(): void {
    const fresh = this.freshSrc;
    [this.jobSrc, this.freshSrc] = [undefined, false];
    const spec = (this.constructor as typeof KpiElement).spec;
    const given = (this as { sources?: Readonly<Record<string, unknown>> | null }).sources;
    this.inputs.load({ host: this, sources: spec?.sources, job: !!spec?.job, own: { data: this.data, src: this.src }, given, needsRows: () => rowsWanted(spec, this), fresh });
  }

  /** What the build waits for besides the data (a scorecard's `config-src`): 'wait' keeps loading, an error fails the build. */
  protected buildBlocker(): 'wait' | KpiErrorDetail | undefined {
    return undefined;
  }

  /** The element's state as a run's sink (core/element/run.ts). */
  private readonly sink: RunSink = stateSink((patch) => Object.assign(this, patch));

  /** Options, then the spec's pipeline: here, or whole in the kit's worker for a `src` (spec.job). */
  private rebuild(): void {
    this.buildPending = false;
    this.specJob?.abort();
    this.specJob = undefined;
    this.jobProgress = undefined;
    // A `src` for the worker: the loading state is drawn now, and the options are read and the
    // job started in a task of their own, so the first render is not one long task with them.
    const later = !!this.jobSrc && !!(this.constructor as typeof KpiElement).spec?.job;
    if (later) this.sink.loading({ stage: 'fetch', done: 0, total: 4 });
    this.builds.run(() => this.build(), later, () => this.isConnected);
  }

  /** The latest build: a deferred one that a newer rebuild or a disconnect overtook is dropped. */
  private readonly builds = new LatestRun();

  private build(): void {
    const blocker = this.buildBlocker();
    if (blocker === 'wait') {
      this.buildPending = true;
      return this.sink.loading();
    }
    if (blocker) return this.sink.failed(blocker);
    const { spec, fieldsOf } = this.constructor as typeof KpiElement;
    const settings = settingsOf(this, fieldsOf, { fields: this.fields, groupBy: this.groupBy, decimal: this.decimal, lang: this.lang_, currency: this.currency });
    try {
      if (!spec) throw new KpiError({ code: 'config', message: `${this.localName} declares no spec` });
      const options = (this.options = parseOptions(spec.options, this) as Record<string, unknown>);
      const input = () => inputWithSources(fieldsOf, this.parsed!, settings, this.inputs.namedGiven ? this.inputs.namedParsed() : null);
      const onColumns = (columnName: (key: string) => string) => (this.columnName = columnName);
      this.specJob = startSpec(spec, { settings, options, jobSrc: this.jobSrc?.src, timeout: this.timeout, delimiter: this.delimiter, onColumns, input, reload: (i) => this.reloadFor(i) }, this.sink);
    } catch (e) {
      this.sink.failed(toErrorDetail(e, 'config'));
    }
  }

  /** Input that fetchInput prepared for other settings (a new field mapping) is fetched again, once. */
  private reloadFor(input: Input): boolean {
    const stale = !!this.src && (this.data === undefined || this.data === null) && !!(this.constructor as typeof KpiElement).spec?.stale?.(input);
    this.refetched = stale && !this.refetched;
    if (this.refetched) this.loadInput();
    return this.refetched;
  }

  private readonly views = new ViewMemo();

  /**
   * The widget's view model, built again only when the result, the language, the size, the options or `extra`
   * (the widget's own UI state: sort, selection…) changed; a render that only draws more of it (`drawStages`) reuses it.
   */
  protected memoView<V>(extra: readonly unknown[], build: () => V): V {
    return this.views.get([this.built, this.lang_, this.currency, this.width, this.label, this.options, this.messages.version, ...extra], build);
  }

  /** Loading, empty and error states; null when the subclass should render its content. */
  protected renderState(): TemplateResult | null {
    const onRetry = this.src || this.inputs.fromUrl ? () => this.reload() : undefined;
    return stateView({ phase: this.phase, t: this.t, progress: this.jobProgress, error: this.error, built: this.built, onRetry });
  }

  /** The notice of rows left out by validation, with the first reasons. */
  protected renderRejected(): TemplateResult | typeof nothing {
    return rejectedView(this.built?.rejected ?? [], this.t);
  }
}

export { validationError } from '../schema/validation-error.ts';
