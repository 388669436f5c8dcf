/**
 * The canonical row order of each aggregate kind, applied to the JS path's rows and to the rows
 * an engine returns (SQL ORDER BY follows the database's collation, which may not be code-unit
 * order): totals first, then by period and group, by code unit.
 */
import type { CustomerRow, DealsRow, PatternRow, ScorecardRow } from './shapes.ts';

const cmpText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

export function sortDeals<R extends Pick<DealsRow, 'period' | 'group'>>(rows: R[]): R[] {
  const level = (r: R) => (r.period === null && r.group === null ? 0 : 1);
  return rows.sort((a, b) => level(a) - level(b) || cmpText(a.period, b.period) || cmpText(a.group, b.group));
}

export function sortScorecard(rows: ScorecardRow[], kpis: readonly string[]): ScorecardRow[] {
  const k = (r: ScorecardRow) => {
    const i = kpis.indexOf(r.kpi);
    return i < 0 ? kpis.length : i;
  };
  const level = (r: ScorecardRow) => (r.period === null && r.group === null ? 0 : 1);
  return rows.sort((a, b) => k(a) - k(b) || cmpText(a.kpi, b.kpi) || level(a) - level(b) || cmpText(a.period, b.period) || cmpText(a.group, b.group));
}

export function sortPatterns<R extends Pick<PatternRow, 'x' | 't_x' | 'T'>>(rows: R[]): R[] {
  return rows.sort((a, b) => a.x - b.x || a.t_x - b.t_x || a.T - b.T);
}

export function sortCustomers(rows: CustomerRow[]): CustomerRow[] {
  return rows.sort((a, b) => cmpText(a.id, b.id));
}
