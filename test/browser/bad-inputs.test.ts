/**
 * Issue 11 through real elements: bad inputs given as the `data` property, an inline child and
 * a `src` (files under test/fixtures/bad/), each with its expected state and numbers. The full
 * table (227 cases) runs in node: test/unit/bad-inputs.test.ts.
 */
import { fixture, html, expect, oneEvent } from '@open-wc/testing';
import '../../src/define.ts';
import { ready, shadowText } from './helpers.ts';
import type { KpiElement } from '../../src/core/element/kpi-element.ts';
import type { KpiWarningDetail } from '../../src/core/events.ts';

const BAD = '/test/fixtures/bad';
const CFG = { asOf: '2017-12-31', kpis: [{ id: 'rev', metric: 'revenue', target: 1000 }, { id: 'win', metric: 'win-rate', target: 0.5 }] };
type El = KpiElement<unknown, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const err = (el: El) => (el as unknown as { error?: { code: string; message: string } }).error;

describe('bad inputs: an HTML page where data was expected', () => {
  for (const tag of ['kpi-funnel', 'kpi-ltv', 'kpi-scorecard']) {
    it(`${tag}: a parse error saying the server sent an HTML page`, async () => {
      const el = document.createElement(tag) as El;
      if (tag === 'kpi-scorecard') (el as unknown as { config: unknown }).config = CFG;
      const event = oneEvent(el, 'kpi-error');
      el.setAttribute('src', `${BAD}/login.json`);
      document.body.append(el);
      const { detail } = await event;
      expect(detail.code).to.equal('parse');
      expect(detail.message).to.contain('HTML page (a login page?)');
      await el.updateComplete;
      expect(shadowText(el)).to.contain('HTML page');
      el.remove();
    });
  }
});

describe('bad inputs: data = [] is the empty state in all three', () => {
  it('property', async () => {
    for (const tag of ['kpi-funnel', 'kpi-ltv', 'kpi-scorecard']) {
      const el = document.createElement(tag) as El;
      if (tag === 'kpi-scorecard') (el as unknown as { config: unknown }).config = CFG;
      el.data = [];
      document.body.append(el);
      await ready(el);
      expect(el.state, tag).to.equal('empty');
      el.remove();
    }
  });
  it('src', async () => {
    for (const tag of ['kpi-funnel', 'kpi-ltv']) {
      const el = document.createElement(tag) as El;
      el.setAttribute('src', `${BAD}/empty.json`);
      document.body.append(el);
      await ready(el);
      expect(el.state, tag).to.equal('empty');
      el.remove();
    }
  });
});

describe('bad inputs: kpi-funnel', () => {
  it('a stage count "n/a" is a validation error naming the row (src), never "5 entered B"', async () => {
    const el = await fixture<El>(html`<kpi-funnel src="${BAD}/stage-na.csv"></kpi-funnel>`);
    await ready(el);
    expect(el.state).to.equal('error');
    expect(err(el)!.code).to.equal('validation');
    expect(shadowText(el)).to.contain('row 1');
    expect(shadowText(el)).not.to.contain('5 entered');
  });
  it('the same as an inline child and as the data property', async () => {
    const inline = await fixture<El>(html`<kpi-funnel><script type="text/csv">stage,count
A,n/a
B,5</script></kpi-funnel>`);
    await ready(inline);
    expect(err(inline)!.code).to.equal('validation');
    const prop = await fixture<El>(html`<kpi-funnel .data=${[{ stage: 'A', count: -5 }, { stage: 'B', count: 5 }]}></kpi-funnel>`);
    await ready(prop);
    expect(err(prop)!.code).to.equal('validation');
  });
  it('a BOM is stripped (src): 10 → 4', async () => {
    const el = await fixture<El>(html`<kpi-funnel src="${BAD}/bom-stages.csv"></kpi-funnel>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(el.result.current.steps.map((s: { count: number }) => s.count)).to.deep.equal([10, 4]);
  });
  it('a zero first stage is shown, not "No data"', async () => {
    const el = await fixture<El>(html`<kpi-funnel .data=${[{ stage: 'A', count: 0 }, { stage: 'B', count: 5 }]}></kpi-funnel>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(el.result.current.steps.map((s: { count: number }) => s.count)).to.deep.equal([0, 5]);
  });
  it('stages naming nothing present: a config error listing the stages found', async () => {
    const el = await fixture<El>(html`<kpi-funnel stages="X, Y" .data=${[{ stage: 'A', count: 9 }, { stage: 'B', count: 5 }]}></kpi-funnel>`);
    await ready(el);
    expect(err(el)!.code).to.equal('config');
    expect(err(el)!.message).to.contain('the stages found are A, B');
  });
  it('scale="cubic" and targets naming no stage are config errors naming the attribute', async () => {
    const a = await fixture<El>(html`<kpi-funnel scale="cubic" .data=${[{ stage: 'A', count: 9 }]}></kpi-funnel>`);
    await ready(a);
    expect(err(a)!.code).to.equal('config');
    expect(err(a)!.message).to.contain('scale');
    expect(err(a)!.message).to.contain('auto, linear, log');
    const b = await fixture<El>(html`<kpi-funnel targets="Demo:40%" .data=${[{ stage: 'A', count: 9 }, { stage: 'B', count: 5 }]}></kpi-funnel>`);
    await ready(b);
    expect(err(b)!.code).to.equal('config');
    expect(err(b)!.message).to.contain('targets: "Demo"');
  });
});

describe('bad inputs: kpi-ltv', () => {
  it('a refund nets (src): revenue 200 of 3 purchases, with a kpi-warning and a role=status notice', async () => {
    const el = document.createElement('kpi-ltv') as El;
    el.setAttribute('method', 'historical');
    const warned = oneEvent(el, 'kpi-warning') as Promise<CustomEvent<KpiWarningDetail>>;
    el.setAttribute('src', `${BAD}/tx-refund.csv`);
    document.body.append(el);
    const { detail } = await warned;
    await ready(el);
    expect(el.result.revenue).to.equal(200); // 100 + 50 − 30 + 80
    expect(el.result.transactions).to.equal(3);
    expect(detail.findings.map((f) => f.class)).to.deep.equal(['refund']);
    expect(detail.findings[0]!.rows).to.deep.equal([4]);
    el.remove();
  });
  it('mixed currencies (src) are a validation error naming the rows', async () => {
    const el = await fixture<El>(html`<kpi-ltv src="${BAD}/tx-mixed.csv"></kpi-ltv>`);
    await ready(el);
    expect(err(el)!.code).to.equal('validation');
    expect(err(el)!.message).to.contain('mix currencies');
  });
  it('currency="USD" keeps the USD rows (inline), with the notice announced', async () => {
    const el = await fixture<El>(html`<kpi-ltv method="historical" currency="USD"><script type="text/csv">customer,date,amount,currency
a,2017-01-01,100,USD
a,2017-02-01,50,EUR
b,2017-01-05,80,USD</script></kpi-ltv>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(el.result.revenue).to.equal(180);
    expect(el.result.rejected.map((r: { row: number }) => r.row)).to.deep.equal([2]);
    expect(el.shadowRoot!.querySelector('[role="status"] details.notice')).to.exist;
  });
  it('margin="150%", currency="dollars" and cac with acquisition-cost are config errors', async () => {
    const rows = [{ customer: 'a', date: '2017-01-01', amount: 10 }];
    for (const set of [(e: El) => e.setAttribute('margin', '150%'), (e: El) => e.setAttribute('currency', 'dollars'), (e: El) => { e.setAttribute('cac', '5'); e.setAttribute('acquisition-cost', '100'); }]) {
      const el = document.createElement('kpi-ltv') as El;
      set(el);
      el.data = rows;
      document.body.append(el);
      await ready(el);
      expect(err(el)!.code).to.equal('config');
      el.remove();
    }
  });
  it('predictive on 1 repeat customer falls back to simple and says why', async () => {
    const el = await fixture<El>(html`<kpi-ltv method="predictive" .data=${[
      { customer: 'a', date: '2017-01-01', amount: 100 }, { customer: 'a', date: '2017-02-01', amount: 50 }, { customer: 'b', date: '2017-01-05', amount: 80 },
    ]}></kpi-ltv>`);
    await ready(el);
    expect(el.result.method).to.equal('simple');
    expect(el.result.methodReason).to.equal('few-repeat');
    expect(shadowText(el)).to.contain('only 1 customers bought more than once');
  });
});

describe('bad inputs: kpi-scorecard', () => {
  it('a repeated opportunity id counts once (src): revenue 250, win rate 2/3, kpi-warning', async () => {
    const el = document.createElement('kpi-scorecard') as El;
    (el as unknown as { config: unknown }).config = CFG;
    const warned = oneEvent(el, 'kpi-warning') as Promise<CustomEvent<KpiWarningDetail>>;
    el.setAttribute('src', `${BAD}/deals-dup.csv`);
    document.body.append(el);
    const { detail } = await warned;
    await ready(el);
    const [rev, win] = el.result.kpis;
    expect(rev.value.value).to.equal(250);
    expect(win.value.value).to.be.closeTo(2 / 3, 1e-12);
    expect(detail.rejected.map((r) => r.row)).to.deep.equal([4]);
    expect(detail.findings[0]!.class).to.equal('duplicate');
    el.remove();
  });
  it('won-values overlapping lost-values is a config error naming both', async () => {
    const el = await fixture<El>(html`<kpi-scorecard won-values="Won" lost-values="Won, Lost" .config=${CFG} .data=${[{ id: 'a', stage: 'Won', amount: 1 }]}></kpi-scorecard>`);
    await ready(el);
    expect(err(el)!.code).to.equal('config');
    expect(err(el)!.message).to.contain('won-values and lost-values');
  });
  it('a won deal of -150 is left out (property): revenue 250, not 100', async () => {
    const el = await fixture<El>(html`<kpi-scorecard .config=${CFG} .data=${[
      { id: 'A', stage: 'Won', amount: 100, engage_date: '2017-10-01', close_date: '2017-11-01' },
      { id: 'B', stage: 'Won', amount: 150, engage_date: '2017-10-01', close_date: '2017-11-02' },
      { id: 'D', stage: 'Won', amount: -150, engage_date: '2017-10-01', close_date: '2017-11-04' },
    ]}></kpi-scorecard>`);
    await ready(el);
    expect(el.result.kpis[0].value.value).to.equal(250);
    expect(el.result.kpis[1].value.value).to.equal(1);
  });
});
