/**
 * `win-rate`: deals won ÷ deals closed (won + lost), over the deals closed in the period (by close
 * date). Open deals do not count. Grouped by owner it shows who opens well but closes badly.
 */
import { kpiText } from '../core/i18n/kpi.ts';
import type { MetricMeta } from '../core/result.ts';
import { columnsKind, defineMetric, evaluate, overColumns } from './metric.ts';
import type { DealColumns } from './columns.ts';
import type { Deal } from '../core/schema/records.ts';
import { winRateValue } from './deal-aggregate.ts';

export const winRateMeta: MetricMeta = {
  id: 'win-rate',
  ...kpiText('win-rate'),
  unit: 'ratio',
  better: 'up',
  seeds: ['001'],
  input: { list: ['deals'] },
  accumulates: false,
};

export const winRate = defineMetric<readonly Deal[] | DealColumns>(winRateMeta, (input, options) => {
  if (columnsKind(input) === 'deal-columns') return overColumns(input as DealColumns, options, 'winRate');
  input = input as readonly Deal[];
  const closed = input.filter((d) => d.status !== 'open');
  return evaluate({ deals: { rows: closed, date: (d: Deal) => d.closeDate, customer: (d: Deal) => d.account } }, options, ({ deals }) => {
    let won = 0;
    for (const d of deals) if (d.status === 'won') won++;
    return winRateValue(won, deals.length);
  });
});
