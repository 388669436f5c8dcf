import { fixture, html, expect, oneEvent, aTimeout } from '@open-wc/testing';
import '../../src/define.ts';
import { errorFrom, ready, shadowText } from './helpers.ts';
import type { KpiLtv, LtvResult } from '../../src/widgets/ltv/element.ts';
import type { KpiErrorDetail } from '../../src/core/data/errors.ts';


/**
 * Three customers over two years (worked by hand in test/unit/ltv-model.test.ts):
 * A buys 100 + 50 + 150 = 300, B 200 + 100 = 300, C 60. Revenue 660, 6 transactions.
 */
const SMALL = [
  { customer: 'A', date: '2022-01-10', amount: 100 },
  { customer: 'A', date: '2022-06-10', amount: 50 },
  { customer: 'A', date: '2023-12-20', amount: 150 },
  { customer: 'B', date: '2022-02-01', amount: 200 },
  { customer: 'B', date: '2022-03-01', amount: 100 },
  { customer: 'C', date: '2022-01-10', amount: 60 },
];

const text = shadowText;
const value = (r: LtvResult | undefined) => (r && r.ltv.ok ? r.ltv.value : NaN);

describe('<kpi-ltv>', () => {
  it('historical: Σ transactions × margin per customer, averaged', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical" margin="30%" .data=${SMALL}></kpi-ltv>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    // (660 × 0.3) / 3 = 66
    expect(value(el.result)).to.be.closeTo(66, 1e-9);
    expect(el.result!.method).to.equal('historical');
    const t = text(el);
    expect(t).to.contain('$66.00');
    expect(t).to.contain('Historical LTV');
    expect(t).to.contain('Method chosen in the widget’s settings');
    expect(el.shadowRoot!.querySelectorAll('[part="bar"]').length).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelectorAll('[part="line"]').length).to.equal(2); // cohorts 2022-01, 2022-02
    await expect(el).to.be.accessible();
  });

  it('simple: the default with few repeat customers, and it says why', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv .data=${SMALL}></kpi-ltv>`);
    await ready(el);
    const r = el.result!;
    expect(r.method).to.equal('simple');
    expect(r.methodReason).to.equal('few-repeat');
    expect(text(el)).to.contain('only 2 customers bought more than once');
    // churn: of A, B, C (acquired before 2022-12-20) B and C bought nothing after it: 2/3; lifespan 1.5 y
    expect(r.simple.lifespanSource).to.equal('churn');
    expect(r.simple.lifespan.ok && r.simple.lifespan.value).to.be.closeTo(1.5, 1e-12);
    await expect(el).to.be.accessible();
  });

  it('simple: the lifespan attribute overrides the estimate', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="simple" lifespan="3" .data=${SMALL}></kpi-ltv>`);
    await ready(el);
    const r = el.result!;
    expect(r.simple.lifespanSource).to.equal('given');
    // 660 / 3 customers / years × 3 years; years = 709 days / 365.25
    expect(value(r)).to.be.closeTo((660 / 3 / (709 / 365.25)) * 3, 1e-9);
    expect(text(el)).to.contain('Lifespan taken from the widget’s settings');
  });

  it('loading: shows a live status while the data is on its way', async () => {
    // src is fetched inside the load worker (window.fetch is not involved), so the pending
    // input here is a promise of rows, which the base class treats the same way.
    let release!: (rows: unknown) => void;
    const el = await fixture<KpiLtv>(html`<kpi-ltv .data=${new Promise((r) => (release = r))}></kpi-ltv>`);
    expect(el.state).to.equal('loading');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Loading');
    await expect(el).to.be.accessible();
    release(SMALL);
    await ready(el);
    expect(el.state).to.equal('ready');
  });

  it('loading: a large input is read in slices with a progress bar, then fitted', async () => {
    // 60,000 rows (over the 20,000 read synchronously): 6,000 customers buying 10 times each.
    const rows = Array.from({ length: 60_000 }, (_, i) => ({
      customer: `c${i % 6000}`,
      date: new Date(Date.UTC(2022, 0, 1) + ((i * 7919) % 700) * 86_400_000).toISOString().slice(0, 10),
      amount: 10 + (i % 37),
    }));
    const el = await fixture<KpiLtv>(html`<kpi-ltv .data=${rows}></kpi-ltv>`);
    expect(el.state).to.equal('loading');
    let bar: Element | null = null;
    for (let i = 0; i < 200 && !(bar = el.shadowRoot!.querySelector('[part~="progress"]')) && el.state === 'loading'; i++) await aTimeout(5);
    expect(bar, 'a progress bar while loading').to.exist;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.match(/Reading rows|Adding up|Summarising|Fitting/);
    await expect(el).to.be.accessible();
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(el.result!.customers).to.equal(6000);
    expect(el.result!.transactions).to.equal(60_000);
  });

  it('predictive on the CDNOW sample: fitting progress, then the published BG/NBD parameters', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv src="/data/cdnow_transactions.json" time-unit="weeks" calibration-end="1997-09-30" cac="10"></kpi-ltv>`);
    // The worker is still fetching: nothing but microtasks ran since the element connected.
    expect(el.state).to.equal('loading');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.match(/Loading|Reading rows/);
    await ready(el);
    expect(el.state).to.equal('ready');
    const r = el.result!;
    expect(r.method).to.equal('predictive');
    expect(r.methodReason).to.equal('enough-repeat');
    const p = r.predictive!.params!;
    expect(p.r.toFixed(3)).to.equal('0.243');
    expect(p.alpha.toFixed(3)).to.equal('4.414');
    expect(p.a.toFixed(3)).to.equal('0.793');
    expect(p.b.toFixed(3)).to.equal('2.426');
    expect(p.p).to.be.closeTo(6.25, 0.01);
    expect(p.q).to.be.closeTo(3.74, 0.01);
    expect(p.gamma).to.be.closeTo(15.44, 0.01);
    expect(r.predictive!.calibrationEnd).to.equal('1997-09-30');
    const params = el.shadowRoot!.querySelector('[part="params"]')!.textContent!;
    expect(params).to.contain('0.243');
    expect(params).to.contain('4.414');
    expect(r.atRisk.length).to.be.greaterThan(0);
    expect(r.atRisk.every((c) => c.probabilityAlive! < 0.5)).to.equal(true);
    expect(r.cac!.ltvCac.ok).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="bullet"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('fitting progress: once the rows arrive, the loading state shows the fit with a progress bar', async () => {
    // The rows arrive through a promise this test releases; from then on only microtasks run
    // until the assertions, so the worker cannot have answered: the fit is in progress.
    const rows = (await (await fetch('/data/cdnow_transactions.json')).json()) as unknown[];
    let release!: (rows: unknown) => void;
    const el = await fixture<KpiLtv>(html`<kpi-ltv time-unit="weeks" calibration-end="1997-09-30" .data=${new Promise((r) => (release = r))}></kpi-ltv>`);
    expect(el.state).to.equal('loading');
    expect(el.shadowRoot!.querySelector('[part~="progress"]')).to.equal(null);
    release(rows);
    for (let i = 0; i < 50 && !el.shadowRoot!.querySelector('[part~="progress"]'); i++) await el.updateComplete;
    expect(el.state).to.equal('loading');
    expect(el.shadowRoot!.querySelector('[part~="progress"]'), 'a progress bar while fitting').to.exist;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.match(/Summarising|Fitting/);
    expect(el.hasAttribute('aria-busy')).to.equal(true);
    await expect(el).to.be.accessible();
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(el.result!.predictive!.params!.r.toFixed(3)).to.equal('0.243');
    expect(el.shadowRoot!.querySelector('[part~="progress"]')).to.equal(null);
  });

  it('sorted table: header buttons sort and set aria-sort; a customer button fires kpi-select', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical" .data=${SMALL}></kpi-ltv>`);
    await ready(el);
    const table = el.shadowRoot!.querySelector('section.customers.top')!;
    const ids = () => [...table.querySelectorAll('tbody th button')].map((b) => b.textContent!.trim());
    expect(ids()).to.deep.equal(['A', 'B', 'C']); // by value, descending (A and B tie: first seen first)
    const byId = table.querySelector<HTMLButtonElement>('button[data-sort="id"]')!;
    byId.click();
    await el.updateComplete;
    expect(ids()).to.deep.equal(['A', 'B', 'C']);
    expect(byId.closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    byId.click();
    await el.updateComplete;
    expect(ids()).to.deep.equal(['C', 'B', 'A']);
    expect(byId.closest('th')!.getAttribute('aria-sort')).to.equal('descending');
    const byRevenue = table.querySelector<HTMLButtonElement>('button[data-sort="revenue"]')!;
    byRevenue.click();
    await el.updateComplete;
    expect(ids()[2]).to.equal('C');
    expect(byRevenue.closest('th')!.getAttribute('aria-sort')).to.equal('descending');
    const ev = oneEvent(el, 'kpi-select');
    table.querySelector<HTMLButtonElement>('tbody th button')!.click();
    const { detail } = await ev;
    expect(detail.kind).to.equal('customer');
    await expect(el).to.be.accessible();
  });

  it('keyboard: arrow keys move between histogram bars and show their counts', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical" .data=${SMALL}></kpi-ltv>`);
    await ready(el);
    const bins = el.shadowRoot!.querySelectorAll<SVGGElement>('g.bin');
    expect([...bins].filter((b) => b.getAttribute('tabindex') === '0').length).to.equal(1);
    bins[0]!.focus();
    bins[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    await aTimeout(0);
    expect(el.shadowRoot!.activeElement?.getAttribute('data-index')).to.equal('1');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.tooltip')?.textContent).to.match(/customers/);
    bins[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await el.updateComplete;
    await aTimeout(0);
    expect(el.shadowRoot!.activeElement?.getAttribute('data-index')).to.equal(String(bins.length - 1));
    await expect(el).to.be.accessible();
  });

  it('empty: no input, and an empty array, show the empty state', async () => {
    const a = await fixture<KpiLtv>(html`<kpi-ltv></kpi-ltv>`);
    await a.updateComplete;
    expect(a.state).to.equal('empty');
    await expect(a).to.be.accessible();
    const b = await fixture<KpiLtv>(html`<kpi-ltv .data=${[]}></kpi-ltv>`);
    await b.updateComplete;
    expect(b.state).to.equal('empty');
    expect(text(b)).to.contain('No data to show');
    await expect(b).to.be.accessible();
  });

  it('error: bad rows are listed and left out; all bad is a validation error with kpi-error', async () => {
    const data = [...SMALL, { customer: 'D', date: 'someday', amount: 5 }, { customer: 'E', date: '2022-01-01', amount: 'lots' }];
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical" .data=${data}></kpi-ltv>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(el.result!.rejected.map((r) => r.row)).to.deep.equal([7, 8]);
    const notice = el.shadowRoot!.querySelector('[part="notice"]')!.textContent!;
    expect(notice).to.contain('row 7, date: expected a date, got "someday"');
    expect(notice).to.contain('row 8, amount: expected a number, got "lots"');
    await expect(el).to.be.accessible();

    const { el: bad, detail } = await errorFrom<KpiLtv>('kpi-ltv', (bad) => {
      bad.data = [{ customer: 'X', date: 'never', amount: 1 }];
    });
    expect(detail.code).to.equal('validation');
    await bad.updateComplete;
    expect(bad.state).to.equal('error');
    await expect(bad).to.be.accessible();
    bad.remove();
  });

  it('error: bad configuration and a missing column are config errors naming them', async () => {
    const { el, detail } = await errorFrom<KpiLtv>('kpi-ltv', (el) => {
      el.setAttribute('method', 'magic');
      el.data = SMALL;
    });
    expect(detail.code).to.equal('config');
    expect(detail.message).to.contain('method: "magic"');
    el.remove();

    const { el: el2, detail: detail2 } = await errorFrom<KpiLtv>('kpi-ltv', (el2) => {
      el2.data = [{ who: 'A', date: '2022-01-01', amount: 1 }];
    });
    expect(detail2.message).to.contain('no customer column found');
    await el2.updateComplete;
    await expect(el2).to.be.accessible();
    el2.remove();
  });

  it('Spanish: labels, Intl formatting, field aliases and a CSV with ";" and decimal commas', async () => {
    const csv = 'cliente;fecha;importe\nA;10/01/2022;100,50\nA;10/06/2022;50\nB;01/02/2022;1.200,00';
    const el = await fixture<KpiLtv>(`<kpi-ltv lang="es" currency="EUR" method="historical" margin="0,5"><script type="text/csv">${csv}</script></kpi-ltv>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    // (100.5 + 50 + 1200) × 0.5 / 2 = 337.625
    expect(value(el.result)).to.be.closeTo(337.625, 1e-9);
    const t = text(el);
    expect(t).to.contain('Valor de vida del cliente');
    expect(t).to.contain('LTV histórico');
    expect(t).to.match(/337,63\s?€/);
    expect(t).to.contain('Mejores clientes');
    await expect(el).to.be.accessible();
  });

  it('LTV:CAC from costs and new customers, judged against the target', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical" acquisition-cost="90" new-customers="3" ltv-cac-target="3" .data=${SMALL}></kpi-ltv>`);
    await ready(el);
    const c = el.result!.cac!;
    // LTV 220 (no margin: revenue) ÷ CAC 30 = 7.33
    expect(c.cac.ok && c.cac.value).to.equal(30);
    expect(c.ltvCac.ok && c.ltvCac.value).to.be.closeTo(220 / 30, 1e-12);
    expect(c.meetsTarget).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="bullet"]')!.textContent).to.contain('meets the target');
    await expect(el).to.be.accessible();
  });

  it('fires kpi-update once with the finished result', async () => {
    const el = document.createElement('kpi-ltv') as KpiLtv;
    const ev = oneEvent(el, 'kpi-update');
    el.data = SMALL;
    document.body.append(el);
    const { detail } = await ev;
    expect(detail.result).to.equal(el.result);
    expect((detail.result as LtvResult).customers).to.equal(3);
    el.remove();
  });

  it('options: el.cac = 12 (a number) and cac="12" (an attribute) give the same LTV:CAC', async () => {
    const byAttribute = await fixture<KpiLtv>(html`<kpi-ltv method="historical" cac="12" .data=${SMALL}></kpi-ltv>`);
    const byProperty = await fixture<KpiLtv>(html`<kpi-ltv method="historical" .data=${SMALL}></kpi-ltv>`);
    byProperty.cac = 12;
    await ready(byAttribute);
    await ready(byProperty);
    expect(byProperty.state).to.equal('ready');
    // LTV 660 ÷ 3 = 220 (no margin: revenue); 220 ÷ 12 = 18.33
    for (const el of [byAttribute, byProperty]) {
      const c = el.result!.cac!;
      expect(c.source).to.equal('given');
      expect(c.cac.ok && c.cac.value).to.equal(12);
      expect(c.ltvCac.ok && c.ltvCac.value).to.be.closeTo(220 / 12, 1e-12);
      expect(el.shadowRoot!.querySelector('[part="bullet"]')!.textContent).to.contain('18.3 : 1');
    }
    // Numbers for the other options too: horizon, margin and the target.
    byProperty.margin = 0.3;
    byProperty.ltvCacTarget = 20;
    await ready(byProperty);
    expect(byProperty.state).to.equal('ready');
    // 66 ÷ 12 = 5.5, below a target of 20
    expect(byProperty.result!.cac!.ltvCac.ok && byProperty.result!.cac!.ltvCac.value).to.be.closeTo(5.5, 1e-12);
    expect(byProperty.result!.cac!.meetsTarget).to.equal(false);
    await expect(byProperty).to.be.accessible();
  });

  it('options: method="magic" is a config error naming method and the values it accepts', async () => {
    const { el, detail } = await errorFrom<KpiLtv>('kpi-ltv', (el) => {
      el.setAttribute('method', 'magic');
      el.data = SMALL;
    });
    expect(detail.code).to.equal('config');
    expect(detail.message).to.equal('method: "magic" is not one of historical, simple, predictive, auto');
    expect(detail.issues!.map((i) => i.path)).to.deep.equal(['method']);
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(text(el)).to.contain('historical, simple, predictive, auto');
    await expect(el).to.be.accessible();
    // Fixing it builds.
    el.method = 'simple';
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(el.result!.method).to.equal('simple');
    el.remove();
  });

  it('hostile strings in customer ids stay text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical" .data=${[{ customer: evil, date: '2022-01-01', amount: 5 }, { customer: '__proto__', date: '2022-02-01', amount: 3 }]}></kpi-ltv>`);
    await ready(el);
    await aTimeout(20);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(text(el)).to.contain(evil);
  });
});

describe('<kpi-ltv> off-main-thread loading (fetchInput, for the proposed KpiElement hook)', () => {
  it('a worker fetches, parses and packs the columns; the element builds the same model from them', async () => {
    const viaSrc = await fixture<KpiLtv>(html`<kpi-ltv method="historical" margin="0.3" src="/data/cdnow_transactions.json"></kpi-ltv>`);
    await ready(viaSrc);
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical" margin="0.3"></kpi-ltv>`);
    const parsed = await (el as unknown as { fetchInput: (s: string, o: object) => Promise<{ value: unknown; header?: readonly string[] }> }).fetchInput('/data/cdnow_transactions.json', {});
    expect((parsed.value as { kind: string }).kind).to.equal('ltv-columns');
    expect(parsed.header).to.deep.equal(['customerId', 'date', 'amount']);
    el.data = parsed.value;
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(el.result!.customers).to.equal(2357);
    expect(el.result!.transactions).to.equal(6919);
    expect(value(el.result)).to.be.closeTo(value(viaSrc.result), 1e-9);
    await expect(el).to.be.accessible();
  });

  it('a new field mapping after a packed load fetches the src again with it (no stale columns, no error)', async () => {
    // amount and net per purchase: A 100/50 + 50/25, B 200/100.
    const csv = 'customer,date,amount,net\nA,2022-01-10,100,50\nA,2022-06-10,50,25\nB,2022-02-01,200,100\n';
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const errors: unknown[] = [];
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical" src=${url} @kpi-error=${(e: Event) => errors.push(e)}></kpi-ltv>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(value(el.result)).to.be.closeTo(175, 1e-9); // (150 + 200) ÷ 2
    el.setAttribute('amount-field', 'net');
    await el.updateComplete;
    expect(el.state).to.equal('loading'); // the packed columns hold amount: fetched again
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(value(el.result)).to.be.closeTo(87.5, 1e-9); // (75 + 100) ÷ 2
    expect(el.result!.transactions).to.equal(3);
    expect(errors).to.deep.equal([]);
    URL.revokeObjectURL(url);
  });

  it('packed columns handed over through data with another mapping are a config error, not a reload', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv method="historical"></kpi-ltv>`);
    const parsed = await (el as unknown as { fetchInput: (s: string, o: object) => Promise<{ value: unknown }> }).fetchInput('/data/cdnow_transactions.json', {});
    const { el: other, detail } = await errorFrom<KpiLtv>('kpi-ltv', (o) => {
      o.setAttribute('customer-field', 'date');
      o.data = parsed.value;
    });
    expect(detail.code).to.equal('config');
    expect(detail.message).to.contain('the packed columns were built with another field mapping');
    other.remove();
  });

  it('the worker reports HTTP errors with their code', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv></kpi-ltv>`);
    let error: { code?: string; status?: number } = {};
    try {
      await (el as unknown as { fetchInput: (s: string, o: object) => Promise<unknown> }).fetchInput('/data/missing.json', {});
    } catch (e) {
      error = e as { code?: string; status?: number };
    }
    expect(error.code).to.equal('http');
    expect(error.status).to.equal(404);
  });
});

describe('The kit\'s one worker loads in the browser and answers the LTV jobs (not only their main-thread fallbacks)', () => {
  it('job ltv-fit answers a fit with typed arrays', async () => {
    const { toColumns } = await import('../../src/widgets/ltv/columns.ts');
    const { resolvePredictive } = await import('../../src/widgets/ltv/predictive.ts');
    const tx = (await (await fetch('/data/cdnow_transactions.json')).json()) as unknown[];
    const cols = toColumns(tx, { customer: 'customerId', date: 'date', amount: 'amount' });
    const worker = new Worker(new URL('../../src/entries/worker.ts', import.meta.url), { type: 'module' });
    const answer = new Promise<{ type: string; result?: { ok: boolean; params?: { r: number }; predictions?: { clv: Float64Array } } }>((resolve, reject) => {
      worker.onmessage = (e) => e.data.type !== 'progress' && resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message || 'worker failed to load'));
    });
    worker.postMessage({ type: 'ltv-fit', id: 1, columns: { n: cols.n, ids: cols.ids, customer: cols.customer, day: cols.day, amount: cols.amount }, settings: resolvePredictive({ unit: 'weeks', calibrationEnd: '1997-09-30' }) });
    const msg = await answer;
    worker.terminate();
    expect(msg.type).to.equal('result');
    expect(msg.result!.ok).to.equal(true);
    expect(msg.result!.params!.r.toFixed(3)).to.equal('0.243');
    expect(msg.result!.predictions!.clv).to.be.instanceOf(Float64Array);

    // As the widget sends it (fit.ts): no id strings, only their count. The fit keys customers
    // by index: the same parameters and the same prediction for every customer.
    const { fitColumns } = await import('../../src/widgets/ltv/fit.ts');
    const byIndex = await fitColumns(cols, resolvePredictive({ unit: 'weeks', calibrationEnd: '1997-09-30' }));
    expect(byIndex.ok).to.equal(true);
    if (!byIndex.ok) return;
    expect(byIndex.params.r).to.be.closeTo(msg.result!.params!.r, 1e-9);
    const a = msg.result!.predictions!.clv;
    const b = byIndex.predictions.clv;
    expect(b.length).to.equal(cols.ids.length);
    expect(b.length).to.equal(2357);
    let worst = 0;
    for (let c = 0; c < a.length; c++) worst = Math.max(worst, Math.abs(a[c]! - b[c]!));
    expect(worst).to.be.below(1e-6);
  });

  it('job ltv-load fetches and packs columns', async () => {
    const worker = new Worker(new URL('../../src/entries/worker.ts', import.meta.url), { type: 'module' });
    const answer = new Promise<{ type: string; result?: { kind: string; columns: { n: number; ids: string[]; packedIds: { text: string; ends: Int32Array } } } }>((resolve, reject) => {
      worker.onmessage = (e) => e.data.type !== 'progress' && resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message || 'worker failed to load'));
    });
    worker.postMessage({ type: 'ltv-load', id: 1, url: new URL('/data/cdnow_transactions.json', location.href).href, mapping: {}, lang: 'en' });
    const msg = await answer;
    worker.terminate();
    expect(msg.type).to.equal('result');
    expect(msg.result!.kind).to.equal('ltv-columns');
    expect(msg.result!.columns.n).to.equal(6919);
    // The ids travel packed (one string, one Int32Array of end offsets): the customers of the
    // file in order of first appearance, worked out here from the file itself.
    const { text, ends } = msg.result!.columns.packedIds;
    expect(ends).to.be.instanceOf(Int32Array);
    expect(ends.length).to.equal(2357);
    const rows = (await (await fetch('/data/cdnow_transactions.json')).json()) as { customerId: string }[];
    const firstSeen = [...new Set(rows.map((r) => r.customerId))];
    const unpacked = [...ends].map((end, i) => text.slice(i ? ends[i - 1]! : 0, end));
    expect(unpacked).to.deep.equal(firstSeen);
  });
});
