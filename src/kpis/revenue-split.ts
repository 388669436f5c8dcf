/**
 * `revenue-split`: the share of revenue that comes from new customers (conquista) — or, with
 * `segment: 'existing'`, from existing ones (fidelización / renovación).
 *
 * A sale is from a new customer when its transaction type is `new`; when the type is not
 * given, when it is the customer's first sale in the input (deals: the account's first won deal).
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { ratio, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate, failWith } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import { firstSales, isDeal, saleCustomer, saleDate, salesOnly, sumAmounts, type Sale, type Sales } from './sales.ts';

export const revenueSplitMeta: MetricMeta = {
  id: 'revenue-split',
  ...kpiText('revenue-split'),
  unit: 'ratio',
  better: null,
  seeds: ['004'],
  input: { list: ['deals', 'transactions'] },
  accumulates: false,
};

export interface RevenueSplitOptions {
  /** Which share to return: 'new' (default) or 'existing'. */
  readonly segment?: 'new' | 'existing';
}

export const revenueSplit = defineMetric<Sales, RevenueSplitOptions>(revenueSplitMeta, (input, options) => {
  const conflict = currencyConflict([{ name: 'sales', rows: input }]);
  if (conflict) return failWith(conflict, options);
  const sales = salesOnly(input);
  const firsts = new Set<Sale>(firstSales(sales));
  const isNew = (r: Sale) => (!isDeal(r) && r.type !== undefined ? r.type === 'new' : firsts.has(r));
  const wantNew = (options?.segment ?? 'new') === 'new';
  return evaluate({ sales: { rows: sales, date: saleDate, customer: saleCustomer } }, options, ({ sales: rows }) => {
    const all = sumAmounts(rows);
    if ('ok' in all) return all;
    const part = sumAmounts(rows.filter((r) => isNew(r) === wantNew));
    if ('ok' in part) return part;
    return ratio(part.sum, all.sum, 'no revenue in the period', rows.length);
  });
});
