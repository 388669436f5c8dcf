/**
 * The scorecard on the real CRM export (data/sales_pipeline.csv + data/sales_teams.csv, Maven
 * Analytics' "CRM + Sales + Opportunities"): quarterly revenue, win rate, average deal size,
 * sales cycle and opportunities opened, per regional office or per manager, against targets
 * set here for the demo. Shared by the story, the demo page and the unit test that checks
 * the numbers (test/unit/scorecard-crm.test.ts).
 *
 * The export ends on 2017-12-31, so the scorecard is evaluated as of that day (`asOf`); the
 * current quarter is 2017-Q4. Targets are the demo's, chosen near the 2017 quarters so the
 * statuses differ: revenue 3.0 M / quarter, win rate 63 %, average deal 2,300, cycle ≤ 45 days,
 * 2,500 opportunities opened / quarter.
 */
import type { ScorecardConfig } from '../src/widgets/scorecard/config.ts';
import { csvToRecords } from '../src/core/data/csv.ts';
import { joinRows } from '../src/widgets/scorecard/records.ts';

/** The product list of data/products.csv: the pipeline's "GTXPro" is not in it. */
export const CRM_PRODUCTS = ['GTX Basic', 'GTX Pro', 'MG Special', 'MG Advanced', 'GTX Plus Pro', 'GTX Plus Basic', 'GTK 500'];

export type CrmGrouping = 'regional_office' | 'manager' | 'sales_agent';

/** Per-member targets for totals, by grouping (3 offices, 6 managers, 30 agents with deals). */
const MEMBER_REVENUE: Record<CrmGrouping, number> = { regional_office: 1_000_000, manager: 500_000, sales_agent: 100_000 };
const MEMBER_OPENED: Record<CrmGrouping, number> = { regional_office: 833, manager: 417, sales_agent: 83 };

export function crmConfig(grouping: CrmGrouping = 'regional_office'): ScorecardConfig {
  return {
    title: { en: 'Sales scorecard · CRM export', es: 'Cuadro de mando de ventas · exportación del CRM' },
    asOf: '2017-12-31',
    knownValues: { product: CRM_PRODUCTS },
    contrast: { high: 'opened', low: 'win-rate' },
    kpis: [
      {
        id: 'revenue',
        label: { en: 'Quarterly revenue', es: 'Ingresos del trimestre' },
        metric: 'revenue',
        target: 3_000_000,
        targetPeriod: 'quarter',
        groupTarget: MEMBER_REVENUE[grouping],
        thresholds: { warning: 1, critical: 0.9 },
        neutralBand: 0.01,
        objective: 'Grow hardware revenue to 12 M in 2018',
        owner: 'Head of sales',
        nextAction: 'Review the Q1 pipeline by office',
        reviewCadence: 'monthly',
        kind: 'lagging',
      },
      {
        id: 'win-rate',
        label: { en: 'Win rate', es: 'Tasa de éxito' },
        metric: 'win-rate',
        target: 0.63,
        targetPeriod: 'quarter',
        objective: 'Close more of the deals we work',
        owner: 'Sales managers',
        nextAction: 'Coach the agents below 55 % on closing',
        reviewCadence: 'monthly',
        kind: 'lagging',
      },
      {
        id: 'avg-deal',
        label: { en: 'Average deal size', es: 'Importe medio por venta' },
        metric: 'avg-transaction',
        target: 2_300,
        targetPeriod: 'quarter',
        objective: 'Sell the higher GTX series',
        owner: 'Product marketing',
        reviewCadence: 'quarterly',
        kind: 'lagging',
      },
      {
        id: 'cycle',
        label: { en: 'Sales cycle (days to win)', es: 'Ciclo de venta (días hasta ganar)' },
        metric: 'sales-cycle',
        target: 45,
        targetPeriod: 'quarter',
        objective: 'Shorten time to cash',
        owner: 'Sales operations',
        nextAction: 'Find the deals stuck in Engaging for 60+ days',
        reviewCadence: 'monthly',
        kind: 'leading',
      },
      {
        id: 'opened',
        label: { en: 'Opportunities opened', es: 'Oportunidades abiertas' },
        metric: 'deals-opened',
        target: 2_500,
        targetPeriod: 'quarter',
        groupTarget: MEMBER_OPENED[grouping],
        objective: 'Keep the pipeline full',
        reviewCadence: 'weekly',
        kind: 'leading',
      },
    ],
  };
}

/** The pipeline with each agent's manager and regional office joined in (CSV text in, rows out). */
export function crmRows(pipelineCsv: string, teamsCsv: string): Record<string, unknown>[] {
  const pipeline = csvToRecords(pipelineCsv).records;
  const teams = csvToRecords(teamsCsv).records;
  return joinRows(pipeline, teams, 'sales_agent');
}

/** Fetches both CSV files (URLs relative to the page or absolute) and joins them. */
export async function loadCrmRows(pipelineUrl: string, teamsUrl: string, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
  const [p, t] = await Promise.all([pipelineUrl, teamsUrl].map(async (u) => {
    const r = await fetch(u, signal ? { signal } : {});
    if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`);
    return r.text();
  }));
  return crmRows(p!, t!);
}
