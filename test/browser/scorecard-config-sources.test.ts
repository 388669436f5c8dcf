// Where a scorecard's configuration comes from besides the `config` property: a
// `<table data-config>` child (sanitised CMS pages keep tables, not scripts) and `config-src`
// (a JSON file, fetched with the element's timeout; failures are kpi-errors). Precedence: the
// property, then config-src, then the inline child.
import { fixture, expect } from '@open-wc/testing';
import '../../src/define.ts';
import { errorFrom, ready, shadowText } from './helpers.ts';
import type { KpiScorecard } from '../../src/widgets/scorecard/element.ts';

// Deals in Q4 2017 to 15 Nov: d, e won, f lost → win rate 2 / 3.
const DEALS_TABLE = `<table>
  <tr><th>opportunity_id</th><th>deal_stage</th><th>close_value</th><th>engage_date</th><th>close_date</th></tr>
  <tr><td>c</td><td>Lost</td><td>0</td><td>2017-07-01</td><td>2017-09-01</td></tr>
  <tr><td>d</td><td>Won</td><td>150</td><td>2017-09-01</td><td>2017-10-10</td></tr>
  <tr><td>e</td><td>Won</td><td>100</td><td>2017-09-20</td><td>2017-11-01</td></tr>
  <tr><td>f</td><td>Lost</td><td>0</td><td>2017-10-01</td><td>2017-11-05</td></tr>
</table>`;

const kpis = (el: KpiScorecard) => el.result!.kpis.map((k) => ({ id: k.id, value: k.value.ok ? Number(k.value.value.toFixed(4)) : null, target: k.target }));

describe('<kpi-scorecard> configuration sources', () => {
  it('a <table data-config> child: one KPI per row, header names in any case, 60% read as 0.6, caption as title', async () => {
    const el = await fixture<KpiScorecard>(`<kpi-scorecard as-of="2017-11-15">
      <table data-config>
        <caption>Team Q4</caption>
        <thead><tr><th>ID</th><th>Label</th><th>metric</th><th>value</th><th>Target</th><th>Target period</th><th>warning</th><th>critical</th></tr></thead>
        <tbody>
          <tr><td>win</td><td>Win rate</td><td>win-rate</td><td></td><td>60%</td><td>quarter</td><td>0.95</td><td>0.85</td></tr>
          <tr><td>nps</td><td>Customer NPS</td><td></td><td>41</td><td>40</td><td></td><td></td><td></td></tr>
        </tbody>
      </table>
      ${DEALS_TABLE}
    </kpi-scorecard>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(kpis(el)).to.deep.equal([
      { id: 'win', value: 0.6667, target: 0.6 },
      { id: 'nps', value: 41, target: 40 },
    ]);
    // 2/3 ≥ 0.6: on track; 41 ≥ 40: on track.
    expect(el.result!.kpis.map((k) => k.status)).to.deep.equal(['on-track', 'on-track']);
    const text = shadowText(el);
    expect(text).to.contain('Team Q4');
    expect(text).to.contain('Customer NPS');
  });

  it('numbers in a Spanish table: decimal commas; an unknown column is named, and renaming it fixes the scorecard', async () => {
    const el = await fixture<KpiScorecard>(`<kpi-scorecard lang="es">
      <table data-config>
        <tr><th>id</th><th>valor</th><th>target</th><th>direction</th></tr>
        <tr><td>ciclo</td><td>52,5</td><td>45</td><td>down</td></tr>
      </table>
    </kpi-scorecard>`);
    await ready(el);
    // "valor" is no KPI field: the check names the unknown column (a typo never passes silently).
    expect(el.state).to.equal('error');
    expect(shadowText(el)).to.contain('valor');
    el.querySelector('th:nth-child(2)')!.textContent = 'value';
    for (let i = 0; i < 100 && el.state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(kpis(el)).to.deep.equal([{ id: 'ciclo', value: 52.5, target: 45 }]);
    // 52,5 days against 45, lower is better: off track.
    expect(el.result!.kpis[0]!.status).to.equal('off-track');
  });

  it('config-src: the JSON file is the configuration; the config property wins over it, and it over an inline child', async () => {
    const el = await fixture<KpiScorecard>(`<kpi-scorecard config-src="/test/browser/fixtures/scorecard.config.json">
      <table data-config><tr><th>id</th><th>value</th><th>target</th></tr><tr><td>inline</td><td>1</td><td>1</td></tr></table>
      ${DEALS_TABLE}
    </kpi-scorecard>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(kpis(el)).to.deep.equal([
      { id: 'win', value: 0.6667, target: 0.8 },
      { id: 'nps', value: 41, target: 40 },
    ]);
    expect(shadowText(el)).to.contain('From a file');
    el.config = { kpis: [{ id: 'own', value: 3, target: 2 }] };
    await ready(el);
    expect(kpis(el)).to.deep.equal([{ id: 'own', value: 3, target: 2 }]);
    el.config = undefined;
    el.removeAttribute('config-src');
    await ready(el);
    await el.updateComplete;
    expect(kpis(el)).to.deep.equal([{ id: 'inline', value: 1, target: 1 }]);
  });

  it('config-src that answers 404 is an http kpi-error; one that is not JSON a parse error', async () => {
    const { el, detail } = await errorFrom<KpiScorecard>('kpi-scorecard', (e) => e.setAttribute('config-src', '/test/browser/fixtures/no-such-config.json'));
    expect(detail.code).to.equal('http');
    expect(detail.status).to.equal(404);
    expect(el.state).to.equal('error');
    el.remove();
    const csv = await errorFrom<KpiScorecard>('kpi-scorecard', (e) => e.setAttribute('config-src', '/data/crm_pipeline_teams.csv'));
    expect(csv.detail.code).to.equal('parse');
    expect(csv.detail.message).to.contain('not JSON');
    csv.el.remove();
  });

  it('while config-src loads the scorecard is loading, never an error about a missing configuration', async () => {
    const errors: string[] = [];
    const el = document.createElement('kpi-scorecard') as KpiScorecard;
    el.addEventListener('kpi-error', (e) => errors.push((e as CustomEvent<{ message: string }>).detail.message));
    // A URL no other test read (fetches of one URL are shared and the last few kept).
    el.setAttribute('config-src', '/test/browser/fixtures/scorecard.config.json?loading');
    el.data = [];
    document.body.append(el);
    await el.updateComplete;
    expect(el.state).to.equal('loading');
    await ready(el);
    expect(errors).to.deep.equal([]);
    el.remove();
  });
});
