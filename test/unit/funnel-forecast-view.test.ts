// <kpi-funnel>'s what-if, pipeline forecast and data-quality lines, through the widget's read and
// compute (test/unit/bad-inputs-harness.ts) and the view model, in English and Spanish. Every
// figure is worked out by hand in the comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMessages, translator } from '../../src/core/i18n/index.ts';
import { parseOptions } from '../../src/core/element/options.ts';
import { funnelOptions } from '../../src/widgets/funnel/spec.ts';
import { buildFunnelView, type FunnelUiState, type FunnelViewContext } from '../../src/widgets/funnel/view.ts';
import { runWidget } from './bad-inputs-harness.ts';

await loadMessages('es');

// Lead → Demo → Won. Won: 2 deals worth 1,000 and 3,000 (average 2,000). Lost: 2 (lost at Demo,
// the stage before the last). Open: 1 at Demo worth 500, 3 at Lead without a value.
// Reached: Lead 8, Demo 2 + 2 + 1 = 5, Won 2.
const DEALS = [
  { id: 'w1', stage: 'Won', amount: 1000 },
  { id: 'w2', stage: 'Won', amount: 3000 },
  { id: 'l1', stage: 'Lost' },
  { id: 'l2', stage: 'Lost' },
  { id: 'd1', stage: 'Demo', amount: 500 },
  { id: 'p1', stage: 'Lead' },
  { id: 'p2', stage: 'Lead' },
  { id: 'p3', stage: 'Lead' },
];
// Targets: Demo 50% (5/8 = 62.5%: met), Won 60% (2/5 = 40%: missed by 20 pp → the bottleneck).
const OPTIONS = { stages: 'Lead, Demo, Won', lostValues: 'Lost', targets: 'Demo:50%, Won:60%', input: 'records' };

async function model(extra: Record<string, unknown> = {}) {
  const o = await runWidget('funnel', DEALS, 'property', { fields: { value: 'amount', id: 'id' }, options: { ...OPTIONS, ...extra } });
  assert.equal(o.state, 'ready');
  return (o as { result: any }).result; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const ctx = (lang: 'en' | 'es', extra: Record<string, unknown> = {}): FunnelViewContext => ({
  locale: lang,
  t: translator(lang, 'funnel'),
  width: 800,
  currency: 'USD',
  options: parseOptions(funnelOptions, extra),
});
/** Formatted numbers and dates use no-break spaces ("60 %", "2.000 US$"): compared as plain spaces. */
const sp = <T,>(v: T): T => (typeof v === 'string' ? (v.replace(/[\u00a0\u202f]/g, ' ') as T) : Array.isArray(v) ? (v.map(sp) as T) : v && typeof v === 'object' ? (Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sp(x)])) as T) : v);
const ui = (active = -1): FunnelUiState => ({ sort: { key: 0, dir: 'descending' }, active, tip: null });

test('the model: counts, what-if per step and the forecast', async () => {
  const r = await model();
  assert.deepEqual(r.current.steps.map((s: { count: number }) => s.count), [8, 5, 2]);
  // Lead → Demo met: 0. Demo → Won: 5 × 0.6 − 2 = 1 extra win (the last step), × 4,000 / 2 = $2,000.
  assert.deepEqual(r.whatIf.map((w: { extraWins: { value: number } }) => w.extraWins.value), [0, 1]);
  assert.ok(Math.abs(r.whatIf[1].extraValue.value - 2000) < 1e-9);
  // Forecast: rate 2 / (2 + 2) = 0.5 at both stages; Lead 3 × 0.5 = 1.5 wins, 0.5 × 3 × 2,000 = $3,000;
  // Demo 1 × 0.5 = 0.5 wins, 0.5 × 500 = $250; total 2 wins, $3,250.
  assert.deepEqual(r.forecast.stages.map((s: { open: number }) => s.open), [3, 1]);
  assert.deepEqual([r.forecast.expectedWins.value, r.forecast.expectedValue.value], [2, 3250]);
});

test('what-if view: the bottleneck by default, the selected step when chosen, off', async () => {
  const r = await model();
  const v = buildFunnelView(r, ctx('en'), ui());
  assert.equal(v.whatIf?.basis, 'bottleneck');
  assert.equal(v.whatIf?.heading, 'What if · the bottleneck');
  assert.equal(v.whatIf?.sentence, 'If Demo → Won met its 60% target (40% now): +1 win, +$2,000.');
  assert.deepEqual(v.whatIf?.gains, ['+1 win', '+$2,000']);
  assert.equal(v.whatIf?.note, 'The later steps keep their current rates; each extra win counts at the average Won value, $2,000.');
  // Demo selected (stage 1): its step already meets its target.
  const sel = buildFunnelView(r, ctx('en'), ui(1));
  assert.equal(sel.whatIf?.basis, 'selected');
  assert.equal(sel.whatIf?.sentence, 'Lead → Demo already meets its 50% target (62.5%): nothing to gain there.');
  assert.deepEqual(sel.whatIf?.gains, []);
  // The first stage has no step of its own: the bottleneck's what-if stays.
  assert.equal(buildFunnelView(r, ctx('en'), ui(0)).whatIf?.basis, 'bottleneck');
  assert.equal(buildFunnelView(r, ctx('en', { whatIf: 'off' }), ui()).whatIf, null);
  // In the data table: one column of extra wins and one of value per step (— for the first stage).
  const table = v.tables[0]!;
  const wi = table.headers.indexOf('If target met: wins');
  const vi = table.headers.indexOf('If target met: value');
  assert.deepEqual(table.rows.map((row) => [row.cells[wi - 1]!.text, row.cells[vi - 1]!.text]), [['—', '—'], ['0', '$0'], ['+1', '+$2,000']]);

  const es = buildFunnelView(r, ctx('es'), ui());
  assert.equal(sp(es.whatIf?.sentence), 'Si Demo → Won alcanzara su objetivo del 60 % (ahora 40 %): +1 operación ganada, +2.000 US$.');
  assert.equal(es.whatIf?.heading, '¿Y si…? · el cuello de botella');
});

test('what-if view: a step without a target; no target anywhere → no what-if', async () => {
  const r = await model({ targets: 'Won:60%' });
  assert.equal(buildFunnelView(r, ctx('en'), ui(1)).whatIf?.sentence, 'Lead → Demo has no target: give it one (targets attribute) to see what meeting it is worth.');
  // Aggregated A 10 → B 0 → C 0 with targets: B → C has nothing entered; selected, it says so (not "meets its target").
  const empty = await runWidget('funnel', [{ stage: 'A', count: 10 }, { stage: 'B', count: 0 }, { stage: 'C', count: 0 }], 'property', { options: { targets: 'B:50%, C:50%' } });
  const ev = buildFunnelView((empty as { result: any }).result, ctx('en'), ui(2)); // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(ev.whatIf?.sentence, 'No record reached B: B → C has nothing to convert.');
  // The bottleneck, A → B (0% against 50%): 10 × 0.5 − 0 = 5 more reach B; B → C has no rate, so the wins are not known.
  assert.equal(buildFunnelView((empty as { result: any }).result, ctx('en'), ui()).whatIf?.sentence, 'If A → B met its 50% target (0% now): +5 reaching B, wins not known (a later step has no records).'); // eslint-disable-line @typescript-eslint/no-explicit-any
  const none = await model({ targets: undefined });
  assert.equal(buildFunnelView(none, ctx('en'), ui()).whatIf, null);
  assert.equal(buildFunnelView(none, ctx('en'), ui()).tables[0]!.headers.includes('If target met: wins'), false);
});

test('forecast view: by open stage, total, note; off; none for aggregated stages', async () => {
  const r = await model();
  const f = buildFunnelView(r, ctx('en'), ui()).forecast!;
  assert.equal(f.summary, '4 open deals: 2 expected wins worth $3,250.');
  assert.deepEqual(f.headers, ['Open stage', 'Open deals', 'Win rate (closed deals)', 'Expected wins', 'Expected value']);
  assert.deepEqual(f.rows, [
    { head: 'Lead', rate: '50% win rate', cells: ['3', '50%', '1.5', '$3,000'] },
    { head: 'Demo', rate: '50% win rate', cells: ['1', '50%', '0.5', '$250'] },
  ]);
  assert.deepEqual(f.total, { head: 'Total', cells: ['4', '', '2', '$3,250'] });
  assert.equal(
    f.note,
    'Each open deal is weighted by its stage’s win rate: won ÷ (won + lost) among the closed deals that reached the stage (2 won, 2 lost). 3 open deals have no value and count at the average won deal, $2,000.',
  );
  const es = buildFunnelView(r, ctx('es'), ui()).forecast!;
  assert.equal(sp(es.summary), '4 oportunidades abiertas: 2 ganadas previstas por 3.250 US$.');
  assert.deepEqual(sp(es.rows[0]), { head: 'Lead', rate: '50 % de éxito', cells: ['3', '50 %', '1,5', '3.000 US$'] });
  assert.equal(buildFunnelView(r, ctx('en', { forecast: 'off' }), ui()).forecast, null);
  // Aggregated stages carry no open deals: no forecast.
  const agg = await runWidget('funnel', [{ stage: 'A', count: 10 }, { stage: 'B', count: 4 }], 'property', { options: { targets: 'B:50%' } });
  assert.equal((agg as { result: { forecast: unknown } }).result.forecast, null);
});

test('#11: dates after the as-of date are flagged, ignored, and the row kept', async () => {
  const rows = [
    // row 1: a deal closed in 2099 (close_date after as-of 2017-12-31): its Won date is ignored, its stage kept.
    { id: 'a', stage: 'Won', engage: '2017-01-10', close: '2099-01-01' },
    { id: 'b', stage: 'Won', engage: '2017-01-10', close: '2017-03-01' },
    { id: 'c', stage: 'Engaging', engage: '2017-02-01' },
  ];
  const o = await runWidget('funnel', rows, 'property', {
    fields: { id: 'id' },
    options: { stages: 'Prospecting, Engaging, Won', stageDates: 'Engaging:engage, Won:close', asOf: '2017-12-31', input: 'records' },
  });
  assert.equal(o.state, 'ready');
  const r = (o as { result: any }).result; // eslint-disable-line @typescript-eslint/no-explicit-any
  // Counts unchanged by the flag: 3 → 3 → 2 (row 1 still names Won).
  assert.deepEqual(r.current.steps.map((s: { count: number }) => s.count), [3, 3, 2]);
  assert.deepEqual(r.quality.findings.map((f: { class: string; field: string; action: string; rows: number[] }) => [f.class, f.field, f.action, f.rows]), [['future-date', 'close', 'value-ignored', [1]]]);
  assert.equal(r.rejected.length, 0);
  // Median Engaging → Won days from row 2 alone (Jan 10 → Mar 1 = 50 days), not from 2099.
  assert.equal(r.current.steps[2].medianDays.value, 50);
  const v = buildFunnelView(r, ctx('en'), ui());
  assert.deepEqual(sp(v.notices.quality), ['1 row has a close after the as-of date Dec 31, 2017 (2099-01-01): the date is ignored, the row kept.']);
  assert.equal(sp(buildFunnelView(r, ctx('es'), ui()).notices.quality[0]), '1 fila tiene close posterior a la fecha de corte 31 dic 2017 (2099-01-01): se ignora la fecha y se conserva la fila.');

  // A dated period after as-of: ignored, so the row leaves the period view instead of making "2099-Q1" the latest period.
  const p = await runWidget('funnel', [{ stage: 'A', d: '2017-05-01' }, { stage: 'B', d: '2017-06-01' }, { stage: 'B', d: '2099-01-01' }], 'property', {
    options: { stages: 'A, B', periodField: 'd', asOf: '2017-12-31', input: 'records' },
  });
  const pr = (p as { result: any }).result; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(pr.period, '2017-Q2');
  assert.equal(pr.withoutPeriod, 1);
  assert.deepEqual(pr.quality.findings.map((f: { class: string; field: string }) => [f.class, f.field]), [['future-date', 'd']]);
  // Without as-of, today is the as-of date: nothing in 2017 is in the future.
  const today = await runWidget('funnel', [{ stage: 'A', d: '2017-05-01' }, { stage: 'B', d: '2017-06-01' }], 'property', { options: { stages: 'A, B', periodField: 'd', input: 'records' } });
  assert.deepEqual((today as { result: any }).result.quality.findings, []); // eslint-disable-line @typescript-eslint/no-explicit-any
});

test('#11: with stage-dates, stage dates out of order are flagged and `stages` naming nothing present is a config error', async () => {
  const rows = [
    { stage: 'Won', engage: '2017-03-10', close: '2017-03-01' }, // row 1: closed before it engaged
    { stage: 'Won', engage: '2017-01-10', close: '2017-03-01' },
  ];
  const o = await runWidget('funnel', rows, 'property', { options: { stages: 'Prospecting, Engaging, Won', stageDates: 'Engaging:engage, Won:close', asOf: '2017-12-31', input: 'records' } });
  const r = (o as { result: any }).result; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.deepEqual(r.quality.findings.map((f: { class: string; field: string; action: string; rows: number[] }) => [f.class, f.field, f.action, f.rows]), [['domain', 'close', 'kept', [1]]]);
  assert.deepEqual(r.current.steps.map((s: { count: number }) => s.count), [2, 2, 2]);
  assert.match(buildFunnelView(r, ctx('en'), ui()).notices.quality[0]!, /^1 row has a close earlier than an earlier stage’s date \(2017-03-01\): out of stage order, kept\.$/);

  // `stages` naming none of the data's stages, with stage-dates set: the same config error as without.
  const bad = await runWidget('funnel', [{ deal_stage: 'Won', engage: '2017-01-10' }, { deal_stage: 'Engaging', engage: '2017-01-12' }], 'property', {
    fields: { stage: 'deal_stage' },
    options: { stages: 'Lead, Demo, Closed', stageDates: 'Demo:engage', input: 'records' },
  });
  assert.equal(bad.state, 'error');
  assert.equal((bad as { code: string }).code, 'config');
  assert.match((bad as { message: string }).message, /stages: none of "Lead", "Demo", "Closed" is in the data; the stages found are Won, Engaging/);
  // Only lost values in the stage column, placed by their dates: fine (no error).
  const lostOnly = await runWidget('funnel', [{ s: 'Lost', engage: '2017-01-10' }, { s: 'Lost', engage: '2017-01-11', close: '2017-02-01' }], 'property', {
    fields: { stage: 's' },
    options: { stages: 'Lead, Demo, Closed', stageDates: 'Demo:engage, Closed:close', lostValues: 'Lost', input: 'records' },
  });
  assert.equal(lostOnly.state, 'ready');
});
