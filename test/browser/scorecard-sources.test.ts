// <kpi-scorecard>'s named sources in a real browser: leads, costs and deals each through the
// three ways (the `sources` property, a `src-<name>` attribute, a `data-source` child — a CSV or
// JSON script or a table), one field mapping per source, a source that fails (the error state and
// a typed kpi-error naming it), the matrix by channel, and input="aggregates".
//
// The fixtures (test/browser/fixtures/sc-*.csv), October 2017: web 10 leads and 300 USD,
// events 6 leads and 900 USD; deal a (web lead L1) won 1,500 from Acme, deal b (events lead L11)
// won 3,000 from Beta. So CPL = 1,200 ÷ 16 = 75 (web 30, events 150), CAC = 1,200 ÷ 2 new
// customers = 600 (web 300, events 900), marketing ROI = (4,500 − 1,200) ÷ 1,200 = 2.75
// (web (1,500 − 300) ÷ 300 = 4).
import { fixture, html, expect } from '@open-wc/testing';
import '../../src/define.ts';
import { errorFrom, ready, shadowText } from './helpers.ts';
import type { KpiScorecard, ScorecardConfigInput } from '../../src/widgets/scorecard/element.ts';
import type { KpiErrorDetail } from '../../src/core/data/errors.ts';

const F = '/test/browser/fixtures';
const CONFIG = {
  asOf: '2017-10-31',
  kpis: [
    { id: 'cpl', metric: 'cpl', target: 80, targetPeriod: 'month' },
    { id: 'cac', metric: 'cac', target: 700, targetPeriod: 'month' },
    { id: 'mroi', metric: 'mroi', target: 2, targetPeriod: 'month' },
  ],
} satisfies ScorecardConfigInput;

const text = async (url: string) => (await fetch(url)).text();
const rowsOf = (csv: string) => {
  const [head, ...lines] = csv.trim().split('\n');
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
};
const value = (el: KpiScorecard, id: string) => {
  const v = el.result!.kpis.find((k) => k.id === id)!.value;
  return v.ok ? v.value : v.reason;
};
function expectFigures(el: KpiScorecard) {
  expect(el.state).to.equal('ready');
  expect(value(el, 'cpl')).to.equal(75);
  expect(value(el, 'cac')).to.equal(600);
  expect(value(el, 'mroi')).to.equal(2.75);
}

describe('<kpi-scorecard> named sources', () => {
  it('leads, costs and deals by the `sources` property (rows, a promise, a URL)', async () => {
    const [leads, costs, deals] = await Promise.all([text(`${F}/sc-leads.csv`), text(`${F}/sc-costs.csv`), text(`${F}/sc-deals.csv`)]);
    const el = await fixture<KpiScorecard>(html`<kpi-scorecard .config=${CONFIG}
      .sources=${{ deals: rowsOf(deals), leads: Promise.resolve(rowsOf(leads)), costs: `${F}/sc-costs.csv` }}></kpi-scorecard>`);
    await ready(el);
    expectFigures(el);
    expect(el.result!.sources['leads']).to.deep.equal({ valid: 16, rejected: 0, total: 16 });
    expect(el.result!.sources['costs']).to.deep.equal({ valid: 3, rejected: 0, total: 3 });
    // Setting the property again rebuilds with the new rows: two more web leads → CPL 1,200 ÷ 18.
    el.sources = { deals: rowsOf(deals), leads: [...rowsOf(leads), { lead_id: 'x1', created: '2017-10-20', channel: 'web' }, { lead_id: 'x2', created: '2017-10-21', channel: 'web' }], costs: rowsOf(costs) };
    await ready(el);
    expect(value(el, 'cpl')).to.equal(1200 / 18);
  });

  it('a lead row that cannot be read is announced: the notice names its source and row, kpi-warning carries it; the rest is shown', async () => {
    const [leads, costs, deals] = await Promise.all([text(`${F}/sc-leads.csv`), text(`${F}/sc-costs.csv`), text(`${F}/sc-deals.csv`)]);
    const el = document.createElement('kpi-scorecard') as KpiScorecard;
    el.config = CONFIG;
    // Lead 3 with an unreadable date: left out, so 15 leads remain (CPL 1,200 ÷ 15 = 80).
    const dirty = rowsOf(leads).map((l, i) => (i === 2 ? { ...l, created: 'n/a' } : l));
    const warned = new Promise<CustomEvent>((resolve) => el.addEventListener('kpi-warning', (e) => resolve(e as CustomEvent), { once: true }));
    el.sources = { deals: rowsOf(deals), leads: dirty, costs: rowsOf(costs) };
    document.body.append(el);
    try {
      await ready(el);
      expect(el.state).to.equal('ready');
      expect(value(el, 'cpl')).to.equal(80);
      expect(el.result!.sources['leads']).to.deep.equal({ valid: 15, rejected: 1, total: 16 });
      const detail = (await warned).detail as { rejected: { row: number; source?: string }[] };
      expect(detail.rejected.map((r) => [r.source, r.row])).to.deep.equal([['leads', 3]]);
      const notice = el.shadowRoot!.querySelector('[role="status"]')!.textContent!.replace(/\s+/g, ' ');
      expect(notice).to.contain('1 row');
      expect(notice).to.match(/leads · row 3/);
    } finally {
      el.remove();
    }
  });

  it('by src-<name> attributes (src-deals, src-leads, src-costs)', async () => {
    const el = document.createElement('kpi-scorecard') as KpiScorecard;
    el.config = CONFIG;
    el.setAttribute('src-deals', `${F}/sc-deals.csv`);
    el.setAttribute('src-leads', `${F}/sc-leads.csv`);
    el.setAttribute('src-costs', `${F}/sc-costs.csv`);
    document.body.append(el);
    await ready(el);
    expectFigures(el);
    el.remove();
  });

  it('by inline children: a CSV script, a JSON script and a table, each with data-source', async () => {
    const [leads, costs, deals] = await Promise.all([text(`${F}/sc-leads.csv`), text(`${F}/sc-costs.csv`), text(`${F}/sc-deals.csv`)]);
    const table = (csv: string) => {
      const [head, ...lines] = csv.trim().split('\n');
      return `<table data-source="costs"><thead><tr>${head!.split(',').map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${lines.map((l) => `<tr>${l.split(',').map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    };
    const el = await fixture<KpiScorecard>(`<kpi-scorecard>
      <script type="application/json" data-config>${JSON.stringify(CONFIG)}</script>
      <script type="text/csv">${deals}</script>
      <script type="application/json" data-source="leads">${JSON.stringify(rowsOf(leads))}</script>
      ${table(costs)}
    </kpi-scorecard>`);
    await ready(el);
    expectFigures(el);
    // A data-source="deals" child is the deals, like the plain one.
    const el2 = await fixture<KpiScorecard>(`<kpi-scorecard>
      <script type="application/json" data-config>${JSON.stringify(CONFIG)}</script>
      <script type="text/csv" data-source="leads">${leads}</script>
      <script type="text/csv" data-source="costs">${costs}</script>
      <script type="text/csv" data-source="deals">${deals}</script>
    </kpi-scorecard>`);
    await ready(el2);
    expectFigures(el2);
  });

  it('each source has its own field mapping: leads-fields and costs-fields', async () => {
    const leads = rowsOf(await text(`${F}/sc-leads.csv`)).map((l) => ({ id: l.lead_id, when: l.created, origin: l.channel, opp: l.opportunity_id }));
    const costs = rowsOf(await text(`${F}/sc-costs.csv`)).map((c) => ({ fecha: c.month, canal: c.channel, gasto: c.amount }));
    const deals = rowsOf(await text(`${F}/sc-deals.csv`));
    const el = await fixture<KpiScorecard>(html`<kpi-scorecard .config=${CONFIG} .data=${deals} .sources=${{ leads, costs }}
      leads-fields="date:when, channel:origin, deal:opp" .costsFields=${{ amount: 'gasto' }}></kpi-scorecard>`);
    await ready(el);
    expectFigures(el);
  });

  it('group-by="channel": the matrix of CPL, CAC and ROI per channel', async () => {
    const el = await fixture<KpiScorecard>(html`<kpi-scorecard .config=${CONFIG} group-by="channel"
      src=${`${F}/sc-deals.csv`} src-leads=${`${F}/sc-leads.csv`} src-costs=${`${F}/sc-costs.csv`}></kpi-scorecard>`);
    await ready(el);
    const m = el.result!.matrix!;
    expect(m.rows.map((r) => r.member)).to.deep.equal(['events', 'web']);
    const cell = (member: string, id: string) => {
      const v = m.rows.find((r) => r.member === member)!.cells[id]!.value;
      return v.ok ? v.value : null;
    };
    expect([cell('web', 'cpl'), cell('web', 'cac'), cell('web', 'mroi')]).to.deep.equal([30, 300, 4]);
    expect([cell('events', 'cpl'), cell('events', 'cac')]).to.deep.equal([150, 900]);
    expect(shadowText(el)).to.contain('By channel');
    await expect(el).to.be.accessible();
  });

  it('a source that fails: the error state names it, and kpi-error carries `source`', async () => {
    const { el, detail } = await errorFrom<KpiScorecard>('kpi-scorecard', (e) => {
      e.config = CONFIG;
      e.setAttribute('src', `${F}/sc-deals.csv`);
      e.setAttribute('src-leads', `${F}/sc-leads.csv`);
      e.setAttribute('src-costs', `${F}/no-such-costs.csv`);
    });
    expect(detail.code).to.equal('http');
    expect(detail.source).to.equal('costs');
    expect(detail.message.startsWith('costs: ')).to.equal(true);
    await el.updateComplete;
    expect(el.state).to.equal('error');
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.replace(/\s+/g, ' ');
    expect(alert).to.contain('Source “costs”');
    expect(alert).to.contain('404');
    // A retry is offered (the costs come from a URL).
    expect(el.shadowRoot!.querySelector('[role="alert"] button')).to.not.equal(null);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('a source whose rows are all invalid: a validation error naming the source and the row', async () => {
    const bad = [{ lead_id: 'a', created: 'someday', channel: 'web' }, { lead_id: 'b', created: '31/02/2017x', channel: 'web' }];
    const { el, detail } = await errorFrom<KpiScorecard>('kpi-scorecard', (e) => {
      e.config = CONFIG;
      e.sources = { leads: bad, costs: `${F}/sc-costs.csv` };
    });
    const d: KpiErrorDetail = detail;
    expect(d.code).to.equal('validation');
    expect(d.source).to.equal('leads');
    expect(d.message).to.match(/^leads: 2 of 2 rows are not valid: row 1, created: not a date/);
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Source “leads”');
    expect(shadowText(el)).to.contain('created');
    el.lang = 'es';
    await ready(el);
    expect(shadowText(el)).to.contain('Origen «leads»');
    el.remove();
  });

  it('a KPI whose source is not given: a config error saying which source to add', async () => {
    const el = await fixture<KpiScorecard>(html`<kpi-scorecard .config=${CONFIG} src=${`${F}/sc-deals.csv`} src-leads=${`${F}/sc-leads.csv`}></kpi-scorecard>`);
    await ready(el);
    expect(el.state).to.equal('error');
    expect(shadowText(el)).to.contain('metric "cpl" needs more sources: costs');
  });

  it('the accurate mark of CPL speaks of its sources', async () => {
    const leads = rowsOf(await text(`${F}/sc-leads.csv`));
    leads[3] = { ...leads[3]!, created: 'n/a' };
    const el = await fixture<KpiScorecard>(html`<kpi-scorecard .config=${CONFIG} src=${`${F}/sc-deals.csv`} .sources=${{ leads, costs: `${F}/sc-costs.csv` }}></kpi-scorecard>`);
    await ready(el);
    const cpl = el.result!.kpis.find((k) => k.id === 'cpl')!.checks.find((c) => c.a === 'accurate')!;
    // 15 of 16 leads valid (93.75 %): a warning, about the leads.
    expect([cpl.mark, cpl.params.source, cpl.params.valid]).to.deep.equal(['warn', 'leads', 15]);
    const toggle = el.shadowRoot!.querySelector<HTMLElement>('[part="kpi"][data-id="cpl"] [part="six-a"] summary, [part="kpi"][data-id="cpl"] [part="six-a"] button');
    toggle?.click();
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Leads: 94% of rows valid: 1 of 16 dropped (created: not a date: n/a)');
  });

  it('transactions by src-transactions and activities by a table: upsell, renewal, activity, transformation cost', async () => {
    // 2017 purchases: A renewal, A upsell, C new → renewal 1 of 3; customers with an upsell 1 of 2 (A, C).
    // Activities 2017: 2 calls, 3 meetings, 1 order → meetings per order 3.
    const el = await fixture<KpiScorecard>(`<kpi-scorecard src-transactions="${F}/sc-transactions.csv">
      <script type="application/json" data-config>${JSON.stringify({
        asOf: '2017-12-31',
        kpis: [
          { id: 'renewal', metric: 'renewal-rate', target: 0.5, targetPeriod: 'year' },
          { id: 'upsell', metric: 'upsell-rate', target: 0.3, targetPeriod: 'year' },
          { id: 'calls', metric: 'activity', target: 5, targetPeriod: 'year', params: { type: 'call' } },
          { id: 'ltc', metric: 'lead-transformation-cost', target: 4, targetPeriod: 'year' },
        ],
      })}</script>
      <table data-source="activities">
        <tr><th>Rep</th><th>Activity</th><th>Date</th></tr>
        <tr><td>Ana</td><td>Call</td><td>2017-02-01</td></tr>
        <tr><td>Ana</td><td>Meeting</td><td>2017-02-03</td></tr>
        <tr><td>Ana</td><td>Meeting</td><td>2017-02-10</td></tr>
        <tr><td>Ana</td><td>Order</td><td>2017-02-20</td></tr>
        <tr><td>Bo</td><td>Meeting</td><td>2017-05-01</td></tr>
        <tr><td>Bo</td><td>Call</td><td>2017-05-02</td></tr>
      </table>
    </kpi-scorecard>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect([value(el, 'renewal'), value(el, 'upsell'), value(el, 'calls'), value(el, 'ltc')]).to.deep.equal([1 / 3, 1 / 2, 2, 3]);
    expect(el.result!.sources['activities']).to.deep.equal({ valid: 6, rejected: 0, total: 6 });
  });

  it('input="aggregates": numerators and denominators per period and group, inline JSON', async () => {
    const file = {
      kpiKit: 'aggregate', version: 1, kind: 'scorecard', generatedAt: '2026-11-25T20:00:00Z',
      source: { engine: 'duckdb', input: 'warehouse.marketing' }, params: { period: 'month', groupBy: 'channel' },
      rows: [
        { kpi: 'cpl', period: '2017-10', group: null, numerator: 1200, denominator: 16 },
        { kpi: 'cpl', period: '2017-10', group: 'web', numerator: 300, denominator: 10 },
        { kpi: 'cpl', period: '2017-10', group: 'events', numerator: 900, denominator: 6 },
        { kpi: 'cpl', period: '2017-09', group: null, numerator: 250, denominator: 5 },
      ],
    };
    const el = await fixture<KpiScorecard>(`<kpi-scorecard input="aggregates" group-by="channel">
      <script type="application/json" data-config>${JSON.stringify({ asOf: '2017-10-31', kpis: [{ id: 'cpl', metric: 'cpl', target: 80, targetPeriod: 'month' }] })}</script>
      <script type="application/json">${JSON.stringify(file)}</script>
    </kpi-scorecard>`);
    await ready(el);
    expect(value(el, 'cpl')).to.equal(75);
    const k = el.result!.kpis[0]!;
    expect(k.comparison!.value.ok && k.comparison!.value.value).to.equal(50);
    expect(el.result!.matrix!.rows.map((r) => [r.member, r.cells['cpl']!.value.ok ? r.cells['cpl']!.value.value : null])).to.deep.equal([['events', 150], ['web', 30]]);
    expect(el.result!.sources['aggregates']).to.deep.equal({ valid: 4, rejected: 0, total: 4 });
  });

  it('input="aggregates" from src: the CLI\'s DuckDB file, read in the kit\'s worker, gives Q4 2017 revenue $2,802,496', async () => {
    const el = await fixture<KpiScorecard>(html`<kpi-scorecard input="aggregates" src="/data/aggregates/crm-scorecard.json"
      .config=${{ asOf: '2017-12-31', kpis: [{ id: 'rev', metric: 'revenue', target: 3_000_000 }, { id: 'win', metric: 'win-rate', target: 0.6 }] }}></kpi-scorecard>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(value(el, 'rev')).to.equal(2_802_496);
    expect(shadowText(el)).to.contain('$2,802,496');
  });
});
