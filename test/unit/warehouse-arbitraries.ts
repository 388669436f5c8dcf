/**
 * fast-check generators of the warehouse tests: deals, funnel records and transactions as a CSV
 * export would hold them (text; '' for a missing value), with the spellings and edge cases both
 * paths must agree on: status and stage spellings in any case with spaces around, missing dates,
 * close before creation, dates around the ISO week-year boundary, same-day purchases, purchases
 * after the calibration end, cents.
 */
import fc from 'fast-check';
import type { AggregateOptions } from '../../src/cli/aggregate.ts';
import type { PeriodGrain } from '../../src/aggregates/shapes.ts';

const DAY = 86_400_000;
/** A day between 2019-12-20 and 2021-01-10 (covers 2020-W01 starting 2019-12-30 and 2020-W53). */
const dayIn = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((k) => new Date(Date.parse(from) + k * DAY).toISOString().slice(0, 10));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.constant('' as const) });

export type TextRow = Record<string, string>;

/** The rows as the JS path reads a CSV: every value text. */
export const jsRows = (rows: readonly TextRow[]): TextRow[] => rows.map((r) => ({ ...r }));

export const FC_DEALS: AggregateOptions = { statusCol: 'status', amountCol: 'amount', createdCol: 'created', closedCol: 'closed' };

const dealRow = fc
  .record({
    status: fc.constantFrom('Won', ' won ', 'Closed Won', 'WON', 'LOST', 'lost', 'Closed Lost', 'Open', 'pending', ''),
    amount: fc.integer({ min: -50, max: 5000 }).map(String),
    created: maybe(dayIn('2019-12-20', 387)),
    closed: maybe(dayIn('2019-12-20', 387)),
    grp: fc.constantFrom('north', 'south', 'South', ''),
  })
  // a won deal always has an amount (a missing one makes revenue not available in JS, a partial sum in SQL)
  .map((r) => (/^\s*(won|closed won)\s*$/i.test(r.status) ? r : { ...r, amount: r.amount.length % 2 ? r.amount : '' }));

export const dealArb = fc.record({
  rows: fc.array(dealRow, { minLength: 1, maxLength: 40 }),
  period: fc.constantFrom<PeriodGrain | undefined>(undefined, 'day', 'week', 'month', 'quarter', 'year'),
  grouped: fc.boolean(),
});

export const FC_FUNNEL: AggregateOptions = {
  stages: ['Lead', 'Qualified', 'Won'],
  lostValues: ['Lost', 'Disqualified'],
  stageCol: 'stage',
  valueCol: 'value',
  stageDates: { Lead: 'd1', Qualified: 'd2', Won: 'd3' },
};

export const funnelArb = fc.array(
  fc.record({
    stage: fc.constantFrom('Lead', 'qualified', ' Won ', 'Lost', 'disqualified', 'Junk', ''),
    value: maybe(fc.integer({ min: 0, max: 900 }).map(String)),
    d1: maybe(dayIn('2024-01-01', 60)),
    d2: maybe(dayIn('2024-01-01', 60)),
    d3: maybe(dayIn('2024-01-01', 60)),
  }),
  { minLength: 1, maxLength: 40 },
);

export const fcTransactions: AggregateOptions = { customerCol: 'customer_id', dateCol: 'date', amountCol: 'amount', calibrationEnd: '2024-03-01' };

export const txArb = fc.record({
  rows: fc
    .array(
      fc.record({
        customer_id: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'C1', '17'),
        date: dayIn('2024-01-01', 75),
        amount: maybe(fc.integer({ min: 1, max: 99_999 }).map((c) => (c / 100).toFixed(2))),
      }),
      { maxLength: 60 },
    )
    // one purchase well before the end: never an empty summary
    .map((rows) => [{ customer_id: 'c0', date: '2024-01-05', amount: '10.00' }, ...rows]),
  unit: fc.constantFrom<'days' | 'weeks'>('days', 'weeks'),
  bin: fc.constantFrom<number | undefined>(undefined, 1, 2),
});
