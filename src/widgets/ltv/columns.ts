/**
 * Transactions for the LTV widget as columns: mapped rows (see data/fields.ts) are
 * validated with zod, in chunks, and packed into typed arrays (customer index, UTC day
 * number, amount, cost of sales). Rows that fail validation are listed, never silently
 * dropped. Built as a generator that yields after every chunk, so 1,000,000 rows can be
 * read in main-thread slices without a long task.
 *
 * Pure and DOM-free.
 */
import { z } from '../../core/schema/z.ts';
import { mapRows, type FieldSpecs } from '../../core/data/fields.ts';
import { validateRows, type RejectedRow } from '../../core/schema/validate.ts';
import type { DecimalSeparator } from '../../core/data/numbers.ts';
import type { DayOrder } from '../../core/data/dates.ts';
import { dayOf } from '../../core/calendar.ts';
import { NO_FINDINGS, QualityPass, excludedAsRejected, type QualityReport } from '../../core/data/quality.ts';

/** The fields the LTV widget reads, with the column names tried when the page maps none. */
export const LTV_FIELDS: FieldSpecs = {
  customer: { type: 'string', aliases: ['customerId', 'customer_id', 'cliente', 'client', 'id_cliente'] },
  date: { type: 'date', aliases: ['fecha', 'order_date', 'purchase_date', 'fecha_compra'] },
  amount: { type: 'number', aliases: ['value', 'importe', 'revenue', 'dollar_value', 'monto', 'total'] },
  margin: { type: 'number', aliases: ['gross_margin', 'margen'] },
  cost: { type: 'number', aliases: ['cost_of_sales', 'cogs', 'coste', 'costo'] },
  /** Order / transaction id: a repeated id is counted once (core/data/quality.ts). Optional. */
  id: { type: 'string', aliases: ['order_id', 'transaction_id', 'invoice_id', 'pedido'] },
  /** ISO 4217 code of each amount: mixed currencies are never added up. Optional. */
  currency: { type: 'string', aliases: ['moneda', 'currency_code'] },
};

const describe = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : v === undefined ? 'nothing' : String(v));

/** One mapped row: customer, day (epoch ms after coercion), amount, optional margin or cost in money. */
export const LtvRow = z.object({
  customer: z.string({ error: 'expected a customer id' }).check(z.minLength(1, 'expected a customer id')),
  date: z.custom<number>((v) => typeof v === 'number' && Number.isFinite(v), { error: (iss) => `expected a date, got ${describe(iss.input)}` }),
  amount: z.number(),
  margin: z.optional(z.number()),
  cost: z.optional(z.number()),
  id: z.optional(z.string()),
  currency: z.optional(z.string()),
});
export type LtvRow = z.infer<typeof LtvRow>;

export interface LtvColumns {
  /** Valid rows. */
  readonly n: number;
  /** Customer of each row: an index into `ids`. */
  readonly customer: Int32Array;
  /** Customer ids in order of first appearance. */
  readonly ids: readonly string[];
  /** UTC day number (days since 1970-01-01) of each row. */
  readonly day: Float64Array;
  readonly amount: Float64Array;
  /** Cost of sales of each row (from `cost`, or `amount − margin`); NaN where the row gives neither. Null when no row gives one. */
  readonly cost: Float64Array | null;
  readonly rejected: readonly RejectedRow[];
  /** Input rows. */
  readonly total: number;
  /** What the data-quality pass found (duplicates, currencies, implausible amounts, future dates, refunds). */
  readonly quality: QualityReport;
}

export interface ColumnOptions {
  /** The widget's currency and whether the page set it (core/data/quality.ts). */
  readonly currency?: string;
  readonly currencyExplicit?: boolean;
  /** Transactions after this instant (epoch ms; default now) are excluded: one row dated 2099 would stretch the window. */
  readonly asOf?: number;
  readonly decimal?: DecimalSeparator;
  readonly dayOrder?: DayOrder;
  /** Column name of a field, for messages in the user's words. */
  readonly columnName?: (key: string) => string;
  /** Rows per chunk between yields (default 4096). */
  readonly chunk?: number;
}

export interface ColumnProgress {
  readonly stage: 'read';
  readonly done: number;
  readonly total: number;
}

/** Read rows into columns, synchronously. */
export function toColumns(raw: readonly unknown[], columns: Readonly<Record<string, string | undefined>>, options: ColumnOptions = {}): LtvColumns {
  const steps = toColumnsSteps(raw, columns, options);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** Read rows into columns, yielding after every chunk. */
export function* toColumnsSteps(
  raw: readonly unknown[],
  columns: Readonly<Record<string, string | undefined>>,
  options: ColumnOptions = {},
): Generator<ColumnProgress, LtvColumns, void> {
  const total = raw.length;
  const chunk = Math.max(1, options.chunk ?? 4096);
  const customer = new Int32Array(total);
  const day = new Float64Array(total);
  const amount = new Float64Array(total);
  let cost: Float64Array | null = null;
  const index = new Map<string, number>();
  const ids: string[] = [];
  const rejected: RejectedRow[] = [];
  const rename = options.columnName;
  const rowOf = new Int32Array(total);
  const pass = new QualityPass({
    id: 'id',
    amount: 'amount',
    negative: 'kept', // refunds: netted below
    currency: 'currency',
    ...(options.currency !== undefined ? { pageCurrency: options.currency } : {}),
    currencyExplicit: options.currencyExplicit ?? false,
    dates: ['date'],
    asOf: options.asOf ?? Date.now(),
    future: 'excluded',
    domain: [
      { field: 'cost', ok: (v) => typeof v === 'number' && v >= 0, message: 'a negative cost of sales: ignored', action: 'value-ignored' },
      { field: 'margin', ok: (v, r) => typeof v === 'number' && typeof r['amount'] === 'number' && (r['amount'] < 0 || v <= r['amount']), message: 'a margin above the amount (over 100 %): ignored', action: 'value-ignored' },
    ],
    ...(rename ? { columnName: rename } : {}),
  });
  let n = 0;
  for (let start = 0; start < total; start += chunk) {
    const slice = raw.slice(start, Math.min(total, start + chunk));
    const mapped = mapRows(slice, LTV_FIELDS, columns, { decimal: options.decimal ?? '.', dayOrder: options.dayOrder ?? 'dmy' });
    const v = validateRows(mapped, LtvRow, rename);
    for (const r of v.rejected) {
      rejected.push({ row: r.row + start, issues: r.issues.map((i) => ({ ...i, row: (i.row ?? r.row) + start })) });
    }
    for (let k = 0; k < v.valid.length; k++) {
      const row = v.valid[k]!;
      if (!pass.check(row as unknown as Record<string, unknown>, v.validIndex[k]! + start + 1)) continue;
      rowOf[n] = v.validIndex[k]! + start + 1;
      let c = index.get(row.customer);
      if (c === undefined) {
        c = ids.length;
        index.set(row.customer, c);
        ids.push(row.customer);
      }
      customer[n] = c;
      day[n] = dayOf(row.date);
      amount[n] = row.amount;
      const rowCost = row.cost !== undefined ? row.cost : row.margin !== undefined ? row.amount - row.margin : NaN;
      if (!Number.isNaN(rowCost) && cost === null) {
        cost = new Float64Array(total).fill(NaN);
      }
      if (cost !== null) cost[n] = rowCost;
      n++;
    }
    yield { stage: 'read', done: Math.min(total, start + chunk), total };
  }
  const before = n;
  n = netRefunds(n, customer, day, amount, cost, rowOf, pass, rename ? rename('amount') : 'amount');
  let kept = ids;
  if (n < before) {
    // A customer whose rows were only refunds (or fully refunded purchases) is no customer.
    const remap = new Int32Array(ids.length).fill(-1);
    kept = [];
    for (let i = 0; i < n; i++) {
      const c = customer[i]!;
      if (remap[c] === -1) remap[c] = kept.push(ids[c]!) - 1;
      customer[i] = remap[c]!;
    }
  }
  const quality = pass.finish();
  const all = quality.excluded > 0 ? [...rejected, ...excludedAsRejected(quality)].sort((a, b) => a.row - b.row) : rejected;
  return {
    n,
    customer: customer.subarray(0, n),
    ids: kept,
    day: day.subarray(0, n),
    amount: amount.subarray(0, n),
    cost: cost ? cost.subarray(0, n) : null,
    rejected: all,
    total,
    quality: quality.findings.length ? quality : NO_FINDINGS,
  };
}

/**
 * Refunds (negative amounts) netted, in place; returns the new row count. The rule:
 * - a refund reduces the customer's revenue and never counts as a purchase: it is taken off the
 *   customer's latest purchase on or before its day, then the one before, and so on;
 * - a purchase netted to zero (fully refunded) no longer counts as a purchase;
 * - what a refund cannot take off (no purchase before it, or more than those purchases) is
 *   ignored and reported: revenue never goes below what was bought;
 * - the cost of a netted purchase shrinks in the same proportion as its amount.
 * So adding a refund never raises revenue, the number of purchases, or a customer's frequency.
 */
function netRefunds(n: number, customer: Int32Array, day: Float64Array, amount: Float64Array, cost: Float64Array | null, rowOf: Int32Array, pass: QualityPass, column: string): number {
  let refunds = 0;
  for (let i = 0; i < n; i++) if (amount[i]! < 0) refunds++;
  if (refunds === 0) return n;
  const byCustomer = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = customer[i]!;
    if (amount[i]! < 0 && !byCustomer.has(c)) byCustomer.set(c, []);
  }
  for (let i = 0; i < n; i++) byCustomer.get(customer[i]!)?.push(i);
  const netted: number[] = [];
  const partly: number[] = [];
  const zeroed: number[] = [];
  const remove = new Uint8Array(n);
  for (const list of byCustomer.values()) {
    list.sort((a, b) => day[a]! - day[b]! || a - b);
    const purchases = list.filter((i) => amount[i]! > 0);
    for (const r of list) {
      if (amount[r]! >= 0) continue;
      let left = -amount[r]!;
      for (let k = purchases.length - 1; k >= 0 && left > 0; k--) {
        const p = purchases[k]!;
        if (day[p]! > day[r]! || amount[p]! <= 0) continue;
        const take = Math.min(left, amount[p]!);
        const before = amount[p]!;
        amount[p] = before - take;
        if (cost && !Number.isNaN(cost[p]!)) cost[p] = cost[p]! * (amount[p]! / before);
        left -= take;
        if (amount[p]! <= 0) { remove[p] = 1; zeroed.push(rowOf[p]!); }
      }
      remove[r] = 1;
      (left > 0 ? partly : netted).push(rowOf[r]!);
    }
  }
  if (netted.length) pass.add('refund', column, 'netted', 'a refund: taken off the customer’s purchases before it, never counted as a purchase', netted);
  if (partly.length) pass.add('refund', column, 'netted', 'a refund larger than the customer’s purchases before it: the rest is ignored', partly);
  if (zeroed.length) pass.add('refund', column, 'netted', 'a purchase fully refunded: no longer counted as a purchase', zeroed);
  let w = 0;
  for (let i = 0; i < n; i++) {
    if (remove[i]) continue;
    customer[w] = customer[i]!;
    day[w] = day[i]!;
    amount[w] = amount[i]!;
    if (cost) cost[w] = cost[i]!;
    rowOf[w] = rowOf[i]!;
    w++;
  }
  return w;
}
