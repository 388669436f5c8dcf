// The scorecard's view model (src/widgets/scorecard/view.ts): every string the element shows,
// checked by hand on a small scorecard of supplied values evaluated as of 31 Dec 2017.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMessages, translator } from '../../src/core/i18n/index.ts';
import { available, notAvailable } from '../../src/core/result.ts';
import { parseScorecardConfig } from '../../src/widgets/scorecard/config.ts';
import { computeScorecard } from '../../src/widgets/scorecard/compute.ts';
import type { MatrixModel } from '../../src/widgets/scorecard/matrix.ts';
import {
  buildScorecardView, cardColumns, formatKpiValue, matrixView, periodLabel, scorecardSummary, type ScorecardViewContext,
} from '../../src/widgets/scorecard/view.ts';

// Spanish is loaded on demand (English is bundled): load it before the tests read it.
await loadMessages('es');

const ctx = (locale: string, width = 800): ScorecardViewContext => ({ locale, t: translator(locale, 'scorecard'), width, currency: 'USD' });

const parsed = parseScorecardConfig({
  title: { en: 'Team', es: 'Equipo' },
  asOf: '2017-12-31',
  kpis: [
    // 41 ≥ 40: on track; 41 against Q3's 38 is +3 (+7.9 %).
    { id: 'nps', label: 'NPS', series: [{ period: '2017-Q3', value: 38 }, { period: '2017-Q4', value: 41 }], target: 40 },
    // Lower is better: 31 is past 27.5 (110 % of 25): off track.
    { id: 'cpl', label: { en: 'Cost per lead', es: 'Coste por lead' }, value: 31, target: 25, direction: 'down', unit: 'money' },
    // 0.6267 ≥ 0.6: on track.
    { id: 'win', label: 'Win rate', value: 0.6267, target: 0.6, unit: 'ratio' },
    // Lower is better: 49.56 is between 46 and 50.6 (110 %): at risk.
    { id: 'cycle', label: 'Cycle', value: 49.56, target: 46, direction: 'down', unit: 'days' },
  ],
});
assert.ok(parsed.ok);
const built = computeScorecard({ config: parsed.config, deals: [], groups: [], quality: null, groupBy: null });

test('view: statuses, values and targets as the cards show them', () => {
  const v = buildScorecardView(built, ctx('en'), { sort: { key: 'member', dir: 'ascending' }, tableShown: false });
  assert.equal(v.heading, 'Team');
  assert.deepEqual(v.cards.map((c) => [c.id, c.status, c.badge.icon, c.badge.text]), [
    ['nps', 'on-track', '✓', 'On track'],
    ['cpl', 'off-track', '✕', 'Off track'],
    ['win', 'on-track', '✓', 'On track'],
    ['cycle', 'at-risk', '!', 'At risk'],
  ]);
  assert.deepEqual(v.cards.map((c) => c.value), ['41', '$31.00', '62.7%', '49.6\u00a0d']);
  assert.deepEqual(v.cards.map((c) => c.target), ['Target 40 · Q4\u00a02017', 'Target $25.00 · Q4\u00a02017', 'Target 60% · Q4\u00a02017', 'Target 46\u00a0d · Q4\u00a02017']);
  assert.equal(v.tooMany, null);
  // 800 px: two columns of (800 − 12) / 2 − 30 = 364 px of drawing.
  assert.equal(v.cols, 2);
  assert.equal(v.cards[0]!.bullet.width, 364);
});

test('view: the change against the previous period, the sparkline label, the 6 A summary', () => {
  const v = buildScorecardView(built, ctx('en'), { sort: { key: 'member', dir: 'ascending' }, tableShown: false });
  const nps = v.cards[0]!;
  assert.deepEqual(nps.delta, { kind: 'change', tone: 'better', change: '▲ +7.9%', vs: 'vs Q3\u00a02017 (38)' });
  assert.equal(nps.spark?.aria, 'NPS, last 2 periods: Q3\u00a02017 38, Q4\u00a02017 41');
  assert.equal(nps.pace, null);
  // A supplied value without a series has nothing to compare with.
  assert.deepEqual(v.cards[1]!.delta, { kind: 'none', text: 'no comparison' });
  assert.equal(v.cards[1]!.spark?.aria, 'Cost per lead, last period: Q4\u00a02017 $31.00');
  assert.equal(nps.sixA.title, '6 A');
  assert.equal(nps.sixA.hidden, 'NPS:');
  assert.equal(nps.sixA.items.length, 6);
  assert.equal(nps.sixA.items[0]!.text, 'No business objective is named: say which goal this KPI serves.');
  // Scale labels of a rate are percentages.
  assert.ok([...v.cards[2]!.ticks.values()].every((s) => /^\d+%$/.test(s)), [...v.cards[2]!.ticks.values()].join(' '));
});

test('view: the summary counts each status, with plural forms and the locale date', () => {
  assert.equal(scorecardSummary(built.model, ctx('en')), '4 KPIs as of Dec 31, 2017: 2 on track, 1 at risk, 1 off track.');
  // "1 desviado", not "1 desviados".
  assert.equal(scorecardSummary(built.model, ctx('es')), '4 KPI a 31 dic 2017: 2 en línea, 1 en riesgo, 1 desviado.');
  const es = buildScorecardView(built, ctx('es'), { sort: { key: 'member', dir: 'ascending' }, tableShown: false });
  assert.equal(es.heading, 'Equipo');
  assert.equal(es.cards[1]!.label, 'Coste por lead');
  assert.equal(es.cards[0]!.target, 'Objetivo 40 · T4\u00a02017');
});

test('view: values by unit and locale; period names', () => {
  assert.equal(formatKpiValue({ unit: 'money' }, 2_802_496, ctx('en')), '$2.8M');
  assert.equal(formatKpiValue({ unit: 'money' }, 2343.22, ctx('en')), '$2,343');
  assert.equal(formatKpiValue({ unit: 'number' }, 1234.5, ctx('de')), '1.234,5');
  assert.equal(formatKpiValue({ unit: 'ratio' }, 0.6025, ctx('en')), '60.3%');
  assert.equal(formatKpiValue({ unit: 'ratio', config: { format: { decimals: 0 } } }, 0.6025, ctx('en')), '60%');
  assert.equal(formatKpiValue({ unit: 'count' }, 12_345, ctx('en'), true), '12.3K');
  assert.equal(formatKpiValue({ unit: 'days' }, null, ctx('en')), '—');
  assert.equal(periodLabel('2017-Q4', ctx('en')), 'Q4\u00a02017');
  assert.equal(periodLabel('2017-Q4', ctx('es')), 'T4\u00a02017');
  assert.equal(periodLabel('2017-11', ctx('en')), 'Nov\u00a02017');
  assert.equal(periodLabel('2017', ctx('en')), '2017');
});

test('view: card columns at a width', () => {
  assert.deepEqual(cardColumns(3, 800), { cols: 2, cardWidth: 364 });
  assert.deepEqual(cardColumns(3, 0), { cols: 2, cardWidth: 364 }); // not measured yet: 800 assumed
  assert.deepEqual(cardColumns(4, 1200), { cols: 4, cardWidth: 261 }); // (1200 − 36) / 4 − 30
  assert.deepEqual(cardColumns(1, 300), { cols: 1, cardWidth: 270 });
  assert.deepEqual(cardColumns(2, 100), { cols: 1, cardWidth: 160 }); // never narrower than 160
});

test('view: the data table holds every number as text', () => {
  const v = buildScorecardView(built, ctx('en'), { sort: { key: 'member', dir: 'ascending' }, tableShown: true });
  assert.equal(v.table.shown, true);
  assert.deepEqual(v.table.headers.slice(0, 5), ['KPI', 'Period', 'Value', 'Target', 'Status']);
  const nps = v.table.rows[0]!;
  assert.equal(nps.head, 'NPS');
  assert.deepEqual(nps.cells.slice(0, 8), ['Q4\u00a02017', '41', '40', 'On track', '—', 'Q3\u00a02017: 38', '+3', 'Q3\u00a02017: 38; Q4\u00a02017: 41']);
});

test('view: the matrix is sorted by the chosen column, not-available last', () => {
  const period = { key: '2017-Q4', period: 'quarter' as const, start: Date.UTC(2017, 9, 1), end: Date.UTC(2018, 0, 1) };
  const m: MatrixModel = {
    groupBy: 'sales_agent',
    columns: [{ id: 'win', label: 'Win rate', unit: 'ratio', direction: 'up', period, target: 0.6 }],
    rows: [
      { member: 'Ana', cells: { win: { value: available(0.5), status: 'off-track' } }, contrast: false },
      { member: 'Bo', cells: { win: { value: notAvailable('no-data', 'none'), status: 'unknown' } }, contrast: false },
      { member: 'Cy', cells: { win: { value: available(0.7), status: 'on-track' } }, contrast: false },
    ],
    contrast: null,
  };
  const view = (key: string, dir: 'ascending' | 'descending') => matrixView(m, parsed.config, { key, dir }, ctx('en'));
  assert.deepEqual(view('win', 'descending').rows.map((r) => r.member), ['Cy', 'Ana', 'Bo']);
  assert.deepEqual(view('win', 'ascending').rows.map((r) => r.member), ['Ana', 'Cy', 'Bo']);
  assert.deepEqual(view('member', 'descending').rows.map((r) => r.member), ['Cy', 'Bo', 'Ana']);
  const v = view('win', 'descending');
  assert.equal(v.caption, 'By sales agent · Q4\u00a02017');
  assert.deepEqual(v.headers, [{ key: 'member', label: 'Sales agent' }, { key: 'win', label: 'Win rate', sub: 'Target 60%' }]);
  assert.deepEqual(v.rows.map((r) => r.cells[0]!.text), ['70%', '50%', '—']);
  assert.deepEqual(v.rows.map((r) => r.cells[0]!.badge?.text ?? null), ['On track', 'Off track', null]);
  assert.equal(v.note, null);
});

test('view: the data table shows every number in full; the 6 A badge spells its six letters', () => {
  // The headline may say "$2.8M"; the table never does.
  assert.equal(formatKpiValue({ unit: 'money' }, 2_802_496, ctx('en'), false, true), '$2,802,496');
  const v = buildScorecardView(built, ctx('en'), { sort: { key: 'member', dir: 'ascending' }, tableShown: true });
  // Aligned, Achievable, Sharp, Accurate, Actionable, Alive → A A S A A A; in Spanish Alineado,
  // Alcanzable, Agudo, Preciso, Accionable, Vivo → A A A P A V.
  assert.deepEqual(v.cards[0]!.sixA.letters.map((l) => l.letter).join(''), 'AASAAA');
  const es = buildScorecardView(built, ctx('es'), { sort: { key: 'member', dir: 'ascending' }, tableShown: true });
  assert.deepEqual(es.cards[0]!.sixA.letters.map((l) => l.letter).join(''), 'AAAPAV');
});
