/**
 * The records metrics compute over, as zod schemas with inferred types of the same name.
 *
 * User data (Transaction, Deal, Cost, Activity) is validated leniently: unknown keys are
 * dropped (zod's default "strip" builds a fresh object from the known keys only, so a
 * `__proto__` key in the input never reaches a prototype), money may come as a numeric
 * string, dates in any form `parseDate` accepts. Pre-aggregated inputs (StageCount,
 * CustomerSummary) are the kit's own shapes and are strict: an unknown key is an error.
 *
 * `parseRecords(schema, rows)` validates a whole array without throwing and returns the valid
 * records with the input index of every rejected row and why, so a widget can report how many
 * rows passed (the "Preciso" quality of a KPI).
 */
import { z, fail, addIssue } from './z.ts';
import { parseDate, type DateParseOptions } from './dates.ts';
import { validateRows, type RejectedRow } from './validate.ts';
import type { RowIssue } from '../data/errors.ts';
import { dealStatusOf } from '../deal-status.ts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v === null ? undefined : v);

/** A date in any accepted form, parsed to a `Date` (UTC instant). */
export function dateField(options: DateParseOptions = {}) {
  return z.pipe(
    z.union([z.date(), z.string(), z.number()]),
    z.transform((v: Date | string | number, ctx) => {
      const t = parseDate(v, options);
      if (t === null) return fail(ctx, `not a date: ${String(v).slice(0, 40)}`);
      return new Date(t);
    }),
  );
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A finite amount of money: a number or a plain numeric string ('1054', '-3.5'). */
export const Money = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((v: number | string, ctx) => {
    const n = typeof v === 'number' ? v : NUMERIC.test(v.trim()) ? Number(v.trim()) : Number.NaN;
    if (!Number.isFinite(n)) return fail(ctx, `not a finite amount: ${String(v).slice(0, 40)}`);
    return n;
  }),
);
export type Money = z.infer<typeof Money>;

/** ISO 4217-style currency code, upper-cased ('usd' → 'USD'). */
export const Currency = z.pipe(
  z.string().check(z.trim(), z.regex(/^[A-Za-z]{3}$/, 'a currency is a 3-letter code')),
  z.transform((s: string) => s.toUpperCase()),
);
export type Currency = z.infer<typeof Currency>;

/** A key-like text: numbers are accepted and turned into text (ids exported as numbers). */
const Key = z.pipe(
  z.pipe(
    z.union([z.string(), z.number()]),
    z.transform((v: string | number) => String(v).trim()),
  ),
  z.string().check(z.minLength(1)),
);
/**
 * Classic zod's `z.preprocess(fn, schema)`, which zod/mini does not export: the same pipe of a
 * transform into the schema (that is all classic's ZodPreprocess is), typed input unknown.
 */
function preprocess<U extends z.ZodMiniType>(fn: (v: unknown) => unknown, schema: U) {
  return z.pipe(z.transform(fn), schema);
}
const optional = <T extends z.ZodMiniType>(schema: T) => preprocess(blankToUndefined, z.optional(schema));

export const TransactionType = z.enum(['new', 'renewal', 'upsell', 'cross-sell']);
export type TransactionType = z.infer<typeof TransactionType>;

const transactionType = z.pipe(
  z.string(),
  z.transform((s: string, ctx) => {
    const t = s.trim().toLowerCase().replace(/[\s_]+/g, '-');
    const mapped = t === 'crosssell' ? 'cross-sell' : t === 'up-sell' ? 'upsell' : t;
    const r = TransactionType.safeParse(mapped);
    if (!r.success) return fail(ctx, `type must be new, renewal, upsell or cross-sell, not ${s.slice(0, 20)}`);
    return r.data;
  }),
);

export const DealStatus = z.enum(['won', 'lost', 'open']);
export type DealStatus = z.infer<typeof DealStatus>;

// The won/lost texts and status readers are zod-free (core/deal-status.ts), so metrics import them without a schema.
export { WON_VALUES, LOST_VALUES, dealStatusOf, dealStatusCode } from '../deal-status.ts';

const dealStatus = z.pipe(
  z.string(),
  z.transform((s: string, ctx) => {
    const r = dealStatusOf(s);
    if (r === null) return fail(ctx, `status must be won, lost or open, not ${s.slice(0, 20)}`);
    return r;
  }),
);

/** Null-prototype copy of a stage → date map: keys from data never touch Object.prototype. */
function stageDatesField(options: DateParseOptions) {
  const date = dateField(options);
  return z.pipe(
    z.custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date), 'stage dates are an object of stage → date'),
    z.transform((v: object, ctx) => {
      const out = Object.create(null) as Record<string, Date>;
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
      for (const [k, raw] of entries) {
        if (raw === undefined || raw === null || raw === '') continue;
        const r = date.safeParse(raw);
        if (!r.success) {
          addIssue(ctx, `stage ${String(k).slice(0, 30)}: not a date`, [String(k)]);
          continue;
        }
        out[String(k)] = r.data;
      }
      return out as Readonly<Record<string, Date>>;
    }),
  );
}

/** Builds the record schemas with a date reading (e.g. `{ dayFirst: true }` for DD/MM/YYYY exports). */
export function recordSchemas(dateOptions: DateParseOptions = {}) {
  const date = dateField(dateOptions);
  const Transaction = z.object({
    customer: Key,
    date,
    amount: Money,
    /** Cost of sales of this transaction, in money. */
    cost: optional(Money),
    /** Gross margin of this transaction, in money (amount − cost). Used when cost is absent. */
    margin: optional(Money),
    product: optional(Key),
    type: optional(transactionType),
    channel: optional(Key),
    currency: optional(Currency),
  });
  const Deal = preprocess(
    (v) => {
      // `source` is accepted as another name for `channel`.
      if (typeof v === 'object' && v !== null && !Object.hasOwn(v, 'channel') && Object.hasOwn(v, 'source')) {
        const copy: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) if (k !== '__proto__') copy[k] = x;
        copy.channel = (v as { source: unknown }).source;
        return copy;
      }
      return v;
    },
    z.object({
      id: Key,
      channel: optional(Key),
      owner: optional(Key),
      team: optional(Key),
      region: optional(Key),
      account: optional(Key),
      product: optional(Key),
      /** Furthest stage the deal reached (a stage name of the user's funnel). */
      stage: optional(Key),
      /** When the deal entered each stage it reached. */
      stageDates: optional(stageDatesField(dateOptions)),
      amount: optional(Money),
      status: dealStatus,
      createdDate: optional(date),
      closeDate: optional(date),
      currency: optional(Currency),
    }),
  );
  const Cost = z.object({
    channel: optional(Key),
    campaign: optional(Key),
    /** Day the cost is booked on (for a monthly budget, the first day of the month). */
    date,
    amount: Money,
    kind: z.enum(['marketing', 'sales']),
    currency: optional(Currency),
  });
  const Activity = z.object({
    rep: Key,
    /** call, meeting, proposal, order, contact, lead… lower-cased. */
    type: z.pipe(z.string().check(z.trim(), z.minLength(1)), z.transform((s: string) => s.toLowerCase())),
    date,
    team: optional(Key),
    region: optional(Key),
  });
  const StageCount = z.strictObject({
    stage: z.string().check(z.minLength(1)),
    count: z.number().check(z.int(), z.nonnegative()),
    value: z.optional(z.nullable(z.number())),
  });
  const CustomerSummary = z.strictObject({
    customer: z.string().check(z.minLength(1)),
    /** First purchase / start of the relationship. */
    since: date,
    /** End of the relationship (lost); null or absent while the customer is active. */
    until: z.optional(z.nullable(date)),
    revenue: z.optional(z.number()),
    purchases: z.optional(z.number().check(z.int(), z.nonnegative())),
  });
  return { Transaction, Deal, Cost, Activity, StageCount, CustomerSummary };
}

const defaults = recordSchemas();

export const Transaction = defaults.Transaction;
export type Transaction = z.infer<typeof Transaction>;
export const Deal = defaults.Deal;
export type Deal = z.infer<typeof Deal>;
export const Cost = defaults.Cost;
export type Cost = z.infer<typeof Cost>;
export const Activity = defaults.Activity;
export type Activity = z.infer<typeof Activity>;
export const StageCount = defaults.StageCount;
export type StageCount = z.infer<typeof StageCount>;
export const CustomerSummary = defaults.CustomerSummary;
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export interface ParsedRecords<T> {
  readonly records: T[];
  /** Input index (0-based array position) of each record in `records`. */
  readonly indices: number[];
  /** Every problem of every rejected row; `row` counts data rows from 1, as validate.ts does. */
  readonly issues: RowIssue[];
  readonly rejected: RejectedRow[];
  readonly total: number;
}

/** Validates every row with the one row validator (validate.ts); never throws on bad rows. */
export function parseRecords<S extends z.ZodMiniType>(schema: S, rows: readonly unknown[]): ParsedRecords<z.output<S>> {
  const v = validateRows(rows, schema);
  return { records: v.valid, indices: v.validIndex, issues: v.rejected.flatMap((r) => r.issues), rejected: v.rejected, total: v.total };
}
