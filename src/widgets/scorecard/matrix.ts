/**
 * A grouped scorecard: rows = members of a dimension (agent, manager, regional office…),
 * columns = the KPIs computed from records, each cell the KPI for that member in the KPI's
 * current period. Sortable by any column; with `contrast: { high, low }` in the config it
 * flags members better than the median on `high` and worse than the median on `low` — e.g.
 * opens many opportunities but wins few of them (seed 001's question).
 *
 * Cells are judged against `groupTarget`, or the KPI's target for rates and averages; a total
 * (revenue, deals opened) has no per-member target unless `groupTarget` gives one.
 */
import type { Deal } from '../../core/schema/records.ts';
import type { Direction, KpiUnit, Label, ScorecardConfig } from './config.ts';
import { isGrouped } from '../../kpis/metric.ts';
import { notAvailable, type MetricValue } from '../../core/result.ts';
import { elapsedShare } from '../../core/targets/pacing.ts';
import { periodOf, type PeriodSpan } from '../../core/calendar.ts';
import { resolveLevels, scaleLevels, statusOf, type Status } from '../../core/targets/status.ts';
import { accumulatesByDefault, type MetricLookup } from './metrics.ts';
import { resolveNow } from './model.ts';
import { sortRows } from '../../core/ui/sort.ts';
import type { SourceRows } from './sources.ts';

export interface MatrixColumn {
  readonly id: string;
  readonly label: Label;
  readonly unit: KpiUnit;
  readonly direction: Direction;
  readonly period: PeriodSpan;
  /** Per-member target, or null (then cells carry no status). */
  readonly target: number | null;
}

export interface MatrixCell {
  readonly value: MetricValue;
  readonly status: Status;
}

export interface MatrixRow {
  readonly member: string;
  readonly cells: Readonly<Record<string, MatrixCell>>;
  /** Better than the median on `contrast.high`, worse on `contrast.low`. */
  readonly contrast: boolean;
}

export interface MatrixModel {
  readonly groupBy: string;
  readonly columns: readonly MatrixColumn[];
  readonly rows: readonly MatrixRow[];
  readonly contrast: { readonly high: string; readonly low: string; readonly medians: readonly [number | null, number | null] } | null;
}

export interface MatrixInput {
  readonly config: ScorecardConfig;
  readonly deals: readonly Deal[];
  readonly metrics: MetricLookup;
  readonly groupBy: string;
  /** The member a deal belongs to; undefined → "(none)". */
  readonly groupOf: (deal: Deal) => string | undefined;
  readonly now?: number;
  /** The other sources' rows (leads, costs…), for KPIs that read them. */
  readonly sources?: Omit<SourceRows, 'deals'>;
  /**
   * A field every source carries (channel, owner, region…): the metrics group each source's rows
   * by it (kpis/metric.ts group-by names), so costs and leads fall in the same members as deals.
   * Without it, members come from `groupOf` over the deals (other sources' rows then have none).
   */
  readonly dimension?: string;
}

export const NO_MEMBER = '(none)';

export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function buildMatrix(input: MatrixInput): MatrixModel {
  const { config } = input;
  const now = resolveNow(config, input.now ?? Date.now());
  const columns: MatrixColumn[] = [];
  const values = new Map<string, Map<string, MatrixCell>>();
  const memberOf = (d: Deal) => input.groupOf(d) ?? NO_MEMBER;
  // Grouped by a dimension of every source: the members are those the KPIs report; else every deal's.
  if (input.dimension === undefined) for (const d of input.deals) if (!values.has(memberOf(d))) values.set(memberOf(d), new Map());

  for (const k of config.kpis) {
    if (k.metric === undefined) continue;
    const metric = input.metrics(k.metric);
    if (!metric) continue;
    const direction: Direction = k.direction ?? metric.meta.better ?? 'up';
    const accumulates = k.accumulates ?? accumulatesByDefault(metric.meta);
    const target = k.groupTarget ?? (accumulates ? null : k.target);
    const period = periodOf(now - 1, k.targetPeriod);
    columns.push({ id: k.id, label: k.label ?? metric.meta.name, unit: k.unit ?? metric.meta.unit, direction, period, target });
    const deals = k.filter
      ? input.deals.filter((d) => Object.entries(k.filter!).every(([f, v]) => Object.hasOwn(d, f) && String((d as unknown as Record<string, unknown>)[f]) === String(v)))
      : input.deals;
    const groupBy = input.dimension ?? ((d: Deal) => memberOf(d));
    const rows: SourceRows = { ...(input.sources ?? {}), deals };
    const r = metric.compute(rows, { ...(k.params ?? {}), period: { from: period.start, to: Math.min(now, period.end) }, grain: k.targetPeriod, groupBy });
    const groups = isGrouped(r) ? r.groups : [];
    // Members of the other sources (a channel with costs and leads but no deal yet) are members too.
    for (const g of groups) if (!values.has(g.key)) values.set(g.key, new Map());
    let levels = target === null ? null : (({ problem: _p, ...l }) => l)(resolveLevels(target, direction, k.thresholds, k.neutralBand));
    if (levels && accumulates && now < period.end) levels = scaleLevels(levels, elapsedShare(period, now));
    const byMember = new Map(groups.map((g) => [g.key, g.value]));
    for (const [member, cells] of values) {
      const value = byMember.get(member) ?? notAvailable('no-data', `no records for ${member} in ${period.key}`);
      cells.set(k.id, { value, status: levels ? statusOf(value, levels).status : 'unknown' });
    }
  }

  for (const [member, cells] of values) {
    for (const c of columns) if (!cells.has(c.id)) cells.set(c.id, { value: notAvailable('no-data', `no records for ${member} in ${c.period.key}`), status: 'unknown' });
  }
  let rows: MatrixRow[] = [...values.entries()].map(([member, cells]) => ({ member, cells: Object.fromEntries(cells), contrast: false }));
  rows.sort((a, b) => a.member.localeCompare(b.member));

  let contrast: MatrixModel['contrast'] = null;
  const c = config.contrast;
  const hi = c ? columns.find((x) => x.id === c.high) : undefined;
  const lo = c ? columns.find((x) => x.id === c.low) : undefined;
  if (c && hi && lo) {
    const num = (r: MatrixRow, id: string) => {
      const v = r.cells[id]?.value;
      return v && v.ok ? v.value : null;
    };
    const mh = medianOf(rows.map((r) => num(r, hi.id)).filter((v): v is number => v !== null));
    const ml = medianOf(rows.map((r) => num(r, lo.id)).filter((v): v is number => v !== null));
    const better = (v: number, m: number, d: Direction) => (d === 'up' ? v >= m : v <= m);
    const worse = (v: number, m: number, d: Direction) => (d === 'up' ? v < m : v > m);
    rows = rows.map((r) => {
      const h = num(r, hi.id);
      const l = num(r, lo.id);
      const flag = h !== null && l !== null && mh !== null && ml !== null && better(h, mh, hi.direction) && worse(l, ml, lo.direction);
      return flag ? { ...r, contrast: true } : r;
    });
    contrast = { high: hi.id, low: lo.id, medians: [mh, ml] };
  }
  return { groupBy: input.groupBy, columns, rows, contrast };
}

export type SortKey = 'member' | string;
export type SortDirection = 'ascending' | 'descending';

/** Rows sorted by member name or a KPI column; not-available values always last. Stable. */
export function sortMatrixRows(rows: readonly MatrixRow[], key: SortKey, dir: SortDirection): MatrixRow[] {
  if (key === 'member') return sortRows(rows, (r) => r.member, dir);
  return sortRows(rows, (r) => {
    const v = r.cells[key]?.value;
    return v && v.ok ? v.value : null;
  }, dir);
}
