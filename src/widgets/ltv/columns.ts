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

/** The fields the LTV widget reads, with the column names tried when the page maps none. */
export const LTV_FIELDS: FieldSpecs = {
  customer: { type: 'string', aliases: ['customerId', 'customer_id', 'cliente', 'client', 'id_cliente'] },
  date: { type: 'date', aliases: ['fecha', 'order_date', 'purchase_date', 'fecha_compra'] },
  amount: { type: 'number', aliases: ['value', 'importe', 'revenue', 'dollar_value', 'monto', 'total'] },
  margin: { type: 'number', aliases: ['gross_margin', 'margen'] },
  cost: { type: 'number', aliases: ['cost_of_sales', 'cogs', 'coste', 'costo'] },
};

const describe = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : v === undefined ? 'nothing' : String(v));

/** One mapped row: customer, day (epoch ms after coercion), amount, optional margin or cost in money. */
export const LtvRow = z.object({
  customer: z.string({ error: 'expected a customer id' }).check(z.minLength(1, 'expected a customer id')),
  date: z.custom<number>((v) => typeof v === 'number' && Number.isFinite(v), { error: (iss) => `expected a date, got ${describe(iss.input)}` }),
  amount: z.number(),
  margin: z.optional(z.number()),
  cost: z.optional(z.number()),
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
}

export interface ColumnOptions {
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
  return {
    n,
    customer: customer.subarray(0, n),
    ids,
    day: day.subarray(0, n),
    amount: amount.subarray(0, n),
    cost: cost ? cost.subarray(0, n) : null,
    rejected,
    total,
  };
}
