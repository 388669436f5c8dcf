/**
 * The funnel aggregate, JS path: rows → records → `reachedCounts` (kpis/funnel-records.ts, the
 * definition the funnel widget uses) → the `funnel` rows of shapes.ts. The SQL path is
 * sql/templates.ts `funnelSql`; tests compare the two.
 */
import { reachedCounts, type FunnelRecord } from '../kpis/funnel-records.ts';
import { parseDate } from '../core/schema/dates.ts';
import type { FunnelRow } from './shapes.ts';

export interface FunnelAggregateOptions {
  readonly stages: readonly string[];
  readonly lostValues: readonly string[];
  readonly columns: {
    readonly stage: string;
    readonly value?: string | undefined;
    readonly stageDates?: Readonly<Record<string, string>>;
  };
}

type Row = Readonly<Record<string, unknown>>;

function valueOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const x = Number(v.trim());
    return Number.isFinite(x) ? x : undefined;
  }
  return undefined;
}

function timeOf(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const t = parseDate(v as string);
  return t === null ? undefined : t;
}

/** The stage column per stage name (case-insensitive), aligned with `stages`. */
function dateColumns(o: FunnelAggregateOptions): (string | undefined)[] {
  const entries = Object.entries(o.columns.stageDates ?? {});
  return o.stages.map((s) => entries.find(([k]) => k.trim().toLowerCase() === s.trim().toLowerCase())?.[1]);
}

export function funnelAggregate(rows: readonly Row[], o: FunnelAggregateOptions): FunnelRow[] {
  const cols = dateColumns(o);
  const hasDates = cols.some((c) => c !== undefined);
  const records: FunnelRecord[] = rows.map((r) => {
    const stage = r[o.columns.stage];
    const value = o.columns.value === undefined ? undefined : valueOf(r[o.columns.value]);
    return {
      stage: typeof stage === 'string' ? stage : stage === undefined || stage === null ? undefined : String(stage),
      ...(hasDates ? { dates: cols.map((c) => (c === undefined ? undefined : timeOf(r[c]))) } : {}),
      value,
    };
  });
  const { counts } = reachedCounts(records, { stages: o.stages, lostValues: o.lostValues });
  return counts.map((c) => {
    const m = c.medianDays;
    return {
      stage: c.stage,
      count: c.count,
      value: c.value ?? null,
      medianDays: m && m.ok ? m.value : null,
      medianDaysN: m && m.ok ? (m.rows ?? 0) : 0,
    };
  });
}
