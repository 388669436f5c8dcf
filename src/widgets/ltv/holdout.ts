/**
 * <kpi-ltv>'s hold-out check, where the fit runs (the worker, or fit-here.ts's slices): when the
 * data goes on past the calibration end, the fitted BG/NBD is compared with what the calibration
 * customers actually bought afterwards (models/bgnbd-holdout.ts):
 * - by calibration frequency 0 … 7+ (FHL's conditional expectations), and
 * - over time: cumulative repeat purchases by week from the data's first day, actual against
 *   the model's expectation (FHL's tracking plot), calibration and hold-out on one curve.
 * Purchases are purchase days, as in the summary the model is fitted on.
 */
import { conditionalExpectationCheck, expectedCumulativeRepeat, type Cohort } from '../../models/bgnbd-holdout.ts';
import { dayNumber, DAYS_PER_UNIT, type RfmRow, type TimeUnit } from '../../models/rfm-summary.ts';
import type { BgNbdParams } from '../../models/bgnbd.ts';
import { isoDay } from '../../core/calendar.ts';
import type { FitColumns } from './predictive.ts';
import type { HoldoutCheck } from './holdout-shape.ts';

/** The last day of the columns, or NaN when there are none. */
export function lastDayOf(cols: FitColumns): number {
  let max = -Infinity;
  for (let i = 0; i < cols.n; i++) if (cols.day[i]! > max) max = cols.day[i]!;
  return Number.isFinite(max) ? max : NaN;
}

/** Per customer (index into cols.ids), its distinct purchase days, ascending. */
function distinctDays(cols: FitColumns): { start: Int32Array; days: Float64Array; origin: number } {
  const k = cols.ids.length;
  let origin = Infinity;
  for (let i = 0; i < cols.n; i++) if (cols.day[i]! < origin) origin = cols.day[i]!;
  const counts = new Int32Array(k + 1);
  for (let i = 0; i < cols.n; i++) counts[cols.customer[i]! + 1]++;
  for (let c = 0; c < k; c++) counts[c + 1] += counts[c]!;
  const at = counts.slice();
  const all = new Float64Array(cols.n);
  for (let i = 0; i < cols.n; i++) all[at[cols.customer[i]!]!++] = cols.day[i]!;
  // Sort each customer's days and drop repeats in place.
  const start = new Int32Array(k + 1);
  let w = 0;
  for (let c = 0; c < k; c++) {
    const seg = all.subarray(counts[c]!, counts[c + 1]!);
    seg.sort();
    start[c] = w;
    for (let j = 0; j < seg.length; j++) if (j === 0 || seg[j] !== seg[j - 1]) all[w++] = seg[j]!;
  }
  start[k] = w;
  return { start, days: all.subarray(0, w), origin };
}

/**
 * The check for the fitted parameters, the summary's customers (with `holdoutFrequency`) and
 * the columns, or null when the data ends at the calibration end.
 */
export function holdoutCheck(
  params: BgNbdParams,
  customers: readonly RfmRow[],
  cols: FitColumns,
  calibrationEnd: string,
  unit: TimeUnit,
): HoldoutCheck | null {
  const calEnd = dayNumber(calibrationEnd);
  const last = lastDayOf(cols);
  if (!(last > calEnd)) return null;
  const perUnit = DAYS_PER_UNIT[unit];
  const length = (last - calEnd) / perUnit;
  const cond = conditionalExpectationCheck(
    params,
    customers.map((c) => ({ frequency: c.frequency, recency: c.recency, T: c.T, holdout: c.holdoutFrequency ?? 0 })),
    length,
  );
  if (!cond.ok) return null;

  const { start, days, origin } = distinctDays(cols);
  const weeks = Math.ceil((last - origin + 1) / 7);
  const actualWeekly = new Float64Array(weeks);
  const cohortSizes = new Map<number, number>();
  let included = 0;
  let later = 0;
  for (let c = 0; c < cols.ids.length; c++) {
    const s0 = start[c]!;
    const s1 = start[c + 1]!;
    if (s1 === s0) continue;
    const first = days[s0]!;
    if (first > calEnd) {
      later++;
      continue;
    }
    included++;
    cohortSizes.set(first, (cohortSizes.get(first) ?? 0) + 1);
    for (let j = s0 + 1; j < s1; j++) actualWeekly[Math.floor((days[j]! - origin) / 7)]++;
  }
  const cohorts: Cohort[] = [];
  for (const [day, n] of cohortSizes) cohorts.push({ start: (day - origin) / perUnit, n });
  // End of each week (its last day, the data's last day for a partial last week), in units from the origin.
  const ends: number[] = [];
  for (let w = 1; w <= weeks; w++) ends.push((Math.min(origin + 7 * w - 1, last) - origin) / perUnit);
  const expected = expectedCumulativeRepeat(params, cohorts, ends);
  if (!(expected instanceof Float64Array)) return null;
  const actualCumulative: number[] = [];
  let cum = 0;
  for (let w = 0; w < weeks; w++) actualCumulative.push((cum += actualWeekly[w]!));
  const expectedCumulative = Array.from(expected);

  // The curves at the calibration end: exact (the model at calEnd, the purchases up to it).
  const calT = (calEnd - origin) / perUnit;
  const atCal = expectedCumulativeRepeat(params, cohorts, [calT]);
  let actualCal = 0;
  for (let c = 0; c < cols.ids.length; c++) {
    const s0 = start[c]!;
    const s1 = start[c + 1]!;
    if (s1 === s0 || days[s0]! > calEnd) continue;
    for (let j = s0 + 1; j < s1 && days[j]! <= calEnd; j++) actualCal++;
  }
  const endActual = actualCumulative[weeks - 1]!;
  const endExpected = expectedCumulative[weeks - 1]!;
  const holdoutActual = endActual - actualCal;
  const holdoutExpected = endExpected - (atCal instanceof Float64Array ? atCal[0]! : NaN);
  return {
    unit,
    calibrationEnd: isoDay(calEnd),
    holdoutEnd: isoDay(last),
    length,
    origin: isoDay(origin),
    weeks,
    calibrationWeeks: (calEnd - origin + 1) / 7,
    actualCumulative,
    expectedCumulative,
    customers: included,
    laterCustomers: later,
    holdoutActual,
    holdoutExpected,
    holdoutError: holdoutActual > 0 ? (holdoutExpected - holdoutActual) / holdoutActual : null,
    endError: endActual > 0 ? (endExpected - endActual) / endActual : null,
    groups: cond.groups,
    conditionalPredicted: cond.predicted,
    conditionalError: cond.error,
    mape: cond.mape,
  };
}
