/**
 * What a widget declares; the base class (kpi-element.ts) runs the rest of the pipeline:
 *
 *   input (data | src | inline) → parse → read (map fields, validate rows) → compute → result
 *
 * A widget's `spec.ts` is plain data and plain functions (no lit, no DOM), so each step can be
 * tested in node. `compute` may return the model, a generator of progress steps (the base
 * drains it at once for small inputs and in main-thread slices for large ones, through
 * core/jobs), or a promise (work the widget sends to a worker through core/jobs).
 */
import type { Parsed } from '../data/load.ts';
import type { FieldSpecs } from '../data/fields.ts';
import type { RejectedRow } from '../schema/validate.ts';
import type { Finding } from '../data/quality.ts';
import type { OptionSpecs } from './options.ts';
import { drainSteps } from '../steps.ts';
import type { InputSettings } from './pipeline.ts';

/** The parsed input handed to `read`, with what is needed to map and coerce fields. */
export interface Input {
  readonly parsed: Parsed;
  /** Column of each declared field. */
  readonly columns: Readonly<Record<string, string | undefined>>;
  /** Column name for a field key (for error messages in the user's words). */
  readonly columnName: (key: string) => string;
  readonly decimal: '.' | ',';
  readonly dayOrder: 'dmy' | 'mdy';
  /** The field mapping the page gave (`fields` property and `<key>-field` attributes). */
  readonly mapping: Readonly<Record<string, string | undefined>>;
  /** The widget's `currency` (ISO 4217), and whether the page set it (then it filters rows by currency). */
  readonly currency?: string;
  readonly currencyExplicit?: boolean;
  /**
   * The named inputs that were given (spec.sources), parsed, by name. `read` maps each with its
   * own field mapping: `inputOf(fields, s.parsed, { ...s.settings, mapping })` (pipeline.ts).
   */
  readonly sources?: Readonly<Record<string, SourceInput>>;
}

/** A named input as loaded: parsed, with the element's settings (locale, decimal, currency) but no mapping yet. */
export interface SourceInput {
  readonly parsed: Parsed;
  readonly settings: Omit<InputSettings, 'mapping'>;
}

/**
 * Named inputs besides the element's single one (a scorecard's deals, leads, costs…). Each is
 * given like the single input, in three ways (core/element/input.ts loads them all):
 * - the element's `sources` property, `{ leads: rows | promise | "url", … }` (a string is a URL);
 * - a `src-<name>` attribute (`src-leads="leads.csv"`);
 * - an inline child `<script type="application/json|text/csv" data-source="<name>">` or
 *   `<table data-source="<name>">`.
 * `default` names the one that is the element's own input (`data`, `src`, the plain inline child).
 */
export interface SourcesSpec {
  readonly default: string;
  readonly names: readonly string[];
}

/** What `read` returns: the validated data and what was left out. */
export interface Read<D> {
  readonly data: D;
  /** Rows left out by validation: shown in the widget and in `result`, never silently dropped. */
  readonly rejected: readonly RejectedRow[];
  /** Input rows, valid or not. */
  readonly total: number;
}

export interface Progress {
  readonly stage: string;
  readonly done: number;
  readonly total?: number;
}

export interface ComputeContext {
  readonly signal: AbortSignal;
  readonly onProgress: (p: Progress) => void;
}

export type Computed<M> = M | Generator<Progress, M, void> | Promise<M>;

export interface WidgetSpec<O, D, M, R> {
  /** The columns this widget reads, each mappable with a `<key>-field` attribute. */
  readonly fields: FieldSpecs;
  /** Its options: one property each, taking the attribute string or the typed value. */
  readonly options: OptionSpecs<O>;
  /**
   * Map and validate the parsed input. Throw KpiError('validation' | 'config') for input it cannot
   * use. It may return a generator of progress steps instead (as `compute` may): the main thread
   * then drains it in slices when no worker runs the pipeline, so a large input is never read in
   * one long task.
   */
  readonly read: (input: Input, options: O) => Read<D> | Generator<Progress, Read<D>, void>;
  /** Turn the data into a model; see the module comment for the three forms. */
  readonly compute: (data: D, options: O, ctx: ComputeContext) => Computed<M>;
  /** Plain data exposed as `result` and sent with `kpi-update`. */
  readonly result: (model: M, read: Read<D>, options: O) => R;
  /** True when the model has nothing to show (the empty state). */
  readonly isEmpty: (model: M) => boolean;
  /**
   * Whether rows are needed with these options (default: always). When not, and no input is
   * given, the widget builds on no rows instead of showing the empty state.
   */
  readonly needsData?: (options: O) => boolean;
  /**
   * A job of the kit's worker (src/entries/worker.ts registers `pipelineJob(spec)` from
   * core/element/pipeline.ts under this name) that runs the whole pipeline for `src` input:
   * fetch, parse, read and compute off the main thread; only the model comes back, so the
   * model must be structured-cloneable (plain data: no functions, no class instances).
   */
  readonly job?: string;
  /**
   * Restore, in a model that came back from the worker, what a structured clone cannot carry:
   * live references such as a catalogue KPI's metadata, whose names and formulas fill in as
   * message tables load (the worker loads none). Must leave a model built here unchanged.
   */
  readonly revive?: (model: M) => M;
  /** Input rows up to which a generator `compute` is drained at once (default 50,000). */
  readonly syncRows?: number;
  /**
   * Rows left out, when compute validates them rather than read (kpi-ltv reads rows into
   * columns in slices); default `read.rejected`.
   */
  readonly rejectedOf?: (model: M) => readonly RejectedRow[];
  /** What the data-quality pass (core/data/quality.ts) found, for `kpi-warning`. */
  readonly findingsOf?: (model: M) => readonly Finding[];
  /**
   * True when the parsed input was prepared for other settings (kpi-ltv's `fetchInput` packs
   * columns with the field mapping and locale of the moment). Input from `src` is then fetched
   * again (once) instead of read; other input goes on to `read`, which reports it.
   */
  readonly stale?: (input: Input) => boolean;
  /** Named inputs (see SourcesSpec); a spec with sources runs on the main thread when any is given. */
  readonly sources?: SourcesSpec;
}

export type AnySpec = WidgetSpec<any, any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type OptionsOfSpec<S> = S extends WidgetSpec<infer O, unknown, unknown, unknown> ? O : never;
export type ModelOfSpec<S> = S extends WidgetSpec<any, any, infer M, any> ? M : never; // eslint-disable-line @typescript-eslint/no-explicit-any
export type ResultOfSpec<S> = S extends WidgetSpec<any, any, any, infer R> ? R : never; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What a build gives the element: the model, and what `result`, the states and the notices show. */
export interface Built<M, R> {
  readonly model: M;
  /** Plain data exposed as `result` and sent with `kpi-update`. */
  readonly result: R;
  readonly empty: boolean;
  /** Rows left out by validation: shown in the widget and in `result`, never silently dropped. */
  readonly rejected?: readonly RejectedRow[];
  readonly total?: number;
  /** What the data-quality pass found (core/data/quality.ts). */
  readonly findings?: readonly Finding[];
}

/** A `read`'s result, its steps (if it returned steps) run to their end at once. */
export function readNow<D>(r: Read<D> | Generator<Progress, Read<D>, void>): Read<D> {
  return typeof (r as Generator).next === 'function' ? drainSteps(r as Generator<Progress, Read<D>, void>) : (r as Read<D>);
}
