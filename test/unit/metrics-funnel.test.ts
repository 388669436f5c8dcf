/** Table tests: lead-source, conversion, conversion-by-channel, mql, sql, bottleneck, win-rate, close-rate, sales-cycle, activity. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leadSource } from '../../src/kpis/lead-source.ts';
import { bottleneck, conversion, conversionByChannel, funnelOf } from '../../src/kpis/conversion-by-channel.ts';
import { dealStageCounts, mql, reached, sql, stageRate } from '../../src/kpis/stage-reached.ts';
import { winRate } from '../../src/kpis/win-rate.ts';
import { closeRate } from '../../src/kpis/close-rate.ts';
import { salesCycle } from '../../src/kpis/sales-cycle.ts';
import { activity } from '../../src/kpis/activity.ts';
import { Deal } from '../../src/core/schema/records.ts';
import { activities as A, check, deals as D, EMPTY, na, Q1, Q2, type Want } from './metrics-fixtures.ts';
import type { MetricValue } from '../../src/core/result.ts';
import type { Grouped } from '../../src/kpis/metric.ts';

// Furthest stage reached (lead → mql → sql → opportunity → customer), by funnel-records.ts rules:
// d1 won → customer; d2 lost at sql; d3 won; d4 open at mql; d5 open at lead; d6 won; d7 lost at opportunity.
// Reached: lead 7, mql 6 (all but d5), sql 5 (d1 d2 d3 d6 d7), opportunity 4 (d1 d3 d6 d7), customer 3 (d1 d3 d6).
const FEB = { from: '2024-02-01', to: '2024-03-01' };

const cases: [string, () => MetricValue | Grouped, Want][] = [
  // lead-source Q1 (all 7 created in Q1): web d1 d2 d5 d7 = 4/7, ads d3 d4 d6 = 3/7
  ['lead-source Q1 by channel', () => leadSource(D, { period: Q1, groupBy: 'channel' }), { total: 1, groups: { web: 4 / 7, ads: 3 / 7 } }],
  ['lead-source Q1 share of web', () => leadSource(D, { period: Q1, source: 'web' }), 4 / 7],
  ['lead-source empty period', () => leadSource(D, { period: EMPTY }), na('zero-denominator')],
  // February: d3 (ads), d4 (ads) → ads 2/2
  ['lead-source Feb by channel', () => leadSource(D, { period: FEB, groupBy: 'source' }), { total: 1, groups: { ads: 1 } }],

  // conversion overall = customer / lead = 3 / 7; step into sql = 5 / 6
  ['conversion overall', () => conversion(D, { period: Q1 }), 3 / 7],
  ['conversion step mql → sql', () => conversion(D, { step: 'sql' }), 5 / 6],
  ['conversion unknown step', () => conversion(D, { step: 'demo' }), na('missing-input')],
  ['conversion empty period', () => conversion(D, { period: EMPTY }), na('no-data')],
  // custom stages where nobody reached the first: 0 / 0
  ['conversion zero denominator', () => conversion([Deal.parse({ id: 'x', status: 'open', stage: 'nowhere', createdDate: '2024-01-01' })], { stages: ['a', 'b'] }), na('zero-denominator')],
  // by channel: web d1 d2 d5 d7 → customers d1 = 1/4; ads d3 d4 d6 → d3 d6 = 2/3
  ['conversion by owner', () => conversion(D, { groupBy: 'owner' }), { total: 3 / 7, groups: { ann: 2 / 4, bob: 1 / 3 } }],

  // pre-aggregated counts (StageCount): 10 → 8 → 2: overall 2/10, steps 0.8 and 0.25
  ['conversion from stage counts', () => conversion([{ stage: 'a', count: 10 }, { stage: 'b', count: 8 }, { stage: 'c', count: 2 }]), 0.2],
  ['conversion from stage counts, one step', () => conversion([{ stage: 'a', count: 10 }, { stage: 'b', count: 8 }, { stage: 'c', count: 2 }], { step: 'b' }), 0.8],
  ['conversion from zero stage counts', () => conversion([{ stage: 'a', count: 0 }, { stage: 'b', count: 0 }]), na('zero-denominator')],
  ['conversion from stage counts with a period', () => conversion([{ stage: 'a', count: 1 }, { stage: 'b', count: 1 }], { period: Q1 }), na('invalid-input')],
  ['bottleneck from stage counts', () => bottleneck([{ stage: 'a', count: 10 }, { stage: 'b', count: 8 }, { stage: 'c', count: 2 }]), 0.25],

  // mql Q1 = 6, sql Q1 = 5; Q2: no deal created → no data
  ['mql Q1', () => mql(D, { period: Q1 }), 6],
  ['sql Q1', () => sql(D, { period: Q1 }), 5],
  ['mql empty period', () => mql(D, { period: EMPTY }), na('no-data')],
  ['sql empty period', () => sql(D, { period: EMPTY }), na('no-data')],
  // SQL counted in Q1 with stage dates: d reached sql on 2024-02-02 → in Feb, not in Jan
  ['sql by stage date (Feb)', () => sql([Deal.parse({ id: 'x', status: 'open', stage: 'sql', createdDate: '2024-01-05', stageDates: { sql: '2024-02-02' } })], { period: FEB }), 1],
  ['mql by channel', () => mql(D, { groupBy: 'channel' }), { total: 6, groups: { web: 3, ads: 3 } }],
  ['sql by team', () => sql(D, { groupBy: 'team' }), { total: 5, groups: { A: 4, B: 1 } }],
  ['mql with a stage the funnel lacks', () => mql(D, { stages: ['lead', 'won'] }), na('missing-input')],
  // stage dates move the date a deal reached a stage: d reached mql on 2024-05-02 → counted in Q2, not Q1
  ['mql by stage date', () => mql([Deal.parse({ id: 'x', status: 'open', stage: 'mql', createdDate: '2024-03-30', stageDates: { mql: '2024-05-02' } })], { period: Q2 }), 1],
  // MQL→SQL rate: 5 / 6; zero: no MQL in the group
  ['mql→sql rate', () => stageRate(D), 5 / 6],
  ['mql→sql rate, no MQL', () => stageRate([Deal.parse({ id: 'x', status: 'open', stage: 'lead' })]), na('zero-denominator')],
  ['mql→sql rate by channel', () => stageRate(D, { groupBy: 'channel' }), { total: 5 / 6, groups: { web: 3 / 3, ads: 2 / 3 } }],

  // bottleneck: steps mql 6/7, sql 5/6, opportunity 4/5, customer 3/4 → weakest customer 0.75
  ['bottleneck (weakest step)', () => bottleneck(D), 3 / 4],
  // targets: sql target 0.95 → gap 5/6 − 0.95 is the worst (others 0.5)
  ['bottleneck against targets', () => bottleneck(D, { targets: { mql: 0.5, sql: 0.95, opportunity: 0.5, customer: 0.5 } }), 5 / 6],
  ['bottleneck empty period', () => bottleneck(D, { period: EMPTY }), na('no-data')],
  ['bottleneck when no step can be judged', () => bottleneck([Deal.parse({ id: 'x', status: 'open', stage: 'zzz' })], { stages: ['a', 'b'] }), na('zero-denominator')],
  // web: lead 4, mql 3 (d1 d2 d7), sql 3, opp 2 (d1 d7), customer 1 → 3/4, 1, 2/3, 1/2 → 0.5
  // ads: lead 3, mql 3, sql 2 (d3 d6), opp 2, customer 2 → 1, 2/3, 1, 1 → 2/3
  ['bottleneck by channel', () => bottleneck(D, { groupBy: 'channel' }), { total: 3 / 4, groups: { web: 1 / 2, ads: 2 / 3 } }],

  // win-rate: closed in Q1 d1 won, d2 lost, d3 won → 2/3; Q2 d6 won, d7 lost → 1/2; all 3/5
  ['win-rate Q1', () => winRate(D, { period: Q1 }), 2 / 3],
  ['win-rate Q2', () => winRate(D, { period: Q2 }), 1 / 2],
  ['win-rate all', () => winRate(D), 3 / 5],
  ['win-rate empty period', () => winRate(D, { period: EMPTY }), na('zero-denominator')],
  ['win-rate only open deals', () => winRate(D.filter((d) => d.status === 'open')), na('zero-denominator')],
  ['win-rate Q1 by owner', () => winRate(D, { period: Q1, groupBy: 'owner' }), { total: 2 / 3, groups: { ann: 1 / 2, bob: 1 } }],
  // by close month: Jan d1 won; Feb d2 lost; Mar d3 won; Apr d6 won, d7 lost
  ['win-rate by month', () => winRate(D, { groupBy: 'month' }), { total: 3 / 5, groups: { '2024-01': 1, '2024-02': 0, '2024-03': 1, '2024-04': 1 / 2 } }],

  // close-rate Q1: open at some time in Q1 = all 7 (all created in Q1); won in Q1 d1, d3 → 2/7
  ['close-rate Q1', () => closeRate(D, { period: Q1 }), 2 / 7],
  // Q2: open during Q2 = d4 d5 (still open), d6 (closed Apr 19), d7 (closed Apr 10) = 4; won d6 → 1/4
  ['close-rate Q2', () => closeRate(D, { period: Q2 }), 1 / 4],
  ['close-rate empty period (nothing open yet)', () => closeRate(D, { period: EMPTY }), na('zero-denominator')],
  // Q2 by owner: ann d6 d7 → 1/2; bob d4 d5 → 0/2
  ['close-rate Q2 by owner', () => closeRate(D, { period: Q2, groupBy: 'owner' }), { total: 1 / 4, groups: { ann: 1 / 2, bob: 0 } }],

  // sales-cycle: won d1 30 days, d3 30 days (Feb 2024 has 29), d6 40 days
  ['sales-cycle Q1 mean', () => salesCycle(D, { period: Q1 }), 30],
  ['sales-cycle all mean', () => salesCycle(D), 100 / 3],
  ['sales-cycle all median', () => salesCycle(D, { stat: 'median' }), 30],
  ['sales-cycle empty period', () => salesCycle(D, { period: EMPTY }), na('no-data')],
  ['sales-cycle by owner', () => salesCycle(D, { groupBy: 'owner' }), { total: 100 / 3, groups: { ann: 35, bob: 30 } }],
  ['sales-cycle median by region', () => salesCycle(D, { groupBy: 'region', stat: 'median' }), { total: 30, groups: { north: 35, south: 30 } }],
  // from a stage date: entered sql on Jan 11, closed Jan 31 → 20 days
  ['sales-cycle from a stage', () => salesCycle([Deal.parse({ id: 'x', status: 'won', createdDate: '2024-01-01', closeDate: '2024-01-31', stageDates: { sql: '2024-01-11' } })], { fromStage: 'sql' }), 20],

  // activity: 10 in all; calls: ann 3, bob 1
  ['activity all', () => activity(A), 10],
  ['activity calls by rep', () => activity(A, { type: 'call', groupBy: 'rep' }), { total: 4, groups: { ann: 3, bob: 1 } }],
  ['activity proposals (none, but activities exist)', () => activity(A, { type: 'proposal' }), 0],
  ['activity empty period', () => activity(A, { period: EMPTY }), na('no-data')],
  // February: ann call + meeting
  ['activity Feb calls and meetings', () => activity(A, { period: FEB, type: ['call', 'meeting'] }), 2],
];

for (const [name, run, want] of cases) test(name, () => check(run(), want, name));

test('conversion-by-channel is always grouped (web 1/4, ads 2/3)', () => {
  check(conversionByChannel(D), { total: 3 / 7, groups: { web: 1 / 4, ads: 2 / 3 } });
  // step into sql by channel: web 3/3 (d1 d2 d7 reached mql and sql), ads 2/3 (d3 d6 of d3 d4 d6)
  check(conversionByChannel(D, { step: 'sql' }), { total: 5 / 6, groups: { web: 1, ads: 2 / 3 } });
  // empty period: no group, total not available
  check(conversionByChannel(D, { period: EMPTY }), { total: na('no-data'), groups: {} });
  // zero denominator inside a group: nobody reached the first of two custom stages
  check(conversionByChannel([Deal.parse({ id: 'x', channel: 'web', status: 'open', stage: 'zzz' })], { stages: ['a', 'b'] }), { total: na('zero-denominator'), groups: { web: na('zero-denominator') } });
  // another dimension
  check(conversionByChannel(D, { groupBy: 'region' }), { total: 3 / 7, groups: { north: 2 / 4, south: 1 / 3 } });
  assert.equal((conversionByChannel as unknown as { meta: { id: string } }).meta.id, 'conversion-by-channel');
});

test('funnelOf gives the stage counts and names the bottleneck', () => {
  const model = funnelOf(D);
  assert.deepEqual(model.steps.map((s) => s.count), [7, 6, 5, 4, 3]);
  assert.equal(model.bottleneck?.stage, 'customer');
  assert.deepEqual(funnelOf(D, { period: EMPTY }).steps.map((s) => s.count), [0, 0, 0, 0, 0]);
  assert.deepEqual(dealStageCounts(D).map((s) => s.count), [7, 6, 5, 4, 3]);
});

test('reached follows the lead funnel rules', () => {
  assert.equal(reached(D[0]!, 'customer'), true); // won
  assert.equal(reached(D[1]!, 'sql'), true); // lost at sql
  assert.equal(reached(D[1]!, 'opportunity'), false);
  assert.equal(reached(D[4]!, 'mql'), false); // open at lead
});
