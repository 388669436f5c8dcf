/**
 * <kpi-scorecard>'s named sources: deals (the element's own input), leads, costs, transactions,
 * activities. Pure: no lit, no DOM.
 *
 * Each source is given like any input (core/element/input.ts: the `sources` property, a
 * `src-<name>` attribute, a `data-source="<name>"` child) and has its own field mapping: the
 * `<name>-fields` option, "key:column, key:column" or an object (`leads-fields="date:created,
 * channel:source"`); deals keep the element's `fields` property and `<key>-field` attributes.
 * Unmapped fields fall back to a column of the same name or an alias (below).
 *
 * Which sources a KPI reads is the catalogue's metadata (MetricMeta.input), resolved here and
 * nowhere else, the same way for every metric:
 * - a field named like a source reads that source when it is given (cpl's `leads`);
 * - otherwise the first kind the metadata lists that has a source (revenue: deals, else
 *   transactions; cac's `sales`: deals, else transactions);
 * - `transactions`, when no transactions source is given, are the won deals: each a purchase of
 *   its account (its id when it has none) on its close date, with its amount, product, channel;
 * - a kind with no source makes the KPI not computable: a `config` error naming the sources to give.
 */
import type { FieldMapping, FieldSpecs } from '../../core/data/fields.ts';
import { mapRows } from '../../core/data/fields.ts';
import { rowsOf } from '../../core/data/load.ts';
import { KpiError } from '../../core/data/errors.ts';
import { inputOf } from '../../core/element/pipeline.ts';
import type { Input, SourceInput } from '../../core/element/spec.ts';
import { validateRows, type RejectedRow } from '../../core/schema/validate.ts';
import { validationError } from '../../core/schema/validation-error.ts';
import { Activity, Cost, Deal, Transaction, dateField } from '../../core/schema/records.ts';
import type { MetricMeta, RecordKind } from '../../core/result.ts';
import { z } from '../../core/schema/z.ts';
import type { QualityCounts } from './six-a.ts';

export const SOURCE_NAMES = ['deals', 'leads', 'costs', 'transactions', 'activities'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];
/** The named inputs besides deals (the element's own input). */
export const NAMED_SOURCES = ['leads', 'costs', 'transactions', 'activities'] as const satisfies readonly SourceName[];
export type NamedSource = (typeof NAMED_SOURCES)[number];

export const LEAD_FIELDS: FieldSpecs = {
  id: { type: 'string', aliases: ['lead_id', 'lead'] },
  date: { type: 'date', aliases: ['created', 'created_date', 'createddate', 'lead_date', 'fecha', 'fecha_alta'] },
  channel: { type: 'string', aliases: ['source', 'lead_source', 'canal', 'origen'] },
  campaign: { type: 'string', aliases: ['campana', 'campaña'] },
  /** The opportunity the lead became (a deal's id): deals without a channel take their lead's. */
  deal: { type: 'string', aliases: ['opportunity_id', 'opportunity', 'deal_id', 'oportunidad'] },
  owner: { type: 'string', aliases: ['sales_agent', 'rep', 'agent'] },
  region: { type: 'string', aliases: ['regional_office', 'office'] },
};

export const COST_FIELDS: FieldSpecs = {
  date: { type: 'date', aliases: ['month', 'day', 'period', 'fecha', 'mes'] },
  amount: { type: 'number', aliases: ['cost', 'spend', 'importe', 'gasto', 'coste'] },
  channel: { type: 'string', aliases: ['source', 'canal'] },
  campaign: { type: 'string', aliases: ['campana', 'campaña'] },
  /** marketing or sales (default marketing when the file has no such column). */
  kind: { type: 'string', aliases: ['type', 'cost_type', 'tipo'] },
  currency: { type: 'string', aliases: ['moneda', 'currency_code'] },
};

export const TRANSACTION_FIELDS: FieldSpecs = {
  customer: { type: 'string', aliases: ['customer_id', 'account', 'cliente', 'cuenta'] },
  date: { type: 'date', aliases: ['order_date', 'purchase_date', 'fecha'] },
  amount: { type: 'number', aliases: ['revenue', 'value', 'importe', 'close_value'] },
  cost: { type: 'number', aliases: ['cost_of_sales', 'coste'] },
  margin: { type: 'number', aliases: ['gross_margin', 'margen'] },
  product: { type: 'string', aliases: ['producto'] },
  type: { type: 'string', aliases: ['purchase_type', 'tipo'] },
  channel: { type: 'string', aliases: ['source', 'canal'] },
  currency: { type: 'string', aliases: ['moneda', 'currency_code'] },
};

export const ACTIVITY_FIELDS: FieldSpecs = {
  rep: { type: 'string', aliases: ['owner', 'sales_agent', 'agent', 'comercial'] },
  type: { type: 'string', aliases: ['activity', 'activity_type', 'tipo'] },
  date: { type: 'date', aliases: ['fecha'] },
  team: { type: 'string', aliases: ['manager', 'equipo'] },
  region: { type: 'string', aliases: ['regional_office', 'office'] },
};

export const SOURCE_FIELDS: Readonly<Record<NamedSource, FieldSpecs>> = {
  leads: LEAD_FIELDS,
  costs: COST_FIELDS,
  transactions: TRANSACTION_FIELDS,
  activities: ACTIVITY_FIELDS,
};

/** A lead as the catalogue reads it (cpl's `leads` are deals created): an open deal dated by its creation. */
export type Lead = Deal & { readonly campaign?: string; readonly deal?: string };

/** A lead row once shaped (shapeRow): an id, a creation date, the rest optional. */
const LeadRecord = z.object({
  id: z.string().check(z.minLength(1)),
  status: z.literal('open'),
  createdDate: dateField(),
  channel: z.optional(z.string()),
  campaign: z.optional(z.string()),
  deal: z.optional(z.string()),
  owner: z.optional(z.string()),
  region: z.optional(z.string()),
});

/** Validated rows of every source (deals are read by compute.ts; the others here). */
export interface SourceRows {
  readonly deals: readonly Deal[];
  readonly leads?: readonly Lead[];
  readonly costs?: readonly Cost[];
  readonly transactions?: readonly Transaction[];
  readonly activities?: readonly Activity[];
}

/** One named source read: its rows, what validation left out, its quality counts and date span. */
export interface SourceRead<T> {
  readonly rows: readonly T[];
  readonly rejected: readonly RejectedRow[];
  readonly total: number;
  readonly quality: QualityCounts;
  /** Oldest and newest record date (epoch ms), null without one. */
  readonly oldest: number | null;
  readonly newest: number | null;
}

/** The `<name>-fields` option as a mapping (pairs or an object). */
export function mappingOf(pairs: readonly (readonly [string, string])[] | undefined): FieldMapping {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of pairs ?? []) if (k !== '__proto__') out[k] = v;
  return out;
}

/** Reasons rows were left out, by field: "date: missing" → count (the accurate check's counts). */
function reasonsOf(rejected: readonly RejectedRow[]): Record<string, number> {
  const reasons: Record<string, number> = Object.create(null);
  for (const r of rejected) {
    const first = r.issues[0];
    const key = first ? `${first.path}: ${first.message.replace(/, got .*$/, '')}` : 'invalid';
    reasons[key] = (reasons[key] ?? 0) + 1;
  }
  return { ...reasons };
}

function shapeRow(name: NamedSource, r: Record<string, unknown>, i: number): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (v !== undefined) o[k] = v;
  if (name === 'costs' && o['kind'] === undefined) o['kind'] = 'marketing';
  if (name === 'costs' && typeof o['kind'] === 'string') o['kind'] = (o['kind'] as string).trim().toLowerCase();
  if (name === 'leads') {
    // A lead is an open deal created on its date: the catalogue's "new leads".
    return { id: o['id'] ?? `lead-${i + 1}`, status: 'open', createdDate: o['date'], channel: o['channel'], owner: o['owner'], region: o['region'], campaign: o['campaign'], deal: o['deal'] };
  }
  return o;
}

const schemaOf = (name: NamedSource) =>
  name === 'costs' ? Cost : name === 'transactions' ? Transaction : name === 'activities' ? Activity : LeadRecord;

const dateOfRow = (name: NamedSource, r: Record<string, unknown>): unknown => (name === 'leads' ? r['createdDate'] : r['date']);

/**
 * A named source's parsed input → validated records. Errors name the source: "leads: row 3,
 * date: not a date" (a `validation` KpiError with `source`) when no row is valid.
 */
export function readSource(name: NamedSource, s: SourceInput, mapping: FieldMapping): SourceRead<unknown> {
  const fields = SOURCE_FIELDS[name];
  const input: Input = inputOf(fields, s.parsed, { ...s.settings, mapping });
  const rows = rowsOf(input.parsed.value);
  if (!rows) throw new KpiError({ code: 'validation', message: `${name}: expected a list of rows (an array, or an object with a "rows" array)`, source: name });
  const mapped = mapRows(rows, fields, input.columns, { decimal: input.decimal, dayOrder: input.dayOrder });
  const shaped = mapped.map((r, i) => shapeRow(name, r, i));
  const rename = (key: string) => (name === 'leads' && key === 'createdDate' ? input.columnName('date') : input.columnName(key));
  const v = validateRows(shaped, schemaOf(name) as z.ZodMiniType, rename);
  if (rows.length > 0 && v.valid.length === 0) {
    const e = validationError(v.rejected, v.total);
    throw new KpiError({ code: 'validation', message: `${name}: ${e.message}`, ...(e.issues ? { issues: e.issues } : {}), source: name });
  }
  let oldest: number | null = null;
  let newest: number | null = null;
  for (const r of v.valid as Record<string, unknown>[]) {
    const d = dateOfRow(name, r);
    const t = d instanceof Date ? d.getTime() : null;
    if (t === null || !Number.isFinite(t)) continue;
    if (oldest === null || t < oldest) oldest = t;
    if (newest === null || t > newest) newest = t;
  }
  return {
    rows: v.valid,
    rejected: v.rejected,
    total: v.total,
    quality: { valid: v.valid.length, rejected: v.rejected.length, reasons: reasonsOf(v.rejected), source: name },
    oldest,
    newest,
  };
}

const asTransactions = new WeakMap<readonly Deal[], Transaction[]>();

/** Each won deal as a transaction: a purchase of its account (else its id) on its close date. */
export function wonDealsAsTransactions(deals: readonly Deal[]): Transaction[] {
  const cached = asTransactions.get(deals);
  if (cached) return cached;
  const out: Transaction[] = [];
  asTransactions.set(deals, out);
  for (const d of deals) {
    if (d.status !== 'won' || d.closeDate === undefined || typeof d.amount !== 'number') continue;
    out.push({
      customer: d.account ?? d.id,
      date: d.closeDate,
      amount: d.amount,
      ...(d.product !== undefined ? { product: d.product } : {}),
      ...(d.channel !== undefined ? { channel: d.channel } : {}),
      ...(d.currency !== undefined ? { currency: d.currency } : {}),
      // The deal's own fields, so a group-by on owner, team or region reaches its purchases too.
      ...({ owner: d.owner, team: d.team, region: d.region } as object),
    } as Transaction);
  }
  return out;
}

/** Deals with no channel take the channel of the lead that became them (the lead's `deal` = the deal's id). */
export function channelFromLeads(deals: readonly Deal[], leads: readonly Lead[]): Deal[] {
  const byDeal = new Map<string, string>();
  for (const l of leads) if (l.deal !== undefined && l.channel !== undefined && !byDeal.has(l.deal)) byDeal.set(l.deal, l.channel);
  if (byDeal.size === 0) return deals as Deal[];
  return deals.map((d) => {
    if (d.channel !== undefined) return d;
    const channel = byDeal.get(d.id);
    return channel === undefined ? d : { ...d, channel };
  });
}

/** How a catalogue metric reads the scorecard's sources (or which it lacks). */
export type Resolved =
  | { readonly ok: true; readonly reads: readonly SourceName[]; readonly pick: (rows: SourceRows) => unknown }
  | { readonly ok: false; readonly missing: readonly string[] };

type Picker = { source: SourceName; rows: (r: SourceRows) => readonly unknown[] };

/** The source serving one kind of record, given the sources present (see the module comment). */
function serve(kind: RecordKind, given: ReadonlySet<string>): Picker | null {
  switch (kind) {
    case 'deals':
      return given.has('deals') ? { source: 'deals', rows: (r) => r.deals } : null;
    case 'transactions':
      if (given.has('transactions')) return { source: 'transactions', rows: (r) => r.transactions ?? [] };
      return given.has('deals') ? { source: 'deals', rows: (r) => wonDealsAsTransactions(r.deals) } : null;
    case 'costs':
      return given.has('costs') ? { source: 'costs', rows: (r) => r.costs ?? [] } : null;
    case 'activities':
      return given.has('activities') ? { source: 'activities', rows: (r) => r.activities ?? [] } : null;
    default:
      return null;
  }
}

function serveField(key: string, kinds: readonly RecordKind[], given: ReadonlySet<string>): Picker | null {
  // A field named like a source reads it (cpl's `leads`).
  if (key === 'leads' && given.has('leads')) return { source: 'leads', rows: (r) => r.leads ?? [] };
  for (const k of kinds) {
    const p = serve(k, given);
    if (p) return p;
  }
  return null;
}

/** The sources a kind could come from, for the message when none is given. */
const wanted = (key: string, kinds: readonly RecordKind[]) => (key === 'leads' ? ['leads', ...kinds] : kinds).join(' or ');

/** How `meta`'s input is read from the sources `given` (names of the sources that came with rows). */
export function resolveInput(meta: Pick<MetricMeta, 'input'>, given: ReadonlySet<string>): Resolved {
  const input = meta.input;
  if (input.list) {
    for (const k of input.list) {
      const p = serve(k, given);
      if (p) return { ok: true, reads: [p.source], pick: p.rows };
    }
    return { ok: false, missing: [input.list.join(' or ')] };
  }
  const pickers: [string, Picker][] = [];
  const missing: string[] = [];
  for (const [key, kinds] of Object.entries(input.fields)) {
    const p = serveField(key, kinds, given);
    if (p) pickers.push([key, p]);
    else missing.push(wanted(key, kinds));
  }
  if (missing.length > 0) return { ok: false, missing };
  const reads = [...new Set(pickers.map(([, p]) => p.source))];
  return {
    ok: true,
    reads,
    pick: (r) => {
      const o: Record<string, unknown> = {};
      for (const [key, p] of pickers) o[key] = p.rows(r);
      return o;
    },
  };
}
