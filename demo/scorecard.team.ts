/** A small team's scorecard: two KPIs from deals (revenue paced mid-quarter, win rate) and a supplied NPS series. Used by the stories and the demo page. */
import type { ScorecardConfigInput } from '../src/widgets/scorecard/spec.ts';

/** A small team's deals, one row per opportunity, as a CRM exports them. */
export const DEALS = [
  ['a1', 'Ana', 'Won', 12_000, '2017-04-03', '2017-05-10'],
  ['a2', 'Ana', 'Won', 18_000, '2017-05-02', '2017-06-20'],
  ['b1', 'Bo', 'Lost', 0, '2017-04-11', '2017-06-01'],
  ['b2', 'Bo', 'Won', 9_500, '2017-06-01', '2017-07-15'],
  ['a3', 'Ana', 'Won', 21_000, '2017-06-20', '2017-08-01'],
  ['c1', 'Cy', 'Lost', 0, '2017-07-01', '2017-08-05'],
  ['c2', 'Cy', 'Won', 14_000, '2017-07-15', '2017-09-02'],
  ['b3', 'Bo', 'Lost', 0, '2017-08-01', '2017-09-20'],
  ['a4', 'Ana', 'Won', 16_500, '2017-09-01', '2017-10-12'],
  ['b4', 'Bo', 'Won', 11_000, '2017-09-10', '2017-11-02'],
  ['c3', 'Cy', 'Lost', 0, '2017-10-01', '2017-11-08'],
  ['c4', 'Cy', 'Engaging', null, '2017-10-20', null],
  ['b5', 'Bo', 'Engaging', null, '2017-11-01', null],
].map(([id, agent, stage, value, engage, close]) => ({
  opportunity_id: id, sales_agent: agent, deal_stage: stage, close_value: value, engage_date: engage, close_date: close,
}));

export const TEAM = {
  title: { en: 'Team scorecard', es: 'Cuadro del equipo' },
  asOf: '2017-11-15',
  kpis: [
    {
      id: 'revenue', label: { en: 'Revenue', es: 'Ingresos' }, metric: 'revenue', target: 60_000, targetPeriod: 'quarter',
      objective: 'Reach 240 k in 2017', owner: 'Ana (team lead)', nextAction: 'Push the two deals in Engaging', reviewCadence: 'monthly', kind: 'lagging',
    },
    {
      id: 'win', label: { en: 'Win rate', es: 'Tasa de éxito' }, metric: 'win-rate', target: 0.6, targetPeriod: 'quarter',
      objective: 'Close more of what we work', owner: 'Ana (team lead)', reviewCadence: 'monthly', kind: 'lagging',
    },
    {
      id: 'nps', label: { en: 'Customer NPS', es: 'NPS de clientes' }, target: 40, targetPeriod: 'quarter', neutralBand: { absolute: 2 },
      series: [{ period: '2017-Q1', value: 31 }, { period: '2017-Q2', value: 36 }, { period: '2017-Q3', value: 39 }, { period: '2017-Q4', value: 41 }],
      objective: 'Keep customers who renew', nextAction: 'Call every detractor within a week', reviewCadence: 'quarterly', kind: 'leading',
      quality: { valid: 412, rejected: 9, reasons: { 'empty score': 9 } }, dataAsOf: '2017-11-01',
    },
  ],
} satisfies ScorecardConfigInput;

