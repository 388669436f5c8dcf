/**
 * Scorecard input rows → validated deals, with the counts the "accurate" check needs.
 *
 * Rows arrive field-mapped (src/data/fields.ts: `mapRows` gives null-prototype objects with the
 * declared keys, coerced). A deal's status comes from its stage: a value in `wonValues` is won,
 * in `lostValues` lost, anything else open (Prospecting, Engaging…).
 *
 * Besides rows that fail validation (dropped, with reasons), rows that pass but look wrong are
 * counted as *flagged* and kept:
 * - `open-without-account`: an open deal names no account;
 * - `unknown-<field>`: a value not in the reference list the config gives for that field
 *   (`knownValues: { product: [...] }`), e.g. the CRM export's "GTXPro" for "GTX Pro";
 * - `won-without-amount`: a won deal has no amount (revenue cannot count it).
 */
import type { FieldSpecs } from '../../core/data/fields.ts';
import { validateRowsSteps, type RejectedRow } from '../../core/schema/validate.ts';
import { Deal, LOST_VALUES, WON_VALUES } from '../../core/schema/records.ts';
import { suggest } from '../../kpis/crm-quality.ts';
import { drainSteps } from '../../core/steps.ts';
import type { QualityCounts } from './six-a.ts';

export const SCORECARD_FIELDS: FieldSpecs = {
  id: { type: 'string', aliases: ['opportunity_id', 'deal_id', 'opportunity', 'oportunidad'] },
  /** Acquisition channel (lead source); deals without one take their lead's (sources.ts). */
  channel: { type: 'string', aliases: ['source', 'lead_source', 'canal'] },
  owner: { type: 'string', aliases: ['sales_agent', 'rep', 'agent', 'comercial', 'vendedor'] },
  team: { type: 'string', aliases: ['manager', 'equipo'] },
  region: { type: 'string', aliases: ['regional_office', 'office', 'region', 'oficina'] },
  account: { type: 'string', aliases: ['customer', 'cuenta', 'cliente'] },
  product: { type: 'string', aliases: ['producto'] },
  stage: { type: 'string', aliases: ['deal_stage', 'status', 'etapa', 'estado'] },
  amount: { type: 'number', aliases: ['close_value', 'value', 'importe'] },
  createdDate: { type: 'date', aliases: ['engage_date', 'created', 'created_date', 'fecha_alta'] },
  closeDate: { type: 'date', aliases: ['close_date', 'closed', 'fecha_cierre'] },
  /** ISO 4217 code of each deal's amount: mixed currencies are never added (core/data/quality.ts). */
  currency: { type: 'string', aliases: ['moneda', 'currency_code'] },
  group: { type: 'string' },
};

const FIELD_KEYS = ['id', 'channel', 'owner', 'team', 'region', 'account', 'product', 'stage', 'amount', 'createdDate', 'closeDate', 'currency'] as const;


export interface DealsInput {
  readonly deals: Deal[];
  /** Group key of each deal (same index), when a group column is mapped. */
  readonly groups: (string | undefined)[];
  readonly rejected: RejectedRow[];
  readonly quality: QualityCounts;
  readonly total: number;
  /** 1-based input row of each deal (same index). */
  readonly rows: number[];
  /** 1-based input rows with at least one flag (distinct). */
  readonly flaggedRows: number[];
}

export interface DealsOptions {
  readonly wonValues?: readonly string[];
  readonly lostValues?: readonly string[];
  /** Reference lists per field: values outside them are flagged (not dropped). */
  readonly knownValues?: Readonly<Record<string, readonly string[]>>;
  /** Column name for a field, for messages in the user's words. */
  readonly columnName?: (key: string) => string;
}

/** Mapped rows → Deal records, dropping invalid rows (with reasons) and flagging suspicious ones. */
export function toDeals(rows: readonly Record<string, unknown>[], options: DealsOptions = {}): DealsInput {
  return drainSteps(toDealsSteps(rows, options));
}

/** `toDeals`, yielding the rows done every few thousand (a caller on the main thread drains it in slices). */
export function* toDealsSteps(rows: readonly Record<string, unknown>[], options: DealsOptions = {}): Generator<number, DealsInput, void> {
  const won = new Set((options.wonValues ?? WON_VALUES).map((s) => s.toLowerCase()));
  const lost = new Set((options.lostValues ?? LOST_VALUES).map((s) => s.toLowerCase()));
  const shaped = new Array<Record<string, unknown>>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % 16_384 === 0) yield i;
    const r = rows[i]!;
    const o: Record<string, unknown> = {};
    for (const k of FIELD_KEYS) {
      if (Object.prototype.hasOwnProperty.call(r, k) && r[k] !== undefined) o[k] = r[k];
    }
    const stage = typeof r['stage'] === 'string' ? r['stage'].trim().toLowerCase() : '';
    o['status'] = won.has(stage) ? 'won' : lost.has(stage) ? 'lost' : 'open';
    shaped[i] = o;
  }
  const v = yield* validateRowsSteps(shaped, Deal, options.columnName);
  const reasons: Record<string, number> = Object.create(null);
  const rename = options.columnName ?? ((k: string) => k);
  for (const r of v.rejected) {
    const first = r.issues[0];
    const field = first ? FIELD_KEYS.find((k) => rename(k) === first.path.split('.')[0]) : undefined;
    const missing = field !== undefined && shaped[r.row - 1]![field] === undefined;
    const key = first ? `${first.path}: ${missing ? 'missing' : first.message.replace(/, got .*$/, '')}` : 'invalid';
    reasons[key] = (reasons[key] ?? 0) + 1;
  }
  const flagged: Record<string, number> = Object.create(null);
  const known = options.knownValues ?? {};
  const knownSets = Object.entries(known).map(([field, values]) => [field, new Set(values)] as const);
  const groups: (string | undefined)[] = [];
  const exampleCounts: Record<string, Map<string, number>> = Object.create(null);
  const flaggedRows: number[] = [];
  for (let i = 0; i < v.valid.length; i++) {
    if (i > 0 && i % 16_384 === 0) yield i;
    const d = v.valid[i]!;
    const src = rows[v.validIndex[i]!]!;
    const g = src['group'];
    groups.push(g === undefined || g === null || g === '' ? undefined : String(g));
    let flaggedHere = false;
    if (d.status === 'open' && !d.account) { flagged['open-without-account'] = (flagged['open-without-account'] ?? 0) + 1; flaggedHere = true; }
    if (d.status === 'won' && d.amount === undefined) { flagged['won-without-amount'] = (flagged['won-without-amount'] ?? 0) + 1; flaggedHere = true; }
    for (const [field, set] of knownSets) {
      const value = (d as unknown as Record<string, unknown>)[field];
      if (value !== undefined && !set.has(String(value))) {
        const key = `unknown-${field}`;
        flaggedHere = true;
        flagged[key] = (flagged[key] ?? 0) + 1;
        const seen = (exampleCounts[key] ??= new Map<string, number>());
        seen.set(String(value), (seen.get(String(value)) ?? 0) + 1);
      }
    }
    if (flaggedHere) flaggedRows.push(v.validIndex[i]! + 1);
  }
  // The most frequent offending values, e.g. "GTXPro".
  const examples: Record<string, string> = {};
  for (const [key, counts] of Object.entries(exampleCounts)) {
    const list = known[key.slice('unknown-'.length)] ?? [];
    examples[key] = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([v]) => {
        const meant = suggest(v, list);
        return meant ? `${v} → ${meant}?` : v;
      })
      .join(', ');
  }
  return {
    deals: v.valid,
    groups,
    rejected: v.rejected,
    quality: { valid: v.valid.length, rejected: v.rejected.length, reasons: { ...reasons }, flagged: { ...flagged }, examples, flaggedRows: flaggedRows.length },
    total: v.total,
    rows: v.validIndex.map((i) => i + 1),
    flaggedRows,
  };
}

/** Values of `field` outside the reference list, most frequent first (to say *what* was flagged). */
export function unknownValues(deals: readonly Deal[], field: string, known: readonly string[]): { value: string; count: number }[] {
  const set = new Set(known);
  const counts = new Map<string, number>();
  for (const d of deals) {
    const v = (d as unknown as Record<string, unknown>)[field];
    if (v === undefined || set.has(String(v))) continue;
    counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  }
  return [...counts.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
}

/** Joins a lookup table onto rows by a key column (e.g. sales_teams.csv onto the pipeline by sales_agent). */
export function joinRows(
  rows: readonly Record<string, unknown>[],
  lookup: readonly Record<string, unknown>[],
  key: string,
  lookupKey = key,
): Record<string, unknown>[] {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const l of lookup) {
    const k = l[lookupKey];
    if (k !== undefined && k !== null) byKey.set(String(k), l);
  }
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (k !== '__proto__') out[k] = v;
    const extra = byKey.get(String(r[key]));
    if (extra) for (const [k, v] of Object.entries(extra)) if (k !== '__proto__' && !(k in out)) out[k] = v;
    return out;
  });
}
