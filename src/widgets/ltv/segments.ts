/**
 * LTV by segment for `<kpi-ltv group-by="…">`: the customers split by an attribute (an
 * acquisition channel, region, sector, office… a column of the transactions) or by their
 * first-purchase cohort, each segment's LTV under every method the widget computed, and, with
 * acquisition costs per segment, its CAC, LTV:CAC and CAC payback. Pure: no lit, no DOM.
 *
 * Rules, decided once and documented here:
 * - **A customer's segment** is the value on their first transaction (earliest date, then the
 *   first row): the channel that acquired them, as cac.ts counts a customer in the channel of
 *   their first sale. Customers whose value changes later are counted (`switched`), never split.
 *   A blank value is its own segment ("no value").
 * - **Cohorts**: `group-by="cohort"` (or `cohort-quarter`) is the quarter of the first purchase
 *   ("2017-Q1"), `cohort-month` its month, `cohort-year` its year. These names always mean the
 *   cohort, even if the data has a column of that name.
 * - **Methods**: historical (ltv-historical.ts) and simple CLTV (cltv.ts) over the segment's
 *   customers, with the widget's one gross margin, lifespan and observed span, so the segments
 *   add up to the headline (their customer-weighted mean is the headline LTV).
 * - **Predictive**: one BG/NBD + Gamma-Gamma fit on all customers, applied to each segment's
 *   customers (the mean of their predicted CLV). Not one fit per segment: each customer's
 *   prediction already rests on their own frequency, recency and spend, so segments that buy
 *   differently come out differently; a per-segment fit would need ≥ 30 repeat customers in
 *   every segment (model.ts MIN_REPEAT_CUSTOMERS), its 7 parameters would swing on small
 *   segments, and segments fitted apart would not be comparable. The pooled fit shrinks a small
 *   segment towards the population, which is the safer error. Its limit: a segment whose
 *   customers churn differently for reasons their histories do not yet show is not captured.
 * - **Thin segments**: fewer than MIN_SEGMENT_CUSTOMERS customers, or a 95 % margin of error of
 *   the segment's mean LTV (1.96 × standard deviation of its customers' LTV ÷ √n) above
 *   MAX_RELATIVE_MARGIN of the mean. A thin segment is flagged everywhere it is shown, with its
 *   margin of error, and its LTV:CAC is never called "meets the target" with confidence.
 * - **Costs**: matched to segments without regard to case or surrounding spaces. CAC = cost ÷
 *   new customers (cac.ts; new customers default to the segment's customers in the data),
 *   LTV:CAC = segment LTV ÷ CAC (ltv-cac.ts), CAC payback = CAC ÷ (segment revenue ÷ customers ÷
 *   months observed × gross margin) (cac-payback.ts), over the data's whole span as the widget's
 *   own payback. No KPI is re-derived here: each is the catalogue's formula on the segment's totals.
 */
import { KpiError } from '../../core/data/errors.ts';
import { columnsOf, mapRows, type FieldSpecs } from '../../core/data/fields.ts';
import { rowsOf } from '../../core/data/load.ts';
import { bucketKey, DAY_MS } from '../../core/calendar.ts';
import { available, notAvailable, type MetricValue } from '../../core/result.ts';
import type { Computed, Input, Read } from '../../core/element/spec.ts';
import { opt, type OptionSpec } from '../../core/element/options.ts';
import { ltvHistoricalFrom } from '../../kpis/ltv-historical.ts';
import { cltvFrom } from '../../kpis/cltv.ts';
import { cacFrom } from '../../kpis/cac.ts';
import { ltvCacFrom } from '../../kpis/ltv-cac.ts';
import { cacPaybackFrom } from '../../kpis/cac-payback.ts';
import { LTV_FIELDS } from './columns.ts';
import { isLoadedColumns } from './loaded.ts';
import { cachedColumns, type LtvData } from './compute.ts';
import { customerTotals, type CustomerTotals, type LtvMethod } from './model.ts';
import type { LtvModel, LtvResult } from './pipeline.ts';
import { parseCosts, segmentKey, type SegmentCost } from './segment-costs.ts';

export { parseCosts, type SegmentCost } from './segment-costs.ts';

/** Below this many customers a segment's LTV is flagged as thin (indicative only). */
export const MIN_SEGMENT_CUSTOMERS = 10;
/** A segment whose 95 % margin of error exceeds this share of its mean LTV is flagged as thin. */
export const MAX_RELATIVE_MARGIN = 0.5;
/** z for a two-sided 95 % interval of a mean. */
const Z95 = 1.96;

export type CohortPeriod = 'month' | 'quarter' | 'year';
const COHORTS: Readonly<Record<string, CohortPeriod>> = { cohort: 'quarter', 'cohort-quarter': 'quarter', 'cohort-month': 'month', 'cohort-year': 'year' };

/** The cohort period a `group-by` value names, or null for a column. */
export function cohortPeriod(by: string | null | undefined): CohortPeriod | null {
  return by ? (COHORTS[by.trim().toLowerCase()] ?? null) : null;
}

/** True when `group-by` names a column: the rows are then needed, not only packed columns. */
export const groupNeedsRows = (by: string | null | undefined): boolean => !!by && by.trim() !== '' && cohortPeriod(by) === null;

/** The spec's fields: the LTV fields and `group`, which the base maps from `group-by` (or `group-field`). */
export const LTV_SPEC_FIELDS: FieldSpecs = { ...LTV_FIELDS, group: { type: 'string', aliases: [] } };

/** What read found for the segments, handed to compute. */
export interface SegmentRequest {
  /** The `group-by` value as written. */
  readonly by: string;
  readonly kind: 'column' | 'cohort';
  readonly period?: CohortPeriod;
  /** The column read (kind column). */
  readonly column?: string;
  readonly costs: readonly SegmentCost[] | null;
  /** Where the costs came from. */
  readonly costsFrom: 'option' | 'source' | null;
}

export type SegmentedData = LtvData & { readonly segments?: SegmentRequest };

/** One segment. */
export interface SegmentRow {
  /** The segment's value as in the data ('' for customers without one), or the cohort key. */
  readonly segment: string;
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly transactions: number;
  readonly revenue: number;
  /** LTV under the widget's method. */
  readonly ltv: MetricValue;
  readonly historical: MetricValue;
  readonly simple: MetricValue;
  /** Mean predicted CLV × margin of the segment's customers, from the one pooled fit; null when the widget did not fit. */
  readonly predictive: MetricValue | null;
  /** 95 % margin of error of the mean LTV (± this); not available below 2 customers. */
  readonly marginOfError: MetricValue;
  /** Why the segment is thin, or null. */
  readonly thin: 'few-customers' | 'wide-margin' | null;
  /** With costs: the acquisition economics; null when no cost is given for this segment. */
  readonly acquisition: SegmentAcquisition | null;
}

export interface SegmentAcquisition {
  readonly cost: number;
  readonly newCustomers: number;
  readonly newCustomersFrom: 'given' | 'data';
  readonly cac: MetricValue;
  readonly ltvCac: MetricValue;
  /** Months to earn back CAC. */
  readonly payback: MetricValue;
  /** LTV:CAC ≥ target; null when not available. */
  readonly meetsTarget: boolean | null;
}

/** `result.segments`. */
export interface SegmentsResult {
  readonly by: string;
  readonly kind: 'column' | 'cohort';
  readonly period?: CohortPeriod;
  readonly method: LtvMethod;
  /** How the predictive LTV of a segment is made: the pooled fit applied to its customers. */
  readonly predictiveBasis: 'pooled-fit' | null;
  readonly target: number;
  readonly minCustomers: number;
  readonly maxRelativeMargin: number;
  /** Largest segment first. */
  readonly rows: readonly SegmentRow[];
  readonly hasCosts: boolean;
  /** Cost entries whose segment has no customer in the data. */
  readonly unmatchedCosts: readonly string[];
  /** Customers whose segment value changed after their first purchase (counted in the first). */
  readonly switched: number;
}

export type SegmentedModel = LtvModel & { readonly segments?: SegmentsResult };
export type SegmentedResult = LtvResult & { readonly segments?: SegmentsResult };

/** Read: check `group-by` against the data and collect the costs (the `costs` option, else the `costs` source). */
export function readSegments(input: Input, costsOption: readonly SegmentCost[] | undefined, read: Read<LtvData>): Read<SegmentedData> {
  const by = input.mapping['group']?.trim();
  const source = input.sources?.['costs'];
  if (costsOption && source) throw new KpiError({ code: 'config', message: 'costs are given twice: as the costs option and as the costs source; give one' });
  let costs: readonly SegmentCost[] | null = costsOption ?? null;
  let costsFrom: SegmentRequest['costsFrom'] = costsOption ? 'option' : null;
  if (source) {
    const rows = rowsOf(source.parsed.value);
    costs = parseCosts(rows ?? source.parsed.value);
    costsFrom = 'source';
  }
  if (!by) {
    if (costs) throw new KpiError({ code: 'config', message: 'costs per segment need group-by (the column of the channel or segment)' });
    return read;
  }
  const period = cohortPeriod(by);
  if (period) return { ...read, data: { ...read.data, segments: { by, kind: 'cohort', period, costs, costsFrom } } };
  const value = input.parsed.value;
  if (isLoadedColumns(value)) throw new KpiError({ code: 'config', message: `group-by="${by}" needs the rows: load the data again` });
  const rows = rowsOf(value) ?? [];
  const header = input.parsed.header ?? columnsOf(rows);
  const column = input.columns['group'];
  if (rows.length > 0 && (column === undefined || !header.includes(column))) {
    throw new KpiError({
      code: 'config',
      message: `group-by: no column "${by}" in the data (columns: ${header.slice(0, 12).join(', ') || 'none'}); or group by cohort, cohort-month or cohort-year`,
    });
  }
  return { ...read, data: { ...read.data, segments: { by, kind: 'column', column: column ?? by, costs, costsFrom } } };
}

const isGenerator = (c: unknown): c is Generator<unknown, LtvModel, void> =>
  !!c && typeof (c as Generator).next === 'function' && typeof (c as Generator)[Symbol.iterator] === 'function';
const isPromise = (c: unknown): c is Promise<LtvModel> => !!c && typeof (c as Promise<LtvModel>).then === 'function';

/** The widget's compute, with the segments added to its model when `group-by` is set. */
export function withSegments(computed: Computed<LtvModel>, d: SegmentedData, target: number): Computed<SegmentedModel> {
  const req = d.segments;
  if (!req) return computed;
  const add = (m: LtvModel): SegmentedModel => ({ ...m, segments: segmentsOf(m, d, req, target) });
  if (isPromise(computed)) return computed.then(add);
  if (isGenerator(computed)) {
    const steps = computed;
    return (function* () {
      return add(yield* steps);
    })();
  }
  return add(computed);
}

/** `result` with the segments. */
export function resultWithSegments(m: SegmentedModel): SegmentedResult {
  return m.segments ? { ...m.result, segments: m.segments } : m.result;
}

const SEGMENT_ROW_FIELDS: FieldSpecs = { customer: LTV_FIELDS['customer']!, date: LTV_FIELDS['date']!, group: { type: 'string' } };
const CHUNK = 8192;

/** Each customer's segment value (by index into `ids`): the value on their first-dated row. */
export function segmentsFromRows(
  rows: readonly unknown[],
  columns: { readonly customer?: string; readonly date?: string; readonly group: string },
  ids: readonly string[],
  options: { readonly decimal?: '.' | ','; readonly dayOrder?: 'dmy' | 'mdy' } = {},
): { segmentOf: string[]; switched: number } {
  const first = new Map<string, { t: number; v: string; changed: boolean }>();
  const cols = { customer: columns.customer, date: columns.date, group: columns.group };
  for (let start = 0; start < rows.length; start += CHUNK) {
    const mapped = mapRows(rows.slice(start, start + CHUNK), SEGMENT_ROW_FIELDS, cols, { decimal: options.decimal ?? '.', dayOrder: options.dayOrder ?? 'dmy' });
    for (const r of mapped) {
      const c = r['customer'];
      const t = r['date'];
      if (typeof c !== 'string' || c === '' || typeof t !== 'number' || !Number.isFinite(t)) continue;
      const g = r['group'];
      const v = typeof g === 'string' ? g.trim() : '';
      const seen = first.get(c);
      if (!seen) first.set(c, { t, v, changed: false });
      else {
        if (v !== seen.v) seen.changed = true;
        if (t < seen.t) {
          seen.t = t;
          seen.v = v;
        }
      }
    }
  }
  let switched = 0;
  const segmentOf = ids.map((id) => {
    const s = first.get(id);
    if (s?.changed) switched++;
    return s?.v ?? '';
  });
  return { segmentOf, switched };
}

/** Each customer's first-purchase cohort key. */
export function cohortsOf(totals: CustomerTotals, period: CohortPeriod): string[] {
  const out: string[] = [];
  for (let c = 0; c < totals.firstDay.length; c++) out.push(bucketKey(totals.firstDay[c]! * DAY_MS, period));
  return out;
}

function segmentsOf(m: LtvModel, d: SegmentedData, req: SegmentRequest, target: number): SegmentsResult {
  const cols = cachedColumns(d);
  if (!cols) throw new KpiError({ code: 'config', message: 'the segments could not be computed: the transactions were not read' });
  const totals = customerTotals(cols);
  let segmentOf: readonly string[];
  let switched = 0;
  if (req.kind === 'cohort') segmentOf = cohortsOf(totals, req.period!);
  else {
    const r = segmentsFromRows(d.rows ?? [], { customer: d.columns['customer'], date: d.columns['date'], group: req.column! }, cols.ids, d.columnOptions);
    segmentOf = r.segmentOf;
    switched = r.switched;
  }
  return computeSegments({ totals, segmentOf, result: m.result, values: m.values, costs: req.costs, target, by: req.by, kind: req.kind, ...(req.period ? { period: req.period } : {}), switched });
}

export interface SegmentInputs {
  readonly totals: CustomerTotals;
  /** The segment of each customer (same index as the totals). */
  readonly segmentOf: readonly string[];
  /** The widget's result: its method, gross margin, lifespan, predictive status. */
  readonly result: Pick<LtvResult, 'method' | 'grossMargin' | 'simple' | 'predictive'>;
  /** Each customer's LTV under the widget's method (the model's `values`). */
  readonly values: Float64Array;
  readonly costs: readonly SegmentCost[] | null;
  readonly target: number;
  readonly by: string;
  readonly kind: 'column' | 'cohort';
  readonly period?: CohortPeriod;
  readonly switched?: number;
}

interface Acc {
  customers: number;
  repeat: number;
  transactions: number;
  revenue: number;
  /** Sum and sum of squares of the customers' LTV under the method, over those with one. */
  n: number;
  sum: number;
  sumSq: number;
}

/** The segments from per-customer totals and values (see the module comment for the rules). */
export function computeSegments(s: SegmentInputs): SegmentsResult {
  const { totals, values, result: r } = s;
  const k = totals.revenue.length;
  const acc = new Map<string, Acc>();
  let first = Infinity;
  let last = -Infinity;
  for (let c = 0; c < k; c++) {
    const key = s.segmentOf[c] ?? '';
    let a = acc.get(key);
    if (!a) acc.set(key, (a = { customers: 0, repeat: 0, transactions: 0, revenue: 0, n: 0, sum: 0, sumSq: 0 }));
    a.customers++;
    if (totals.lastDay[c]! > totals.firstDay[c]!) a.repeat++;
    a.transactions += totals.transactions[c]!;
    a.revenue += totals.revenue[c]!;
    const v = values[c];
    if (v !== undefined && Number.isFinite(v)) {
      a.n++;
      a.sum += v;
      a.sumSq += v * v;
    }
    if (totals.firstDay[c]! < first) first = totals.firstDay[c]!;
    if (totals.lastDay[c]! > last) last = totals.lastDay[c]!;
  }
  const days = k > 0 ? last - first : 0;
  const agm = r.grossMargin;
  const fitted = r.method === 'predictive' && !!r.predictive?.ok && values.length === k;
  const costs = new Map<string, SegmentCost>();
  for (const c of s.costs ?? []) costs.set(segmentKey(c.segment), c);
  const matched = new Set<string>();
  const rows: SegmentRow[] = [];
  for (const [segment, a] of acc) {
    const historical = agm.ok ? ltvHistoricalFrom(a.revenue, a.customers, agm.value, a.transactions) : agm;
    const simple = cltvFrom({ revenue: a.revenue, customers: a.customers, days, lifespanYears: r.simple.lifespan, margin: agm, rows: a.transactions });
    const predictive = fitted ? (a.n > 0 ? available(a.sum / a.n, { rows: a.transactions }) : notAvailable('no-data', 'no customer of the segment has a prediction')) : null;
    const ltv = r.method === 'historical' ? historical : r.method === 'simple' ? simple : (predictive ?? simple);
    const marginOfError = spread(a);
    const thin = a.customers < MIN_SEGMENT_CUSTOMERS ? 'few-customers' : ltv.ok && marginOfError.ok && marginOfError.value > MAX_RELATIVE_MARGIN * Math.abs(ltv.value) ? 'wide-margin' : null;
    const cost = costs.get(segmentKey(segment));
    if (cost) matched.add(segmentKey(segment));
    rows.push({
      segment,
      customers: a.customers,
      repeatCustomers: a.repeat,
      transactions: a.transactions,
      revenue: a.revenue,
      ltv,
      historical,
      simple,
      predictive,
      marginOfError,
      thin,
      acquisition: cost ? acquisition(cost, ltv, a, days, agm, s.target) : null,
    });
  }
  rows.sort((x, y) => y.customers - x.customers || (x.segment < y.segment ? -1 : x.segment > y.segment ? 1 : 0));
  return {
    by: s.by,
    kind: s.kind,
    ...(s.period ? { period: s.period } : {}),
    method: fitted ? 'predictive' : r.method,
    predictiveBasis: fitted ? 'pooled-fit' : null,
    target: s.target,
    minCustomers: MIN_SEGMENT_CUSTOMERS,
    maxRelativeMargin: MAX_RELATIVE_MARGIN,
    rows,
    hasCosts: costs.size > 0,
    unmatchedCosts: (s.costs ?? []).filter((c) => !matched.has(segmentKey(c.segment))).map((c) => c.segment),
    switched: s.switched ?? 0,
  };
}

/** 1.96 × sample standard deviation ÷ √n of the customers' LTV. */
function spread(a: Acc): MetricValue {
  if (a.n < 2) return notAvailable('no-data', 'fewer than 2 customers: no spread');
  const mean = a.sum / a.n;
  const variance = Math.max(0, (a.sumSq - a.n * mean * mean) / (a.n - 1));
  return available((Z95 * Math.sqrt(variance)) / Math.sqrt(a.n));
}

function acquisition(c: SegmentCost, ltv: MetricValue, a: Acc, days: number, agm: MetricValue, target: number): SegmentAcquisition {
  const newCustomers = c.newCustomers ?? a.customers;
  const cac = cacFrom(c.cost, newCustomers);
  const ltvCac = ltvCacFrom(ltv, cac);
  const payback = agm.ok ? cacPaybackFrom(cac, { revenue: a.revenue, customers: a.customers, days, margin: agm.value, rows: a.transactions }) : agm;
  return {
    cost: c.cost,
    newCustomers,
    newCustomersFrom: c.newCustomers !== undefined ? 'given' : 'data',
    cac,
    ltvCac,
    payback,
    meetsTarget: ltvCac.ok ? ltvCac.value >= target : null,
  };
}

/**
 * The `costs` option: an attribute (`costs="Search: 12000/40; Referral: 3000/25"`) or a property
 * (an object or rows); the same costs can come as the `costs` named source instead (`src-costs`,
 * a `data-source="costs"` child, `sources.costs`).
 */
export const costsOption: OptionSpec<readonly SegmentCost[] | undefined> = {
  ...opt.json('costs', parseCosts),
  attribute: 'costs',
  accepts: 'costs per segment, "Search: 12000/40; Referral: 3000/25" (segment: cost/new customers) or an object',
};

/** The spec's `stale`: packed columns cannot be grouped by a column; they are fetched again as rows. */
export function staleForSegments(input: Input): boolean {
  return isLoadedColumns(input.parsed.value) && groupNeedsRows(input.mapping['group']);
}
