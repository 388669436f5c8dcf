/**
 * The locale system as tables: language tag → Intl locale + message table, namespaced lookup
 * with English fallback, plural forms through Intl.PluralRules, translated row issues, and the
 * parity of every locale file with en.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasMessages, loadMessages, localeInfo, messageLocales, registerMessages, translator, formatRowIssue, type Message } from '../../src/core/i18n/index.ts';
import { en } from '../helpers/english.ts';
import { kpiText } from '../../src/core/i18n/kpi.ts';
import { validateRows } from '../../src/core/schema/validate.ts';
import { z } from '../../src/core/schema/z.ts';
import { winRateMeta } from '../../src/kpis/win-rate.ts';
import { catalogueEntries } from '../../src/kpis/catalogue.ts';
import { commonEn } from '../../src/core/i18n/en.ts';

// Spanish is loaded on demand (English is bundled): load it before the tests read it.
await loadMessages('es');

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholders = (m: Message) => [...new Set(forms(m).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)))].sort();

test('parity: every locale file has exactly the keys of every English part and the same {placeholders}', async () => {
  const keys = Object.keys(en).sort();
  assert.ok(keys.length > 500);
  // English is registered in parts (the common part is the one the registry loads); each other locale is one file.
  assert.equal(await messageLocales.en(), commonEn);
  for (const [code, load] of Object.entries(messageLocales).filter(([c]) => c !== 'en')) {
    const table = await load();
    assert.deepEqual(Object.keys(table).sort(), keys, code);
    for (const k of keys) {
      const m = (table as Record<string, Message>)[k]!;
      assert.deepEqual(placeholders(m), placeholders((en as Record<string, Message>)[k]!), `${code}: ${k}`);
      for (const s of forms(m)) assert.ok(s.trim().length > 0, `${code}: ${k} is empty`);
      if (typeof m !== 'string') assert.equal(typeof m.other, 'string', `${code}: ${k} has no "other" form`);
    }
  }
});

test('language tag → Intl locale and message table', () => {
  const cases: [string | null, string, string][] = [
    ['en-GB', 'en-GB', 'en'],
    ['en-us', 'en-US', 'en'],
    ['de', 'de', 'en'],
    ['fr-CA', 'fr-CA', 'en'],
    ['pt-BR', 'pt-BR', 'en'],
    ['es', 'es', 'es'],
    ['es-MX', 'es-MX', 'es'],
    ['ES-es', 'es-ES', 'es'],
    ['', 'en', 'en'],
    [null, 'en', 'en'],
    ['not a tag', 'en', 'en'],
  ];
  for (const [tag, locale, messages] of cases) assert.deepEqual({ ...localeInfo(tag) }, { locale, messages }, String(tag));
});

test('lookup: namespace, then common, then the key as written; a language without a table reads English', () => {
  const cases: [string, string, string, Record<string, string | number> | undefined, string][] = [
    ['de', 'funnel', 'title', undefined, 'Sales funnel'],
    ['de', 'funnel', 'loading', undefined, 'Loading data…'],
    ['es', 'funnel', 'title', undefined, 'Embudo de ventas'],
    ['es-AR', 'ltv', 'loading', undefined, 'Cargando datos…'],
    ['es', '', 'kpi.win-rate.name', undefined, 'Proporción de oportunidad de ganar'],
    ['fr', 'scorecard', 'kpi.cac.name', undefined, 'Customer acquisition cost'],
    ['en', 'funnel', 'vsPrevious', { period: '2017-Q2' }, 'vs 2017-Q2'],
    ['en', 'funnel', 'no.such.key', undefined, 'no.such.key'],
    ['en', 'funnel', 'vsPrevious', {}, 'vs {period}'],
  ];
  for (const [locale, ns, key, params, expected] of cases) assert.equal(translator(locale, ns)(key, params), expected, `${locale} ${ns} ${key}`);
});

test('plural forms by count, through Intl.PluralRules of the locale', () => {
  const cases: [string, string, string, Record<string, string | number>, string][] = [
    ['es', 'scorecard', 'summaryOffTrack', { count: 1 }, '1 desviado'],
    ['es', 'scorecard', 'summaryOffTrack', { count: 2 }, '2 desviados'],
    ['es', 'scorecard', 'summaryOffTrack', { count: 0 }, '0 desviados'],
    ['es', 'common', 'rejectedRows', { count: 1 }, 'Se ha excluido 1 fila porque no es válida.'],
    ['es', 'common', 'rejectedRows', { count: 1480 }, 'Se han excluido 1480 filas porque no son válidas.'],
    // A count already formatted by the caller is read back with the locale's separators.
    ['es', 'scorecard', 'flag.open-without-account', { count: '1.480' }, '1.480 oportunidades abiertas no tienen cuenta'],
    ['es', 'scorecard', 'flag.open-without-account', { count: '1' }, '1 oportunidad abierta no tiene cuenta'],
    ['en', 'scorecard', 'flag.won-without-amount', { count: '1,480' }, '1,480 won deals have no amount'],
    ['en', 'scorecard', 'flag.won-without-amount', { count: '1' }, '1 won deal has no amount'],
    ['en', 'scorecard', 'flag.won-without-amount', { count: '1.5' }, '1.5 won deals have no amount'],
    ['de', 'funnel', 'unplaced', { count: '1' }, '1 record names no known stage.'],
    ['de', 'funnel', 'unplaced', { count: '1.480' }, '1.480 records name no known stage.'],
    ['de', 'funnel', 'unplaced', { count: '1.000' }, '1.000 records name no known stage.'],
    ['en', 'scorecard', 'summary', { count: 1, date: 'Dec 31, 2017', onTrack: '1 on track', atRisk: '0 at risk', offTrack: '0 off track' },
      '1 KPI as of Dec 31, 2017: 1 on track, 0 at risk, 0 off track.'],
    ['es', 'scorecard', 'summary', { count: 4, date: '31 dic 2017', onTrack: '1 en línea', atRisk: '2 en riesgo', offTrack: '1 desviado' },
      '4 KPI a 31 dic 2017: 1 en línea, 2 en riesgo, 1 desviado.'],
    // No count: the "other" form.
    ['en', 'ltv', 'binAria', { from: '$0', to: '$10' }, '$0 to $10: {count} customers'],
  ];
  for (const [locale, ns, key, params, expected] of cases) assert.equal(translator(locale, ns)(key, params), expected, `${locale} ${key} ${JSON.stringify(params)}`);
});

test('row issues in the reader\'s language, naming the user\'s column', () => {
  const schema = z.object({ stage: z.string(), amount: z.number(), kind: z.enum(['new', 'renewal']) });
  const rename = (k: string) => (k === 'amount' ? 'Importe' : k === 'stage' ? 'Etapa' : k);
  const v = validateRows([{ stage: 'A', amount: 'n/a', kind: 'new' }, { amount: 1, kind: 'new' }, { stage: 'B', amount: 2, kind: 'x' }], schema, rename);
  const issues = v.rejected.flatMap((r) => r.issues);
  assert.deepEqual(issues.map((i) => formatRowIssue(i, translator('es'))), [
    'fila 1, Importe: se esperaba un número y llegó "n/a"',
    'fila 2, Etapa: se esperaba texto y llegó nada',
    'fila 3, kind: se esperaba uno de estos valores: "new", "renewal"; llegó "x"',
  ]);
  assert.deepEqual(issues.map((i) => formatRowIssue(i, translator('en-GB'))), [
    'row 1, Importe: expected a number, got "n/a"',
    'row 2, Etapa: expected text, got nothing',
    'row 3, kind: expected one of "new", "renewal", got "x"',
  ]);
  // Another wording is shown as it is; an issue without a row names only its path.
  assert.equal(formatRowIssue({ path: 'kpis[0].target', message: 'expected a stage name' }, translator('es')), 'kpis[0].target: expected a stage name');
});

test('KPI names and formulas come from the locale tables, keyed by id', () => {
  assert.equal(winRateMeta.id, 'win-rate');
  assert.deepEqual({ ...winRateMeta.name }, { en: 'Win rate', es: 'Proporción de oportunidad de ganar' });
  assert.equal(winRateMeta.formula.en, 'deals won ÷ deals closed (won + lost) in the period');
  assert.equal(kpiText('win-rate').formula.es, 'oportunidades ganadas ÷ oportunidades cerradas (ganadas + perdidas) del periodo');
  assert.deepEqual(kpiText('no-such-kpi').name, {});
});

test('every catalogue KPI has its name and formula in every locale', () => {
  assert.ok(catalogueEntries.length >= 25);
  for (const { meta } of catalogueEntries) {
    for (const code of Object.keys(messageLocales)) {
      assert.ok((meta.name as Readonly<Record<string, string>>)[code]?.trim(), `${meta.id}: no name in ${code}`);
      assert.ok((meta.formula as Readonly<Record<string, string>>)[code]?.trim(), `${meta.id}: no formula in ${code}`);
    }
  }
});

test('a locale loaded later fills the KPI text made before it, and translators read it at once', () => {
  const text = kpiText('win-rate');
  // A translator made before its table arrives reads English, then the table as soon as it is in.
  const t = translator({ locale: 'xx', messages: 'xx' as 'en' }, 'funnel');
  assert.equal(text.name['xx'], undefined);
  assert.equal(t('title'), 'Sales funnel');
  registerMessages('xx', { ...en, 'kpi.win-rate.name': 'Ratio X', 'funnel.title': 'Embudo X' });
  assert.equal(t('title'), 'Embudo X');
  assert.equal(t('loading'), 'Loading data…');
  assert.equal(text.name['xx'], 'Ratio X');
  assert.equal((winRateMeta.name as Readonly<Record<string, string>>)['xx'], 'Ratio X');
  assert.equal((winRateMeta.formula as Readonly<Record<string, string>>)['xx'], 'deals won ÷ deals closed (won + lost) in the period');
});

test('messages: English is bundled, another locale is loaded once on demand', async () => {
  assert.equal(hasMessages('en'), true);
  const first = loadMessages('es');
  assert.equal(loadMessages('es') === first || hasMessages('es'), true);
  await first;
  assert.equal(hasMessages('es'), true);
  assert.equal(translator('es-AR', 'funnel')('title'), 'Embudo de ventas');
});
