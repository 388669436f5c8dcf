/**
 * kpi-kit/metrics: the whole KPI catalogue as pure, typed functions, usable headless in a
 * browser or in Node. No DOM, no Node APIs, no side effects on import.
 *
 * Every catalogue metric takes its input, a period `{ from?, to?, toInclusive? }` (from inclusive,
 * to exclusive unless `toInclusive`) and an optional `groupBy`, and returns a MetricValue
 * (`{ ok: true, value, numerator?, denominator?, rows? }` or `{ ok: false, reason, detail }`), or a
 * `{ total, groups: [{ key, value }] }` when grouped. See docs/METRICS.md for the list.
 */
// Results, records and shared machinery
export * from '../core/result.ts';
export * from '../core/schema/dates.ts';
export * from '../core/schema/records.ts';
export * from '../core/calendar.ts';
export * from '../core/money.ts';
export * from './sales.ts';
export * from '../core/stats.ts';
export * from './columns.ts';
export * from './deal-summary.ts';
export * from './catalogue.ts';
export * from './crm-quality.ts';

// Revenue and value
export * from './revenue.ts';
export * from './revenue-split.ts';
export * from './avg-transaction.ts';
export * from './gross-margin.ts';
export * from './incremental-revenue.ts';

// Acquisition cost and return
export * from './cpl.ts';
export * from './cac.ts';
export * from './mroi.ts';
export * from './ltv-cac.ts';
export * from './cac-payback.ts';
export * from './lead-transformation-cost.ts';

// Funnel and pipeline (funnel.ts, funnel-records.ts and funnel-analysis.ts are the lead's)
export * from './funnel.ts';
export * from './funnel-records.ts';
export * from './funnel-analysis.ts';
export * from './lead-source.ts';
export * from './stage-reached.ts';
export * from './conversion-by-channel.ts';
export * from './win-rate.ts';
export * from './close-rate.ts';
export * from './sales-cycle.ts';
export * from './activity.ts';

// Customers and lifetime value
export * from './ltv-historical.ts';
export * from './cltv.ts';
export * from './retention.ts';
export * from './renewal-rate.ts';
export * from './upsell-rate.ts';
export * from './saturation.ts';

// Predictive CLV (another engineer's: BG/NBD × Gamma-Gamma)
export * from '../models/special.ts';
export * from '../models/optimize.ts';
export * from '../models/rfm-summary.ts';
export * from '../models/bgnbd.ts';
export * from '../models/gamma-gamma.ts';
export * from '../models/clv-predictive.ts';
export * from '../models/fit-client.ts';

// Names two modules share: the schema's record types win; the others are renamed.
export { StageCount, Transaction } from '../core/schema/records.ts';
export type { StageCount as FunnelStageCount } from './funnel.ts';
export type { Transaction as RfmTransaction } from '../models/rfm-summary.ts';
