/**
 * One currency per computation. Rows without a currency are taken to be in the currency of the
 * others; two different currencies in the inputs of one computation make it not available
 * ('mixed-currency'), with a detail naming the rows that differ from the first currency seen.
 */
import { notAvailable, type NotAvailable } from './result.ts';

export interface CurrencyInput {
  readonly name: string;
  readonly rows: readonly unknown[];
}

function currencyOf(row: unknown): string | undefined {
  if (typeof row !== 'object' || row === null || !Object.hasOwn(row, 'currency')) return undefined;
  const c = (row as { currency?: unknown }).currency;
  return typeof c === 'string' && c !== '' ? c.toUpperCase() : undefined;
}

const MAX_LISTED = 20;

/** The single currency of the inputs (undefined when none is stated), or a mixed-currency result. */
export function commonCurrency(inputs: readonly CurrencyInput[]): { currency: string | undefined } | NotAvailable {
  let first: string | undefined;
  let firstAt = '';
  const offending = new Map<string, string[]>();
  let count = 0;
  for (const { name, rows } of inputs) {
    for (let i = 0; i < rows.length; i++) {
      const c = currencyOf(rows[i]);
      if (c === undefined) continue;
      if (first === undefined) {
        first = c;
        firstAt = `${name} row ${i}`;
        continue;
      }
      if (c === first) continue;
      count++;
      let list = offending.get(c);
      if (!list) offending.set(c, (list = []));
      if (list.length < MAX_LISTED) list.push(`${name} row ${i}`);
    }
  }
  if (offending.size === 0) return { currency: first };
  const parts = [...offending].map(([c, rows]) => `${c} at ${rows.join(', ')}`);
  return notAvailable('mixed-currency', `${count} row(s) are not in ${first} (first seen at ${firstAt}): ${parts.join('; ')}${count > MAX_LISTED ? ' …' : ''}`);
}

/** The mixed-currency result for these inputs, or null when they share one currency. */
export function currencyConflict(inputs: readonly CurrencyInput[]): NotAvailable | null {
  const r = commonCurrency(inputs);
  return 'ok' in r ? r : null;
}
