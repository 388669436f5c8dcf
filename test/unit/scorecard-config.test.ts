import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelText, parseScorecardConfig } from '../../src/widgets/scorecard/config.ts';
import { loadMessages } from '../../src/core/i18n/index.ts';
// The KPI names a default label reads: on a page the scorecard's view registers them (the worker, which runs the config too, loads no text).
import '../../src/widgets/scorecard/en.ts';

// KPI names come from the message tables; Spanish is loaded on demand (English is bundled).
await loadMessages('es');

const good = {
  kpis: [
    { id: 'revenue', label: { en: 'Revenue', es: 'Ingresos' }, metric: 'revenue', target: 1_000_000, targetPeriod: 'quarter' },
    { id: 'nps', label: 'NPS', value: 42, target: 50, targetPeriod: 'quarter', thresholds: { warning: 0.9, critical: { absolute: 30 } } },
    { id: 'cpl', label: 'CPL', series: [{ period: '2017-Q1', value: 31 }, { period: '2017-Q2', value: null }], target: 25, targetPeriod: 'quarter', direction: 'down', neutralBand: 0.05 },
  ],
};

test('config: a valid configuration parses', () => {
  const r = parseScorecardConfig(good);
  assert.equal(r.ok, true);
  if (r.ok) assert.equal(r.config.kpis.length, 3);
});

const bad: [string, unknown, RegExp][] = [
  ['target not a number names KPI and field',
    { kpis: [good.kpis[0], good.kpis[1], { ...good.kpis[2], target: 'abc' }] },
    /^kpis\[2\]\.target \(KPI "cpl"\): expected a number, got "abc"$/],
  ['missing target', { kpis: [{ id: 'x', label: 'X', value: 1, targetPeriod: 'month' }] }, /^kpis\[0\]\.target \(KPI "x"\): missing \(expected a number\)$/],
  ['bad direction', { kpis: [{ ...good.kpis[0], direction: 'sideways' }] }, /kpis\[0\]\.direction \(KPI "revenue"\): expected one of "up", "down", got "sideways"/],
  ['bad period', { kpis: [{ ...good.kpis[0], targetPeriod: 'week' }] }, /targetPeriod.*expected one of "month", "quarter", "year", got "week"/],
  ['unknown field (typo)', { kpis: [{ ...good.kpis[0], tagret: 5 }] }, /kpis\[0\] \(KPI "revenue"\): unknown field "tagret"/],
  ['both metric and value', { kpis: [{ ...good.kpis[0], value: 3 }] }, /kpis\[0\]\.metric \(KPI "revenue"\): give either/],
  ['neither metric nor value', { kpis: [{ id: 'n', label: 'N', target: 1, targetPeriod: 'year' }] }, /kpis\[0\]\.metric \(KPI "n"\): missing/],
  ['bad threshold', { kpis: [{ ...good.kpis[1], thresholds: { warning: 'high' } }] }, /kpis\[0\]\.thresholds\.warning \(KPI "nps"\): expected a positive number \(share of target\) or \{ absolute: number \}, got "high"/],
  ['bad series period', { kpis: [{ ...good.kpis[2], series: [{ period: 'Q3', value: 1 }] }] }, /kpis\[0\]\.series\[0\]\.period \(KPI "cpl"\): expected a period like/],
  ['duplicate id', { kpis: [good.kpis[0], good.kpis[0]] }, /kpis\[1\]\.id \(KPI "revenue"\): duplicate id/],
  ['label used when id is bad', { kpis: [{ ...good.kpis[1], id: 'has space' }] }, /kpis\[0\]\.id \(KPI "NPS"\)/],
  ['kpis missing', {}, /^kpis: missing \(expected a list\)$/],
  ['not an object', 'hello', /^\(config\): expected an object, got "hello"$/],
  ['bad asOf', { ...good, asOf: '31/12/2017' }, /^asOf: expected a date like 2017-12-31, got "31\/12\/2017"$/],
  ['contrast names an unknown KPI', { ...good, contrast: { high: 'revenue', low: 'nope' } }, /contrast\.low: no KPI with id "nope"/],
];

for (const [label, input, re] of bad) {
  test(`config error: ${label}`, () => {
    const r = parseScorecardConfig(input);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.ok(r.issues.some((i) => re.test(i.message)), r.issues.map((i) => i.message).join('\n'));
  });
}

// `__proto__` keys must come from JSON.parse: in an object literal `{ __proto__: x }` sets the
// prototype and makes no key, so the parser would never see one.
const KPI = '"id":"a","label":"A","metric":"revenue","target":1,"targetPeriod":"year"';
const withProto = (json: string) => {
  const input = JSON.parse(json) as { kpis: Record<string, Record<string, unknown>>[] } & Record<string, unknown>;
  return input;
};

for (const field of ['params', 'filter'] as const) {
  test(`config: a "__proto__" key in ${field} reaches the parser and stays inert`, () => {
    const input = withProto(`{"kpis":[{${KPI},"${field}":{"__proto__":{"polluted":1},"stage":"Won"}}]}`);
    assert.equal(Object.hasOwn(input.kpis[0]![field]!, '__proto__'), true, 'the input holds an own __proto__ key');
    const r = parseScorecardConfig(input);
    assert.equal(r.ok, true, r.ok ? '' : r.issues.map((i) => i.message).join('\n'));
    if (!r.ok) return;
    const out = r.config.kpis[0]![field]!;
    assert.deepEqual(Object.keys(out), ['stage']);
    assert.equal(Object.hasOwn(out, '__proto__'), false);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal((out as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
  });
}

test('config: a "__proto__" key in knownValues reaches the parser and stays inert', () => {
  const input = withProto(`{"kpis":[{${KPI}}],"knownValues":{"__proto__":["x"],"product":["GTX Pro"]}}`);
  assert.equal(Object.hasOwn(input['knownValues'] as object, '__proto__'), true);
  const r = parseScorecardConfig(input);
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.deepEqual(Object.keys(r.config.knownValues!), ['product']);
  assert.equal(Object.getPrototypeOf(r.config.knownValues), Object.prototype);
  assert.equal(Object.hasOwn(Object.prototype, '0'), false);
});

const rejected: [string, string, string][] = [
  ['at the top level', `{"kpis":[{${KPI}}],"__proto__":{"polluted":3}}`, '(config): unknown field "__proto__"'],
  ['in a KPI', `{"kpis":[{${KPI},"__proto__":{"polluted":4}}]}`, 'kpis[0] (KPI "a"): unknown field "__proto__"'],
  ['as "constructor" in params', `{"kpis":[{${KPI},"params":{"constructor":{"prototype":{"polluted":5}}}}]}`, 'kpis[0].params.constructor (KPI "a"): Invalid key in record, got an object'],
];
for (const [where, json, message] of rejected) {
  test(`config: a prototype key ${where} is rejected as an error`, () => {
    const input = withProto(json);
    const r = parseScorecardConfig(input);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.issues.map((i) => i.message), [message]);
    assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
}

test('labelText falls back to English', () => {
  assert.equal(labelText({ en: 'Revenue', es: 'Ingresos' }, 'es'), 'Ingresos');
  assert.equal(labelText({ en: 'Revenue' }, 'es'), 'Revenue');
  assert.equal(labelText('Plain', 'es'), 'Plain');
});

test('defaults: a KPI needs only an id, a source and a target', async () => {
  const { parseScorecardConfig } = await import('../../src/widgets/scorecard/config.ts');
  const { buildScorecard } = await import('../../src/widgets/scorecard/model.ts');
  const { dealMetrics } = await import('../../src/widgets/scorecard/metrics.ts');
  const r = parseScorecardConfig({ kpis: [{ id: 'win', metric: 'win-rate', target: 0.6 }, { id: 'nps', value: 41, target: 40 }] });
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal(r.config.kpis[0]!.targetPeriod, 'quarter');
  assert.equal(r.config.kpis[0]!.label, undefined);
  // The model names an unlabelled KPI after its catalogue metric, or by its id.
  const m = buildScorecard({ config: { ...r.config, asOf: '2017-12-31' }, deals: [], metrics: dealMetrics });
  assert.deepEqual(m.kpis.map((k) => k.label), [{ en: 'Win rate', es: 'Proporción de oportunidad de ganar' }, 'nps']);
});
