/**
 * <kpi-scorecard input="aggregates">: KPIs from pre-aggregated numerators and denominators
 * (issue #13), computed elsewhere — the `kpi-kit aggregate scorecard` CLI on DuckDB or
 * PostgreSQL, or any warehouse query — so the widget never sees the raw rows. Pure: no lit, no DOM.
 *
 * The input is an aggregate file of kind "scorecard" (src/aggregates/shapes.ts: the versioned
 * envelope `{ kpiKit: "aggregate", version: 1, kind: "scorecard", …, rows }`) or just its rows, as
 * JSON or CSV: `{ kpi, period, group, numerator, denominator }`.
 * - `kpi` is the KPI's `metric` (a catalogue id such as "cpl", or any name of your own);
 * - `period` names a period of the KPI's grain: "2017" (year), "2017-Q4" (quarter), "2017-10"
 *   (month), or the period's first day ("2017-10-01", read with the file's `params.period`
 *   grain, else the KPI's). Rows of other grains are not this KPI's; a null period is not used;
 * - `group` is null or "" for the total, else a member of the group-by (a channel, a rep…);
 * - value = numerator ÷ denominator (denominator 1 for plain sums). A period with group rows but
 *   no total row totals Σ numerators ÷ Σ denominators (right for ratios of sums such as CPL).
 * The value of a running period is the file's as it stands: the comparison "to the same day"
 * needs raw rows, so a pre-aggregated comparison is of whole periods.
 */
import { columnsOf, mapRows, resolveColumns, type FieldSpecs } from '../../core/data/fields.ts';
import { rowsOf } from '../../core/data/load.ts';
import { KpiError } from '../../core/data/errors.ts';
import type { Input } from '../../core/element/spec.ts';
import { validateRows, type RejectedRow } from '../../core/schema/validate.ts';
import { validationError } from '../../core/schema/validation-error.ts';
import { notAvailable, ratio, type MetricMeta, type MetricValue } from '../../core/result.ts';
import { parseWhen, periodOf, type SpanGrain } from '../../core/calendar.ts';
import type { Grouped } from '../../kpis/metric.ts';
import { parseAggregateOf, ScorecardRow } from '../../aggregates/shapes.ts';
import { metricMeta, type MetricLookup, type ScorecardMetric } from './metrics.ts';
import type { QualityCounts } from './six-a.ts';

export const AGGREGATE_FIELDS: FieldSpecs = {
  kpi: { type: 'string', aliases: ['metric', 'kpi_id'] },
  period: { type: 'string', aliases: ['periodo'] },
  group: { type: 'string', aliases: ['member', 'grupo'] },
  numerator: { type: 'number', aliases: ['num', 'numerador'] },
  denominator: { type: 'number', aliases: ['den', 'denominador'] },
};

export interface AggregateData {
  readonly rows: readonly ScorecardRow[];
  /** The file's period grain (params.period), for rows that name a period by its first day. */
  readonly grain: SpanGrain | null;
  /** The file's group-by field (params.groupBy), the matrix's title. */
  readonly groupBy: string | null;
  readonly quality: QualityCounts;
  readonly rejected: readonly RejectedRow[];
  readonly total: number;
  /** End of the newest period in the file (epoch ms), for the "alive" check. */
  readonly newest: number | null;
  readonly oldest: number | null;
}

const GRAINS: readonly SpanGrain[] = ['month', 'quarter', 'year'];

/** The grain a period text names itself: 2017 → year, 2017-Q4 → quarter, 2017-10 → month; a date names none. */
function namedGrain(p: string): SpanGrain | null {
  const s = p.trim();
  if (/^\d{4}$/.test(s)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(s)) return 'quarter';
  if (/^\d{4}-\d{2}$/.test(s)) return 'month';
  return null;
}

/** The parsed input as aggregate rows: an aggregate file (validated whole) or rows (validated one by one). */
export function readAggregates(input: Input): AggregateData {
  const value = input.parsed.value;
  let rows: ScorecardRow[];
  let rejected: RejectedRow[] = [];
  let total: number;
  let grain: SpanGrain | null = null;
  let groupBy: string | null = null;
  if (value && typeof value === 'object' && !Array.isArray(value) && (value as { kpiKit?: unknown }).kpiKit === 'aggregate') {
    const file = parseAggregateOf('scorecard', value);
    if (!file.ok) throw new KpiError({ code: 'validation', message: `aggregates: ${file.error}` });
    rows = [...file.value.rows];
    total = rows.length;
    const g = file.value.params.period;
    grain = g && (GRAINS as readonly string[]).includes(g) ? (g as SpanGrain) : null;
    groupBy = file.value.params.groupBy ?? null;
  } else {
    const raw = rowsOf(value);
    if (!raw) throw new KpiError({ code: 'validation', message: 'aggregates: expected a "scorecard" aggregate file or a list of { kpi, period, group, numerator, denominator } rows' });
    const columns = resolveColumns(AGGREGATE_FIELDS, {}, input.parsed.header ?? columnsOf(raw));
    const name = (key: string) => columns[key] ?? key;
    const mapped = mapRows(raw, AGGREGATE_FIELDS, columns, { decimal: input.decimal, dayOrder: input.dayOrder }).map((r) => ({
      kpi: r['kpi'],
      period: r['period'] ?? null,
      group: r['group'] ?? null,
      numerator: r['numerator'],
      denominator: r['denominator'],
    }));
    const v = validateRows(mapped, ScorecardRow, name);
    if (raw.length > 0 && v.valid.length === 0) throw validationError(v.rejected, v.total);
    rows = v.valid;
    rejected = v.rejected;
    total = v.total;
  }
  let oldest: number | null = null;
  let newest: number | null = null;
  for (const r of rows) {
    if (r.period === null) continue;
    const t = parseWhen(r.period);
    if (t === null) continue;
    const span = periodOf(t, namedGrain(r.period) ?? grain ?? 'month');
    if (oldest === null || span.start < oldest) oldest = span.start;
    if (newest === null || span.end > newest) newest = span.end;
  }
  const reasons: Record<string, number> = {};
  for (const r of rejected) {
    const first = r.issues[0];
    const key = first ? `${first.path}: ${first.message.replace(/, got .*$/, '')}` : 'invalid';
    reasons[key] = (reasons[key] ?? 0) + 1;
  }
  return {
    rows,
    grain,
    groupBy,
    quality: { valid: rows.length, rejected: rejected.length, reasons, source: 'aggregates' },
    rejected,
    total,
    newest,
    oldest,
  };
}

/** A KPI name that is not in the catalogue: shown as written, judged as a plain number. */
function ownMeta(id: string): MetricMeta {
  return {
    id,
    name: { en: id, es: id },
    formula: { en: 'numerator ÷ denominator, pre-aggregated', es: 'numerador ÷ denominador, preagregados' },
    unit: 'number',
    better: 'up',
    seeds: [],
    input: { list: [] },
    accumulates: false,
  };
}

const isTotal = (g: string | null) => g === null || g === '';

/** value = Σ numerator ÷ Σ denominator over the rows. */
function valueOf(rows: readonly ScorecardRow[], what: string): MetricValue {
  if (rows.length === 0) return notAvailable('no-data', `no aggregate row for ${what}`);
  let n = 0;
  let d = 0;
  for (const r of rows) {
    n += r.numerator;
    d += r.denominator;
  }
  return ratio(n, d, `the denominator of ${what} is zero`, rows.length);
}

/** The scorecard metrics of an aggregate file: one per `kpi` it holds (see the module comment). */
export function aggregateMetrics(data: AggregateData): MetricLookup {
  const byKpi = new Map<string, ScorecardRow[]>();
  for (const r of data.rows) {
    let list = byKpi.get(r.kpi);
    if (!list) byKpi.set(r.kpi, (list = []));
    list.push(r);
  }
  const cache = new Map<string, ScorecardMetric>();
  const metric = (id: string): ScorecardMetric | undefined => {
    const rows = byKpi.get(id);
    if (!rows) return undefined;
    let m = cache.get(id);
    if (m) return m;
    m = {
      meta: metricMeta(id) ?? ownMeta(id),
      reads: ['aggregates'],
      compute: (_rows, options): MetricValue | Grouped => {
        const from = (options.period as { from: number } | undefined)?.from ?? Number.NaN;
        const grain = (options['grain'] as SpanGrain | undefined) ?? data.grain ?? 'quarter';
        const inPeriod = rows.filter((r) => {
          if (r.period === null) return false;
          const t = parseWhen(r.period);
          const g = namedGrain(r.period) ?? data.grain ?? grain;
          return t !== null && g === grain && periodOf(t, grain).start === from;
        });
        const key = Number.isFinite(from) ? periodOf(from, grain).key : '?';
        const totals = inPeriod.filter((r) => isTotal(r.group));
        const members = inPeriod.filter((r) => !isTotal(r.group));
        const total = valueOf(totals.length > 0 ? totals : members, `${id} in ${key}`);
        if (options.groupBy === undefined) return total;
        const byGroup = new Map<string, ScorecardRow[]>();
        for (const r of members) {
          let list = byGroup.get(r.group!);
          if (!list) byGroup.set(r.group!, (list = []));
          list.push(r);
        }
        const keys = [...byGroup.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        return { total, groups: keys.map((g) => ({ key: g, value: valueOf(byGroup.get(g)!, `${id}, ${g} in ${key}`) })) };
      },
    };
    cache.set(id, m);
    return m;
  };
  const why = (id: string) => `no aggregate rows for KPI "${id}" (the file has: ${[...byKpi.keys()].join(', ') || 'no rows'})`;
  return Object.assign(metric, { why });
}

/** Whether the aggregate rows break any KPI down by group (then the scorecard shows the matrix). */
export function hasGroups(data: AggregateData): boolean {
  return data.rows.some((r) => !isTotal(r.group));
}
