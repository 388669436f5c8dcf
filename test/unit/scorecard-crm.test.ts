/**
 * The scorecard on the real CRM export, checked against numbers computed independently with
 * a one-off Python script over data/sales_pipeline.csv and data/sales_teams.csv (csv module,
 * no kit code), 2026-11-22:
 *
 *   for each deal closed in 2017-Q4 (close_date) / 2017-Q3:
 *     revenue = Σ close_value of Won; win = Won ÷ (Won + Lost);
 *     avg = revenue ÷ Won; cycle = mean(close_date − engage_date) in days over Won
 *   2017-Q4 ALL      revenue 2802496, won 1196, closed 1985, win 0.602519, avg 2343.2241, cycle 49.561
 *   2017-Q3 ALL      revenue 2982255, won 1257, closed 2047, win 0.614069, avg 2372.5179, cycle 48.817
 *   2017-Q4 Central  revenue 987782, win 0.589147, avg 2166.1886, cycle 49.8728
 *   2017-Q4 East     revenue 824853, win 0.58209,  avg 2643.7596, cycle 49.7532
 *   2017-Q4 West     revenue 989861, win 0.634074, avg 2312.7593, cycle 49.0888
 *   2017-Q4 Melvin Marxen   revenue 670788, win 0.556064, avg 2760.4444, cycle 48.5391
 *   2017-Q4 Summer Sewald   revenue 559649, win 0.646753, avg 2247.5863, cycle 47.8956
 *   2017-Q4 Dustin Brinkmann revenue 316994, win 0.632047, avg 1488.2347, cycle 51.3944
 *   quarterly revenue 2017-Q1..Q4: 1134672, 3086111, 2982255, 2802496
 *   flaws: 1480 rows name product "GTXPro" (products.csv says "GTX Pro");
 *          1425 open deals (Prospecting/Engaging) have no account
 *          rows with either flaw: 2683 distinct (222 rows have both), not 1480 + 1425 = 2905
 *          (python csv over data/crm_pipeline_teams.csv: len(a | b), a = product not in
 *          products.csv, b = open stage and blank account)
 *   no repeated opportunity_id (8800 distinct), no negative close_value, max 30288,
 *   no close_date after 2017-12-31: the data-quality pass finds nothing more on this export.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crmConfig, crmRows } from '../../demo/scorecard.crm.ts';
import { mapRows, resolveColumns } from '../../src/core/data/fields.ts';
import { SCORECARD_FIELDS, toDeals, unknownValues } from '../../src/widgets/scorecard/records.ts';
import { buildScorecard } from '../../src/widgets/scorecard/model.ts';
import { buildMatrix } from '../../src/widgets/scorecard/matrix.ts';
import { dealMetrics } from '../../src/widgets/scorecard/metrics.ts';
import { parseScorecardConfig } from '../../src/widgets/scorecard/config.ts';
import { CRM_PRODUCTS } from '../../demo/scorecard.crm.ts';

const rows = crmRows(
  readFileSync(new URL('../../data/sales_pipeline.csv', import.meta.url), 'utf8'),
  readFileSync(new URL('../../data/sales_teams.csv', import.meta.url), 'utf8'),
);

function prepare(group: 'regional_office' | 'manager') {
  const parsed = parseScorecardConfig(crmConfig(group));
  assert.equal(parsed.ok, true, parsed.ok ? '' : parsed.issues.map((i) => i.message).join('\n'));
  const config = (parsed as { ok: true; config: ReturnType<typeof crmConfig> }).config;
  const columns = resolveColumns(SCORECARD_FIELDS, { group }, Object.keys(rows[0]!));
  const mapped = mapRows(rows, SCORECARD_FIELDS, columns);
  const d = toDeals(mapped, { knownValues: config.knownValues! });
  return { config, d };
}

const close = (a: number, b: number, eps = 1e-4) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} ≈ ${b}`);
const num = (m: { ok: boolean; value?: number }) => (m.ok ? m.value! : NaN);

test('CRM scorecard: 2017-Q4 totals match the independent computation', () => {
  const { config, d } = prepare('regional_office');
  const m = buildScorecard({ config, deals: d.deals, quality: d.quality, metrics: dealMetrics });
  const k = Object.fromEntries(m.kpis.map((x) => [x.id, x]));
  assert.equal(k.revenue!.period.key, '2017-Q4');
  assert.equal(num(k.revenue!.value), 2802496);
  close(num(k['win-rate']!.value), 0.602519);
  close(num(k['avg-deal']!.value), 2343.2241);
  close(num(k.cycle!.value), 49.561);
  assert.deepEqual(k.revenue!.series.map((s) => s.value), [1134672, 3086111, 2982255, 2802496]);
  assert.equal(num(k.revenue!.comparison!.value), 2982255);
  assert.equal(k.revenue!.comparison!.delta, 2802496 - 2982255);
  close(num(k['win-rate']!.comparison!.value), 0.614069);
  // Statuses against the demo's targets.
  assert.equal(k.revenue!.status, 'at-risk'); // 93.4 % of 3 M
  assert.equal(k['win-rate']!.status, 'at-risk'); // 0.603 < 0.63, ≥ 0.567
  assert.equal(k['avg-deal']!.status, 'on-track'); // 2343 ≥ 2300
  assert.equal(k.cycle!.status, 'off-track'); // 49.56 > 49.5 (110 % of 45)
  assert.equal(m.status, 'off-track');
});

test('CRM scorecard: "accurate" reflects the known flaws of the export', () => {
  const { config, d } = prepare('regional_office');
  assert.equal(d.quality.valid, 8800);
  assert.equal(d.quality.rejected, 0);
  assert.deepEqual({ ...d.quality.flagged }, { 'unknown-product': 1480, 'open-without-account': 1425 });
  assert.equal(d.flaggedRows.length, 2683);
  assert.deepEqual(unknownValues(d.deals, 'product', CRM_PRODUCTS), [{ value: 'GTXPro', count: 1480 }]);
  assert.equal(d.quality.examples!['unknown-product'], 'GTXPro → GTX Pro?');
  const m = buildScorecard({ config, deals: d.deals, quality: d.quality, metrics: dealMetrics });
  for (const k of m.kpis) {
    const acc = k.checks.find((c) => c.a === 'accurate')!;
    assert.equal(acc.mark, 'warn');
    assert.equal(acc.code, 'flagged');
    // Distinct rows (issue 11): 1480 + 1425 − 222 rows with both flaws.
    assert.equal(acc.params.flagged, 2683);
  }
});

test('CRM scorecard per regional office matches the independent computation', () => {
  const { config, d } = prepare('regional_office');
  const g = new Map(d.deals.map((x, i) => [x, d.groups[i]]));
  const mx = buildMatrix({ config, deals: d.deals, metrics: dealMetrics, groupBy: 'regional_office', groupOf: (x) => g.get(x) });
  assert.deepEqual(mx.rows.map((r) => r.member), ['Central', 'East', 'West']);
  const expected: Record<string, [number, number, number, number]> = {
    Central: [987782, 0.589147, 2166.1886, 49.8728],
    East: [824853, 0.58209, 2643.7596, 49.7532],
    West: [989861, 0.634074, 2312.7593, 49.0888],
  };
  for (const r of mx.rows) {
    const [rev, win, avg, cyc] = expected[r.member]!;
    assert.equal(num(r.cells.revenue!.value), rev);
    close(num(r.cells['win-rate']!.value), win);
    close(num(r.cells['avg-deal']!.value), avg);
    close(num(r.cells.cycle!.value), cyc);
  }
});

test('CRM scorecard per manager matches the independent computation', () => {
  const { config, d } = prepare('manager');
  const g = new Map(d.deals.map((x, i) => [x, d.groups[i]]));
  const mx = buildMatrix({ config, deals: d.deals, metrics: dealMetrics, groupBy: 'manager', groupOf: (x) => g.get(x) });
  assert.equal(mx.rows.length, 6);
  const expected: Record<string, [number, number, number, number]> = {
    'Melvin Marxen': [670788, 0.556064, 2760.4444, 48.5391],
    'Summer Sewald': [559649, 0.646753, 2247.5863, 47.8956],
    'Dustin Brinkmann': [316994, 0.632047, 1488.2347, 51.3944],
  };
  for (const [member, [rev, win, avg, cyc]] of Object.entries(expected)) {
    const r = mx.rows.find((x) => x.member === member)!;
    assert.equal(num(r.cells.revenue!.value), rev);
    close(num(r.cells['win-rate']!.value), win);
    close(num(r.cells['avg-deal']!.value), avg);
    close(num(r.cells.cycle!.value), cyc);
  }
  // Melvin Marxen's team: the most revenue, the lowest win rate.
  const mm = mx.rows.find((x) => x.member === 'Melvin Marxen')!;
  assert.equal(mm.cells['win-rate']!.status, 'off-track'); // 0.556 < 0.567
  assert.equal(mm.cells.revenue!.status, 'on-track'); // 670,788 ≥ 500,000
});
