/**
 * The LTV-by-segment view (segments-view.ts) and layout (charts/segments-layout.ts) in node:
 * the answer sentence, the sort, the table cells and the chart geometry, checked by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMessages, translator } from '../../src/core/i18n/index.ts';
import { available } from '../../src/core/result.ts';
import { computeSegments, type SegmentsResult } from '../../src/widgets/ltv/segments.ts';
import { buildSegmentsView, defaultSegmentSort, nextSegmentSort } from '../../src/widgets/ltv/segments-view.ts';
import { segmentsLayout, NARROW } from '../../src/charts/segments-layout.ts';
import type { LtvViewContext } from '../../src/widgets/ltv/view.ts';

// Spanish is loaded on demand (English is bundled).
await loadMessages('es');

const en: LtvViewContext = { locale: 'en', t: translator('en', 'ltv'), currency: 'USD', width: 1000 };

/**
 * 24 customers in three channels, margin 1 (values are revenue), historical:
 *   Search   12 customers: 6 × 100 and 6 × 300 → LTV 200; sd = √(12 × 100² ÷ 11) = 104.45; ± 1.96 × 104.45 ÷ √12 = 59.10
 *   Referral 10 customers: all 150             → LTV 150, ± 0
 *   Events    2 customers: 400 and 600         → LTV 500 (thin: 2 < 10)
 * Costs: Search 800 / 12 customers → CAC 66.67, LTV:CAC 3.00; Referral 1000 / 10 → CAC 100, 1.50; Events 200 / 2 → 100, 5.00.
 */
function channels(): SegmentsResult {
  const revenue = [...Array(6).fill(100), ...Array(6).fill(300), ...Array(10).fill(150), 400, 600];
  const segmentOf = [...Array(12).fill('Search'), ...Array(10).fill('Referral'), 'Events', 'Events'];
  const k = revenue.length;
  const totals = {
    revenue: Float64Array.from(revenue),
    transactions: new Int32Array(k).fill(1),
    firstDay: new Float64Array(k).fill(19000),
    lastDay: Float64Array.from({ length: k }, (_, i) => (i === 0 ? 19365 : 19000)),
  };
  return computeSegments({
    totals,
    segmentOf,
    result: { method: 'historical', grossMargin: available(1), simple: { lifespan: available(2) } as never, predictive: null },
    values: Float64Array.from(revenue),
    costs: [{ segment: 'Search', cost: 800, newCustomers: 12 }, { segment: 'referral', cost: 1000 }, { segment: 'Events', cost: 200 }],
    target: 3,
    by: 'channel',
    kind: 'column',
  });
}

test('the answer names who earns back 3× (firm first, thin apart), best and worst among the firm segments', () => {
  const s = channels();
  const v = buildSegmentsView(s, en, null)!;
  // Search 200 ÷ (800 ÷ 12) = 3.00 meets; Events 5.00 meets but is thin; Referral 1.50 does not.
  assert.equal(
    v.answer,
    '2 of 3 segments bring customers worth at least 3× what they cost: Search; on thin data: Events. Best: Search (3.00×); weakest: Referral (1.50×). 1 of the 3 segments is thin (marked *): read it as indicative, not as a firm figure.',
  );
  assert.equal(v.title, 'LTV by channel');
});

test('the table: sorted by LTV:CAC by default, one precision per money column, status marks', () => {
  const s = channels();
  assert.deepEqual(defaultSegmentSort(s), { key: 'ltvCac', dir: 'descending' });
  const v = buildSegmentsView(s, en, null)!;
  assert.deepEqual(v.table.columns.map((c) => c.key), ['segment', 'customers', 'ltv', 'margin', 'simple', 'cac', 'ltvCac', 'payback']);
  assert.deepEqual(v.table.rows.map((r) => [r.segment, r.thin]), [['Events', 'thin'], ['Search', null], ['Referral', null]]);
  const search = v.table.rows[1]!.cells.map((c) => c.text);
  // customers, LTV, ±, simple, CAC, LTV:CAC, payback
  assert.equal(search[0], '12');
  assert.equal(search[1], '$200');
  assert.equal(search[2], '± $59.10'); // one precision with Referral's ± $0.00
  assert.equal(search[4], '$66.67');
  assert.equal(search[5], '3.00× ✓');
  assert.equal(v.table.rows[0]!.cells[5]!.text, '5.00× ✓?'); // thin: the mark says so
  assert.equal(v.table.rows[2]!.cells[5]!.text, '1.50× ▼');
  assert.equal(v.table.rows[2]!.cells[5]!.cls, 'bad');
  // Payback = CAC ÷ (revenue ÷ customers ÷ months × margin): data span 365 days = 11.99179 months;
  // Search 66.67 ÷ (200 ÷ 11.99179) = 3.9973 → "4.0"
  assert.equal(search[6], '4.0');
  // Sorting by name: ascending first; the chart follows the table.
  const byName = buildSegmentsView(s, en, nextSegmentSort(defaultSegmentSort(s), 'segment'))!;
  assert.deepEqual(byName.table.rows.map((r) => r.segment), ['Events', 'Referral', 'Search']);
  assert.deepEqual(byName.value.rows.map((r) => r.label), ['Events *', 'Referral', 'Search']);
  assert.deepEqual(nextSegmentSort({ key: 'segment', dir: 'ascending' }, 'segment'), { key: 'segment', dir: 'descending' });
});

test('the chart: bars on one money axis from 0, whisker ± margin, CAC beneath, ratio with the 3:1 line', () => {
  const g = segmentsLayout({
    rows: [
      { id: 'a', ltv: 200, margin: 50, cac: 100, ratio: 2 },
      { id: 'b', ltv: 100, margin: null, cac: null, ratio: null },
    ],
    width: 500,
    target: 3,
    labelWidth: 40,
    valueRoom: 60,
  });
  assert.equal(g.stacked, false);
  // Labels column: 40 + 12 = 52 px, at least 60; plot 60 → 440 (500 − 60) = 380 px; domain 0 → 250 (200 + 50), already nice.
  const a = g.value.rows[0]!;
  assert.equal(a.ltv!.x, 60);
  assert.equal(a.ltv!.w, (200 / 250) * 380);
  assert.equal(a.whisker!.x2, 60 + 380);
  assert.equal(a.cac!.w, (100 / 250) * 380);
  assert.equal(g.value.rows[1]!.cac, null);
  // Ratio panel: domain 0 → max(3 × 1.5, 2) = 4.5, niced to 5; target line at 3 of 5.
  const r = g.ratio!;
  const width = r.plot.right - r.plot.left;
  assert.ok(Math.abs(r.target.x - (r.plot.left + 0.6 * width)) < 1e-9);
  assert.equal(r.rows[1]!.bar, null);
  // Narrow panels put labels above bars, and the edge ticks stay inside.
  const n = segmentsLayout({ rows: [{ id: 'a', ltv: 200, margin: null, cac: null, ratio: null }], width: NARROW - 1, target: 3, labelWidth: 40, valueRoom: 60 });
  assert.equal(n.stacked, true);
  assert.ok(n.value.rows[0]!.labelY < n.value.rows[0]!.ltv!.y);
  assert.equal(n.value.ticks[0]!.anchor, 'start');
});

test('without costs: the answer is the highest and lowest LTV; Spanish texts', () => {
  const s = channels();
  const bare: SegmentsResult = { ...s, hasCosts: false, rows: s.rows.map((r) => ({ ...r, acquisition: null })) };
  const v = buildSegmentsView(bare, en, null)!;
  // Among the firm segments (Events is thin): Search 200 highest, Referral 150 lowest.
  assert.equal(v.answer, 'Highest LTV: Search ($200.00, 12 customers); lowest: Referral ($150.00). 1 of the 3 segments is thin (marked *): read it as indicative, not as a firm figure.');
  assert.equal(v.ratio, null);
  const es = buildSegmentsView(bare, { ...en, locale: 'es', t: translator('es', 'ltv') }, null)!;
  assert.equal(es.title, 'LTV por channel');
  assert.match(es.answer, /^LTV más alto: Search \(200,00\sUS\$, 12 clientes\); más bajo: Referral \(150,00\sUS\$\)\./);
});
