// The README's examples are code a user will paste: they must be valid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseScorecardConfig } from '../../src/widgets/scorecard/config.ts';
import { parseTargets, parseList, parsePairs } from '../../src/core/data/options.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the scorecard configuration in the README parses', () => {
  const m = /<script type="application\/json" data-config>\n([\s\S]*?)<\/script>/.exec(readme);
  assert.ok(m, 'README has a data-config example');
  const r = parseScorecardConfig(JSON.parse(m[1]!));
  assert.equal(r.ok, true, JSON.stringify(r).slice(0, 500));
});

test('the funnel attributes in the README parse', () => {
  for (const [, v] of readme.matchAll(/targets="([^"]+)"/g)) assert.ok(parseTargets(v!), v);
  for (const [, v] of readme.matchAll(/stage-dates="([^"]+)"/g)) assert.ok(parsePairs(v!, 'stage-dates').length > 0, v);
  for (const [, v] of readme.matchAll(/stages="([^"]+)"/g)) assert.ok(parseList(v!).length >= 2, v);
});
