// <kpi-funnel>'s view model in node: the strings, marks, geometry and matrix order the template
// draws, from small analyses whose every figure is worked out by hand in the comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseFunnel, type FunnelRow } from '../../src/kpis/funnel-analysis.ts';
import { translator } from '../../src/core/i18n/index.ts';
import { parseOptions } from '../../src/core/element/options.ts';
import { funnelOptions } from '../../src/widgets/funnel/spec.ts';
import { buildFunnelView, type FunnelUiState, type FunnelViewContext } from '../../src/widgets/funnel/view.ts';

// Leads 100 → MQL 40 → Won 10, by source (Leads → MQL → Won):
//   web 45 → 23 → 4, ads 25 → 8 → 4, referral 15 → 5 → 1, events 10 → 3 → 1, partners 5 → 1 → 0.
// With max-groups 4: web, ads, referral, and Other = events + partners = 15 → 4 → 1.
const SOURCES: [string, number, number, number][] = [
  ['web', 45, 23, 4],
  ['ads', 25, 8, 4],
  ['referral', 15, 5, 1],
  ['events', 10, 3, 1],
  ['partners', 5, 1, 0],
];
const ROWS: FunnelRow[] = SOURCES.flatMap(([group, leads, mql, won]) => [
  { stage: 'Leads', count: leads, group },
  { stage: 'MQL', count: mql, group },
  { stage: 'Won', count: won, group },
]);
// Target on the first step, Leads → MQL: 50 %. 40 / 100 = 40 % misses it by 10 pp, so the
// bottleneck is that step by target, although MQL → Won (10 / 40 = 25 %) is the weaker one.
const analysis = analyseFunnel(ROWS, { lostValues: [], input: 'stages', targets: { MQL: 0.5 }, maxGroups: 4 });

const options = parseOptions(funnelOptions, {});
const ctx = (over: Partial<FunnelViewContext> = {}): FunnelViewContext => ({
  locale: 'en',
  t: translator('en', 'funnel'),
  width: 600,
  currency: 'USD',
  options,
  groupBy: 'lead_source',
  ...over,
});
const ui = (over: Partial<FunnelUiState> = {}): FunnelUiState => ({ sort: { key: 0, dir: 'descending' }, active: -1, tip: null, ...over });

test('summary and headline: overall conversion and the bottleneck against its target', () => {
  const v = buildFunnelView(analysis, ctx(), ui());
  assert.equal(v.title, 'Sales funnel');
  assert.equal(
    v.summary,
    '100 entered Leads; 10 reached Won: an overall conversion of 10%. The step furthest below its target is Leads → MQL (40%, target 50%).',
  );
  assert.deepEqual(v.headline, {
    overallLabel: 'Overall conversion',
    overall: '10%',
    delta: null,
    bottleneck: { label: 'Bottleneck', value: 'Leads → MQL: 40%', basis: 'furthest below target', missed: '▼ below target' },
    period: null,
  });
  assert.equal(buildFunnelView(analysis, ctx({ label: 'Pipeline' }), ui()).title, 'Pipeline');
});

test('chart: conversions, drop-offs, the missed mark and the stage descriptions', () => {
  const v = buildFunnelView(analysis, ctx(), ui());
  const c = v.chart;
  assert.equal(c.width, 600);
  assert.deepEqual(c.bars.map((b) => [b.stage, b.count, b.share, b.missed]), [
    ['Leads', '100', null, false],
    ['MQL', '40', '40%', true],
    ['Won', '10', '10%', false],
  ]);
  // Drop-offs 100 − 40 = 60 and 40 − 10 = 30, in words ("converted", "dropped": never read as
  // "fell by 40 %"); the words after ▼ show at 600 px.
  assert.deepEqual(c.connectors.map((k) => [k.conversion, k.miss, k.note]), [
    ['40% converted', ' ▼ below target', ' · 60 dropped'],
    ['25% converted', null, ' · 30 dropped'],
  ]);
  // One legend entry per colour: the bar, and the missed step's.
  assert.deepEqual(c.legend, [{ kind: 'current', label: 'Reached' }, { kind: 'missed', label: 'Step below its target' }]);
  assert.equal(c.bars[1]!.description, 'MQL: 40 reached, 40% of Leads, 40% of Leads, below its target of 50%.');
  assert.equal(c.bars[0]!.description, 'Leads: 100 entered the funnel.');
  assert.equal(c.label, 'Funnel chart: Leads, MQL, Won. Use the arrow keys to move between stages.');
  // 100 / 10 is 10×, under the 40× of the log scale.
  assert.equal(c.logNote, null);
  // One tab stop: the first stage until another is chosen.
  assert.deepEqual(c.bars.map((b) => b.tabIndex), [0, -1, -1]);
  const chosen = buildFunnelView(analysis, ctx(), ui({ active: 2 })).chart.bars;
  assert.deepEqual(chosen.map((b) => [b.tabIndex, b.active]), [[-1, false], [-1, false], [0, true]]);
  // Tooltips point at the centre of each label line: (4 + 596) / 2 = 300.
  assert.ok(c.anchors.every((a) => a.x === 300));
  assert.equal(c.anchors[0]!.y, 0);
});

test('narrow and unmeasured widths: the drawing stays at least 240 px, and the words after ▼ go', () => {
  assert.equal(buildFunnelView(analysis, ctx({ width: 0 }), ui()).chart.width, 600);
  const narrow = buildFunnelView(analysis, ctx({ width: 100 }), ui()).chart;
  assert.equal(narrow.width, 240);
  assert.equal(narrow.connectors[0]!.miss, ' ▼');
  // Linear by default; log only when asked, and then said on the chart.
  assert.equal(options.scale, 'linear');
  assert.equal(buildFunnelView(analysis, ctx({ options: { ...options, scale: 'log' } }), ui()).chart.logNote, 'Log scale: widths are not proportional');
});

test('tooltip: both denominators, the drop-off and the target', () => {
  const v = buildFunnelView(analysis, ctx(), ui({ tip: { index: 1, x: 12, y: 34 } }));
  assert.deepEqual(v.tooltip, {
    x: 12,
    y: 34,
    title: 'MQL: 40',
    lines: ['40% of Leads (100)', '40% of Leads (100)', 'Drop-off: 60 (60%)', 'Target 50%: ▼ below target'],
  });
  assert.equal(buildFunnelView(analysis, ctx(), ui()).tooltip, null);
});

test('data table: one row per stage, the missed step marked in words too', () => {
  const [main, bySegment] = buildFunnelView(analysis, ctx(), ui()).tables;
  assert.deepEqual(main!.headers, ['Stage', 'Reached', 'From previous', 'From first', 'Drop-off', 'Drop-off %', 'Target']);
  const cells = main!.rows.map((r) => [r.head, ...r.cells.map((c) => c.text)]);
  assert.deepEqual(cells, [
    ['Leads', '100', '—', '100%', '—', '—', '—'],
    ['MQL', '40', '40% ▼', '40%', '60', '60%', '50%'],
    ['Won', '10', '25%', '10%', '30', '75%', '—'],
  ]);
  assert.deepEqual(main!.rows[1]!.cells[1], { text: '40% ▼', missed: true, hidden: 'below target' });
  // By segment: ads 8 / 25 = 32 % misses 50 %; web 23 / 45 = 51.1 % meets it. One precision per
  // column, the fewest decimals that write each value as precisely as alone (one decimal at most):
  // Leads → MQL 51.1, 32.0, 33.3, 26.7 %; MQL → Won 17.4, 50.0, 20.0, 25.0 %; overall 8.9, 16.0, 6.7, 6.7 %.
  assert.equal(bySegment!.caption, 'By lead source');
  assert.deepEqual(bySegment!.rows.map((r) => [r.head, ...r.cells.map((c) => c.text)]), [
    ['web', '45', '51.1%', '17.4%', '8.9%'],
    ['ads', '25', '32.0% ▼', '50.0%', '16.0%'],
    ['referral', '15', '33.3% ▼', '20.0%', '6.7%'],
    ['Other', '15', '26.7% ▼', '25.0%', '6.7%'],
  ]);
});

test('segments: the grid at 600 px and the matrix cells against all segments', () => {
  const s = buildFunnelView(analysis, ctx(), ui()).segments!;
  assert.equal(s.title, 'By lead source');
  // 600 px < 700: cells of at least 200 px → 3 columns; (600 − 2 × 12) / 3 − 22 = 170 px each.
  assert.equal(s.cols, 3);
  assert.deepEqual(s.items.map((i) => [i.name, i.detail, i.chart.width]), [
    ['web', '· 45 · 8.9%', 170],
    ['ads', '· 25 · 16.0%', 170], // the overall column's precision: 8.9, 16.0, 6.7, 6.7 %
    ['referral', '· 15 · 6.7%', 170],
    ['Other', '· 15 · 6.7%', 170],
  ]);
  assert.deepEqual(s.items[1]!.chart.connectors.map((k) => [k.conversion, k.miss]), [['32.0%', ' ▼'], ['50.0%', null]]); // as its columns in the matrix
  // Bars: (600 − 220) / 3 rate columns = 126, − 56 = 70 px; web's 23 / 45 = 51.1 % fills 35.8 px,
  // the tick at all segments' 40 % sits at 28 px.
  const m = s.matrix;
  assert.equal(m.barWidth, 70);
  assert.deepEqual(m.headers.map((h) => [h.key, h.label]), [[-1, 'Segment'], [0, 'Leads'], [1, 'Leads → MQL'], [2, 'MQL → Won'], [3, 'Overall conversion']]);
  const web = m.rows[0]!;
  assert.equal(web.size, '45');
  assert.deepEqual(web.cells[0], { rate: '51.1%', vs: 'above', fill: 35.8, refX: 28, vsText: 'above the rate of all segments' });
  // MQL → Won: web 4 / 23 = 17.4 % against 25 %.
  assert.deepEqual([web.cells[1]!.rate, web.cells[1]!.vs], ['17.4%', 'below']);
});

test('matrix order: by the chosen column, Other always last', () => {
  const order = (sort: FunnelUiState['sort']) => buildFunnelView(analysis, ctx(), ui({ sort })).segments!.matrix.rows.map((r) => r.name);
  // By size, descending: web 45, ads 25, referral 15 (Other, also 15, stays last).
  assert.deepEqual(order({ key: 0, dir: 'descending' }), ['web', 'ads', 'referral', 'Other']);
  // Leads → MQL ascending: ads 32 %, referral 33.3 %, web 51.1 %; Other's 26.7 % would lead, but it is pinned.
  assert.deepEqual(order({ key: 1, dir: 'ascending' }), ['ads', 'referral', 'web', 'Other']);
  // MQL → Won descending: ads 50 %, referral 20 %, web 17.4 % (Other's 25 % stays last).
  assert.deepEqual(order({ key: 2, dir: 'descending' }), ['ads', 'referral', 'web', 'Other']);
  // Overall descending: ads 16 %, web 8.9 %, referral 6.7 %.
  assert.deepEqual(order({ key: 3, dir: 'descending' }), ['ads', 'web', 'referral', 'Other']);
  // By name, descending: web, referral, ads.
  assert.deepEqual(order({ key: -1, dir: 'descending' }), ['web', 'referral', 'ads', 'Other']);
});

test('period comparison: signed point and count changes; a German page formats the German way', () => {
  // 2024-Q1: 100 → 10 (10 %); 2024-Q2: 1,200 → 150 (12.5 %): +2.5 pp, counts +1,100 and +140.
  const rows: FunnelRow[] = [
    { stage: 'Leads', count: 100, period: '2024-Q1' },
    { stage: 'Won', count: 10, period: '2024-Q1' },
    { stage: 'Leads', count: 1200, period: '2024-Q2' },
    { stage: 'Won', count: 150, period: '2024-Q2' },
  ];
  const a = analyseFunnel(rows, { lostValues: [], input: 'stages' });
  const v = buildFunnelView(a, ctx(), ui());
  // Periods read "Q1 2024" (one label for every widget); "pp" and the year never break from their numbers.
  assert.equal(v.headline.delta, '+2.5\u00a0pp vs Q1\u00a02024');
  assert.deepEqual(v.headline.period, { label: 'Period', value: 'Q2\u00a02024' });
  assert.match(v.summary, /Overall conversion in Q2\u00a02024: 12\.5%, \+2\.5\u00a0pp against Q1\u00a02024\.$/);
  const [main] = v.tables;
  assert.equal(main!.caption, 'Data table · Q2\u00a02024');
  assert.deepEqual(main!.headers.slice(-2), ['Reached in Q1\u00a02024', 'Change']);
  // The previous period as a second bar, its change after each count, its value in the tooltip:
  // Leads 1,200 / 100 − 1 = +1,100 %; Won 150 / 10 − 1 = +1,400 %.
  assert.deepEqual(v.chart.bars.map((b) => b.change), ['+1,100% vs Q1\u00a02024', '+1,400% vs Q1\u00a02024']);
  assert.deepEqual(v.chart.legend.map((l) => l.label), ['Q2\u00a02024', 'Q1\u00a02024']);
  const tip = buildFunnelView(a, ctx(), ui({ tip: { index: 1, x: 0, y: 0 } })).tooltip!;
  assert.equal(tip.lines.at(-1), 'Q1\u00a02024: 10 (+1,400%)');
  assert.deepEqual(main!.rows.map((r) => r.cells.slice(-2).map((c) => c.text)), [['100', '+1,100'], ['10', '+140']]);
  assert.deepEqual(v.chart.bars.map((b) => b.previous !== null), [true, true]);
  // German numbers with the English message table: 1.200, 12,5 %.
  const de = buildFunnelView(a, ctx({ locale: 'de', t: translator('de', 'funnel') }), ui());
  assert.equal(de.chart.bars[0]!.count, '1.200');
  assert.match(de.headline.overall, /^12,5\s%$/);
  assert.deepEqual(de.tables[0]!.rows[0]!.cells.slice(-1).map((c) => c.text), ['+1.100']);
});

test('a stage larger than the one before says it grew; a segment within 1 pp of all is level', () => {
  // Leads 100 → MQL 124: no conversion, no drop-off to show ("↓ 124% · −0" before): "⚠ grew".
  const grew = analyseFunnel(
    [{ stage: 'Leads', count: 100 }, { stage: 'MQL', count: 124 }, { stage: 'Won', count: 31 }],
    { lostValues: [], input: 'stages' },
  );
  const k = buildFunnelView(grew, ctx(), ui()).chart.connectors;
  assert.deepEqual([k[0]!.conversion, k[0]!.grew, k[0]!.note], ['', '⚠ grew', null]);
  // MQL → Won 31 / 124 = 25 %, dropped 93.
  assert.deepEqual([k[1]!.conversion, k[1]!.note], ['25% converted', ' · 93 dropped']);
  // Three segments: a 48 → 23, b 52 → 26, c 200 → 97.
  const rows: FunnelRow[] = [
    ['a', 48, 23],
    ['b', 52, 26],
    ['c', 200, 97],
  ].flatMap(([group, leads, won]) => [
    { stage: 'Leads', count: leads as number, group: group as string },
    { stage: 'Won', count: won as number, group: group as string },
  ]);
  // All: 300 → 146 = 48.67 %. a 47.92 % (−0.75 pp: level), b 50 % (+1.33 pp: above), c 48.5 % (−0.17 pp: level).
  const seg = analyseFunnel(rows, { lostValues: [], input: 'stages' });
  const m = buildFunnelView(seg, ctx(), ui({ sort: { key: -1, dir: 'ascending' } })).segments!.matrix;
  assert.deepEqual(m.rows.map((r) => [r.name, r.cells[0]!.rate, r.cells[0]!.vs]), [
    ['a', '47.9%', 'equal'],
    ['b', '50.0%', 'above'],
    ['c', '48.5%', 'equal'],
  ]);
});
