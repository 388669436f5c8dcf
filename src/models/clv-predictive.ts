/**
 * Predictive customer lifetime value: BG/NBD for how many purchases, Gamma-Gamma for how
 * much each is worth, discounted per period (Fader, Hardie & Lee 2005).
 *
 * CLV of a customer over K periods of length L (in the summary's time unit), with a
 * discount rate d per period, as lifetimes' `customer_lifetime_value` computes it:
 *   Σ_{i=1..K} (E[N(i·L)] − E[N((i−1)·L)]) · E[spend] / (1 + d)^i
 * where E[N(t)] is the BG/NBD conditional expectation of purchases in (T, T+t] and
 * E[spend] the Gamma-Gamma conditional mean spend. Defaults: 12 monthly periods at
 * d = 1 % a month, a month being 4.345 weeks, 30 days or 1 month (lifetimes' factors).
 *
 * Pure and DOM-free; `fitPredictiveClvSteps` yields often so a main thread can slice it.
 */
import { notAvailable, ratio, type MetricValue, type NotAvailable, type NotAvailableReason } from '../core/result.ts';
import { runToCompletion } from './optimize.ts';
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdConditionalFromParts,
  bgnbdConditionalNumerator,
  bgnbdProbabilityAlive,
  checkBgNbdParams,
  fitBgNbdSteps,
  type BgNbdFit,
  type BgNbdFitOptions,
  type BgNbdParams,
} from './bgnbd.ts';
import {
  checkGammaGammaParams,
  fitGammaGammaSteps,
  gammaGammaExpectedSpend,
  type GammaGammaFit,
  type GammaGammaFitOptions,
  type GammaGammaParams,
} from './gamma-gamma.ts';
import {
  summarizeTransactionsSteps,
  type RfmRow,
  type RfmSummary,
  type RfmSummaryOptions,
  type TimeUnit,
  type Transaction,
} from './rfm-summary.ts';

// The metadata is a module of its own so that code showing it (the LTV widget) does not load the model.
export { clvPredictiveMeta } from './clv-predictive-meta.ts';

/** Length of one month in each time unit, as lifetimes uses it. */
export const MONTH_IN_UNIT: Readonly<Record<TimeUnit, number>> = { days: 30, weeks: 4.345, months: 1 };

export interface ClvOptions {
  /** Time unit of the summary (default 'weeks'); sets the default period length. */
  readonly unit?: TimeUnit;
  /** Number of discount periods (default 12). */
  readonly periods?: number;
  /** Length of one period in the summary's unit (default one month: see MONTH_IN_UNIT). */
  readonly periodLength?: number;
  /** Discount rate per period (default 0.01). */
  readonly discountRate?: number;
}

export interface PredictiveClvOptions extends ClvOptions {
  readonly bgnbd?: BgNbdFitOptions;
  readonly gammaGamma?: GammaGammaFitOptions;
}

interface ResolvedClvOptions {
  readonly unit: TimeUnit;
  readonly periods: number;
  readonly periodLength: number;
  readonly discountRate: number;
  /** periods × periodLength, in the unit. */
  readonly horizon: number;
}

export interface CustomerPrediction {
  readonly ok: true;
  /** Expected purchases over the whole horizon. */
  readonly expectedPurchases: number;
  readonly probabilityAlive: number;
  /** Expected spend per purchase. */
  readonly expectedSpend: number;
  /** Discounted CLV over the horizon. */
  readonly clv: number;
}

export type CustomerPredictionResult = CustomerPrediction | NotAvailable;

export type PredictiveClvRow =
  | (RfmRow & CustomerPrediction)
  | (RfmRow & { readonly ok: false; readonly reason: NotAvailableReason; readonly detail: string });

export interface PredictiveClvTotals {
  readonly customers: number;
  /** Customers whose prediction is available (the totals sum these). */
  readonly available: number;
  readonly expectedPurchases: number;
  readonly clv: number;
  readonly meanClv: MetricValue;
  readonly meanProbabilityAlive: MetricValue;
}

export interface PredictiveClvResult {
  readonly ok: true;
  readonly options: ResolvedClvOptions;
  readonly bgnbd: BgNbdFit;
  readonly gammaGamma: GammaGammaFit;
  readonly customers: PredictiveClvRow[];
  readonly totals: PredictiveClvTotals;
}

export type PredictiveClvFitResult = PredictiveClvResult | NotAvailable;

export type ClvStage = 'summary' | 'bgnbd' | 'gamma-gamma' | 'predict';

export interface ClvProgress {
  readonly stage: ClvStage;
  /** Minimiser iteration, or customers predicted so far. */
  readonly done: number;
}

function resolve(options: ClvOptions): ResolvedClvOptions | NotAvailable {
  const unit = options.unit ?? 'weeks';
  const month = MONTH_IN_UNIT[unit];
  if (month === undefined) return notAvailable('invalid-input', `unknown time unit "${String(unit)}"`);
  const periods = options.periods ?? 12;
  const periodLength = options.periodLength ?? month;
  const discountRate = options.discountRate ?? 0.01;
  if (!Number.isInteger(periods) || periods < 1 || periods > 100_000) {
    return notAvailable('invalid-input', `periods must be an integer in [1, 100000] (got ${periods})`);
  }
  if (!(periodLength > 0) || !Number.isFinite(periodLength)) {
    return notAvailable('invalid-input', `periodLength must be a finite number > 0 (got ${periodLength})`);
  }
  if (!(discountRate > -1) || !Number.isFinite(discountRate)) {
    return notAvailable('invalid-input', `discountRate must be a finite number > −1 (got ${discountRate})`);
  }
  return { unit, periods, periodLength, discountRate, horizon: periods * periodLength };
}

/** Purchase side of one history: expected purchases, P(alive) and Σ ΔE[N]/(1+d)^i. */
interface PurchaseForecast {
  readonly ok: true;
  readonly expectedPurchases: number;
  readonly probabilityAlive: number;
  readonly discountedPurchases: number;
}

/**
 * Numerators of E[Y(i·L) | x, t_x, T] for i = 1…K (see bgnbdConditionalNumerator): they depend
 * on x and T only, so customers with the same (x, T) and any t_x share them. null where the
 * parameters sit on a removable singularity (then every period goes through the bridged
 * bgnbdConditionalExpectedPurchases).
 */
type Numerators = Float64Array | NotAvailable | null;

function periodNumerators(bg: BgNbdParams, x: number, T: number, o: ResolvedClvOptions): Numerators {
  const out = new Float64Array(o.periods);
  for (let i = 1; i <= o.periods; i++) {
    const e = bgnbdConditionalNumerator(bg, x, T, i * o.periodLength);
    if (e === null) return null;
    if (!e.ok) return e;
    out[i - 1] = e.value;
  }
  return out;
}

function forecastPurchases(
  bg: BgNbdParams,
  x: number,
  tx: number,
  T: number,
  o: ResolvedClvOptions,
  numeratorsOf?: (x: number, T: number) => Numerators,
): PurchaseForecast | NotAvailable {
  const alive = bgnbdProbabilityAlive(bg, x, tx, T);
  if (!alive.ok) return alive;
  const nums = numeratorsOf ? numeratorsOf(x, T) : periodNumerators(bg, x, T, o);
  if (nums !== null && !(nums instanceof Float64Array)) return nums;
  let prev = 0;
  let discounted = 0;
  let factor = 1;
  const df = 1 / (1 + o.discountRate);
  for (let i = 1; i <= o.periods; i++) {
    let value: number;
    if (nums === null) {
      const e = bgnbdConditionalExpectedPurchases(bg, x, tx, T, i * o.periodLength);
      if (!e.ok) return e;
      value = e.value;
    } else {
      // bgnbdConditionalFromParts, without an object per period in the common case
      value = nums[i - 1] * alive.value;
      if (value < 0) {
        const e = bgnbdConditionalFromParts(nums[i - 1], alive.value);
        if (!e.ok) return e;
        value = e.value;
      }
    }
    factor *= df;
    discounted += (value - prev) * factor;
    prev = value;
  }
  return { ok: true, expectedPurchases: prev, probabilityAlive: alive.value, discountedPurchases: discounted };
}

/**
 * Prediction for one customer from fitted parameters: expected purchases over the
 * horizon, P(alive), expected spend per purchase and the discounted CLV.
 */
export function predictCustomerClv(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  customer: RfmRow,
  options: ClvOptions = {},
): CustomerPredictionResult {
  const o = resolve(options);
  if ('ok' in o) return o;
  const bad = checkBgNbdParams(bg) ?? checkGammaGammaParams(gg);
  if (bad) return bad;
  const f = forecastPurchases(bg, customer.frequency, customer.recency, customer.T, o);
  if (!f.ok) return f;
  const spend = gammaGammaExpectedSpend(gg, customer.frequency, customer.monetary);
  if (!spend.ok) return spend;
  return toPrediction(f, spend.value);
}

function toPrediction(f: PurchaseForecast, spend: number): CustomerPredictionResult {
  const clv = f.discountedPurchases * spend;
  if (!Number.isFinite(clv)) return notAvailable('invalid-input', `CLV is not finite (${clv})`);
  return {
    ok: true,
    expectedPurchases: f.expectedPurchases,
    probabilityAlive: f.probabilityAlive,
    expectedSpend: spend,
    clv,
  };
}

/** Predictions for many customers from fitted parameters, with totals. */
export function predictClv(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  customers: readonly RfmRow[],
  options: ClvOptions = {},
): { readonly customers: PredictiveClvRow[]; readonly totals: PredictiveClvTotals } | NotAvailable {
  return runToCompletion(predictClvSteps(bg, gg, customers, options));
}

const PREDICT_SLICE = 128;

export function* predictClvSteps(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  customers: readonly RfmRow[],
  options: ClvOptions = {},
): Generator<ClvProgress, { readonly customers: PredictiveClvRow[]; readonly totals: PredictiveClvTotals } | NotAvailable, void> {
  const o = resolve(options);
  if ('ok' in o) return o;
  const bad = checkBgNbdParams(bg) ?? checkGammaGammaParams(gg);
  if (bad) return bad;
  // Many customers share a purchase history (x, t_x, T): forecast each pattern once; and the
  // per-period 2F1s depend on (x, T) only: compute them once per (x, T).
  // Nested Maps on the numbers: several times faster than a `${x}|${t_x}|${T}` string key.
  const cache = new Map<number, Map<number, Map<number, PurchaseForecast | NotAvailable>>>();
  const numerators = new Map<number, Map<number, Numerators>>();
  const numeratorsOf = (x: number, T: number): Numerators => {
    let byT = numerators.get(x);
    if (byT === undefined) numerators.set(x, (byT = new Map()));
    let v = byT.get(T);
    if (v === undefined) {
      v = periodNumerators(bg, x, T, o);
      byT.set(T, v);
    }
    return v;
  };
  const rows: PredictiveClvRow[] = [];
  let nOk = 0;
  let sumPurchases = 0;
  let sumClv = 0;
  let sumAlive = 0;
  for (let i = 0; i < customers.length; i++) {
    if (i % PREDICT_SLICE === PREDICT_SLICE - 1) yield { stage: 'predict', done: i };
    const c = customers[i];
    let byT = cache.get(c.frequency);
    if (byT === undefined) cache.set(c.frequency, (byT = new Map()));
    let byTx = byT.get(c.T);
    if (byTx === undefined) byT.set(c.T, (byTx = new Map()));
    let f = byTx.get(c.recency);
    if (f === undefined) {
      f = forecastPurchases(bg, c.frequency, c.recency, c.T, o, numeratorsOf);
      byTx.set(c.recency, f);
    }
    let pred: CustomerPredictionResult;
    if (!f.ok) pred = f;
    else {
      const spend = gammaGammaExpectedSpend(gg, c.frequency, c.monetary);
      pred = spend.ok ? toPrediction(f, spend.value) : spend;
    }
    if (pred.ok) {
      nOk++;
      sumPurchases += pred.expectedPurchases;
      sumClv += pred.clv;
      sumAlive += pred.probabilityAlive;
      // Object.assign, not {...c, ...pred}: V8 builds the two-source spread in dictionary mode, ~10× slower.
      rows.push(Object.assign({}, c, pred));
    } else {
      rows.push({ ...c, ok: false, reason: pred.reason, detail: pred.detail });
    }
  }
  const totals: PredictiveClvTotals = {
    customers: customers.length,
    available: nOk,
    expectedPurchases: sumPurchases,
    clv: sumClv,
    meanClv: ratio(sumClv, nOk, 'no customer has an available prediction', nOk),
    meanProbabilityAlive: ratio(sumAlive, nOk, 'no customer has an available prediction', nOk),
  };
  return { customers: rows, totals };
}

/** Fit both models to an RFM summary and predict every customer (synchronously). */
export function fitPredictiveClv(
  summary: { readonly customers: readonly RfmRow[]; readonly unit?: TimeUnit },
  options: PredictiveClvOptions = {},
): PredictiveClvFitResult {
  return runToCompletion(fitPredictiveClvSteps(summary, options));
}

/** The whole fit as a generator: yields after each minimiser iteration and every few customers. */
export function* fitPredictiveClvSteps(
  summary: { readonly customers: readonly RfmRow[]; readonly unit?: TimeUnit },
  options: PredictiveClvOptions = {},
): Generator<ClvProgress, PredictiveClvFitResult, void> {
  if (summary === null || typeof summary !== 'object' || !Array.isArray(summary.customers)) {
    return notAvailable('invalid-input', 'summary must have a customers array');
  }
  const o = resolve({ ...options, unit: options.unit ?? summary.unit });
  if ('ok' in o) return o;
  const customers = summary.customers;
  if (customers.length === 0) return notAvailable('no-data', 'no customers in the summary', { rows: 0 });

  const bgSteps = fitBgNbdSteps(customers, options.bgnbd);
  let bg: ReturnType<typeof bgSteps.next>;
  while (!(bg = bgSteps.next()).done) yield { stage: 'bgnbd', done: bg.value.iteration };
  const bgFit = bg.value;
  if (!bgFit.ok) return bgFit;

  const ggSteps = fitGammaGammaSteps(customers, options.gammaGamma);
  let gg: ReturnType<typeof ggSteps.next>;
  while (!(gg = ggSteps.next()).done) yield { stage: 'gamma-gamma', done: gg.value.iteration };
  const ggFit = gg.value;
  if (!ggFit.ok) return ggFit;

  const predicted = yield* predictClvSteps(bgFit, ggFit, customers, o);
  if ('ok' in predicted) return predicted;
  return { ok: true, options: o, bgnbd: bgFit, gammaGamma: ggFit, customers: predicted.customers, totals: predicted.totals };
}


/** What an LTV fit starts from: raw transactions, or an RFM summary already made. */
export type LtvInput = readonly Transaction[] | { readonly customers: readonly RfmRow[]; readonly unit?: TimeUnit };

export interface LtvFitOptions extends PredictiveClvOptions {
  /** How to summarise transactions (ignored for a summary input). Its unit wins over `unit`. */
  readonly summary?: RfmSummaryOptions;
}

/** The summary's bookkeeping, without the customer rows (those are in `customers`). */
export type LtvSummaryInfo = Omit<RfmSummary, 'customers'>;

export type LtvFitResult = (PredictiveClvResult & { readonly summary?: LtvSummaryInfo }) | NotAvailable;

/** Summarise (when given transactions) and fit, synchronously. */
export function runLtvFit(input: LtvInput, options: LtvFitOptions = {}): LtvFitResult {
  return runToCompletion(runLtvFitSteps(input, options));
}

/**
 * Transactions or summary → fitted models and per-customer CLV, as a generator that
 * yields often (the worker runs it straight through; the main-thread fallback slices it).
 */
export function* runLtvFitSteps(input: LtvInput, options: LtvFitOptions = {}): Generator<ClvProgress, LtvFitResult, void> {
  if (Array.isArray(input)) {
    const unit = options.summary?.unit ?? options.unit ?? 'weeks';
    const steps = summarizeTransactionsSteps(input as readonly Transaction[], { ...options.summary, unit });
    let r: ReturnType<typeof steps.next>;
    let n = 0;
    while (!(r = steps.next()).done) yield { stage: 'summary', done: ++n };
    const summary = r.value;
    if (!summary.ok) return summary;
    const { customers, ...info } = summary;
    const fit = yield* fitPredictiveClvSteps({ customers, unit }, { ...options, unit });
    return fit.ok ? { ...fit, summary: info } : fit;
  }
  if (input === null || typeof input !== 'object' || !Array.isArray((input as { customers?: unknown }).customers)) {
    return notAvailable('invalid-input', 'input must be an array of transactions or a summary with a customers array');
  }
  const summaryInput = input as { readonly customers: readonly RfmRow[]; readonly unit?: TimeUnit };
  return yield* fitPredictiveClvSteps(summaryInput, options);
}
