/**
 * Customers and BG/NBD patterns, JS path: transactions → `summarizeTransactions`
 * (models/rfm-summary.ts, the summary the LTV widget fits on) → per-customer rows, and those
 * counted per exact (x, t_x, T) or per bin of t_x and T carrying the exact sums. The SQL path is
 * sql/templates.ts `customersSql` / `patternsSql`.
 */
import { summarizeTransactions, type Transaction } from '../models/rfm-summary.ts';
import type { CustomerRow, PatternRow } from './shapes.ts';
import { sortCustomers, sortPatterns } from './order.ts';

export interface CustomersAggregateOptions {
  readonly columns: { readonly customer: string; readonly date: string; readonly amount: string };
  readonly calibrationEnd: string;
  readonly unit: 'days' | 'weeks';
}

export interface PatternsAggregateOptions extends CustomersAggregateOptions {
  /** Bin width in the unit (absent: exact patterns). */
  readonly bin?: number | undefined;
}

type Row = Readonly<Record<string, unknown>>;

function amountOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v.trim());
  return Number.NaN;
}

export function customersAggregate(rows: readonly Row[], o: CustomersAggregateOptions): CustomerRow[] {
  const c = o.columns;
  const tx: Transaction[] = [];
  for (const r of rows) {
    const id = r[c.customer];
    if (id === undefined || id === null || id === '') continue;
    tx.push({ customerId: typeof id === 'number' ? String(id) : (id as string), date: r[c.date] as string, amount: amountOf(r[c.amount]) });
  }
  const s = summarizeTransactions(tx, { unit: o.unit, calibrationEnd: o.calibrationEnd });
  if (!s.ok) throw new Error(`customers: ${s.detail ?? s.reason}`);
  return sortCustomers(s.customers.map((r) => ({ id: r.id, x: r.frequency, t_x: r.recency, T: r.T, monetary: r.monetary })));
}

/** Pattern counts of customer rows (exact, or binned with Σt_x and ΣT). */
export function patternsFromCustomers(customers: readonly Pick<CustomerRow, 'x' | 't_x' | 'T'>[], unit: 'days' | 'weeks', bin?: number): PatternRow[] {
  const per = unit === 'weeks' ? 7 : 1;
  const binDays = bin === undefined ? 0 : bin * per;
  const m = new Map<string, PatternRow & { sum_t_x: number; sum_T: number }>();
  for (const cu of customers) {
    // whole days, as the SQL groups them (t_x and T are whole days ÷ the unit)
    const txd = Math.round(cu.t_x * per);
    const Td = Math.round(cu.T * per);
    const bx = binDays ? Math.floor(txd / binDays) : txd;
    const bt = binDays ? Math.floor(Td / binDays) : Td;
    const key = `${cu.x},${bx},${bt}`;
    let p = m.get(key);
    if (!p) m.set(key, (p = { x: cu.x, t_x: binDays ? (bx * binDays) / per : txd / per, T: binDays ? (bt * binDays) / per : Td / per, n: 0, sum_t_x: 0, sum_T: 0 }));
    p.n++;
    p.sum_t_x += txd;
    p.sum_T += Td;
  }
  const rows = [...m.values()].map((p): PatternRow =>
    binDays ? { x: p.x, t_x: p.t_x, T: p.T, n: p.n, sum_t_x: p.sum_t_x / per, sum_T: p.sum_T / per } : { x: p.x, t_x: p.t_x, T: p.T, n: p.n },
  );
  return sortPatterns(rows);
}

export function patternsAggregate(rows: readonly Row[], o: PatternsAggregateOptions): PatternRow[] {
  return patternsFromCustomers(customersAggregate(rows, o), o.unit, o.bin);
}
