// Widget options: the attribute string and the typed property value give the same option;
// blanks take the default; a bad value is one `config` error naming the attribute and what it accepts.
import test from 'node:test';
import assert from 'node:assert/strict';
import { opt, parseOptions, optionProperties, propertyName } from '../../src/core/element/options.ts';
import { KpiError } from '../../src/core/data/errors.ts';

const specs = {
  cac: opt.number('cac', undefined, { min: 0 }),
  horizon: opt.number('horizon', 52, { above: 0 }),
  scale: opt.enum('scale', ['linear', 'log'] as const, 'linear'),
  margin: opt.rate('margin', undefined),
  stages: opt.list('stages', undefined),
  targets: opt.targets('targets'),
  calibrationEnd: opt.date('calibration-end', undefined),
  stageDates: opt.pairs('stage-dates', undefined),
  label: opt.string('label'),
};

const parse = (values: Record<string, unknown>) => parseOptions(specs, values);

test('attribute strings and typed property values read the same', () => {
  const cases: [Record<string, unknown>, Record<string, unknown>][] = [
    [{ cac: '12' }, { cac: 12 }],
    [{ cac: '12,5' }, { cac: 12.5 }],
    [{ margin: '30%' }, { margin: 0.3 }],
    [{ margin: '0.3' }, { margin: 0.3 }],
    [{ stages: 'A, B > C' }, { stages: ['A', 'B', 'C'] }],
    [{ targets: 'MQL:40%, SQL:35%' }, { targets: { MQL: 0.4, SQL: 0.35 } }],
    [{ targets: '40%, 35%' }, { targets: [null, 0.4, 0.35] }],
    [{ calibrationEnd: '1997-09-30' }, { calibrationEnd: new Date(Date.UTC(1997, 8, 30)) }],
    [{ stageDates: 'Engaging:engage_date, Won:close_date' }, { stageDates: { Engaging: 'engage_date', Won: 'close_date' } }],
    [{ scale: 'LOG' }, { scale: 'log' }],
  ];
  for (const [attr, prop] of cases) assert.deepEqual({ ...parse(attr) }, { ...parse(prop) }, JSON.stringify(attr));
  assert.equal(parse({ cac: 12 }).cac, 12);
  assert.equal(parse({ margin: '30%' }).margin, 0.3);
  assert.deepEqual({ ...(parse({ targets: 'MQL:40%' }).targets as object) }, { MQL: 0.4 });
  assert.equal(parse({ calibrationEnd: '1997-09-30' }).calibrationEnd, '1997-09-30');
});

test('blank and missing values take the defaults', () => {
  const o = parse({ horizon: '  ', scale: '' });
  assert.equal(o.horizon, 52);
  assert.equal(o.scale, 'linear');
  assert.equal(o.cac, undefined);
  assert.equal(o.stages, undefined);
  assert.equal(o.targets, undefined);
  assert.equal(o.label, undefined);
});

test('bad values give one config error naming each attribute and what it accepts', () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ scale: 'cubic' }, /^scale: "cubic" is not one of linear, log$/],
    [{ cac: 'twelve' }, /^cac: "twelve" is not a number of at least 0$/],
    [{ cac: -1 }, /^cac: "-1" is not a number of at least 0$/],
    [{ horizon: 0 }, /^horizon: "0" is not a number above 0$/],
    [{ horizon: NaN }, /^horizon: "NaN" is not a number above 0$/],
    [{ margin: 'lots' }, /^margin: "lots" is not a rate/],
    [{ calibrationEnd: 'soon' }, /^calibration-end: "soon" is not a date \(write YYYY-MM-DD\)$/],
    [{ stageDates: 'Engaging' }, /^stage-dates: "Engaging" should be written name:value$/],
    [{ label: { toString: 1 } }, /^label: expected text, got object$/],
  ];
  for (const [values, re] of bad) {
    assert.throws(() => parse(values), (e: unknown) => e instanceof KpiError && e.code === 'config' && re.test(e.message), JSON.stringify(values));
  }
  assert.throws(
    () => parse({ scale: 'cubic', cac: 'x' }),
    (e: unknown) => e instanceof KpiError && e.issues?.length === 2 && e.issues[0]!.path === 'cac' && e.issues[1]!.path === 'scale',
  );
});

test('lit properties: one per option, on its attribute, with no converter', () => {
  const props = optionProperties(specs);
  assert.deepEqual(props['calibrationEnd'], { attribute: 'calibration-end' });
  assert.deepEqual(Object.keys(props).sort(), Object.keys(specs).sort());
  assert.equal(propertyName('ltv-cac-target'), 'ltvCacTarget');
});

test('option defaults: what a blank value reads as, for the element to start from', async () => {
  const { optionDefaults } = await import('../../src/core/element/options.ts');
  assert.deepEqual(optionDefaults(specs), { horizon: 52, scale: 'linear' });
});
