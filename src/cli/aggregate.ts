/**
 * The CLI's aggregate step: for a kind and the column mapping, check the input's columns, build
 * the SQL (src/sql), run it on an engine, convert and order the rows, and wrap them in the
 * versioned aggregate file (src/aggregates/shapes.ts). `--engine js` runs the JS path instead
 * (src/aggregates) on a CSV file: the same file, computed in node.
 */
import { readFileSync, existsSync } from 'node:fs';
import type { Dialect } from '../sql/dialects.ts';
import { funnelSql, dealsSql, scorecardSql, customersSql, patternsSql, SCORECARD_KPIS } from '../sql/templates.ts';
import {
  aggregateFile, AGGREGATE_KINDS, PERIOD_GRAINS,
  type AggregateFile, type AggregateKind, type CustomerRow, type DealsRow, type FunnelRow, type PatternRow, type PeriodGrain, type ScorecardRow,
} from '../aggregates/shapes.ts';
import { funnelAggregate } from '../aggregates/funnel.ts';
import { dealsAggregate } from '../aggregates/deals.ts';
import { scorecardFromDeals } from '../aggregates/scorecard.ts';
import { customersAggregate, patternsFromCustomers } from '../aggregates/customers.ts';
import { sortCustomers, sortDeals, sortPatterns, sortScorecard } from '../aggregates/order.ts';
import { csvToRecords } from '../core/data/csv.ts';
import { LOST_VALUES } from '../core/deal-status.ts';
import { fitBgNbdWeighted, bgnbdProbabilityAlive, bgnbdConditionalExpectedPurchases } from '../models/bgnbd.ts';
import { CliError, type ColumnInfo, type EngineConnection } from './engines/types.ts';

/** Kinds the CLI knows, with aliases (`ltv` is the patterns the LTV widget fits on). */
export const CLI_KINDS: readonly string[] = [...AGGREGATE_KINDS, 'ltv'];
const ALIASES: Readonly<Record<string, AggregateKind>> = { ltv: 'patterns' };

export function kindOf(name: string | undefined): AggregateKind {
  if (name === undefined) throw new CliError(`missing <kind> (one of ${CLI_KINDS.join(', ')})`, 2);
  const k = Object.hasOwn(ALIASES, name) ? ALIASES[name]! : (AGGREGATE_KINDS as readonly string[]).includes(name) ? (name as AggregateKind) : null;
  if (k === null) throw new CliError(`unknown kind "${name}" (one of ${CLI_KINDS.join(', ')})`, 2);
  return k;
}

export interface AggregateOptions {
  // funnel
  readonly stages?: readonly string[] | undefined;
  readonly lostValues?: readonly string[] | undefined;
  readonly stageCol?: string | undefined;
  readonly valueCol?: string | undefined;
  readonly stageDates?: Readonly<Record<string, string>> | undefined;
  // deals, scorecard
  readonly statusCol?: string | undefined;
  readonly amountCol?: string | undefined;
  readonly createdCol?: string | undefined;
  readonly closedCol?: string | undefined;
  readonly groupCol?: string | undefined;
  readonly period?: PeriodGrain | undefined;
  // patterns, customers
  readonly customerCol?: string | undefined;
  readonly dateCol?: string | undefined;
  readonly calibrationEnd?: string | undefined;
  readonly unit?: 'days' | 'weeks' | undefined;
  readonly bin?: number | undefined;
  /** customers: add p_alive and expected purchases over `horizon` units from a weighted BG/NBD fit. */
  readonly score?: boolean | undefined;
  readonly horizon?: number | undefined;
}

/** `Engaging:engage_date, Won:close_date` → { Engaging: 'engage_date', Won: 'close_date' }. */
export function parseStageDates(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = part.lastIndexOf(':');
    if (at <= 0 || at === part.length - 1) throw new CliError(`--stage-dates: "${part}" is not stage:column`, 2);
    out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

export function periodOf(text: string | undefined): PeriodGrain | undefined {
  if (text === undefined) return undefined;
  if (!(PERIOD_GRAINS as readonly string[]).includes(text)) throw new CliError(`--period must be one of ${PERIOD_GRAINS.join(', ')}, got "${text}"`, 2);
  return text as PeriodGrain;
}

const col = {
  stage: (o: AggregateOptions) => o.stageCol ?? 'stage',
  status: (o: AggregateOptions) => o.statusCol ?? 'status',
  amount: (o: AggregateOptions) => o.amountCol ?? 'amount',
  created: (o: AggregateOptions) => o.createdCol ?? 'created_date',
  closed: (o: AggregateOptions) => o.closedCol ?? 'close_date',
  customer: (o: AggregateOptions) => o.customerCol ?? 'customer_id',
  date: (o: AggregateOptions) => o.dateCol ?? 'date',
};

function stagesOf(o: AggregateOptions): readonly string[] {
  if (!o.stages || o.stages.length === 0) throw new CliError('funnel: --stages is required (e.g. --stages "Prospecting,Engaging,Won")', 2);
  return o.stages;
}

/** The input columns a kind reads, with the flag that names each. */
export function requiredColumns(kind: AggregateKind, o: AggregateOptions): { column: string; flag: string }[] {
  switch (kind) {
    case 'funnel':
      return [
        { column: col.stage(o), flag: '--stage-col' },
        ...(o.valueCol ? [{ column: o.valueCol, flag: '--value-col' }] : []),
        ...Object.values(o.stageDates ?? {}).map((c) => ({ column: c, flag: '--stage-dates' })),
      ];
    case 'deals':
    case 'scorecard':
      return [
        { column: col.status(o), flag: '--status-col' },
        { column: col.amount(o), flag: '--amount-col' },
        { column: col.created(o), flag: '--created-col' },
        { column: col.closed(o), flag: '--closed-col' },
        ...(o.groupCol ? [{ column: o.groupCol, flag: '--group-col' }] : []),
      ];
    case 'patterns':
    case 'customers':
      return [
        { column: col.customer(o), flag: '--customer-col' },
        { column: col.date(o), flag: '--date-col' },
        { column: col.amount(o), flag: '--amount-col' },
      ];
  }
}

export function checkColumns(kind: AggregateKind, o: AggregateOptions, found: readonly string[], input: string): void {
  const have = new Set(found);
  const missing = requiredColumns(kind, o).filter((r) => !have.has(r.column));
  if (missing.length > 0) {
    const m = missing[0]!;
    throw new CliError(
      `missing column "${m.column}" in ${input} (set it with ${m.flag})${missing.length > 1 ? `; also missing: ${missing.slice(1).map((x) => `"${x.column}"`).join(', ')}` : ''}; columns found: ${found.join(', ')}`,
    );
  }
}

/** The columns read as text from a file: ids, groups, stages, statuses. */
export function textColumns(kind: AggregateKind, o: AggregateOptions): string[] {
  switch (kind) {
    case 'funnel':
      return [col.stage(o)];
    case 'deals':
    case 'scorecard':
      return [col.status(o), ...(o.groupCol ? [o.groupCol] : [])];
    case 'patterns':
    case 'customers':
      return [col.customer(o)];
  }
}

/** Whether the columns are typed already (DATE dates, numeric amounts): the SQL then skips its casts. */
export function typedColumns(kind: AggregateKind, o: AggregateOptions, cols: readonly ColumnInfo[]): boolean {
  const type = new Map(cols.map((c) => [c.name, c.type]));
  const isDate = (c: string) => type.get(c) === 'DATE';
  const isNum = (c: string) => /^(DOUBLE|REAL|FLOAT|INTEGER|BIGINT|SMALLINT|HUGEINT|NUMERIC|DECIMAL)/.test(type.get(c) ?? '');
  switch (kind) {
    case 'funnel':
      return Object.values(o.stageDates ?? {}).every(isDate) && (o.valueCol === undefined || isNum(o.valueCol));
    case 'deals':
    case 'scorecard':
      return isDate(col.created(o)) && isDate(col.closed(o)) && isNum(col.amount(o));
    case 'patterns':
    case 'customers':
      return isDate(col.date(o)) && isNum(col.amount(o));
  }
}

/** The SQL of a kind over a relation. */
export function sqlFor(kind: AggregateKind, d: Dialect, source: string, o: AggregateOptions, typed = false): string {
  switch (kind) {
    case 'funnel':
      return funnelSql(d, {
        source, typed, stages: stagesOf(o), lostValues: o.lostValues ?? LOST_VALUES,
        columns: { stage: col.stage(o), value: o.valueCol, stageDates: o.stageDates ?? {} },
      });
    case 'deals':
    case 'scorecard': {
      const opts = {
        source, typed, period: o.period ?? null,
        columns: { status: col.status(o), amount: col.amount(o), created: col.created(o), closed: col.closed(o), group: o.groupCol },
      };
      return kind === 'deals' ? dealsSql(d, opts) : scorecardSql(d, opts);
    }
    case 'patterns':
    case 'customers': {
      if (!o.calibrationEnd) throw new CliError(`${kind}: --calibration-end YYYY-MM-DD is required to print the SQL`, 2);
      const opts = { source, typed, calibrationEnd: o.calibrationEnd, unit: o.unit ?? 'weeks', columns: { customer: col.customer(o), date: col.date(o), amount: col.amount(o) } } as const;
      return kind === 'patterns' ? patternsSql(d, { ...opts, bin: o.bin }) : customersSql(d, opts);
    }
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Engine rows → aggregate rows of the kind, in the canonical order. */
export function rowsOf(kind: AggregateKind, raw: readonly Record<string, unknown>[]): AggregateFile['rows'] {
  switch (kind) {
    case 'funnel':
      return raw.map((r): FunnelRow => ({
        stage: String(r['stage']), count: num(r['count']), value: numOrNull(r['value']),
        medianDays: numOrNull(r['medianDays']), medianDaysN: num(r['medianDaysN']),
      }));
    case 'deals':
      return sortDeals(raw.map((r): DealsRow => ({
        period: textOrNull(r['period']), group: textOrNull(r['group']), deals: num(r['deals']), won: num(r['won']), lost: num(r['lost']),
        closed: num(r['closed']), revenue: num(r['revenue']), revenue_n: num(r['revenue_n']), cycle_days_sum: num(r['cycle_days_sum']),
        cycle_days_n: num(r['cycle_days_n']), cycle_days_median: numOrNull(r['cycle_days_median']),
      })));
    case 'scorecard':
      return sortScorecard(raw.map((r): ScorecardRow => ({
        kpi: String(r['kpi']), period: textOrNull(r['period']), group: textOrNull(r['group']), numerator: num(r['numerator']), denominator: num(r['denominator']),
      })), SCORECARD_KPIS.map((k) => k.kpi));
    case 'patterns':
      return sortPatterns(raw.map((r): PatternRow => {
        const p: PatternRow = { x: num(r['x']), t_x: num(r['t_x']), T: num(r['T']), n: num(r['n']) };
        return r['sum_t_x'] === undefined ? p : { ...p, sum_t_x: num(r['sum_t_x']), sum_T: num(r['sum_T']) };
      }));
    case 'customers':
      return sortCustomers(raw.map((r): CustomerRow => ({ id: String(r['id']), x: num(r['x']), t_x: num(r['t_x']), T: num(r['T']), monetary: num(r['monetary']) })));
  }
}

function paramsOf(kind: AggregateKind, o: AggregateOptions): Record<string, unknown> {
  switch (kind) {
    case 'funnel':
      return { stages: [...stagesOf(o)], lostValues: [...(o.lostValues ?? LOST_VALUES)] };
    case 'deals':
    case 'scorecard':
      return { period: o.period ?? null, groupBy: o.groupCol ?? null };
    case 'patterns':
      return { unit: o.unit ?? 'weeks', calibrationEnd: o.calibrationEnd, ...(o.bin !== undefined ? { bin: o.bin } : {}) };
    case 'customers':
      return { unit: o.unit ?? 'weeks', calibrationEnd: o.calibrationEnd };
  }
}

function checkNotEmpty(kind: AggregateKind, rows: AggregateFile['rows'], input: string, o: AggregateOptions): void {
  const empty =
    rows.length === 0 ||
    (kind === 'funnel' && (rows as FunnelRow[]).every((r) => r.count === 0)) ||
    ((kind === 'deals') && (rows as DealsRow[])[0]!.deals === 0) ||
    (kind === 'scorecard' && false);
  if (!empty) return;
  const why =
    kind === 'funnel' ? `no row of ${input} names one of the stages ${stagesOf(o).join(', ')} (column "${col.stage(o)}") or has a stage date`
    : kind === 'patterns' || kind === 'customers' ? `no customer of ${input} has a valid purchase on or before ${o.calibrationEnd}`
    : `${input} has no rows`;
  throw new CliError(`empty result: ${why}`);
}

export type Progress = (message: string) => void;

/** Scores customers: p_alive and expected purchases over the horizon, from a weighted fit on their patterns. */
export function scoreCustomers(rows: CustomerRow[], unit: 'days' | 'weeks', horizon: number): { rows: CustomerRow[]; fit: Record<string, number> } {
  const patterns = patternsFromCustomers(rows, unit);
  const fit = fitBgNbdWeighted(patterns.map((p) => ({ frequency: p.x, recency: p.t_x, T: p.T, n: p.n })));
  if (!fit.ok) throw new CliError(`cannot fit BG/NBD to score the customers: ${fit.detail ?? fit.reason}`);
  const scored = rows.map((c) => {
    const a = bgnbdProbabilityAlive(fit, c.x, c.t_x, c.T);
    const e = bgnbdConditionalExpectedPurchases(fit, c.x, c.t_x, c.T, horizon);
    return { ...c, p_alive: a.ok ? a.value : null, expected: e.ok ? e.value : null };
  });
  return { rows: scored, fit: { r: fit.r, alpha: fit.alpha, a: fit.a, b: fit.b, logLik: fit.logLik } };
}

async function lastDay(engine: EngineConnection, source: string, o: AggregateOptions, typed: boolean): Promise<string> {
  const d = engine.dialect;
  const date = typed ? d.ident(col.date(o)) : d.asDate(d.ident(col.date(o)));
  const r = await engine.query(`SELECT ${d.asText(`MAX(${date})`)} AS last_day FROM ${source}`);
  const v = r[0]?.['last_day'];
  if (typeof v !== 'string') throw new CliError(`empty result: no valid date in column "${col.date(o)}"`);
  return v.slice(0, 10);
}

/** Runs one aggregate on an engine and returns the aggregate file. */
export async function runAggregate(
  engine: EngineConnection,
  kind: AggregateKind,
  input: string,
  o: AggregateOptions,
  progress: Progress = () => {},
): Promise<AggregateFile> {
  progress(`reading the columns of ${input}`);
  const names = (await engine.columns(input)).map((c) => c.name);
  checkColumns(kind, o, names, input);
  // ids, groups, stages and statuses are text, whatever a CSV reader guesses (00001 stays 00001)
  const text = textColumns(kind, o).filter((c) => names.includes(c));
  const cols = await engine.columns(input, text);
  const typed = typedColumns(kind, o, cols);
  const source = engine.relation(input, text);
  let opts = o;
  if ((kind === 'patterns' || kind === 'customers') && !o.calibrationEnd) {
    const end = await lastDay(engine, source, o, typed);
    progress(`calibration end: ${end} (the last purchase day; set it with --calibration-end)`);
    opts = { ...o, calibrationEnd: end };
  }
  const sql = sqlFor(kind, engine.dialect, source, opts, typed);
  progress(`running the ${kind} aggregate on ${engine.name}${typed ? '' : ' (casting text columns)'}`);
  const t0 = performance.now();
  const raw = await engine.query(sql);
  progress(`${raw.length} row(s) in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  let rows = rowsOf(kind, raw);
  checkNotEmpty(kind, rows, input, opts);
  let params = paramsOf(kind, opts);
  if (kind === 'customers' && opts.score) {
    progress('fitting BG/NBD on the patterns to score the customers');
    const s = scoreCustomers(rows as CustomerRow[], opts.unit ?? 'weeks', opts.horizon ?? 52);
    rows = s.rows;
    params = { ...params, horizon: opts.horizon ?? 52, fit: s.fit };
  }
  return aggregateFile(kind, { engine: engine.name, input }, params as never, rows as never);
}

/** The JS path on a CSV file (`--engine js`): the same aggregate file, computed by src/aggregates. */
export function runAggregateJs(kind: AggregateKind, input: string, o: AggregateOptions, progress: Progress = () => {}): AggregateFile {
  if (!existsSync(input)) throw new CliError(`input file not found: ${input}`);
  if (!/\.(csv|tsv|txt)$/i.test(input)) throw new CliError(`the js engine reads CSV files only (got ${input}); use --engine duckdb for Parquet`);
  progress(`reading ${input}`);
  const { records, header } = csvToRecords(readFileSync(input, 'utf8'));
  checkColumns(kind, o, header, input);
  let opts = o;
  const transactionsColumns = { customer: col.customer(o), date: col.date(o), amount: col.amount(o) };
  if ((kind === 'patterns' || kind === 'customers') && !o.calibrationEnd) {
    let last = '';
    for (const r of records) {
      const v = (r[col.date(o)] ?? '').trim().slice(0, 10);
      if (/^\d{4}-\d{2}-\d{2}$/.test(v) && v > last) last = v;
    }
    if (last === '') throw new CliError(`empty result: no valid date in column "${col.date(o)}"`);
    opts = { ...o, calibrationEnd: last };
  }
  progress(`running the ${kind} aggregate in JS over ${records.length} rows`);
  let rows: AggregateFile['rows'];
  const dealCols = { status: col.status(o), amount: col.amount(o), created: col.created(o), closed: col.closed(o), group: o.groupCol };
  switch (kind) {
    case 'funnel':
      rows = funnelAggregate(records, { stages: stagesOf(o), lostValues: o.lostValues ?? LOST_VALUES, columns: { stage: col.stage(o), value: o.valueCol, stageDates: o.stageDates ?? {} } });
      break;
    case 'deals':
      rows = dealsAggregate(records, { columns: dealCols, period: o.period ?? null });
      break;
    case 'scorecard':
      rows = scorecardFromDeals(dealsAggregate(records, { columns: dealCols, period: o.period ?? null }));
      break;
    case 'patterns':
    case 'customers': {
      const customers = customersAggregate(records, { columns: transactionsColumns, calibrationEnd: opts.calibrationEnd!, unit: opts.unit ?? 'weeks' });
      rows = kind === 'customers' ? customers : patternsFromCustomers(customers, opts.unit ?? 'weeks', opts.bin);
      break;
    }
  }
  checkNotEmpty(kind, rows, input, opts);
  let params = paramsOf(kind, opts);
  if (kind === 'customers' && opts.score) {
    const s = scoreCustomers(rows as CustomerRow[], opts.unit ?? 'weeks', opts.horizon ?? 52);
    rows = s.rows;
    params = { ...params, horizon: opts.horizon ?? 52, fit: s.fit };
  }
  return aggregateFile(kind, { engine: 'js', input }, params as never, rows as never);
}
