/**
 * <kpi-funnel>'s declaration: the columns it reads, its options, and the pipeline the base
 * class runs (read → compute → result). Plain functions: testable in node.
 */
import { opt, type OptionValues } from '../../core/element/options.ts';
import type { Input, Read, WidgetSpec } from '../../core/element/spec.ts';
import type { FieldSpecs } from '../../core/data/fields.ts';
import { DEFAULT_LOST_VALUES } from '../../kpis/funnel-records.ts';
import type { FunnelAnalysis } from '../../kpis/funnel-analysis.ts';
import type { RejectedRow } from '../../core/schema/validate.ts';
import type { Finding, QualityReport } from '../../core/data/quality.ts';
import { computeFunnelAnalysis, computeFunnelExtras, readFunnelRowsSteps, type FunnelData, type FunnelExtras } from './compute.ts';

export const PERIOD_GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;

export const funnelFields: FieldSpecs = {
  stage: { type: 'string', aliases: ['deal_stage', 'stage_name', 'status', 'etapa', 'fase'] },
  count: { type: 'number', aliases: ['n', 'total', 'leads', 'cantidad', 'numero'] },
  value: { type: 'number', aliases: ['amount', 'close_value', 'importe', 'valor'] },
  lostAt: { type: 'string', aliases: ['lost_stage', 'lost_at', 'etapa_perdida'] },
  group: { type: 'string' },
  period: { type: 'any' },
  /** Lead / deal id (records): a repeated id is counted once (core/data/quality.ts). */
  id: { type: 'string', aliases: ['opportunity_id', 'deal_id', 'lead_id'] },
  /** Currency of each row's value (ISO 4217): mixed currencies are never added up. */
  currency: { type: 'string', aliases: ['moneda', 'currency_code'] },
};

export const funnelOptions = {
  /** Stage order, first to last: "A, B, C" or "A > B > C" (or an array). Default: order of first appearance. */
  stages: opt.list('stages', undefined),
  /** Values of the stage field that mean lost / disqualified. */
  lostValues: opt.list('lost-values', DEFAULT_LOST_VALUES as readonly string[]),
  /** 'auto' (aggregated when a count column exists), 'stages' or 'records'. */
  input: opt.enum('input', ['auto', 'stages', 'records'] as const, 'auto'),
  /** Step conversion targets: "MQL:40%, SQL:35%", "40%, 35%", `{ MQL: 0.4 }` or `[null, 0.4]`. */
  targets: opt.targets('targets'),
  /** A date column per stage, "Engaging:engage_date, Won:close_date": median days between stages. */
  stageDates: opt.pairs('stage-dates', undefined),
  /** Column with each row's period (a key like "2017-Q3", or a date bucketed by `period-grain`). */
  periodField: opt.string('period-field'),
  /** Bucket for date periods. */
  periodGrain: opt.enum('period-grain', PERIOD_GRAINS, 'quarter'),
  /** The period to show; default the latest. */
  period: opt.string('period'),
  /** Period to compare with: 'previous' (default), 'none', or a period key. */
  compare: opt.string('compare'),
  /** Bar widths: 'linear' (default: width ∝ count), 'log' (marked on the chart) or 'auto' (log past 40×). */
  scale: opt.enum('scale', ['auto', 'linear', 'log'] as const, 'linear'),
  /** How the breakdown is named in headings; default the group-by column, tidied. */
  groupLabel: opt.string('group-label'),
  /** The most segments drawn when grouped; the rest are summed as "Other". */
  maxGroups: opt.number('max-groups', 12, { min: 1, integer: true }),
  /** Records: dates after this day (YYYY-MM-DD; default today) are flagged and ignored. */
  asOf: opt.date('as-of', undefined),
  /** 'on' (default): what meeting its target is worth, for the bottleneck or the selected step; 'off' hides it. */
  whatIf: opt.enum('what-if', ['on', 'off'] as const, 'on'),
  /** 'on' (default): records with open deals show the expected wins by open stage; 'off' hides it. */
  forecast: opt.enum('forecast', ['on', 'off'] as const, 'on'),
};

export type FunnelOptions = OptionValues<typeof funnelOptions>;

/** What `result` holds and `kpi-update` carries. */
export type FunnelResult = FunnelAnalysis & FunnelExtras & {
  readonly rejected: readonly RejectedRow[];
  readonly totalRows: number;
  /** What the data-quality pass found (duplicate ids, negative or implausible values, currencies). */
  readonly quality: QualityReport;
};

/** The analysis and the data-quality report of the rows it was computed from. */
export type FunnelModel = FunnelAnalysis & FunnelExtras & { readonly quality: QualityReport; readonly asOf?: string | undefined };

export const funnelSpec: WidgetSpec<FunnelOptions, FunnelData, FunnelModel, FunnelResult> = {
  fields: funnelFields,
  options: funnelOptions,
  // A `src` is fetched, parsed, read and computed in the kit's worker (src/entries/worker.ts).
  job: 'funnel-src',
  // In steps: the main thread reads a large input in slices when no worker runs the pipeline.
  read: (input: Input, o: FunnelOptions) => readFunnelRowsSteps(input, o, funnelFields),
  compute: (data, o) => {
    const analysis = computeFunnelAnalysis(data, o);
    return { ...analysis, ...computeFunnelExtras(data, analysis, o), quality: data.quality, asOf: data.asOf };
  },
  result: (analysis: FunnelModel, read: Read<unknown>): FunnelResult => ({ ...analysis, rejected: read.rejected, totalRows: read.total }),
  // A zero first stage followed by larger ones is shown (a larger stage is never hidden): empty
  // only when there is no stage or every stage counts 0.
  isEmpty: (a: FunnelModel) => a.stages.length === 0 || a.current.steps.every((s) => s.count === 0),
  findingsOf: (a: FunnelModel) => a.quality.findings as Finding[],
};
