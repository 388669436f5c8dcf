// 1,000,000 synthetic CRM deals for bench/million.mjs, shaped like data/sales_pipeline.csv with
// the team join (opportunity_id, sales_agent, regional_office, deal_stage, engage_date,
// close_date, close_value; no close_value on open deals). Seeded (mulberry32): every run sees the same rows.
// Deals engage over 2016-10-01 … 2017-12-31; about 48 % are won, 28 % lost, 18 % engaging,
// 6 % prospecting; won amounts log-normal around 1,500.
import { seeded } from '../mulberry32.mjs';

export function syntheticDeals(n, seed = 7) {
  const { rand, normal } = seeded(seed);
  const offices = ['Central', 'East', 'West'];
  const start = Date.UTC(2016, 9, 1);
  const DAY = 86_400_000;
  const days = [];
  for (let d = 0; d < 460; d++) days.push(new Date(start + d * DAY).toISOString().slice(0, 10));
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const agent = Math.floor(rand() * 30);
    const u = rand();
    const stage = u < 0.06 ? 'Prospecting' : u < 0.24 ? 'Engaging' : u < 0.72 ? 'Won' : 'Lost';
    const engage = Math.floor(rand() * 365);
    const closed = stage === 'Won' || stage === 'Lost';
    const close = closed ? Math.min(459, engage + 1 + Math.floor(-Math.log(1 - rand()) * 50)) : -1;
    const deal = {
      opportunity_id: `D${String(i).padStart(7, '0')}`,
      sales_agent: `Agent ${agent + 1}`,
      regional_office: offices[agent % 3],
      deal_stage: stage,
      engage_date: stage === 'Prospecting' ? '' : days[engage],
      close_date: closed ? days[close] : '',
    };
    if (closed) deal.close_value = stage === 'Won' ? Math.round(Math.exp(7.2 + 0.6 * normal())) : 0;
    out[i] = deal;
  }
  return out;
}
