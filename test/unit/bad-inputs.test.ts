/**
 * Issue 11: a table-driven catalogue of bad inputs for the three widgets, each run through the
 * three input ways (the `data` property, inline text as an inline <script> child is read, and
 * `src` text with its format sniffed), with the expected state — an error code, the empty
 * state, or data (with or without a notice) and the numbers worked out by hand beside it.
 * test/browser/bad-inputs.test.ts runs a sample of the same through real elements.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runWidget, type Outcome, type RunOptions, type Way, type WidgetName } from './bad-inputs-harness.ts';

type Expect =
  | { error: 'parse' | 'validation' | 'config' }
  | 'empty'
  | { ready: (r: any) => void; rejected?: number; findings?: readonly string[] }; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Case {
  readonly w: WidgetName;
  readonly name: string;
  readonly data: unknown;
  readonly run?: RunOptions;
  readonly ways?: readonly Way[];
  readonly expect: Expect;
}

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} ≠ ${b}`);
const steps = (r: any) => r.current.steps.map((s: any) => s.count); // eslint-disable-line @typescript-eslint/no-explicit-any
const kpi = (r: any, id: string) => r.kpis.find((k: any) => k.id === id).value; // eslint-disable-line @typescript-eslint/no-explicit-any

// --- fixtures --------------------------------------------------------------------------
const STAGES = [{ stage: 'Lead', count: 100 }, { stage: 'Demo', count: 40 }, { stage: 'Won', count: 10 }];
const RECORDS = [
  { opportunity_id: 'o1', stage: 'Lead', value: 10 },
  { opportunity_id: 'o2', stage: 'Won', value: 100 },
  { opportunity_id: 'o3', stage: 'Won', value: 50 },
  { opportunity_id: 'o4', stage: 'Lost', lost_at: 'Lead', value: 0 },
];
const REC_OPTS = { options: { stages: 'Lead, Won' } };
const TX = [
  { customer: 'a', date: '2017-01-01', amount: 100 },
  { customer: 'a', date: '2017-02-01', amount: 50 },
  { customer: 'b', date: '2017-01-05', amount: 80 },
];
const HIST = { options: { method: 'historical' } };
const CFG = { asOf: '2017-12-31', kpis: [{ id: 'rev', metric: 'revenue', target: 1000 }, { id: 'win', metric: 'win-rate', target: 0.5 }] };
const SC = { options: { config: CFG } };
const DEALS = [
  { id: 'A', stage: 'Won', amount: 100, engage_date: '2017-10-01', close_date: '2017-11-01' },
  { id: 'B', stage: 'Won', amount: 150, engage_date: '2017-10-01', close_date: '2017-11-02' },
  { id: 'C', stage: 'Lost', amount: 0, engage_date: '2017-10-01', close_date: '2017-11-03' },
];
const HTML = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form>Login</form></body></html>';

const cases: Case[] = [
  // ---------------------------------------------------------------- kpi-funnel ---
  { w: 'funnel', name: 'clean stages', data: STAGES, expect: { ready: (r) => assert.deepEqual(steps(r), [100, 40, 10]) } },
  { w: 'funnel', name: 'stage count "n/a" (never relinked)', data: [{ stage: 'A', count: 'n/a' }, { stage: 'B', count: 5 }], expect: { error: 'validation' } },
  { w: 'funnel', name: 'stage count -5', data: [{ stage: 'A', count: 10 }, { stage: 'B', count: -5 }], expect: { error: 'validation' } },
  { w: 'funnel', name: 'stage count "NaN"', data: [{ stage: 'A', count: 'NaN' }, { stage: 'B', count: 5 }], expect: { error: 'validation' } },
  { w: 'funnel', name: 'stage count an object', data: [{ stage: 'A', count: { n: 1 } }, { stage: 'B', count: 5 }], expect: { error: 'validation' } },
  { w: 'funnel', name: 'stage count 1e308', data: [{ stage: 'A', count: 1e308 }, { stage: 'B', count: 5 }], expect: { error: 'validation' } },
  { w: 'funnel', name: 'stage row without a stage name', data: [{ stage: '', count: 10 }, { stage: 'B', count: 5 }], expect: { error: 'validation' } },
  { w: 'funnel', name: 'no rows: data = []', data: [], expect: 'empty' },
  { w: 'funnel', name: 'an HTML login page', data: HTML, ways: ['inline', 'src'], expect: { error: 'parse' } },
  { w: 'funnel', name: 'a zero first stage is shown', data: [{ stage: 'A', count: 0 }, { stage: 'B', count: 5 }], expect: { ready: (r) => assert.deepEqual(steps(r), [0, 5]) } },
  { w: 'funnel', name: 'every stage zero: empty', data: [{ stage: 'A', count: 0 }, { stage: 'B', count: 0 }], expect: 'empty' },
  { w: 'funnel', name: 'stages naming nothing present', data: STAGES, run: { options: { stages: 'X, Y' } }, expect: { error: 'config' } },
  { w: 'funnel', name: 'targets naming no stage', data: STAGES, run: { options: { targets: 'Signup:40%' } }, expect: { error: 'config' } },
  { w: 'funnel', name: 'targets naming a stage', data: STAGES, run: { options: { targets: 'Demo:40%' } }, expect: { ready: (r) => assert.deepEqual(steps(r), [100, 40, 10]) } },
  { w: 'funnel', name: 'scale="cubic"', data: STAGES, run: { options: { scale: 'cubic' } }, expect: { error: 'config' } },
  { w: 'funnel', name: 'input="sideways"', data: STAGES, run: { options: { input: 'sideways' } }, expect: { error: 'config' } },
  { w: 'funnel', name: 'max-groups="0"', data: STAGES, run: { options: { maxGroups: '0' } }, expect: { error: 'config' } },
  { w: 'funnel', name: 'period-grain="fortnight"', data: STAGES, run: { options: { periodGrain: 'fortnight' } }, expect: { error: 'config' } },
  { w: 'funnel', name: 'currency="dollars"', data: STAGES, run: { currency: 'dollars' }, expect: { error: 'config' } },
  { w: 'funnel', name: 'two count columns ("count", "Count")', data: [{ stage: 'A', count: 10, Count: 3 }, { stage: 'B', count: 5, Count: 1 }], expect: { error: 'config' } },
  { w: 'funnel', name: 'a BOM before the CSV header', data: '\uFEFFstage,count\nA,10\nB,4', expect: { ready: (r) => assert.deepEqual(steps(r), [10, 4]) } },
  { w: 'funnel', name: 'a BOM before JSON', data: '\uFEFF[{"stage":"A","count":10},{"stage":"B","count":4}]', expect: { ready: (r) => assert.deepEqual(steps(r), [10, 4]) } },
  { w: 'funnel', name: 'not a list', data: { hello: 'world' }, ways: ['property', 'src'], expect: { error: 'validation' } },
  // Records: o1 Lead, o2/o3 Won (reached Lead too), o4 lost at Lead → Lead 4, Won 2.
  { w: 'funnel', name: 'clean records', data: RECORDS, run: REC_OPTS, expect: { ready: (r) => assert.deepEqual(steps(r), [4, 2]) } },
  // o2 repeated: counted once → still Lead 4, Won 2 (not 5 → 3).
  { w: 'funnel', name: 'records: a repeated id counted once', data: [...RECORDS, { ...RECORDS[1] }], run: REC_OPTS, expect: { ready: (r) => assert.deepEqual(steps(r), [4, 2]), rejected: 1, findings: ['duplicate'] } },
  { w: 'funnel', name: 'records: a negative value ignored, the row counted', data: [...RECORDS, { opportunity_id: 'o5', stage: 'Won', value: -150 }], run: REC_OPTS, expect: { ready: (r) => assert.deepEqual(steps(r), [5, 3]), rejected: 0, findings: ['negative'] } },
  { w: 'funnel', name: 'records: mixed currencies', data: RECORDS.map((r, i) => ({ ...r, currency: i === 0 ? 'EUR' : 'USD' })), run: REC_OPTS, expect: { error: 'validation' } },
  // currency="EUR" keeps o1 only: Lead 1, Won 0.
  { w: 'funnel', name: 'records: currency="EUR" filters', data: RECORDS.map((r, i) => ({ ...r, currency: i === 0 ? 'EUR' : 'USD' })), run: { ...REC_OPTS, currency: 'EUR' }, expect: { ready: (r) => assert.deepEqual(steps(r), [1, 0]), rejected: 3, findings: ['currency'] } },
  { w: 'funnel', name: 'records: a value of 1e308 leaves the row out', data: [...RECORDS, { opportunity_id: 'o5', stage: 'Won', value: 1e308 }], run: REC_OPTS, expect: { ready: (r) => assert.deepEqual(steps(r), [4, 2]), rejected: 1, findings: ['implausible'] } },
  { w: 'funnel', name: 'records: one unknown stage left out with a notice', data: [...RECORDS, { opportunity_id: 'o5', stage: 'Nope' }], run: REC_OPTS, expect: { ready: (r) => assert.deepEqual(steps(r), [4, 2]), rejected: 1 } },
  { w: 'funnel', name: 'records: every stage unknown', data: [{ stage: 'P' }, { stage: 'Q' }], run: { options: { stages: 'P, Z' } }, expect: { ready: (r) => assert.deepEqual(steps(r), [1, 0]), rejected: 1 } },

  // ------------------------------------------------------------------- kpi-ltv ---
  // 3 transactions, 230 of revenue, 2 customers.
  { w: 'ltv', name: 'clean transactions', data: TX, run: HIST, expect: { ready: (r) => { assert.equal(r.revenue, 230); assert.equal(r.transactions, 3); assert.equal(r.customers, 2); } } },
  { w: 'ltv', name: 'no rows: data = []', data: [], expect: 'empty' },
  { w: 'ltv', name: 'an HTML login page', data: HTML, ways: ['inline', 'src'], expect: { error: 'parse' } },
  // A refund of 30 on 10 Feb: taken off a's 50 of 1 Feb → revenue 200, still 3 purchases, 2 customers.
  { w: 'ltv', name: 'a refund nets, never a purchase', data: [...TX, { customer: 'a', date: '2017-02-10', amount: -30 }], run: HIST, expect: { ready: (r) => { assert.equal(r.revenue, 200); assert.equal(r.transactions, 3); assert.equal(r.customers, 2); }, rejected: 0, findings: ['refund'] } },
  // A refund of 70 takes all 50 of 1 Feb (no longer a purchase) and 20 of 1 Jan → 80 + 80 = 160, 2 purchases.
  { w: 'ltv', name: 'a refund larger than the last purchase', data: [...TX, { customer: 'a', date: '2017-02-10', amount: -70 }], run: HIST, expect: { ready: (r) => { assert.equal(r.revenue, 160); assert.equal(r.transactions, 2); } , findings: ['refund'] } },
  // A refund before any purchase of c: ignored; c is no customer → revenue 230, 2 customers.
  { w: 'ltv', name: 'a refund with no purchase before it', data: [...TX, { customer: 'c', date: '2017-02-10', amount: -40 }], run: HIST, expect: { ready: (r) => { assert.equal(r.revenue, 230); assert.equal(r.customers, 2); }, findings: ['refund'] } },
  { w: 'ltv', name: 'a transaction dated 2099 left out', data: [...TX, { customer: 'b', date: '2099-01-01', amount: 999 }], run: HIST, expect: { ready: (r) => { assert.equal(r.revenue, 230); assert.equal(r.to, '2017-02-01'); }, rejected: 1, findings: ['future-date'] } },
  { w: 'ltv', name: 'an amount of 1e308 left out', data: [...TX, { customer: 'b', date: '2017-01-06', amount: 1e308 }], run: HIST, expect: { ready: (r) => assert.equal(r.revenue, 230), rejected: 1, findings: ['implausible'] } },
  { w: 'ltv', name: 'a repeated order id counted once', data: TX.map((t, i) => ({ ...t, order_id: `x${i}` })).concat([{ ...TX[2]!, order_id: 'x2' }]), run: HIST, expect: { ready: (r) => { assert.equal(r.revenue, 230); assert.equal(r.transactions, 3); }, rejected: 1, findings: ['duplicate'] } },
  { w: 'ltv', name: 'mixed currencies', data: TX.map((t, i) => ({ ...t, currency: ['USD', 'EUR', 'JPY'][i] })), run: HIST, expect: { error: 'validation' } },
  { w: 'ltv', name: 'all rows in EUR, widget in USD', data: TX.map((t) => ({ ...t, currency: 'EUR' })), run: HIST, expect: { error: 'validation' } },
  { w: 'ltv', name: 'all rows in EUR, currency="EUR"', data: TX.map((t) => ({ ...t, currency: 'EUR' })), run: { ...HIST, currency: 'EUR' }, expect: { ready: (r) => assert.equal(r.revenue, 230), rejected: 0 } },
  // currency="USD" keeps rows 1 and 3: 100 + 80.
  { w: 'ltv', name: 'currency="USD" filters the EUR row', data: TX.map((t, i) => ({ ...t, currency: i === 1 ? 'EUR' : 'USD' })), run: { ...HIST, currency: 'USD' }, expect: { ready: (r) => assert.equal(r.revenue, 180), rejected: 1, findings: ['currency'] } },
  { w: 'ltv', name: 'currency="dollars"', data: TX, run: { ...HIST, currency: 'dollars' }, expect: { error: 'config' } },
  { w: 'ltv', name: 'margin="150%"', data: TX, run: { options: { margin: '150%' } }, expect: { error: 'config' } },
  { w: 'ltv', name: 'cac with acquisition-cost', data: TX, run: { options: { cac: '50', acquisitionCost: '1000' } }, expect: { error: 'config' } },
  { w: 'ltv', name: 'cac with new-customers', data: TX, run: { options: { cac: '50', newCustomers: '10' } }, expect: { error: 'config' } },
  { w: 'ltv', name: 'method="sometimes"', data: TX, run: { options: { method: 'sometimes' } }, expect: { error: 'config' } },
  { w: 'ltv', name: 'time-unit="years"', data: TX, run: { options: { timeUnit: 'years' } }, expect: { error: 'config' } },
  { w: 'ltv', name: 'horizon="-3"', data: TX, run: { options: { horizon: '-3' } }, expect: { error: 'config' } },
  // 1 repeat customer (a): predictive falls back to simple and says why.
  { w: 'ltv', name: 'predictive on thin data', data: TX, run: { options: { method: 'predictive' } }, expect: { ready: (r) => { assert.equal(r.method, 'simple'); assert.equal(r.methodReason, 'few-repeat'); assert.equal(r.repeatCustomers, 1); } } },
  { w: 'ltv', name: 'two amount columns ("amount", "Amount")', data: TX.map((t) => ({ ...t, Amount: 1 })), expect: { error: 'config' } },
  { w: 'ltv', name: 'no customer column', data: TX.map(({ date, amount }) => ({ date, amount })), expect: { error: 'config' } },
  { w: 'ltv', name: 'no valid date at all', data: TX.map((t) => ({ ...t, date: 'soon' })), expect: { error: 'validation' } },
  { w: 'ltv', name: 'one bad date left out with a notice', data: [...TX, { customer: 'b', date: 'soon', amount: 5 }], run: HIST, expect: { ready: (r) => assert.equal(r.revenue, 230), rejected: 1 } },
  // A margin of 120 on an amount of 100 is ignored; the others have none → no margin data.
  { w: 'ltv', name: 'a margin above the amount ignored', data: [{ ...TX[0]!, margin: 120 }, TX[1]!, TX[2]!], run: HIST, expect: { ready: (r) => assert.equal(r.revenue, 230), findings: ['domain'] } },
  { w: 'ltv', name: 'a BOM before the CSV header', data: '\uFEFFcustomer,date,amount\na,2017-01-01,100\nb,2017-01-05,80', run: HIST, expect: { ready: (r) => assert.equal(r.revenue, 180) } },

  // ------------------------------------------------------------- kpi-scorecard ---
  // Q4 2017: won A 100 + B 150 = 250; win rate 2 ÷ 3.
  { w: 'scorecard', name: 'clean deals', data: DEALS, run: SC, expect: { ready: (r) => { assert.equal(kpi(r, 'rev').value, 250); close(kpi(r, 'win').value, 2 / 3, 'win'); } } },
  { w: 'scorecard', name: 'no rows: data = []', data: [], run: SC, expect: 'empty' },
  { w: 'scorecard', name: 'an HTML login page', data: HTML, run: SC, ways: ['inline', 'src'], expect: { error: 'parse' } },
  // A repeated, won 100: revenue 250 (not 350), win rate 66.7 % (not 75 %).
  { w: 'scorecard', name: 'a repeated opportunity id counted once', data: [...DEALS, { ...DEALS[0]! }], run: SC, expect: { ready: (r) => { assert.equal(kpi(r, 'rev').value, 250); close(kpi(r, 'win').value, 2 / 3, 'win'); assert.equal(r.quality.rejected, 1); }, rejected: 1, findings: ['duplicate'] } },
  // D won −150: left out → revenue 250 (not 100), win rate 2 ÷ 3.
  { w: 'scorecard', name: 'a won deal of -150', data: [...DEALS, { id: 'D', stage: 'Won', amount: -150, engage_date: '2017-10-01', close_date: '2017-11-04' }], run: SC, expect: { ready: (r) => { assert.equal(kpi(r, 'rev').value, 250); close(kpi(r, 'win').value, 2 / 3, 'win'); }, rejected: 1, findings: ['negative'] } },
  { w: 'scorecard', name: 'mixed currencies', data: DEALS.map((d, i) => ({ ...d, currency: ['USD', 'EUR', 'JPY'][i] })), run: SC, expect: { error: 'validation' } },
  // currency="USD" keeps A and C: revenue 100, win rate 1 ÷ 2.
  { w: 'scorecard', name: 'currency="USD" filters the EUR deal', data: DEALS.map((d, i) => ({ ...d, currency: i === 1 ? 'EUR' : 'USD' })), run: { ...SC, currency: 'USD' }, expect: { ready: (r) => { assert.equal(kpi(r, 'rev').value, 100); close(kpi(r, 'win').value, 1 / 2, 'win'); }, rejected: 1, findings: ['currency'] } },
  { w: 'scorecard', name: 'an amount of 1e308 leaves the deal out', data: [...DEALS, { id: 'D', stage: 'Won', amount: 1e308, engage_date: '2017-10-01', close_date: '2017-11-04' }], run: SC, expect: { ready: (r) => { assert.equal(kpi(r, 'rev').value, 250); close(kpi(r, 'win').value, 2 / 3, 'win'); }, rejected: 1, findings: ['implausible'] } },
  // Closed in 2099: flagged and kept; outside 2017-Q4, so revenue stays 250.
  { w: 'scorecard', name: 'a deal closed in 2099 is flagged', data: [...DEALS, { id: 'D', stage: 'Won', amount: 500, engage_date: '2017-10-01', close_date: '2099-01-01' }], run: SC, expect: { ready: (r) => { assert.equal(kpi(r, 'rev').value, 250); assert.equal(r.quality.flagged['future-date'], 1); }, rejected: 0, findings: ['future-date'] } },
  { w: 'scorecard', name: 'won-values overlapping lost-values', data: DEALS, run: { options: { config: CFG, wonValues: 'Won', lostValues: 'Won, Lost' } }, expect: { error: 'config' } },
  { w: 'scorecard', name: 'currency="dollars"', data: DEALS, run: { ...SC, currency: 'dollars' }, expect: { error: 'config' } },
  { w: 'scorecard', name: 'as-of="yesterday"', data: DEALS, run: { options: { config: CFG, asOf: 'yesterday' } }, expect: { error: 'config' } },
  { w: 'scorecard', name: 'two amount columns ("amount", "Amount")', data: DEALS.map((d) => ({ ...d, Amount: 1 })), run: SC, expect: { error: 'config' } },
  { w: 'scorecard', name: 'rows but no configuration', data: DEALS, expect: { error: 'config' } },
  { w: 'scorecard', name: 'a KPI with an unknown metric', data: DEALS, run: { options: { config: { kpis: [{ id: 'x', metric: 'telepathy', target: 1 }] } } }, expect: { error: 'config' } },
  { w: 'scorecard', name: 'no valid row at all', data: DEALS.map((d) => ({ ...d, id: '' })), run: SC, expect: { error: 'validation' } },
  // One deal without an id is left out with a notice: A + B still 250.
  { w: 'scorecard', name: 'one row without an id left out', data: [...DEALS, { stage: 'Won', amount: 70, engage_date: '2017-10-01', close_date: '2017-11-05' }], run: SC, expect: { ready: (r) => assert.equal(kpi(r, 'rev').value, 250), rejected: 1 } },
  { w: 'scorecard', name: 'a BOM before the CSV header', data: '\uFEFFid,stage,amount,engage_date,close_date\nA,Won,100,2017-10-01,2017-11-01\nC,Lost,0,2017-10-01,2017-11-03', run: SC, expect: { ready: (r) => { assert.equal(kpi(r, 'rev').value, 100); close(kpi(r, 'win').value, 0.5, 'win'); } } },
  { w: 'scorecard', name: 'not a list', data: { hello: 'world' }, run: SC, ways: ['property', 'src'], expect: { error: 'validation' } },
];

const WAYS: readonly Way[] = ['property', 'inline', 'src'];
let count = 0;
for (const c of cases) {
  for (const way of c.ways ?? WAYS) {
    count++;
    test(`${c.w} · ${way} · ${c.name}`, async () => {
      const o: Outcome = await runWidget(c.w, c.data, way, c.run);
      const e = c.expect;
      if (e === 'empty') return assert.equal(o.state, 'empty', JSON.stringify(o).slice(0, 300));
      if ('error' in e) {
        assert.equal(o.state, 'error', `expected a ${e.error} error, got ${o.state}`);
        return assert.equal((o as { code: string }).code, e.error, (o as { message: string }).message);
      }
      assert.equal(o.state, 'ready', JSON.stringify(o).slice(0, 400));
      const r = o as Extract<Outcome, { state: 'ready' }>;
      e.ready(r.result);
      if (e.rejected !== undefined) assert.equal(r.rejected.length, e.rejected, JSON.stringify(r.rejected));
      if (e.findings) assert.deepEqual([...new Set(r.findings.map((f) => f.class))].sort(), [...e.findings].sort());
      if (e.rejected || e.findings?.length) assert.ok(r.rejected.length > 0 || r.findings.length > 0, 'a notice');
    });
  }
}

test('the catalogue holds at least 100 bad inputs across the three widgets and three ways', () => {
  assert.ok(count >= 100, `${count}`);
  for (const w of ['funnel', 'ltv', 'scorecard']) for (const way of WAYS) assert.ok(cases.some((c) => c.w === w && (c.ways ?? WAYS).includes(way)));
});
