// Type checks only (run by `npx tsc --noEmit -p .`, never executed): what a TypeScript user of
// <kpi-scorecard> sees. Each `@ts-expect-error` fails the check if the line stops being an error.
import type { KpiScorecard, ScorecardConfigInput, ScorecardResult } from '../../src/widgets/scorecard/element.ts';
import type { Status } from '../../src/core/targets/status.ts';
import type { KpiModel } from '../../src/widgets/scorecard/model.ts';

// The tag is declared by the element's own module.
const el: KpiScorecard = document.createElement('kpi-scorecard');
const found: KpiScorecard | null = document.querySelector('kpi-scorecard');

// kpi-update carries the scorecard's result type.
el.addEventListener('kpi-update', (e) => {
  const result: ScorecardResult = e.detail.result;
  const status: Status = e.detail.result.status;
  const kpis: readonly KpiModel[] = e.detail.result.kpis;
  const total: number = e.detail.result.totalRows;
  // @ts-expect-error a scorecard's result has no funnel stages
  void e.detail.result.stages;
  void [result, status, kpis, total];
});
el.addEventListener('kpi-status-change', (e) => {
  const change: { id: string; from: string; to: string } = e.detail;
  void change;
});
const current: ScorecardResult | undefined = el.result;
const overall: Status | undefined = el.status;

// The configuration is typed as written (defaults optional), checked again at run time.
el.config = { kpis: [{ id: 'win', metric: 'win-rate', target: 0.6 }] };
el.config = {
  title: { en: 'Team', es: 'Equipo' },
  asOf: '2017-12-31',
  kpis: [
    { id: 'revenue', metric: 'revenue', target: 500_000, targetPeriod: 'quarter', thresholds: { warning: 0.95, critical: { absolute: 400_000 } } },
    { id: 'nps', label: 'NPS', series: [{ period: '2017-Q4', value: 41 }], target: 40, direction: 'up', neutralBand: 0.05 },
  ],
};
const written: ScorecardConfigInput = { kpis: [] };
el.config = written;
el.config = undefined;
// @ts-expect-error a target period is month, quarter or year
el.config = { kpis: [{ id: 'win', metric: 'win-rate', target: 0.6, targetPeriod: 'week' }] };
// @ts-expect-error a target is a number
el.config = { kpis: [{ id: 'win', metric: 'win-rate', target: '60%' }] };

// Options take the attribute's text or the typed value.
el.wonValues = 'Won, Closed Won';
el.wonValues = ['Won', 'Closed Won'];
el.lostValues = ['Lost'];
el.asOf = '2017-12-31';
el.asOf = new Date(Date.UTC(2017, 11, 31));
el.groupBy = 'sales_agent';
// @ts-expect-error as-of is a date or its text
el.asOf = 20171231;

void [found, current, overall];
