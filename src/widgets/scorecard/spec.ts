/**
 * <kpi-scorecard>'s declaration: the columns it reads, its options, and the pipeline the base
 * class runs (read → compute → result). Plain functions: testable in node.
 *
 * The configuration is an option like any other: the `config` property, or (when it is not
 * set) the JSON fetched from `config-src`, else an inline `<script type="application/json"
 * data-config>` or `<table data-config>` child. A scorecard whose KPIs are all supplied values
 * needs no rows (`needsData`).
 */
import { opt, type OptionValues } from '../../core/element/options.ts';
import type { Read, WidgetSpec } from '../../core/element/spec.ts';
import type { RejectedRow } from '../../core/schema/validate.ts';
import { LOST_VALUES, WON_VALUES } from '../../core/schema/records.ts';
import type { Status } from '../../core/targets/status.ts';
import type { z } from '../../core/schema/z.ts';
import type { ScorecardConfig } from './config.ts';
import type { KpiModel } from './model.ts';
import type { MatrixModel } from './matrix.ts';
import type { ACheck, QualityCounts } from './six-a.ts';
import { SCORECARD_FIELDS } from './records.ts';
import { configFromTable } from './config-table.ts';
import { fetchedConfig } from './config-source.ts';
import { localeDecimal } from '../../core/data/numbers.ts';
import {
  computeScorecard, computesFromRecords, readScorecardSteps, readScorecardConfig, reviveScorecard, scorecardIsEmpty,
  type ScorecardBuilt, type ScorecardData, type SourceCounts,
} from './compute.ts';
import { SOURCE_NAMES } from './sources.ts';

/** The inline configuration: a JSON script, or a `<table data-config>` (config-table.ts) for sanitised CMS pages. */
export const CONFIG_CHILD = ':is(script[type="application/json"][data-config], table[data-config])';

/** A `<table data-config>` child as the raw configuration; numbers with the element's decimal separator. */
function readConfigTable(child: Element): unknown {
  const host = child.parentElement;
  const decimal = host?.getAttribute('decimal');
  // The element's language as resolveLocale reads it (its own lang, an ancestor's, the page's), without the message tables.
  const lang = host?.closest('[lang]')?.getAttribute('lang') || host?.ownerDocument?.documentElement.lang || 'en';
  return configFromTable(child as HTMLTableElement, decimal === ',' || decimal === '.' ? decimal : localeDecimal(lang));
}

export const scorecardOptions = {
  /**
   * The scorecard configuration (config.ts). When the property is not set: the JSON at
   * `config-src`, else an inline `<script type="application/json" data-config>` or
   * `<table data-config>` child.
   */
  config: opt.json('config', readScorecardConfig, CONFIG_CHILD, 'the data-config script', { inlineRead: readConfigTable, fallback: fetchedConfig }),
  /** A URL of the configuration as JSON, read when the `config` property is not set (before an inline child). */
  configSrc: opt.string('config-src'),
  /** Stage values meaning won: "Won, Closed Won" or an array (default: core/schema/records.ts WON_VALUES). */
  wonValues: opt.list('won-values', WON_VALUES),
  /** Stage values meaning lost (default: core/schema/records.ts LOST_VALUES). */
  lostValues: opt.list('lost-values', LOST_VALUES),
  /** Evaluate as of this date (YYYY-MM-DD or a Date) instead of the config's `asOf` or today. */
  asOf: opt.date('as-of', undefined),
  /**
   * What the input (data, src, the inline child) holds: `records` (deals, one row per
   * opportunity; the default) or `aggregates` — pre-aggregated numerators and denominators per
   * KPI, period and group (a "scorecard" aggregate file of the kpi-kit CLI; aggregates.ts).
   */
  input: opt.enum('input', ['records', 'aggregates'] as const, 'records'),
  /** Field mapping of the `leads` source: "date:created, channel:source" or `{ date: 'created' }`. */
  leadsFields: opt.pairs('leads-fields', undefined),
  /** Field mapping of the `costs` source: "date:month, amount:spend" or an object. */
  costsFields: opt.pairs('costs-fields', undefined),
  /** Field mapping of the `transactions` source. */
  transactionsFields: opt.pairs('transactions-fields', undefined),
  /** Field mapping of the `activities` source. */
  activitiesFields: opt.pairs('activities-fields', undefined),
};

export type ScorecardOptions = OptionValues<typeof scorecardOptions>;

/** What a page may set as `config`: the configuration as written, before defaults (see config.ts). */
export type ScorecardConfigInput = z.input<typeof ScorecardConfig>;

/** What `result` holds and `kpi-update` carries: the model as plain data. */
export interface ScorecardResult {
  readonly status: Status;
  /** The instant the scorecard was evaluated at (epoch ms). */
  readonly now: number;
  readonly kpis: readonly KpiModel[];
  readonly countCheck: ACheck;
  readonly matrix: MatrixModel | null;
  readonly quality: QualityCounts | null;
  readonly rejected: readonly RejectedRow[];
  readonly totalRows: number;
  /** Each source besides deals (leads, costs, transactions, activities; or the aggregate rows): valid, left out, total. */
  readonly sources: Readonly<Record<string, SourceCounts>>;
}

export const scorecardSpec: WidgetSpec<ScorecardOptions, ScorecardData, ScorecardBuilt, ScorecardResult> = {
  fields: SCORECARD_FIELDS,
  options: scorecardOptions,
  // A `src` is fetched, parsed, read and computed in the kit's worker (src/entries/worker.ts),
  // unless other sources are given too (then every source loads and computes here).
  job: 'scorecard-src',
  // deals is the element's own input; leads, costs, transactions, activities come by `sources`,
  // `src-<name>` or a `data-source="<name>"` child (core/element/input.ts, sources.ts).
  sources: { default: 'deals', names: SOURCE_NAMES },
  revive: reviveScorecard,
  // In steps: the main thread reads a large input in slices when no worker runs the pipeline.
  read: (input, o) => readScorecardSteps(input, o),
  compute: (data) => computeScorecard(data),
  result: (b: ScorecardBuilt, read: Read<ScorecardData>): ScorecardResult => ({
    status: b.model.status,
    now: b.model.now,
    kpis: b.model.kpis,
    countCheck: b.model.countCheck,
    matrix: b.matrix,
    quality: b.quality,
    rejected: read.rejected,
    totalRows: read.total,
    sources: b.sources ?? {},
  }),
  isEmpty: scorecardIsEmpty,
  findingsOf: (b: ScorecardBuilt) => b.quality?.findings ?? [],
  // No configuration yet: rows or not, there is nothing to build (the empty state), unless one
  // is coming from config-src (the build waits for it). A configuration of supplied values only
  // builds without rows.
  needsData: (o) => (o.config === undefined ? !o.configSrc : computesFromRecords(o.config)),
};
