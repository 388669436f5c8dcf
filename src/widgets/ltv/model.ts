/**
 * The LTV model from transaction columns: the historical LTV (seed 000), the simple CLTV
 * with its lifespan estimate (seed 002), cohort curves, LTV:CAC and CAC payback. Pure,
 * DOM-free functions. This module only sums the columns (so 1,000,000 rows need no per-row
 * objects); every KPI is the catalogue's own formula, called on those totals: gross-margin.ts
 * (grossMarginFrom), ltv-historical.ts (ltvHistoricalFrom), cltv.ts (cltvFrom), cac.ts (cacFrom),
 * ltv-cac.ts (ltvCacFrom), cac-payback.ts (cacPaybackFrom). test/unit/ltv-model.test.ts checks
 * that the widget and the records functions agree.
 *
 * - AGM (average gross margin): the `margin` rate when given; else (Σ amount − Σ cost) ÷ Σ amount
 *   over the rows that give a cost or margin; else 1 (values are revenue; `marginSource: 'none'`).
 * - Historical LTV of a customer = Σ of their transactions × AGM; the headline is the mean.
 * - Simple CLTV = average purchase value × purchases per customer per year × lifespan (years) × AGM,
 *   where the year count is the span from the first to the last transaction (as cltv.ts).
 *   Per customer: (their revenue ÷ years observed) × lifespan × AGM, whose mean is the headline.
 * - Lifespan: the `lifespan` attribute; else 1 ÷ annual churn, churn = share of the customers
 *   acquired at least 12 months before the data's last day who bought nothing in those last
 *   12 months; else (less than a year of data, or no churn) the customers' mean observed span,
 *   first to last purchase (cltv.ts's definition, a lower bound).
 * - Cohort curves: customers by month of first purchase; for each month since acquisition,
 *   cumulative revenue of the cohort ÷ its customers, up to the data's last month.
 */
import { available, notAvailable, ratio, type MetricValue } from '../../core/result.ts';
import { monthIndex, monthKey, YEAR_DAYS } from '../../core/calendar.ts';
import { grossMarginFrom } from '../../kpis/gross-margin.ts';
import { ltvHistoricalFrom } from '../../kpis/ltv-historical.ts';
import { cltvFrom, meanSpanYearsFrom } from '../../kpis/cltv.ts';
import { cacFrom } from '../../kpis/cac.ts';
import { ltvCacFrom } from '../../kpis/ltv-cac.ts';
import { cacPaybackFrom } from '../../kpis/cac-payback.ts';
import type { LtvColumns } from './columns.ts';

export type LtvMethod = 'historical' | 'simple' | 'predictive';
export type MarginSource = 'rate' | 'data' | 'none';
export type LifespanSource = 'given' | 'churn' | 'observed-span';

/**
 * Repeat customers needed for the predictive method, asked for or chosen by default. BG/NBD
 * and Gamma-Gamma estimate 4 + 3 parameters from the repeat buyers' frequency, recency and
 * spend; below about 30 repeat customers those estimates swing widely from one customer to the
 * next (a rule of thumb of ≥ 4 observations per parameter), so the widget shows the simple
 * CLTV instead and says why (`methodReason: 'few-repeat'`), even when `method="predictive"`.
 */
export const MIN_REPEAT_CUSTOMERS = 30;

export interface CustomerTotals {
  readonly revenue: Float64Array;
  readonly transactions: Int32Array;
  readonly firstDay: Float64Array;
  readonly lastDay: Float64Array;
}

export interface Lifespan {
  readonly value: MetricValue;
  readonly source: LifespanSource;
  /** Annual churn when estimated from it. */
  readonly churn?: MetricValue;
  /** Customers the churn is measured on and of them lost. */
  readonly base?: number;
  readonly lost?: number;
}

export interface CohortPoint {
  readonly month: number;
  /** Cumulative revenue per customer of the cohort at the end of this month since acquisition. */
  readonly value: number;
}

export interface Cohort {
  /** `YYYY-MM` of the acquisition month. */
  readonly key: string;
  readonly customers: number;
  readonly points: readonly CohortPoint[];
}

export interface LtvBase {
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly transactions: number;
  readonly revenue: number;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly years: number;
  readonly agm: MetricValue;
  readonly marginSource: MarginSource;
  /** Rows without cost or margin when the AGM comes from the data. */
  readonly rowsWithoutMargin: number;
  readonly avgPurchaseValue: MetricValue;
  /** Purchases per customer per year. */
  readonly purchaseFrequency: MetricValue;
  readonly lifespan: Lifespan;
  readonly historical: MetricValue;
  readonly simple: MetricValue;
  readonly cohorts: readonly Cohort[];
  readonly totals: CustomerTotals;
}

export interface BaseOptions {
  /** Average gross margin as a rate (0.3). */
  readonly margin?: number;
  /** Customer lifespan in years. */
  readonly lifespanYears?: number;
}

/** Rows per slice between yields. */
const SLICE = 65_536;

export function customerTotals(cols: LtvColumns): CustomerTotals {
  const r = customerTotalsSteps(cols);
  let s = r.next();
  while (!s.done) s = r.next();
  return s.value;
}

function* customerTotalsSteps(cols: LtvColumns): Generator<void, CustomerTotals, void> {
  const k = cols.ids.length;
  const revenue = new Float64Array(k);
  const transactions = new Int32Array(k);
  const firstDay = new Float64Array(k).fill(Infinity);
  const lastDay = new Float64Array(k).fill(-Infinity);
  for (let i = 0; i < cols.n; i++) {
    if (i % SLICE === SLICE - 1) yield;
    const c = cols.customer[i]!;
    const d = cols.day[i]!;
    revenue[c] += cols.amount[i]!;
    transactions[c]++;
    if (d < firstDay[c]!) firstDay[c] = d;
    if (d > lastDay[c]!) lastDay[c] = d;
  }
  return { revenue, transactions, firstDay, lastDay };
}

/** AGM from the rate, the rows' costs, or 1. */
export function averageGrossMargin(cols: LtvColumns, rate?: number): { agm: MetricValue; source: MarginSource; rowsWithoutMargin: number } {
  if (rate !== undefined) return { agm: available(rate), source: 'rate', rowsWithoutMargin: 0 };
  if (!cols.cost) return { agm: available(1), source: 'none', rowsWithoutMargin: 0 };
  let revenue = 0;
  let cost = 0;
  let missing = 0;
  for (let i = 0; i < cols.n; i++) {
    const c = cols.cost[i]!;
    if (Number.isNaN(c)) {
      missing++;
      continue;
    }
    revenue += cols.amount[i]!;
    cost += c;
  }
  return { agm: grossMarginFrom(revenue, cost, cols.n - missing), source: 'data', rowsWithoutMargin: missing };
}

/** Lifespan in years: given, 1 ÷ annual churn, or the mean observed span (see the module doc). */
export function estimateLifespan(totals: CustomerTotals, lastDay: number, firstDay: number, given?: number): Lifespan {
  if (given !== undefined) return { value: available(given), source: 'given' };
  const k = totals.revenue.length;
  if (lastDay - firstDay >= 365) {
    const cut = lastDay - 365;
    let base = 0;
    let lost = 0;
    for (let c = 0; c < k; c++) {
      if (totals.firstDay[c]! <= cut) {
        base++;
        if (totals.lastDay[c]! <= cut) lost++;
      }
    }
    const churn = ratio(lost, base, 'no customer was acquired a year before the end of the data');
    if (churn.ok && churn.value > 0) {
      return { value: available(1 / churn.value), source: 'churn', churn, base, lost };
    }
  }
  // cltv.ts's definition: mean span from first to last purchase, in years.
  let span = 0;
  for (let c = 0; c < k; c++) span += totals.lastDay[c]! - totals.firstDay[c]!;
  const years = meanSpanYearsFrom(span, k);
  return {
    value: years > 0 ? available(years) : notAvailable('missing-input', 'the customer lifespan is unknown (no repeat purchases): set the lifespan attribute'),
    source: 'observed-span',
  };
}

/** Cohort curves: cumulative revenue per customer by month since acquisition. */
export function cohortCurves(cols: LtvColumns, totals: CustomerTotals, lastDay: number): Cohort[] {
  const r = cohortCurvesSteps(cols, totals, lastDay);
  let s = r.next();
  while (!s.done) s = r.next();
  return s.value;
}

function* cohortCurvesSteps(cols: LtvColumns, totals: CustomerTotals, lastDay: number): Generator<void, Cohort[], void> {
  const k = totals.revenue.length;
  if (k === 0) return [];
  // Month index per day through a lookup table (days are few, rows many).
  let minDay = Infinity;
  for (let c = 0; c < k; c++) if (totals.firstDay[c]! < minDay) minDay = totals.firstDay[c]!;
  const span = lastDay - minDay + 1;
  const monthOfDay = new Int32Array(span);
  for (let d = 0; d < span; d++) monthOfDay[d] = monthIndex(minDay + d);
  const m0 = monthOfDay[0]!;
  const mEnd = monthOfDay[span - 1]!;
  const nMonths = mEnd - m0 + 1;
  yield;
  const cohortOf = new Int32Array(k);
  const size = new Float64Array(nMonths);
  for (let c = 0; c < k; c++) {
    const m = monthOfDay[totals.firstDay[c]! - minDay]! - m0;
    cohortOf[c] = m;
    size[m]++;
  }
  yield;
  // revenue[cohort][offset]
  const rev = new Float64Array(nMonths * nMonths);
  for (let i = 0; i < cols.n; i++) {
    if (i % SLICE === SLICE - 1) yield;
    const c = cols.customer[i]!;
    const coh = cohortOf[c]!;
    const off = monthOfDay[cols.day[i]! - minDay]! - m0 - coh;
    rev[coh * nMonths + off] += cols.amount[i]!;
  }
  const out: Cohort[] = [];
  for (let m = 0; m < nMonths; m++) {
    const n = size[m]!;
    if (n === 0) continue;
    const points: CohortPoint[] = [];
    let cum = 0;
    for (let off = 0; off < nMonths - m; off++) {
      cum += rev[m * nMonths + off]!;
      points.push({ month: off, value: cum / n });
    }
    out.push({ key: monthKey(m0 + m), customers: n, points });
  }
  return out;
}

export function computeBase(cols: LtvColumns, options: BaseOptions = {}): LtvBase {
  const r = computeBaseSteps(cols, options);
  let s = r.next();
  while (!s.done) s = r.next();
  return s.value;
}

/** The whole base model, yielding every few tens of thousands of rows. */
export function* computeBaseSteps(cols: LtvColumns, options: BaseOptions = {}): Generator<void, LtvBase, void> {
  const totals = yield* customerTotalsSteps(cols);
  const k = cols.ids.length;
  let revenue = 0;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  let repeat = 0;
  for (let c = 0; c < k; c++) {
    revenue += totals.revenue[c]!;
    if (totals.firstDay[c]! < firstDay) firstDay = totals.firstDay[c]!;
    if (totals.lastDay[c]! > lastDay) lastDay = totals.lastDay[c]!;
    if (totals.lastDay[c]! > totals.firstDay[c]!) repeat++;
  }
  const { agm, source, rowsWithoutMargin } = averageGrossMargin(cols, options.margin);
  yield;
  const days = k > 0 ? lastDay - firstDay : 0;
  const years = days / YEAR_DAYS;
  const avgPurchaseValue = ratio(revenue, cols.n, 'no transactions');
  const purchaseFrequency = years > 0 ? ratio(cols.n / k, years, 'the data spans no time') : notAvailable('zero-denominator', 'the data spans a single day: purchases per year are unknown');
  const lifespan = estimateLifespan(totals, lastDay, firstDay, options.lifespanYears);
  yield;
  const historical = k === 0 ? notAvailable('no-data', 'no customers') : agm.ok ? ltvHistoricalFrom(revenue, k, agm.value, cols.n) : agm;
  // The whole history is the observed time: its span from the first to the last purchase (cltv.ts).
  const simple = cltvFrom({ revenue, customers: k, days, lifespanYears: lifespan.value, margin: agm, rows: cols.n });
  const cohorts = yield* cohortCurvesSteps(cols, totals, lastDay);
  return {
    customers: k,
    repeatCustomers: repeat,
    transactions: cols.n,
    revenue,
    firstDay: k > 0 ? firstDay : NaN,
    lastDay: k > 0 ? lastDay : NaN,
    years,
    agm,
    marginSource: source,
    rowsWithoutMargin,
    avgPurchaseValue,
    purchaseFrequency,
    lifespan,
    historical,
    simple,
    cohorts,
    totals,
  };
}

/** Per-customer value under the historical or simple method (NaN where not available). */
export function customerValues(base: LtvBase, method: 'historical' | 'simple'): Float64Array {
  const k = base.customers;
  const out = new Float64Array(k);
  const agm = base.agm.ok ? base.agm.value : NaN;
  if (method === 'historical') {
    for (let c = 0; c < k; c++) out[c] = base.totals.revenue[c]! * agm;
    return out;
  }
  const life = base.lifespan.value.ok ? base.lifespan.value.value : NaN;
  const f = base.years > 0 ? (life * agm) / base.years : NaN;
  for (let c = 0; c < k; c++) out[c] = base.totals.revenue[c]! * f;
  return out;
}

export interface MethodChoice {
  readonly method: LtvMethod;
  /** Why: 'asked' (the attribute), 'enough-repeat' or 'few-repeat'. */
  readonly reason: 'asked' | 'enough-repeat' | 'few-repeat';
}

export function chooseMethod(asked: LtvMethod | undefined, repeatCustomers: number, min = MIN_REPEAT_CUSTOMERS): MethodChoice {
  // Predictive asked for on thin data falls back like the default does (see MIN_REPEAT_CUSTOMERS).
  if (asked === 'predictive' && repeatCustomers < min) return { method: 'simple', reason: 'few-repeat' };
  if (asked) return { method: asked, reason: 'asked' };
  return repeatCustomers >= min ? { method: 'predictive', reason: 'enough-repeat' } : { method: 'simple', reason: 'few-repeat' };
}

export interface CacInputs {
  /** CAC as a number. */
  readonly cac?: number;
  /** Acquisition cost (sales + marketing) and new customers won with it. */
  readonly acquisitionCost?: number;
  readonly newCustomers?: number;
  /** The LTV:CAC target (default 3). */
  readonly target?: number;
}

export interface CacModel {
  readonly cac: MetricValue;
  readonly source: 'given' | 'costs';
  readonly ltvCac: MetricValue;
  readonly target: number;
  readonly meetsTarget: boolean | null;
  /** Months to earn back CAC from monthly gross profit per customer. */
  readonly payback: MetricValue;
}

/**
 * LTV:CAC (ltv-cac.ts: LTV ÷ CAC, healthy at ≥ 3) and CAC payback (cac-payback.ts: CAC ÷
 * (monthly revenue per customer × gross margin), over the data's span from first to last
 * purchase, the time the simple CLTV observes too), or null when no CAC input is given. New
 * customers default to the customers in the data (each one's first purchase is in it).
 */
export function cacModel(ltv: MetricValue, base: LtvBase, inputs: CacInputs): CacModel | null {
  const target = inputs.target ?? 3;
  let cac: MetricValue;
  let source: 'given' | 'costs';
  if (inputs.cac !== undefined) {
    cac = available(inputs.cac);
    source = 'given';
  } else if (inputs.acquisitionCost !== undefined) {
    cac = cacFrom(inputs.acquisitionCost, inputs.newCustomers ?? base.customers);
    source = 'costs';
  } else return null;
  const ltvCac = ltvCacFrom(ltv, cac);
  const days = base.customers > 0 ? base.lastDay - base.firstDay : 0;
  const payback = !base.agm.ok ? base.agm : cacPaybackFrom(cac, { revenue: base.revenue, customers: base.customers, days, margin: base.agm.value, rows: base.transactions });
  return { cac, source, ltvCac, target, meetsTarget: ltvCac.ok ? ltvCac.value >= target : null, payback };
}
