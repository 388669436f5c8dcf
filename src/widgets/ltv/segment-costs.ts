/**
 * Acquisition costs per segment (channel) for `<kpi-ltv group-by="…">`: what was spent to win
 * the customers of each segment, and optionally how many new customers it won. Pure: no lit,
 * no DOM.
 *
 * Accepted shapes (the `costs` option and the `costs` named source read the same way):
 * - attribute text: `"Search: 12000/40; Referral: 3000/25"` (segment: cost[/new customers],
 *   entries separated by `;`, or by `,` when no `;` is used; numbers with a `.` decimal point);
 * - an object: `{ Search: { cost: 12000, newCustomers: 40 }, Referral: 3000 }`;
 * - rows (JSON, CSV, a `<table>`): `[{ channel: 'Search', cost: 12000, new_customers: 40 }]`.
 *   The segment column is `segment`, `channel`, `canal`, `group`, `sector` or `name` (else the
 *   first column); the cost `cost`, `costs`, `spend`, `acquisition_cost`, `coste` or `gasto`; the
 *   new customers `new_customers`, `newCustomers`, `customers`, `nuevos_clientes` or `clientes`.
 *
 * New customers, when not given, default to the segment's customers in the data (each one's
 * first purchase is in it), as the widget's own `acquisition-cost` does.
 */
import { KpiError } from '../../core/data/errors.ts';

export interface SegmentCost {
  /** The segment (channel) as written; matched to the data's values without regard to case or surrounding spaces. */
  readonly segment: string;
  /** Sales + marketing cost spent on the segment. */
  readonly cost: number;
  /** New customers won with that cost; undefined = the segment's customers in the data. */
  readonly newCustomers?: number;
}

const SEGMENT_KEYS = ['segment', 'channel', 'canal', 'group', 'grupo', 'sector', 'name', 'nombre'];
const COST_KEYS = ['cost', 'costs', 'spend', 'acquisitioncost', 'coste', 'costo', 'gasto'];
const NEW_KEYS = ['newcustomers', 'customers', 'nuevosclientes', 'clientes', 'new'];

const norm = (k: string) => k.toLowerCase().replace(/[\s_-]+/g, '');

/** Matching key of a segment value: trimmed, lower case. */
export const segmentKey = (s: string) => s.trim().toLowerCase();

function bad(message: string): never {
  throw new KpiError({ code: 'config', message: `costs: ${message}` });
}

function number(v: unknown, what: string, segment: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN;
  if (!Number.isFinite(n) || n < 0) bad(`${segment}: ${what} "${String(v)}" is not a number of at least 0`);
  return n;
}

function entry(segment: string, cost: unknown, newCustomers: unknown): SegmentCost {
  const name = segment.trim();
  if (!name) bad('an entry has no segment name');
  const c = number(cost, 'cost', name);
  if (newCustomers === undefined || newCustomers === null || newCustomers === '') return { segment: name, cost: c };
  const n = number(newCustomers, 'new customers', name);
  if (!Number.isInteger(n)) bad(`${name}: new customers "${String(newCustomers)}" is not a whole number`);
  return { segment: name, cost: c, newCustomers: n };
}

function fromText(text: string): SegmentCost[] {
  const parts = text.split(text.includes(';') ? ';' : ',').map((p) => p.trim()).filter(Boolean);
  return parts.map((p) => {
    const at = p.lastIndexOf(':');
    if (at <= 0) bad(`"${p}" is not segment: cost or segment: cost/new customers`);
    const [cost, customers, extra] = p.slice(at + 1).split('/').map((x) => x.trim());
    if (extra !== undefined) bad(`"${p}" has more than cost/new customers`);
    return entry(p.slice(0, at), cost, customers);
  });
}

function pick(row: Record<string, unknown>, keys: readonly string[]): string | undefined {
  const own = Object.keys(row);
  for (const k of keys) {
    const hit = own.find((o) => norm(o) === k);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function fromRows(rows: readonly unknown[]): SegmentCost[] {
  return rows.map((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) bad(`row ${i + 1} is not an object`);
    const row = r as Record<string, unknown>;
    const seg = pick(row, SEGMENT_KEYS) ?? Object.keys(row)[0];
    const cost = pick(row, COST_KEYS);
    if (seg === undefined || cost === undefined) bad(`row ${i + 1} needs a segment (or channel) and a cost column (columns: ${Object.keys(row).join(', ') || 'none'})`);
    const fresh = pick(row, NEW_KEYS);
    return entry(String(row[seg] ?? ''), row[cost], fresh !== undefined ? row[fresh] : undefined);
  });
}

function fromObject(o: Record<string, unknown>): SegmentCost[] {
  return Object.entries(o).map(([segment, v]) => {
    if (typeof v === 'number' || typeof v === 'string') return entry(segment, v, undefined);
    if (!v || typeof v !== 'object') bad(`${segment}: expected a cost or { cost, newCustomers }`);
    const x = v as Record<string, unknown>;
    const cost = pick(x, COST_KEYS);
    if (cost === undefined) bad(`${segment}: no cost`);
    const fresh = pick(x, NEW_KEYS);
    return entry(segment, x[cost], fresh !== undefined ? x[fresh] : undefined);
  });
}

/** Costs in any accepted shape → one entry per segment; throws a `config` KpiError naming the problem. */
export function parseCosts(raw: unknown): readonly SegmentCost[] {
  let out: SegmentCost[];
  if (typeof raw === 'string') out = fromText(raw);
  else if (Array.isArray(raw)) out = fromRows(raw);
  else if (raw && typeof raw === 'object') {
    const rows = (raw as { rows?: unknown }).rows;
    out = Object.hasOwn(raw, 'rows') && Array.isArray(rows) ? fromRows(rows) : fromObject(raw as Record<string, unknown>);
  } else return bad('expected "segment: cost/new customers; …", an object or rows');
  const seen = new Set<string>();
  for (const c of out) {
    const k = segmentKey(c.segment);
    if (seen.has(k)) bad(`${c.segment} is given twice`);
    seen.add(k);
  }
  return out;
}
