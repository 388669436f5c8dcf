/**
 * The catalogue metadata of `clv-predictive` (BG/NBD + Gamma-Gamma, ./clv-predictive.ts), apart
 * from the model so that showing its name and formula loads none of the fit.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import type { MetricMeta } from '../core/result.ts';

export const clvPredictiveMeta: MetricMeta = {
  id: 'clv-predictive',
  ...kpiText('clv-predictive'),
  unit: 'money',
  better: 'up',
  seeds: ['Fader, Hardie & Lee 2005'],
  input: { list: ['transactions'] },
  accumulates: false,
};
