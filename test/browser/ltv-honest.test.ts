// <kpi-ltv> honest about time (issue #12) and fed by BG/NBD pattern counts (issue #13), in Chromium.
import { fixture, html, expect } from '@open-wc/testing';
import '../../src/define.ts';
import { errorFrom, ready, shadowText } from './helpers.ts';
import type { KpiLtv } from '../../src/widgets/ltv/element.ts';

const CDNOW = '/data/cdnow_transactions.json';
const PATTERNS = '/data/cdnow_patterns.json';

describe('<kpi-ltv> predictive with data past the calibration end', () => {
  it('shows the hold-out check: the errors in words, the tracking plot with its marker, the groups', async function () {
    this.timeout(60_000); // a CDNOW fit on a shared machine
    const el = await fixture<KpiLtv>(html`<kpi-ltv src=${CDNOW} method="predictive" time-unit="weeks" calibration-end="1997-09-30" cac="12"></kpi-ltv>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    const h = el.result!.predictive!.holdout!;
    expect(h.holdoutActual).to.equal(1882);
    expect(Math.round(h.conditionalPredicted)).to.equal(1653);
    expect(h.actualCumulative.length).to.equal(78);
    const root = el.shadowRoot!;
    const section = root.querySelector('[part="holdout"]')!;
    expect(section).to.exist;
    const t = section.textContent!.replace(/\s+/g, ' ');
    expect(t).to.contain('1,653 predicted from each customer’s history, 1,882 actual (−12.1%)');
    expect(t).to.contain('4,161 expected, 4,339 actual (−4.1%)');
    expect(t).to.contain('39 weeks of it are already in the data (to 1998-06-30)');
    expect(t).to.contain('7+');
    const chart = root.querySelector('svg[part="holdout-chart"]')!;
    expect(chart.querySelectorAll('path.track').length).to.equal(2);
    const marker = chart.querySelector('line.cal-marker')!;
    // Week 39 of 78: the marker is halfway along the plot.
    const x = Number(marker.getAttribute('x1'));
    const labels = [...chart.querySelectorAll('text')].map((n) => n.textContent!.trim());
    expect(labels).to.include.members(['0', '13', '26', '39', '52', '65', '78', 'Week']);
    expect(x).to.be.greaterThan(Number(chart.getAttribute('width')) * 0.4);
    expect(x).to.be.lessThan(Number(chart.getAttribute('width')) * 0.6);
    expect(chart.getAttribute('aria-label')).to.contain('the calibration ends in week 39');
    await expect(el).to.be.accessible();
  });

  it('one as-of date: the at-risk table says so and shows no purchase after 1997-09-30; the fitted 946 are named', async function () {
    this.timeout(60_000); // a CDNOW fit on a shared machine
    const el = await fixture<KpiLtv>(html`<kpi-ltv src=${CDNOW} method="predictive" calibration-end="1997-09-30"></kpi-ltv>`);
    await ready(el);
    const risk = el.shadowRoot!.querySelector('section.customers.risk')!;
    expect(risk.textContent).to.contain('Every column as of 1997-09-30, the calibration end.');
    const lastCol = [...risk.querySelectorAll('thead th')].findIndex((th) => th.textContent!.includes('Last purchase'));
    const dates = [...risk.querySelectorAll('tbody tr')].map((tr) => tr.children[lastCol]!.textContent!.trim());
    expect(dates.length).to.equal(10);
    for (const d of dates) expect(d <= '1997-09-30', d).to.equal(true);
    // Ranked by the expected value still at stake: nobody nearly gone on top.
    const r = el.result!;
    expect(r.atRisk[0]!.probabilityAlive!).to.be.greaterThan(0.1);
    expect(r.atRisk.every((c, i) => i === 0 || c.valueAtStake! <= r.atRisk[i - 1]!.valueAtStake!)).to.equal(true);
    const text = shadowText(el);
    expect(text).to.contain('Repeat customers: 1,139 · model fitted on 946 to 1997-09-30');
  });

  it('horizon="0.5": half a week, computed as given (not one week)', async function () {
    this.timeout(90_000); // two fits, one after the other
    const half = await fixture<KpiLtv>(html`<kpi-ltv src=${CDNOW} method="predictive" calibration-end="1997-09-30" horizon="0.5"></kpi-ltv>`);
    const one = await fixture<KpiLtv>(html`<kpi-ltv src=${CDNOW} method="predictive" calibration-end="1997-09-30" horizon="1"></kpi-ltv>`);
    await ready(half);
    await ready(one);
    const h = half.result!.predictive!.expectedPurchases;
    const o = one.result!.predictive!.expectedPurchases;
    expect(h / o).to.be.greaterThan(0.45);
    expect(h / o).to.be.lessThan(0.55);
    expect(shadowText(half)).to.contain('over the next 0.5 weeks');
  });

  it('Spanish: the check in Spanish with Spanish numbers', async function () {
    this.timeout(60_000); // a CDNOW fit on a shared machine
    const el = await fixture<KpiLtv>(html`<kpi-ltv lang="es" src=${CDNOW} method="predictive" calibration-end="1997-09-30"></kpi-ltv>`);
    await ready(el);
    const t = el.shadowRoot!.querySelector('[part="holdout"]')!.textContent!.replace(/\s+/g, ' ');
    expect(t).to.contain('Comprobación fuera de muestra');
    expect(t).to.match(/1\.882 reales \(−12,1\s%\)/);
  });
});

describe('<kpi-ltv input="patterns">', () => {
  it('src: the CLI\'s "patterns" file → the weighted fit, the published parameters, population outputs, and what needs customers', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv input="patterns" src=${PATTERNS}></kpi-ltv>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    const p = el.result!.patterns!;
    expect(p.fit.ok).to.equal(true);
    if (!p.fit.ok) return;
    expect(p.fit.params.r.toFixed(3)).to.equal('0.243');
    expect(p.fit.params.alpha.toFixed(3)).to.equal('4.414');
    expect(p.fit.params.a.toFixed(3)).to.equal('0.793');
    expect(p.fit.params.b.toFixed(3)).to.equal('2.426');
    expect(p.fit.customers).to.equal(2357);
    expect(p.fit.patterns).to.equal(1016);
    expect(p.calibrationEnd).to.equal('1997-09-30');
    expect(el.result!.customers).to.equal(2357);
    expect(el.result!.ltv.ok).to.equal(false);
    const t = shadowText(el);
    expect(t).to.contain('BG/NBD fitted on 1,016 purchase patterns standing for 2,357 customers (946 repeat customers)');
    expect(t).to.contain('Expected repeat purchases over the next 52 weeks: 2,089');
    expect(el.shadowRoot!.querySelector('[part="needs-customers"]')!.textContent).to.contain('need per-customer data');
    expect(el.shadowRoot!.querySelector('[part="params"]')!.textContent).to.contain('4.414');
    expect(el.shadowRoot!.querySelector('[part="histogram"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('data property (plain rows) and an inline JSON script give the same fit', async () => {
    const file = await (await fetch(PATTERNS)).json();
    const byData = await fixture<KpiLtv>(html`<kpi-ltv input="patterns" .data=${file.rows}></kpi-ltv>`);
    await ready(byData);
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(file);
    const inline = document.createElement('kpi-ltv') as KpiLtv;
    inline.setAttribute('input', 'patterns');
    inline.append(script);
    document.body.append(inline);
    await ready(inline);
    const a = byData.result!.patterns!.fit;
    const b = inline.result!.patterns!.fit;
    expect(a.ok && b.ok).to.equal(true);
    if (!a.ok || !b.ok) return;
    expect(a.params.r).to.equal(b.params.r);
    expect(a.expectedPurchases).to.equal(b.expectedPurchases);
    inline.remove();
  });

  it('a bad pattern row is a validation error naming the row', async () => {
    const { el, detail } = await errorFrom<KpiLtv>('kpi-ltv', (e) => {
      e.setAttribute('input', 'patterns');
      e.data = [{ x: 1, t_x: 3, T: 10, n: 2 }, { x: 2, t_x: 12, T: 10, n: 1 }];
    });
    expect(detail.code).to.equal('validation');
    expect(detail.message).to.contain('pattern row 2');
    expect(el.state).to.equal('error');
    el.remove();
  });

  it('Spanish', async () => {
    const el = await fixture<KpiLtv>(html`<kpi-ltv lang="es" input="patterns" src=${PATTERNS}></kpi-ltv>`);
    await ready(el);
    const t = shadowText(el);
    expect(t).to.contain('BG/NBD ajustado con 1.016 patrones de compra que representan a 2.357 clientes');
    expect(t).to.contain('necesitan datos por cliente');
  });

  it('the kit\'s worker answers the job ltv-patterns-fit', async () => {
    const file = await (await fetch(PATTERNS)).json();
    const rows = file.rows.map((r: { x: number; t_x: number; T: number; n: number }) => ({ frequency: r.x, recency: r.t_x, T: r.T, n: r.n }));
    const worker = new Worker(new URL('../../src/entries/worker.ts', import.meta.url), { type: 'module' });
    const answer = new Promise<{ type: string; result?: { ok: boolean; params?: { alpha: number }; customers?: number } }>((resolve, reject) => {
      worker.onmessage = (e) => e.data.type !== 'progress' && resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message || 'worker failed to load'));
    });
    worker.postMessage({ type: 'ltv-patterns-fit', id: 1, rows, horizon: 52 });
    const msg = await answer;
    worker.terminate();
    expect(msg.type).to.equal('result');
    expect(msg.result!.ok).to.equal(true);
    expect(msg.result!.params!.alpha.toFixed(3)).to.equal('4.414');
    expect(msg.result!.customers).to.equal(2357);
  });
});
