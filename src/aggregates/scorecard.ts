/**
 * The scorecard aggregate: numerator and denominator per catalogue KPI × period × group, read off
 * the deals aggregate (value = numerator ÷ denominator; 1 for plain sums). The same mapping as
 * sql/templates.ts `scorecardSql` (both read SCORECARD_KPIS).
 */
import { SCORECARD_KPIS } from '../sql/templates.ts';
import { dealsAggregate, type DealsAggregateOptions } from './deals.ts';
import { sortScorecard } from './order.ts';
import type { DealsRow, ScorecardRow } from './shapes.ts';

export { SCORECARD_KPIS };

export function scorecardFromDeals(deals: readonly DealsRow[]): ScorecardRow[] {
  const rows: ScorecardRow[] = [];
  for (const k of SCORECARD_KPIS) {
    for (const d of deals) {
      const cell = d as unknown as Record<string, number>;
      rows.push({ kpi: k.kpi, period: d.period, group: d.group, numerator: cell[k.numerator]!, denominator: k.denominator === null ? 1 : cell[k.denominator]! });
    }
  }
  return sortScorecard(rows, SCORECARD_KPIS.map((k) => k.kpi));
}

export function scorecardAggregate(rows: readonly Readonly<Record<string, unknown>>[], o: DealsAggregateOptions): ScorecardRow[] {
  return scorecardFromDeals(dealsAggregate(rows, o));
}
