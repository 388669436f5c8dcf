/**
 * `incremental-revenue`: revenue in the campaign period − baseline revenue − campaign cost.
 *
 * The campaign period is `period` (it must be closed). The baseline is the mean revenue of the
 * `baseline` periods (periods without marketing effort), each scaled to the campaign period's
 * length (revenue per day × campaign days), so a 30-day baseline compares with a 15-day campaign.
 * Campaign cost is the marketing cost dated in the campaign period (only `campaign`'s, if given).
 */
import { kpiText } from '../core/i18n/kpi.ts';
import { available, notAvailable, type MetricMeta } from '../core/result.ts';
import { defineMetric, evaluate, failWith, inPeriod, periodDays, resolvePeriod, timeOf, type Period } from './metric.ts';
import { currencyConflict } from '../core/money.ts';
import { saleCustomer, saleDate, salesOnly, type Sale, type Sales } from './sales.ts';
import type { Cost } from '../core/schema/records.ts';

export const incrementalRevenueMeta: MetricMeta = {
  id: 'incremental-revenue',
  ...kpiText('incremental-revenue'),
  unit: 'money',
  better: 'up',
  seeds: ['002'],
  input: { fields: { sales: ['deals', 'transactions'], costs: ['costs'] } },
  accumulates: true,
};

export interface IncrementalRevenueInput {
  readonly sales: Sales;
  readonly costs: readonly Cost[];
}

export interface IncrementalRevenueOptions {
  /** Periods without marketing effort. */
  readonly baseline?: readonly Period[];
  /** Only this campaign's costs count (default: all marketing costs in the period). */
  readonly campaign?: string;
}

export const incrementalRevenue = defineMetric<IncrementalRevenueInput, IncrementalRevenueOptions>(incrementalRevenueMeta, (input, options) => {
  const conflict = currencyConflict([{ name: 'sales', rows: input.sales }, { name: 'costs', rows: input.costs }]);
  if (conflict) return failWith(conflict, options);
  const campaign = resolvePeriod(options?.period);
  const campaignDays = campaign ? periodDays(campaign) : null;
  if (campaign === null || campaignDays === null || campaignDays <= 0) {
    return failWith(notAvailable('missing-input', 'incremental revenue needs a closed campaign period (from and to)'), options);
  }
  const baselines = (options?.baseline ?? []).map(resolvePeriod);
  if (baselines.length === 0) return failWith(notAvailable('missing-input', 'no baseline periods given'), options);
  if (baselines.some((b) => b === null || periodDays(b) === null || periodDays(b)! <= 0)) {
    return failWith(notAvailable('invalid-input', 'every baseline period needs a valid from and to'), options);
  }
  const costs = input.costs.filter((c) => c.kind === 'marketing' && (options?.campaign === undefined || c.campaign === options.campaign));
  return evaluate(
    {
      sales: { rows: salesOnly(input.sales), date: saleDate, customer: saleCustomer, filter: false },
      costs: { rows: costs, date: (c: Cost) => c.date },
    },
    options,
    ({ sales, costs: inCampaign }) => {
      const sumIn = (rows: readonly Sale[], p: { from: number; to: number }) => {
        let s = 0;
        let n = 0;
        for (const r of rows) {
          if (inPeriod(timeOf(saleDate(r)), p) && typeof r.amount === 'number') {
            s += r.amount;
            n++;
          }
        }
        return { s, n };
      };
      const during = sumIn(sales, campaign);
      let baseSum = 0;
      let baseRows = 0;
      for (const b of baselines) {
        const r = sumIn(sales, b!);
        baseSum += (r.s / periodDays(b!)!) * campaignDays;
        baseRows += r.n;
      }
      if (during.n === 0 && baseRows === 0) return notAvailable('no-data', 'no sales in the campaign or baseline periods', { rows: 0 });
      const baseline = baseSum / baselines.length;
      let cost = 0;
      for (const c of inCampaign) cost += c.amount;
      return available(during.s - baseline - cost, { rows: during.n + baseRows + inCampaign.length });
    },
  );
});
