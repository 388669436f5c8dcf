import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainCheck } from '../../src/widgets/scorecard/explain.ts';
import { loadMessages, translator } from '../../src/core/i18n/index.ts';
import { en as enTable } from '../helpers/english.ts';
import { es as esTable } from '../../src/core/i18n/es.ts';
import {
  checkAccurate, checkAchievable, checkActionable, checkAligned, checkAlive, checkSharp, type ACheck,
} from '../../src/widgets/scorecard/six-a.ts';

// Spanish is loaded on demand (English is bundled): load it before the tests read it.
await loadMessages('es');

test('messages: every key exists in English and Spanish', () => {
  const scorecard = (table: object) => Object.keys(table).filter((k) => k.startsWith('scorecard.')).sort();
  assert.ok(scorecard(enTable).length > 100);
  assert.deepEqual(scorecard(enTable), scorecard(esTable));
});

const fmt = {
  value: (v: number) => `$${Math.round(v)}`,
  count: (v: number) => v.toLocaleString('en'),
  percent: (v: number) => `${Math.round(v * 100)} %`,
};

const cases: [ACheck, string, string][] = [
  [checkAligned('Grow revenue'), 'Serves the objective “Grow revenue”.', 'Sirve al objetivo «Grow revenue».'],
  [checkAligned(''), 'No business objective is named: say which goal this KPI serves.', 'No nombra ningún objetivo de negocio: indique a qué meta sirve este KPI.'],
  [checkAchievable(130, 'up', [80, 100, 95, 90]), 'Stretch target: $130 is 30 % above the best recent period ($100).', 'Objetivo exigente: $130 está un 30 % por encima del mejor periodo reciente ($100).'],
  [checkAchievable(300, 'up', [80, 100, 95, 90]), 'Out of reach: $300 is 200 % beyond the best recent period ($100).', 'Fuera de alcance: $300 está un 200 % más allá del mejor periodo reciente ($100).'],
  [checkSharp([4, 4, 4], 3), 'The value never changes ($4 in all 3 periods): it tells nothing.', 'El valor no cambia nunca ($4 en los 3 periodos): no dice nada.'],
  [checkAccurate({ valid: 950, rejected: 50, reasons: { 'close_date: missing': 50 } }), '95 % of rows valid: 50 of 1,000 dropped (close_date: missing).', '95 % de filas válidas: 50 de 1,000 descartadas (close_date: missing).'],
  [checkActionable(undefined, undefined), 'No owner and no next action: nobody is set to act on it.', 'Sin responsable ni próxima acción: nadie tiene que actuar.'],
  [checkAlive(40, 'weekly'), 'Stale: data age 40 d, more than twice its 7-day review cycle.', 'Caducado: antigüedad de los datos 40 d, más del doble de su ciclo de revisión de 7 días.'],
];

for (const [check, en, es] of cases) {
  test(`explain ${check.a}/${check.code}`, () => {
    assert.equal(explainCheck(translator('en', 'scorecard'), check, fmt), en);
    assert.equal(explainCheck(translator('es', 'scorecard'), check, fmt), es);
  });
}

test('explain accurate/flagged lists every flag with an example', () => {
  const q = { valid: 8800, rejected: 0, flagged: { 'unknown-product': 1480, 'open-without-account': 1425 }, examples: { 'unknown-product': 'GTXPro → GTX Pro?' } };
  assert.equal(
    explainCheck(translator('en', 'scorecard'), checkAccurate(q), fmt, q),
    'All 8,800 rows valid, but 1,480 name a product not in the reference list (GTXPro → GTX Pro?); 1,425 open deals have no account.',
  );
});

test('explain accurate/flagged: the user\'s column, Spanish plural forms', () => {
  const q = { valid: 8800, rejected: 0, flagged: { 'unknown-product': 1480, 'open-without-account': 1 }, examples: { 'unknown-product': 'GTXPro' } };
  const column = (k: string) => (k === 'product' ? 'Producto' : k);
  assert.equal(
    explainCheck(translator('es', 'scorecard'), checkAccurate(q), fmt, q, column),
    'Las 8,800 filas son válidas, pero 1,480 tienen en Producto un valor que no está en la lista de referencia (GTXPro); 1 oportunidad abierta no tiene cuenta.',
  );
  const one = { valid: 10, rejected: 0, flagged: { 'unknown-product': 1, 'won-without-amount': 2 }, examples: { 'unknown-product': 'X' } };
  assert.equal(
    explainCheck(translator('en-GB', 'scorecard'), checkAccurate(one), fmt, one, column),
    'All 10 rows valid, but 2 won deals have no amount; 1 names a Producto not in the reference list (X).',
  );
});
