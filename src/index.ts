/** kpi-kit: classes, types and the metric library. Importing this module defines no element; see define.ts. */
export { KpiElement } from './elements/kpi-element.ts';
export type { Built, Input, Phase } from './elements/kpi-element.ts';
export { KpiFunnel } from './elements/kpi-funnel.ts';
export type { FunnelResult } from './elements/kpi-funnel.ts';
export { KpiScorecard } from './elements/kpi-scorecard.ts';
export { KpiError } from './data/errors.ts';
export type { KpiErrorCode, KpiErrorDetail, RowIssue } from './data/errors.ts';
export type { KpiErrorEvent, KpiUpdateEvent, KpiSelectEvent, KpiStatusChangeEvent, KpiSelectDetail, KpiUpdateDetail, KpiStatusChangeDetail } from './events.ts';
export { parseCsv, csvToRecords } from './data/csv.ts';
export { computeFunnel } from './metrics/funnel.ts';
export { analyseFunnel } from './metrics/funnel-analysis.ts';
export { reachedCounts } from './metrics/funnel-records.ts';
