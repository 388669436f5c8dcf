import { fixture, html, expect } from '@open-wc/testing';
import '../../src/define.ts';
import { errorFrom, ready, shadowText } from './helpers.ts';
import type { KpiLtv } from '../../src/widgets/ltv/element.ts';
import type { KpiErrorDetail } from '../../src/core/data/errors.ts';

/**
 * Four customers, two channels (worked by hand in test/unit/ltv-segments.test.ts): with margin
 * 50 %, Search LTV 150 (A 400, B 200), Referral 200 (C 750, D 50); costs Search 300 / 2 → CAC
 * 150, LTV:CAC 1; Referral 100 / its 2 customers → CAC 50, LTV:CAC 4.
 */
const CHANNELS = [
  { customer: 'A', date: '2022-01-10', amount: 100, channel: 'Search' },
  { customer: 'A', date: '2022-07-10', amount: 300, channel: 'Search' },
  { customer: 'B', date: '2022-02-01', amount: 200, channel: 'Search' },
  { customer: 'C', date: '2022-09-01', amount: 250, channel: 'Search' },
  { customer: 'C', date: '2022-03-01', amount: 500, channel: 'Referral' },
  { customer: 'D', date: '2022-12-31', amount: 50, channel: 'Referral' },
];

const segments = (el: KpiLtv) => el.result!.segments!;
const ratioOf = (el: KpiLtv, name: string) => {
  const a = segments(el).rows.find((r) => r.segment === name)?.acquisition?.ltvCac;
  return a && a.ok ? a.value : NaN;
};
const tableRows = (el: KpiLtv) => [...el.shadowRoot!.querySelectorAll('[part="segments-table"] tbody th')].map((th) => th.textContent!.replace(/\s+/g, ' ').trim());

describe('<kpi-ltv group-by>', function () {
  // Two shared cores: the first test also waits for the first compile of the widget's modules.
  this.timeout(60_000);
  it('LTV, CAC and LTV:CAC per channel, sorted by LTV:CAC, with the answer first; accessible', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical" margin="50%" group-by="channel" costs="Search: 300/2; Referral: 100" .data=${CHANNELS}></kpi-ltv>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(ratioOf(el, 'Search')).to.equal(1);
    expect(ratioOf(el, 'Referral')).to.equal(4);
    const t = shadowText(el);
    // Both are thin (2 customers each): Referral is named "on thin data".
    expect(t).to.contain('1 of 2 segments brings customers worth at least 3× what they cost: on thin data: Referral.');
    expect(t).to.contain('Best: Referral * (4.00×); weakest: Search * (1.00×).');
    expect(t).to.contain('1 customer changed channel later');
    // Default sort: LTV:CAC, highest first.
    expect(tableRows(el)).to.deep.equal(['Referral thin', 'Search thin']);
    const head = el.shadowRoot!.querySelector('[part="segments-table"] button[data-sort="ltvCac"]')!.closest('th')!;
    expect(head.getAttribute('aria-sort')).to.equal('descending');
    expect(el.shadowRoot!.querySelectorAll('[part="segment-bar"]').length).to.equal(2);
    expect(el.shadowRoot!.querySelectorAll('[part="segments-ratio"] rect').length).to.equal(2);
    expect(el.shadowRoot!.querySelector('[part="segments-ratio"]')!.getAttribute('aria-label')).to.contain('Referral 4.00×');
    await expect(el).to.be.accessible();
  });

  it('sorts from the keyboard: a header button flips the order, the chart follows', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical" margin="50%" group-by="channel" costs="Search: 300/2; Referral: 100" .data=${CHANNELS}></kpi-ltv>`);
    await ready(el);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="segments-table"] button[data-sort="segment"]')!;
    button.focus();
    button.click(); // Enter / Space on a native button
    await el.updateComplete;
    expect(tableRows(el)).to.deep.equal(['Referral thin', 'Search thin']);
    expect(button.closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    button.click();
    await el.updateComplete;
    expect(tableRows(el)).to.deep.equal(['Search thin', 'Referral thin']);
    const labels = [...el.shadowRoot!.querySelectorAll('[part="segments-chart"] .seg-label')].map((x) => x.textContent);
    expect(labels).to.deep.equal(['Search *', 'Referral *']);
  });

  it('costs as a named source: a <table data-source="costs"> child, or the sources property', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical" margin="50%" group-by="channel" .data=${CHANNELS}>
      <table data-source="costs">
        <thead><tr><th>channel</th><th>cost</th><th>new_customers</th></tr></thead>
        <tbody><tr><td>Search</td><td>300</td><td>2</td></tr><tr><td>Referral</td><td>100</td><td></td></tr></tbody>
      </table>
    </kpi-ltv>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(segments(el).hasCosts).to.equal(true);
    expect(ratioOf(el, 'Referral')).to.equal(4);
    const byProp = await fixture<KpiLtv>(html`<kpi-ltv method="historical" margin="50%" group-by="channel" .data=${CHANNELS} .sources=${{ costs: [{ channel: 'Search', cost: 300, new_customers: 2 }] }}></kpi-ltv>`);
    await ready(byProp);
    expect(ratioOf(byProp, 'Search')).to.equal(1);
    expect(segments(byProp).rows.find((r) => r.segment === 'Referral')!.acquisition).to.equal(null);
  });

  it('account LTV by sector on the CRM export, with the ASSUMED sector costs from src-costs', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv
      src="/data/crm-account-purchases.csv" customer-field="account" date-field="close_date" amount-field="close_value"
      group-by="sector" method="historical" margin="60%" src-costs="/data/assumed-sector-costs.csv"></kpi-ltv>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    const s = segments(el);
    expect(s.rows.length).to.equal(10);
    // retail: 1,867,528 × 0.6 ÷ 17 = 65,912.75; CAC 340,000 ÷ 17 = 20,000; LTV:CAC 3.2956
    const retail = s.rows.find((r) => r.segment === 'retail')!;
    expect(retail.ltv.ok && retail.ltv.value).to.be.closeTo(65912.7529, 1e-3);
    expect(ratioOf(el, 'retail')).to.be.closeTo(3.295638, 1e-6);
    expect(shadowText(el)).to.contain('5 of 10 segments bring customers worth at least 3× what they cost: technolgy, retail; on thin data: entertainment, finance, software.');
    // Best and worst among the 3 sectors with at least 10 accounts: technolgy 5.05×, medical 2.72×.
    expect(shadowText(el)).to.contain('Best: technolgy (5.05×); weakest: medical (2.72×).');
    expect(shadowText(el)).to.contain('7 of the 10 segments are thin');
    await expect(el).to.be.accessible();
  });

  it('cohorts, in Spanish', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv lang="es" method="historical" group-by="cohort" .data=${CHANNELS}></kpi-ltv>`);
    await ready(el);
    expect(segments(el).rows.map((r) => r.segment)).to.deep.equal(['2022-Q1', '2022-Q4']);
    const t = shadowText(el);
    expect(t).to.contain('LTV por trimestre de primera compra');
    expect(t).to.contain('LTV más alto: 2022-Q1');
    await expect(el).to.be.accessible();
  });

  it('predictive by first-purchase month on CDNOW (src, packed in the worker, fitted): the one pooled fit per cohort', async function () {
    this.timeout(180_000);
    const el = await fixture<KpiLtv>(html`<kpi-ltv src="/data/cdnow_transactions.json" method="predictive" calibration-end="1997-09-30" group-by="cohort-month"></kpi-ltv>`);
    await ready(el, 6000);
    expect(el.state).to.equal('ready');
    const s = segments(el);
    expect(s.method).to.equal('predictive');
    expect(s.predictiveBasis).to.equal('pooled-fit');
    expect(s.rows.map((r) => r.segment).sort()).to.deep.equal(['1997-01', '1997-02', '1997-03']);
    // The cohorts' customer-weighted mean is the headline LTV (test/unit/ltv-segments.test.ts checks each cohort).
    const weighted = s.rows.reduce((sum, r) => sum + (r.ltv.ok ? r.ltv.value : NaN) * r.customers, 0) / 2357;
    expect(weighted).to.be.closeTo(el.result!.ltv.ok ? el.result!.ltv.value : NaN, 1e-6);
    expect(shadowText(el)).to.contain('the one BG/NBD + Gamma-Gamma fit on all customers');
  });

  it('a group-by column that is not in the data is a config error naming the columns', async () => {
    const { detail } = await errorFrom<KpiLtv>('kpi-ltv', (el) => {
      el.setAttribute('group-by', 'region');
      el.data = CHANNELS;
    });
    expect((detail as KpiErrorDetail).code).to.equal('config');
    expect(detail.message).to.contain('group-by: no column "region"');
    expect(detail.message).to.contain('channel');
  });
});
