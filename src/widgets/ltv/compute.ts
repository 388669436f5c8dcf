/**
 * <kpi-ltv>'s read and compute, the functions its spec points at. Pure: no lit, no DOM.
 *
 * read: the parsed input → `LtvData`, cheaply: either transactions already packed into
 * columns (by the `ltv-load` job of the kit's worker, see load.ts), or the rows
 * (`rowsOf`), with the columns of the field mapping. It checks that a customer, a date and
 * an amount column exist; the rows themselves are validated (mapRows + the zod `LtvRow`
 * schema + validateRows, columns.ts) by compute, chunk by chunk, so a million rows can be
 * read in main-thread slices. Rows left out reach `result.rejected` and the notice through
 * the spec's `rejectedOf`.
 *
 * compute: the model, in one of the three forms the base runs (src/core/element/spec.ts):
 * - historical or simple (no fit): a generator of steps (rows → columns → base model →
 *   distribution and lists), drained at once for small inputs, in slices for large ones;
 * - predictive or auto: small inputs are prepared at once; when the method is predictive
 *   and no fit is cached, a promise that fits BG/NBD + Gamma-Gamma in the kit's worker
 *   (fit.ts → core/jobs runJob 'ltv-fit', with the signal and progress of the base) and
 *   assembles the model; large inputs are prepared in slices first (core/jobs runInSlices).
 *
 * Caches (module-level, so the element keeps no copies): the columns read from a rows array,
 * keyed by that array and the columns key (mapping, decimal, day order); the fit, keyed by
 * the columns object and the predictive settings. Changing `cac` or `margin` neither reads
 * the rows again nor refits.
 */
import { rowsOf } from '../../core/data/load.ts';
import { KpiError } from '../../core/data/errors.ts';
import { fieldAttribute, resolveColumns, type FieldMapping, type FieldSpecs } from '../../core/data/fields.ts';
import { validationError } from '../../core/schema/validation-error.ts';
import { checkCurrencyAttribute, checkDuplicateColumns } from '../../core/data/quality.ts';
import { runInSlices } from '../../core/jobs/client.ts';
import type { ComputeContext, Computed, Input, Read } from '../../core/element/spec.ts';
import { LTV_FIELDS, toColumnsSteps, type ColumnOptions, type LtvColumns } from './columns.ts';
import { columnsKey, isLoadedColumns, type LoadedColumns } from './loaded.ts';
import { assembleModel, assembleSteps, drain, prepareFromColumnsSteps, type LtvModel, type LtvProgress, type LtvSettings, type Prepared } from './pipeline.ts';
import { resolvePredictive, type CompactFit } from './predictive.ts';
import { fitColumns } from './fit.ts';
import { computePatternsModel, readPatterns, type PatternsData } from './patterns.ts';
import type { LtvOptions } from './spec.ts';

/** Input rows prepared at once; more are read and added up in main-thread slices. */
export const SYNC_ROWS = 20_000;
/** Longest main-thread slice, ms. */
const SLICE_MS = 12;
const REQUIRED = ['customer', 'date', 'amount'] as const;

/** What read hands to compute. */
export interface LtvData {
  /** Transactions already in columns (packed by the load worker); else `rows`. */
  readonly packed?: LtvColumns;
  /** The rows, read into columns by compute. */
  readonly rows?: readonly unknown[];
  /** Column of each field. */
  readonly columns: Readonly<Record<string, string | undefined>>;
  readonly columnOptions: ColumnOptions;
  /** The columns key (mapping, decimal, day order) the columns are read with. */
  readonly key: string;
  /** Input rows. */
  readonly total: number;
  /** `input="patterns"`: the pattern rows (patterns.ts) instead of transactions. */
  readonly patterns?: PatternsData;
}

/** The page's field mapping: the `fields` property, then `<key>-field` attributes (as the base reads it). */
export function fieldMapping(fields: FieldMapping | undefined, attribute: (name: string) => string | null, specs: FieldSpecs = LTV_FIELDS): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(specs)) out[key] = fields?.[key] ?? attribute(fieldAttribute(key)) ?? undefined;
  return out;
}

/** The decimal separator recorded in a columns key. */
function keyDecimal(key: string): string {
  try {
    const d = (JSON.parse(key) as unknown[])[1];
    return d === ',' ? ',' : '.';
  } catch {
    return '.';
  }
}

/** Packed columns' fields under the page's current mapping, and the key they would be packed with. */
function packedColumns(loaded: LoadedColumns, input: Input): { columns: Record<string, string | undefined>; key: string } {
  const columns = resolveColumns(LTV_FIELDS, input.mapping, loaded.header);
  // Through `src` the parsed input carries the packed file's format, so input.decimal is what
  // the worker read with; handed over through `data`, the packed columns keep their own.
  const decimal = input.parsed.format === loaded.format ? input.decimal : loaded.format === 'csv' ? keyDecimal(loaded.key) : '.';
  return { columns, key: columnsKey(columns, decimal, input.dayOrder) };
}

/** True when the input is packed columns built with another mapping, decimal or day order. */
export function isStaleLtvInput(input: Input): boolean {
  const value = input.parsed.value;
  return isLoadedColumns(value) && packedColumns(value, input).key !== value.key;
}

function requireColumns(columns: Readonly<Record<string, string | undefined>>, header: readonly string[], rows: number): void {
  if (rows === 0) return;
  for (const key of REQUIRED) {
    if (columns[key] === undefined) {
      throw new KpiError({ code: 'config', message: `no ${key} column found: map one with ${key}-field (columns: ${header.slice(0, 12).join(', ') || 'none'})` });
    }
  }
}

/**
 * Options that contradict each other or leave their domain: `cac` with `acquisition-cost` /
 * `new-customers` (two CACs), a margin above 100 %. A `config` error naming the attributes.
 */
export function checkLtvOptions(o: Partial<LtvOptions> | undefined): void {
  if (!o) return;
  if (o.cac !== undefined && (o.acquisitionCost !== undefined || o.newCustomers !== undefined)) {
    const other = [o.acquisitionCost !== undefined ? 'acquisition-cost' : '', o.newCustomers !== undefined ? 'new-customers' : ''].filter(Boolean).join(' and ');
    throw new KpiError({ code: 'config', message: `cac and ${other} both set the acquisition cost: give cac, or acquisition-cost with new-customers, not both` });
  }
  if (o.newCustomers !== undefined && o.acquisitionCost === undefined) {
    throw new KpiError({ code: 'config', message: 'new-customers needs acquisition-cost (CAC = acquisition-cost ÷ new-customers)' });
  }
  if (o.margin !== undefined && o.margin > 1) {
    throw new KpiError({ code: 'config', message: `margin: ${Math.round(o.margin * 100)} % is above 100 % (allowed: a rate from 0 to 1, or 0% to 100%)` });
  }
}

/** The parsed input → the rows or packed columns, with their field columns. */
export function readLtv(input: Input, o?: Partial<LtvOptions>): Read<LtvData> {
  checkCurrencyAttribute(input.currency);
  checkLtvOptions(o);
  const value = input.parsed.value;
  if (o?.input === 'patterns') {
    const patterns = readPatterns(value);
    return { data: { patterns, columns: {}, columnOptions: {}, key: '', total: patterns.rows.length }, rejected: [], total: patterns.rows.length };
  }
  if (isLoadedColumns(value)) {
    const { columns, key } = packedColumns(value, input);
    const cols = value.columns;
    requireColumns(columns, value.header, cols.total);
    if (key !== value.key) {
      throw new KpiError({ code: 'config', message: 'the packed columns were built with another field mapping, decimal separator or language: load them again with the current ones' });
    }
    return { data: { packed: cols, columns, columnOptions: {}, key, total: cols.total }, rejected: cols.rejected, total: cols.total };
  }
  const rows = rowsOf(value);
  if (!rows) throw new KpiError({ code: 'validation', message: 'expected a list of transactions (an array, or an object with a "rows" array)' });
  const header = input.parsed.header ?? Object.keys((rows[0] ?? {}) as object);
  requireColumns(input.columns, header, rows.length);
  if (rows.length > 0) checkDuplicateColumns(header, input.columns);
  const columnOptions: ColumnOptions = {
    decimal: input.decimal,
    dayOrder: input.dayOrder,
    columnName: input.columnName,
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    currencyExplicit: input.currencyExplicit ?? false,
  };
  // The currency settings filter rows too: part of the cache key of rows read into columns.
  const key = `${columnsKey(input.columns, input.decimal, input.dayOrder)}|${input.currency ?? ''}|${input.currencyExplicit ? 1 : 0}`;
  // Validation happens as compute reads the rows into columns: see rejectedOf in spec.ts.
  return { data: { rows, columns: input.columns, columnOptions, key, total: rows.length }, rejected: [], total: rows.length };
}

/** The typed options → the pipeline's settings. */
export function ltvSettings(o: LtvOptions): LtvSettings {
  return {
    ...(o.method !== 'auto' ? { method: o.method } : {}),
    ...(o.margin !== undefined ? { margin: o.margin } : {}),
    ...(o.lifespan !== undefined ? { lifespanYears: o.lifespan } : {}),
    minRepeat: o.minRepeat,
    predictive: resolvePredictive({
      unit: o.timeUnit,
      ...(o.calibrationEnd !== undefined ? { calibrationEnd: o.calibrationEnd } : {}),
      ...(o.horizon !== undefined ? { horizon: o.horizon } : {}),
      ...(o.discountRate !== undefined ? { discountRate: o.discountRate } : {}),
    }),
    cac: {
      ...(o.cac !== undefined ? { cac: o.cac } : {}),
      ...(o.acquisitionCost !== undefined ? { acquisitionCost: o.acquisitionCost } : {}),
      ...(o.newCustomers !== undefined ? { newCustomers: o.newCustomers } : {}),
      target: o.ltvCacTarget,
    },
  };
}

const columnsCache = new WeakMap<object, { readonly key: string; readonly cols: LtvColumns }>();
const fitCache = new WeakMap<LtvColumns, { readonly key: string; readonly fit: CompactFit }>();

/** The columns of this data once read (packed, or cached from its rows); segments.ts reads them after compute. */
export function cachedColumns(d: LtvData): LtvColumns | undefined {
  if (d.packed) return d.packed;
  const hit = d.rows ? columnsCache.get(d.rows) : undefined;
  return hit && hit.key === d.key ? hit.cols : undefined;
}

/** The columns: packed, cached, or read from the rows chunk by chunk. No valid row at all is a validation error. */
function* columnsSteps(d: LtvData): Generator<LtvProgress, LtvColumns, void> {
  let cols = cachedColumns(d);
  if (!cols) {
    cols = yield* toColumnsSteps(d.rows ?? [], d.columns, d.columnOptions);
    if (d.rows) columnsCache.set(d.rows, { key: d.key, cols });
  }
  if (cols.n === 0 && cols.rejected.length > 0) throw validationError(cols.rejected, cols.total);
  return cols;
}

function* prepareSteps(d: LtvData, settings: LtvSettings): Generator<LtvProgress, Prepared, void> {
  const cols = yield* columnsSteps(d);
  return yield* prepareFromColumnsSteps(cols, settings);
}

function* modelSteps(d: LtvData, settings: LtvSettings): Generator<LtvProgress, LtvModel, void> {
  const prep = yield* prepareSteps(d, settings);
  return yield* assembleSteps(prep, null);
}

function slices<T>(steps: Generator<LtvProgress, T, void>, ctx: ComputeContext): Promise<T> {
  return runInSlices(steps, { sliceMs: SLICE_MS, signal: ctx.signal, onProgress: ctx.onProgress, abortError: () => new DOMException('aborted', 'AbortError') });
}

const fitKey = (prep: Prepared) => JSON.stringify(prep.settings.predictive);

/** The cached fit of these columns under these settings, if any. */
export function cachedFit(prep: Prepared): CompactFit | undefined {
  const hit = fitCache.get(prep.columns);
  return hit && hit.key === fitKey(prep) ? hit.fit : undefined;
}

/** After the preparation: the model at once, or a promise when it must be fitted (or was prepared in slices). */
function finish(prep: Prepared, ctx: ComputeContext, sliced: boolean): LtvModel | Promise<LtvModel> {
  const fit = prep.needsFit ? cachedFit(prep) : null;
  if (fit !== undefined) return sliced ? slices(assembleSteps(prep, fit), ctx) : assembleModel(prep, fit);
  ctx.onProgress({ stage: 'summary', done: 0 });
  return fitColumns(prep.columns, prep.settings.predictive, {
    signal: ctx.signal,
    onProgress: (p) => ctx.onProgress({ stage: p.stage, done: p.done }),
  }).then((fitted) => {
    fitCache.set(prep.columns, { key: fitKey(prep), fit: fitted });
    return slices(assembleSteps(prep, fitted), ctx);
  });
}

/** Data + options → the LTV model (see the module comment for the forms it takes). */
export function computeLtvModel(d: LtvData, o: LtvOptions, ctx: ComputeContext): Computed<LtvModel> {
  if (d.patterns) return computePatternsModel(d.patterns, o.timeUnit, o.horizon, ctx);
  const settings = ltvSettings(o);
  if (settings.method === 'historical' || settings.method === 'simple') return modelSteps(d, settings);
  if (d.total <= SYNC_ROWS) return finish(drain(prepareSteps(d, settings)), ctx, false);
  ctx.onProgress({ stage: cachedColumns(d) ? 'compute' : 'read', done: 0, total: d.total });
  return slices(prepareSteps(d, settings), ctx).then((prep) => finish(prep, ctx, true));
}
