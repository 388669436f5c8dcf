/**
 * kpi-kit/metrics: the whole KPI catalogue as pure, typed functions, usable headless in a
 * browser or in Node. No DOM, no Node APIs, no side effects on import.
 *
 * Every catalogue metric takes its input, a period `{ from?, to?, toInclusive? }` (from inclusive,
 * to exclusive unless `toInclusive`) and an optional `groupBy`, and returns a MetricValue
 * (`{ ok: true, value, numerator?, denominator?, rows? }` or `{ ok: false, reason, detail }`), or a
 * `{ total, groups: [{ key, value }] }` when grouped. See docs/METRICS.md for the list.
 *
 * The exports are listed by name: what a user of a KPI library needs. Numerics (special
 * functions, the optimiser), the BG/NBD and Gamma-Gamma fits' internals and the fast paths'
 * helpers stay internal; test/unit/metrics-catalogue.test.ts checks this list exactly.
 */

// Results
export { available, notAvailable, ratio, valueOr, readsList } from '../core/result.ts';
export type { Available, Better, MetricInput, MetricMeta, MetricValue, NotAvailable, NotAvailableReason, RecordKind, Unit } from '../core/result.ts';
export { isGrouped } from './metric.ts';
export type { GroupBy, Grouped, GroupValue, MetricFn, MetricOptions, Period } from './metric.ts';

// Records: schemas, types, validation
export { Activity, Cost, CustomerSummary, Deal, DealStatus, LOST_VALUES, StageCount, Transaction, TransactionType, WON_VALUES, dealStatusOf, parseRecords, recordSchemas } from '../core/schema/records.ts';
export type { ParsedRecords } from '../core/schema/records.ts';
export type { DateInput, DateParseOptions } from '../core/schema/dates.ts';
export type { RowIssue } from '../core/data/errors.ts';
export type { RejectedRow } from '../core/schema/validate.ts';
export type { Sale, Sales } from './sales.ts';

// The catalogue
export { catalogue, catalogueEntries, metricById, metricIds } from './catalogue.ts';
// KPI names and formulas (`meta.name.en`, `meta.formula.es`) come from the message tables: English
// is there once this is imported; `await loadMessages('es')` adds Spanish.
export { loadMessages } from './messages.ts';
export type { CatalogueEntry, CatalogueResult } from './catalogue.ts';

// Revenue and value
export { revenue, revenueMeta } from './revenue.ts';
export { revenueSplit, revenueSplitMeta } from './revenue-split.ts';
export type { RevenueSplitOptions } from './revenue-split.ts';
export { avgTransaction, avgTransactionMeta } from './avg-transaction.ts';
export { grossMargin, grossMarginMeta } from './gross-margin.ts';
export { incrementalRevenue, incrementalRevenueMeta } from './incremental-revenue.ts';
export type { IncrementalRevenueInput, IncrementalRevenueOptions } from './incremental-revenue.ts';

// Acquisition cost and return
export { cpl, cplMeta } from './cpl.ts';
export type { CplInput } from './cpl.ts';
export { cac, cacMeta } from './cac.ts';
export type { CacInput } from './cac.ts';
export { mroi, mroiMeta } from './mroi.ts';
export type { MroiInput, MroiOptions } from './mroi.ts';
export { ltvCac, ltvCacMeta } from './ltv-cac.ts';
export type { LtvCacInput, LtvCacOptions } from './ltv-cac.ts';
export { cacPayback, cacPaybackMeta } from './cac-payback.ts';
export type { CacPaybackInput, CacPaybackOptions } from './cac-payback.ts';
export { leadTransformationCost, leadTransformationCostMeta } from './lead-transformation-cost.ts';
export type { TransformationOptions } from './lead-transformation-cost.ts';

// Funnel and pipeline
export { leadSource, leadSourceMeta } from './lead-source.ts';
export type { LeadSourceOptions } from './lead-source.ts';
export { bottleneck, conversion, conversionByChannel, conversionByChannelMeta } from './conversion-by-channel.ts';
export type { BottleneckOptions, ConversionOptions } from './conversion-by-channel.ts';
export { bottleneckMeta, computeFunnel, conversionMeta } from './funnel.ts';
export type { Bottleneck, FunnelModel, FunnelStep, StepTargets, StageCount as FunnelStageCount } from './funnel.ts';
export { reachedCounts } from './funnel-records.ts';
export type { FunnelRecord, ReachedCounts, ReachOptions } from './funnel-records.ts';
export { analyseFunnel } from './funnel-analysis.ts';
export type { FunnelAnalysis, FunnelAnalysisOptions, FunnelRow, PeriodGrain, Segment } from './funnel-analysis.ts';
export { funnelWhatIf, funnelWhatIfs } from './funnel-what-if.ts';
export type { FunnelWhatIf, WhatIfOptions, WhatIfStage } from './funnel-what-if.ts';
export { pipelineForecast } from './pipeline-forecast.ts';
export type { PipelineForecast, PipelineForecastOptions, StageForecast } from './pipeline-forecast.ts';
export { DEFAULT_STAGES, mql, mqlMeta, sql, sqlMeta, stageRate } from './stage-reached.ts';
export type { StageOptions } from './stage-reached.ts';
export { winRate, winRateMeta } from './win-rate.ts';
export { closeRate, closeRateMeta } from './close-rate.ts';
export { salesCycle, salesCycleMeta } from './sales-cycle.ts';
export type { SalesCycleOptions } from './sales-cycle.ts';
export { activity, activityMeta } from './activity.ts';
export type { ActivityOptions } from './activity.ts';

// Customers and lifetime value
export { ltvHistorical, ltvHistoricalMeta } from './ltv-historical.ts';
export type { LtvHistoricalOptions } from './ltv-historical.ts';
export { cltv, cltvMeta } from './cltv.ts';
export type { CltvOptions } from './cltv.ts';
export { churn, churnMeta, retention, retentionMeta } from './retention.ts';
export type { RetentionInput, RetentionOptions } from './retention.ts';
export { renewalRate, renewalRateMeta } from './renewal-rate.ts';
export type { RenewalRateOptions } from './renewal-rate.ts';
export { upsellRate, upsellRateMeta } from './upsell-rate.ts';
export { saturation, saturationMeta } from './saturation.ts';
export type { SaturationOptions } from './saturation.ts';

// Large inputs: one pass over columns, and every deal KPI at once
export { dealColumns, saleColumns } from './columns.ts';
export type { DealColumns, SaleColumns } from './columns.ts';
export { dealSummary } from './deal-summary.ts';
export type { DealMetrics, DealSummary, DealSummaryOptions } from './deal-summary.ts';

// Data quality of CRM exports
export { checkReferences, checkRequiredWhen, nearDuplicates, suggest } from './crm-quality.ts';
export type { ReferenceOptions, ReferenceReport, RequiredReport, SuggestOptions, UnmatchedValue } from './crm-quality.ts';

// Predictive CLV (BG/NBD × Gamma-Gamma): one fit entry point, then predictions from its parameters
export { fitClv } from '../models/fit-client.ts';
export type { FitClvOptions } from '../models/fit-client.ts';
export { clvPredictiveMeta, predictClv, predictCustomerClv } from '../models/clv-predictive.ts';
export type { ClvOptions, ClvProgress, CustomerPrediction, LtvFitOptions, LtvFitResult, LtvInput, PredictiveClvOptions, PredictiveClvResult } from '../models/clv-predictive.ts';
export { summarizeTransactions } from '../models/rfm-summary.ts';
export type { RfmRow, RfmSummary, RfmSummaryOptions, TimeUnit, Transaction as RfmTransaction } from '../models/rfm-summary.ts';
export type { BgNbdParams } from '../models/bgnbd.ts';
export type { GammaGammaParams } from '../models/gamma-gamma.ts';
