/**
 * The predictive fit of the LTV widget, where it runs: the kit's worker (src/entries/worker.ts,
 * job `ltv-fit`), and this thread only when no worker can start (./fit.ts imports this module
 * then) or when asked to (`computeLtv`, for tests and Node). Columns → RFM summary
 * (models/rfm-summary.ts, in slices) → BG/NBD + Gamma-Gamma fit and CLV per customer
 * (models/clv-predictive.ts) → predictions lined up with the widget's customers. Nothing that
 * loads with the element imports this module, so the models stay out of the element's code.
 */
import { dayNumber, summarizeTransactionsSteps, type RfmSummaryResult, type Transaction } from '../../models/rfm-summary.ts';
import { holdoutCheck, lastDayOf } from './holdout.ts';
import { fitPredictiveClvSteps, type PredictiveClvResult } from '../../models/clv-predictive.ts';
import { isoDay } from '../../core/calendar.ts';
import type { ColumnOptions, LtvColumns } from './columns.ts';
import { fitOptions, type CompactFit, type CustomerPredictions, type FitColumns, type FitProgress, type FittedParams, type ResolvedPredictiveSettings } from './predictive.ts';
import { assembleModel, drain, prepareSteps, type LtvModel, type LtvSettings } from './pipeline.ts';

/** The columns as the summariser's transactions (dates as UTC day strings), built in slices. */
export function* transactionsSteps(cols: LtvColumns): Generator<void, Transaction[], void> {
  const out = new Array<Transaction>(cols.n);
  const dayText = new Map<number, string>();
  for (let i = 0; i < cols.n; i++) {
    if ((i & 32767) === 32767) yield;
    const d = cols.day[i]!;
    let s = dayText.get(d);
    if (s === undefined) {
      s = isoDay(d);
      dayText.set(d, s);
    }
    out[i] = { customerId: cols.ids[cols.customer[i]!]!, date: s, amount: cols.amount[i]! };
  }
  return out;
}

/**
 * RFM summary of the columns, yielding often. With a calibration end before the data's last day,
 * the summary also counts each customer's purchases after it (the hold-out, to the last day).
 */
export function* summaryFromColumnsSteps(cols: LtvColumns, s: ResolvedPredictiveSettings): Generator<void, RfmSummaryResult, void> {
  const tx = yield* transactionsSteps(cols);
  const last = lastDayOf(cols);
  const calEnd = s.calibrationEnd !== undefined ? dayNumber(s.calibrationEnd) : NaN;
  const holdout = last > calEnd ? { holdoutEnd: isoDay(last) } : {};
  const steps = summarizeTransactionsSteps(tx, { ...fitOptions(s).summary, ...holdout });
  let r = steps.next();
  while (!r.done) {
    yield;
    r = steps.next();
  }
  return r.value;
}

function indexIds(k: number): string[] {
  const ids = new Array<string>(k);
  for (let c = 0; c < k; c++) ids[c] = String(c);
  return ids;
}

/** Line the fit's per-customer predictions up with the columns' customers. */
export function alignPredictions(fit: PredictiveClvResult, ids: readonly string[]): CustomerPredictions {
  const k = ids.length;
  const clv = new Float64Array(k).fill(NaN);
  const alive = new Float64Array(k).fill(NaN);
  const purchases = new Float64Array(k).fill(NaN);
  const spend = new Float64Array(k).fill(NaN);
  const at = new Map<string, number>();
  for (let c = 0; c < k; c++) at.set(ids[c]!, c);
  let predicted = 0;
  for (const row of fit.customers) {
    const c = at.get(row.id);
    if (c === undefined || !row.ok) continue;
    clv[c] = row.clv;
    alive[c] = row.probabilityAlive;
    purchases[c] = row.expectedPurchases;
    spend[c] = row.expectedSpend;
    predicted++;
  }
  return { clv, probabilityAlive: alive, expectedPurchases: purchases, expectedSpend: spend, predicted };
}

export function fittedParams(fit: PredictiveClvResult): FittedParams {
  return {
    r: fit.bgnbd.r,
    alpha: fit.bgnbd.alpha,
    a: fit.bgnbd.a,
    b: fit.bgnbd.b,
    bgnbdLogLik: fit.bgnbd.logLik,
    p: fit.gammaGamma.p,
    q: fit.gammaGamma.q,
    gamma: fit.gammaGamma.gamma,
    gammaGammaLogLik: fit.gammaGamma.logLik,
    customers: fit.bgnbd.customers,
    repeatCustomers: fit.bgnbd.repeatCustomers,
    converged: fit.bgnbd.converged && fit.gammaGamma.converged,
  };
}

/**
 * Columns → RFM summary (rfm-summary.ts) → BG/NBD + Gamma-Gamma fit and CLV per customer
 * (clv-predictive.ts's fitPredictiveClvSteps) → predictions lined up with the columns'
 * customers. A generator that yields often: the worker runs it straight through, the
 * main-thread fallback in slices.
 */
export function* compactFitSteps(given: FitColumns, s: ResolvedPredictiveSettings): Generator<FitProgress, CompactFit, void> {
  // Without its ids (the worker's copy), each customer is keyed by its index: predictions come
  // back lined up by index all the same.
  const cols = given.idCount !== undefined && given.ids.length !== given.idCount ? { ...given, ids: indexIds(given.idCount) } : given;
  const summarySteps = summaryFromColumnsSteps(cols as LtvColumns, s);
  let r = summarySteps.next();
  let k = 0;
  while (!r.done) {
    yield { stage: 'summary', done: ++k };
    r = summarySteps.next();
  }
  const summary = r.value;
  if (!summary.ok) return summary;
  const fit = yield* fitPredictiveClvSteps({ customers: summary.customers, unit: s.unit }, fitOptions(s));
  if (!fit.ok) return fit;
  yield { stage: 'predict', done: fit.customers.length };
  const holdout = summary.holdoutEnd !== undefined ? holdoutCheck(fit.bgnbd, summary.customers, cols, summary.calibrationEnd, s.unit) : null;
  return { ok: true, params: fittedParams(fit), calibrationEnd: summary.calibrationEnd, predictions: alignPredictions(fit, cols.ids), holdout };
}

/** Everything synchronously, fitting on this thread (tests, Node). */
export function computeLtv(raw: readonly unknown[], columns: Readonly<Record<string, string | undefined>>, columnOptions: ColumnOptions, settings: LtvSettings, fit = false): LtvModel {
  const prep = drain(prepareSteps(raw, columns, columnOptions, settings));
  return assembleModel(prep, prep.needsFit && fit ? drain(compactFitSteps(prep.columns, settings.predictive)) : null);
}
