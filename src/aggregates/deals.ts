/**
 * The deals aggregate, JS path: one cell per close-date period × group (and the total), each
 * with the sums the deal KPIs finish from. The KPI arithmetic is `dealSummary`
 * (kpis/deal-summary.ts: won / lost / closed, revenue, the sales cycle and its median); this
 * file only builds the cell key of each row and counts the rows per cell. The SQL path is
 * sql/templates.ts `dealsSql`.
 */
import { dealSummary } from '../kpis/deal-summary.ts';
import { NONE_KEY } from '../kpis/metric.ts';
import { bucketKey, type TimeBucket } from '../core/calendar.ts';
import { parseDate } from '../core/schema/dates.ts';
import { notAvailable, type MetricValue } from '../core/result.ts';
import type { DealsRow, PeriodGrain } from './shapes.ts';
import { sortDeals } from './order.ts';

export interface DealsAggregateOptions {
  readonly columns: {
    readonly status: string;
    readonly amount: string;
    readonly created: string;
    readonly closed: string;
    readonly group?: string | undefined;
  };
  readonly period?: PeriodGrain | null | undefined;
}

type Row = Readonly<Record<string, unknown>>;

const SEP = '\u0000';

function keyText(v: unknown): string {
  if (typeof v === 'string') return v === '' ? NONE_KEY : v;
  if (v === undefined || v === null) return NONE_KEY;
  return String(v);
}

function periodKey(v: unknown, grain: TimeBucket): string {
  if (v === undefined || v === null || v === '') return NONE_KEY;
  const t = parseDate(v as string);
  return t === null ? NONE_KEY : bucketKey(t, grain);
}

const int = (m: MetricValue | undefined, pick: 'numerator' | 'denominator' | 'rows') => (m && m.ok ? (m[pick] ?? 0) : 0);

interface Cell {
  readonly period: string | null;
  readonly group: string | null;
  deals: number;
}

function rowOf(cell: Cell, m: { revenue: MetricValue; avgTransaction: MetricValue; winRate: MetricValue; salesCycle: MetricValue; salesCycleMedian: MetricValue } | undefined): DealsRow {
  const won = int(m?.winRate, 'numerator');
  const closed = int(m?.winRate, 'denominator');
  const revenue = m && m.revenue.ok ? m.revenue.value : 0;
  return {
    period: cell.period,
    group: cell.group,
    deals: cell.deals,
    won,
    lost: closed - won,
    closed,
    revenue,
    revenue_n: int(m?.avgTransaction, 'denominator'),
    cycle_days_sum: int(m?.salesCycle, 'numerator'),
    cycle_days_n: int(m?.salesCycle, 'denominator'),
    cycle_days_median: m && m.salesCycleMedian.ok ? m.salesCycleMedian.value : null,
  };
}

/** The deals rows: the total (period and group null) and, with a period or a group, every cell. */
export function dealsAggregate(rows: readonly Row[], o: DealsAggregateOptions): DealsRow[] {
  const c = o.columns;
  const grain = o.period ?? null;
  const byCells = grain !== null || c.group !== undefined;
  const cells = new Map<string, Cell>();
  const deals = rows.map((r) => {
    const period = grain === null ? null : periodKey(r[c.closed], grain);
    const group = c.group === undefined ? null : keyText(r[c.group]);
    const key = `${period ?? ''}${SEP}${group ?? ''}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { period, group, deals: 0 }));
    cell.deals++;
    return { status: r[c.status], amount: r[c.amount], createdDate: r[c.created], closeDate: r[c.closed], cell: key };
  });
  const s = dealSummary(deals, byCells ? { groupBy: 'cell' } : {});
  const out: DealsRow[] = [rowOf({ period: null, group: null, deals: rows.length }, s)];
  if (byCells) {
    const by = s.by['cell']!;
    const index = (g: { groups: readonly { key: string; value: MetricValue }[] }) => new Map(g.groups.map((x) => [x.key, x.value]));
    const rev = index(by.revenue), avg = index(by.avgTransaction), win = index(by.winRate), cyc = index(by.salesCycle), med = index(by.salesCycleMedian);
    // a cell without a closed deal has no group in dealSummary: its KPI sums are 0
    const none = notAvailable('no-data', 'no deals closed in the cell');
    for (const [key, cell] of cells) {
      out.push(
        rowOf(cell, {
          revenue: rev.get(key) ?? none,
          avgTransaction: avg.get(key) ?? none,
          winRate: win.get(key) ?? none,
          salesCycle: cyc.get(key) ?? none,
          salesCycleMedian: med.get(key) ?? none,
        }),
      );
    }
  }
  return sortDeals(out);
}
