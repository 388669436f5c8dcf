/**
 * Small hand-made records shared by the metric table tests (metrics-*.test.ts). Every expected
 * value in those tests is worked out by hand from these rows; keep them in sync.
 */
import assert from 'node:assert/strict';
import { Activity, Cost, Deal, Transaction } from '../../src/core/schema/records.ts';
import { isGrouped, type Grouped } from '../../src/kpis/metric.ts';
import type { MetricValue, NotAvailableReason } from '../../src/core/result.ts';

// customer, date, amount, cost, product, type, channel
export const transactions: Transaction[] = [
  ['a', '2024-01-05', 100, 60, 'p1', 'new', 'web'], // 0
  ['a', '2024-02-10', 50, 20, 'p2', 'upsell', 'web'], // 1
  ['b', '2024-01-20', 200, 150, 'p1', 'new', 'ads'], // 2
  ['b', '2024-04-02', 200, 150, 'p1', 'renewal', 'ads'], // 3
  ['c', '2024-03-15', 300, 100, 'p3', 'new', 'web'], // 4
  ['a', '2024-04-20', 100, 60, 'p1', 'renewal', 'web'], // 5
].map(([customer, date, amount, cost, product, type, channel]) => Transaction.parse({ customer, date, amount, cost, product, type, channel }));

// Stages: lead → mql → sql → opportunity → customer (DEFAULT_STAGES).
export const deals: Deal[] = [
  { id: 'd1', channel: 'web', owner: 'ann', team: 'A', region: 'north', account: 'acc1', status: 'won', amount: 1000, createdDate: '2024-01-01', closeDate: '2024-01-31' }, // 30 days
  { id: 'd2', channel: 'web', owner: 'ann', team: 'A', region: 'north', account: 'acc2', status: 'lost', stage: 'sql', amount: 500, createdDate: '2024-01-10', closeDate: '2024-02-09' },
  { id: 'd3', channel: 'ads', owner: 'bob', team: 'B', region: 'south', account: 'acc3', status: 'won', amount: 2000, createdDate: '2024-02-01', closeDate: '2024-03-02' }, // 30 days (leap Feb)
  { id: 'd4', channel: 'ads', owner: 'bob', team: 'B', region: 'south', account: 'acc4', status: 'open', stage: 'mql', createdDate: '2024-02-15' },
  { id: 'd5', channel: 'web', owner: 'bob', team: 'B', region: 'south', account: 'acc5', status: 'open', stage: 'lead', createdDate: '2024-03-01' },
  { id: 'd6', channel: 'ads', owner: 'ann', team: 'A', region: 'north', account: 'acc1', status: 'won', amount: 600, createdDate: '2024-03-10', closeDate: '2024-04-19' }, // 40 days
  { id: 'd7', channel: 'web', owner: 'ann', team: 'A', region: 'north', account: 'acc6', status: 'lost', stage: 'opportunity', createdDate: '2024-03-20', closeDate: '2024-04-10' },
].map((d) => Deal.parse(d));

export const costs: Cost[] = [
  { channel: 'web', date: '2024-01-01', amount: 300, kind: 'marketing' },
  { channel: 'ads', date: '2024-01-01', amount: 500, kind: 'marketing' },
  { channel: 'direct', date: '2024-02-01', amount: 900, kind: 'sales' },
  { channel: 'web', date: '2024-04-01', amount: 400, kind: 'marketing' },
].map((c) => Cost.parse(c));

export const activities: Activity[] = [
  ['ann', 'call', '2024-01-02'],
  ['ann', 'call', '2024-01-03'],
  ['ann', 'meeting', '2024-01-05'],
  ['ann', 'order', '2024-01-20'],
  ['ann', 'call', '2024-02-01'],
  ['ann', 'meeting', '2024-02-02'],
  ['bob', 'call', '2024-01-10'],
  ['bob', 'meeting', '2024-01-11'],
  ['bob', 'meeting', '2024-01-12'],
  ['bob', 'order', '2024-01-30'],
].map(([rep, type, date]) => Activity.parse({ rep, type, date }));

export const Q1 = { from: '2024-01-01', to: '2024-04-01' } as const;
export const Q2 = { from: '2024-04-01', to: '2024-07-01' } as const;
export const EMPTY = { from: '2023-01-01', to: '2024-01-01' } as const;

/** What a case expects: a value (±1e-9), a not-available reason, or per-group expectations. */
export type Want = number | { reason: NotAvailableReason } | { total: Want; groups: Record<string, Want> };

export function check(got: MetricValue | Grouped, want: Want, label = ''): void {
  if (typeof want === 'object' && 'groups' in want) {
    assert.ok(isGrouped(got), `${label}: expected a grouped result`);
    check(got.total, want.total, `${label} total`);
    assert.deepEqual(got.groups.map((g) => g.key), Object.keys(want.groups).sort(), `${label}: group keys`);
    for (const g of got.groups) check(g.value, want.groups[g.key]!, `${label} [${g.key}]`);
    return;
  }
  assert.ok(!isGrouped(got), `${label}: expected a plain value`);
  if (typeof want === 'number') {
    assert.ok(got.ok, `${label}: expected ${want}, got not available (${got.ok ? '' : `${got.reason}: ${got.detail}`})`);
    assert.ok(Math.abs(got.value - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${label}: expected ${want}, got ${got.value}`);
  } else {
    assert.equal(got.ok, false, `${label}: expected not available (${want.reason}), got ${got.ok ? got.value : ''}`);
    if (!got.ok) assert.equal(got.reason, want.reason, `${label}: ${got.detail}`);
  }
}

export const na = (reason: NotAvailableReason) => ({ reason });
