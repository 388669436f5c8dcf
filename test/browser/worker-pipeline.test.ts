// A spec's whole pipeline for `src` in the kit's worker (spec.job, core/element/pipeline.ts):
// the funnel and the scorecard give exactly what they give for the same rows through `data`,
// the worker (not the page) does the work, progress shows while it runs, and with no worker
// the same pipeline runs on the main thread.
import { fixture, html, expect, aTimeout } from '@open-wc/testing';
import '../../src/define.ts';
import { ready } from './helpers.ts';
import type { KpiFunnel } from '../../src/widgets/funnel/element.ts';
import type { KpiScorecard } from '../../src/widgets/scorecard/element.ts';
import { crmConfig } from '../../demo/scorecard.crm.ts';

/** Record each job the page sends to a worker (its `type`), and each message type a worker answers. */
function spyWorkers() {
  const sent: string[] = [];
  const answered: string[] = [];
  const Original = globalThis.Worker;
  class Spy extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (e) => answered.push(String((e as MessageEvent).data?.type)));
    }
    override postMessage(message: unknown, transfer?: unknown): void {
      sent.push(String((message as { type?: unknown })?.type));
      super.postMessage(message, transfer as Transferable[]);
    }
  }
  globalThis.Worker = Spy as typeof Worker;
  return { sent, answered, restore: () => (globalThis.Worker = Original) };
}

const FUNNEL_ATTRS = { 'stage-field': 'deal_stage', stages: 'Prospecting, Engaging, Won', 'lost-values': 'Lost', 'value-field': 'close_value', 'stage-dates': 'Engaging:engage_date, Won:close_date', 'group-by': 'regional_office' };

async function funnelFrom(input: { src: string } | { data: unknown }): Promise<KpiFunnel> {
  const el = document.createElement('kpi-funnel') as KpiFunnel;
  for (const [k, v] of Object.entries(FUNNEL_ATTRS)) el.setAttribute(k, v);
  if ('src' in input) el.setAttribute('src', input.src);
  else el.data = input.data;
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.append(el);
  return ready(el);
}

async function scorecardFrom(input: { src: string } | { data: unknown }): Promise<KpiScorecard> {
  const el = document.createElement('kpi-scorecard') as KpiScorecard;
  el.config = crmConfig('regional_office');
  el.setAttribute('group-by', 'regional_office');
  if ('src' in input) el.setAttribute('src', input.src);
  else el.data = input.data;
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.append(el);
  return ready(el);
}

describe('the pipeline of a src in the kit worker', () => {
  let spy: ReturnType<typeof spyWorkers>;
  beforeEach(() => (spy = spyWorkers()));
  afterEach(() => spy.restore());

  it('<kpi-funnel src>: the worker computes exactly what `data` gives (8,800 → 8,300 → 4,238)', async () => {
    const viaSrc = await funnelFrom({ src: '/data/sales_pipeline.csv' });
    expect(spy.sent).to.deep.equal(['funnel-src']);
    expect(spy.answered).to.include('result');
    const text = await (await fetch('/data/sales_pipeline.csv')).text();
    const viaData = await funnelFrom({ data: text });
    expect(spy.sent, 'data is computed on the page').to.deep.equal(['funnel-src']);
    expect(viaSrc.state).to.equal('ready');
    const r = viaSrc.result!;
    expect(r.totalRows).to.equal(8800);
    expect(r.current.steps.map((s) => s.count)).to.deep.equal([8800, 8300, 4238]);
    expect(r.lost).to.equal(2473);
    expect(r.current.steps[2]!.medianDays!.ok && r.current.steps[2]!.medianDays!.value).to.equal(57);
    expect(r).to.deep.equal(viaData.result);
    expect(viaSrc.shadowRoot!.querySelector('svg[part="chart"]')!.textContent).to.contain('median 57 days');
  });

  it('<kpi-funnel src>: the CRM file with teams, grouped by office, the same both ways', async () => {
    const viaSrc = await funnelFrom({ src: '/data/crm_pipeline_teams.csv' });
    const viaData = await funnelFrom({ data: await (await fetch('/data/crm_pipeline_teams.csv')).text() });
    const byOffice = Object.fromEntries(viaSrc.result!.segments.map((s) => [s.key, s.funnel.steps.map((x) => x.count)]));
    expect(byOffice).to.deep.equal({ Central: [3512, 3012, 1629], West: [2997, 2997, 1438], East: [2291, 2291, 1171] });
    expect(viaSrc.result).to.deep.equal(viaData.result);
    expect(spy.sent).to.deep.equal(['funnel-src']);
  });

  it('<kpi-scorecard src>: the worker computes exactly what `data` gives (Q4 revenue 2,802,496)', async () => {
    const viaSrc = await scorecardFrom({ src: '/data/crm_pipeline_teams.csv' });
    expect(spy.sent).to.deep.equal(['scorecard-src']);
    const viaData = await scorecardFrom({ data: await (await fetch('/data/crm_pipeline_teams.csv')).text() });
    expect(viaSrc.state).to.equal('ready');
    const r = viaSrc.result!;
    const revenue = r.kpis.find((k) => k.id === 'revenue')!;
    expect(revenue.value.ok && revenue.value.value).to.equal(2802496);
    expect(revenue.series.map((s) => s.value)).to.deep.equal([1134672, 3086111, 2982255, 2802496]);
    expect(r.matrix!.rows.map((x) => x.member).sort()).to.deep.equal(['Central', 'East', 'West']);
    expect(r.quality!.flaggedRows).to.equal(2683);
    expect(r.totalRows).to.equal(8800);
    expect(r).to.deep.equal(viaData.result);
  });

  it('a worker job shows its progress while it loads, then the result', async () => {
    // 120,000 deals (a Blob URL the worker fetches): long enough for the worker to report progress.
    const lines = ['opportunity_id,deal_stage,close_value'];
    const stages = ['Prospecting', 'Engaging', 'Won', 'Lost'];
    for (let i = 0; i < 120_000; i++) lines.push(`d${i},${stages[i % 4]},${(i % 4) === 2 ? 100 : ''}`);
    const url = URL.createObjectURL(new Blob([lines.join('\n')], { type: 'text/csv' }));
    const el = document.createElement('kpi-funnel') as KpiFunnel;
    el.setAttribute('stage-field', 'deal_stage');
    el.setAttribute('stages', 'Prospecting, Engaging, Won');
    el.setAttribute('lost-values', 'Lost');
    el.setAttribute('src', url);
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.append(el);
    const seen: number[] = [];
    await el.updateComplete;
    for (let i = 0; i < 2000 && el.state === 'loading'; i++) {
      const bar = el.shadowRoot!.querySelector<HTMLProgressElement>('progress[part~="progress"]');
      if (bar) seen.push(bar.value);
      await aTimeout(2);
    }
    URL.revokeObjectURL(url);
    expect(el.state).to.equal('ready');
    expect(spy.sent).to.deep.equal(['funnel-src']);
    expect(spy.answered, 'the worker reported progress').to.include('progress');
    expect(seen.length, 'a progress bar while loading').to.be.greaterThan(0);
    expect(Math.max(...seen), 'the bar moved past the fetch').to.be.greaterThan(0);
    // 30,000 rows per stage value. A lost deal with no lost-at stage and no dates left at the
    // stage before the last (kpis/funnel-records.ts), so it reached Engaging:
    // Prospecting 120,000; Engaging 120,000 − 30,000 still in Prospecting = 90,000; Won 30,000.
    expect(el.result!.current.steps.map((s) => s.count)).to.deep.equal([120_000, 90_000, 30_000]);
  });

  it('without a worker the same pipeline runs on the page, with the same result', async () => {
    spy.restore();
    const Original = globalThis.Worker;
    (globalThis as { Worker?: unknown }).Worker = undefined;
    try {
      const viaSrc = await funnelFrom({ src: '/data/sales_pipeline.csv' });
      expect(viaSrc.result!.current.steps.map((s) => s.count)).to.deep.equal([8800, 8300, 4238]);
      const card = await scorecardFrom({ src: '/data/crm_pipeline_teams.csv' });
      const revenue = card.result!.kpis.find((k) => k.id === 'revenue')!;
      expect(revenue.value.ok && revenue.value.value).to.equal(2802496);
    } finally {
      globalThis.Worker = Original;
    }
  });

  it('without a worker, a large JSON src is parsed on the page in slices (no one JSON.parse of the body), with the same result', async () => {
    spy.restore();
    // 60,000 deals as JSON (about 4 MB): Prospecting 15,000 × 4 stage values, as the CSV test above.
    const stages = ['Prospecting', 'Engaging', 'Won', 'Lost'];
    const rows = Array.from({ length: 60_000 }, (_, i) => ({ opportunity_id: `d${i}`, deal_stage: stages[i % 4], close_value: i % 4 === 2 ? 100 : null, note: i % 9 ? '' : 'a, "b" ] }' }));
    const body = JSON.stringify(rows);
    const url = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
    const OriginalWorker = globalThis.Worker;
    const originalParse = JSON.parse;
    const parsed: number[] = [];
    (globalThis as { Worker?: unknown }).Worker = undefined;
    JSON.parse = ((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      parsed.push(String(text).length);
      return originalParse(text, reviver);
    }) as typeof JSON.parse;
    try {
      const el = document.createElement('kpi-funnel') as KpiFunnel;
      el.setAttribute('stage-field', 'deal_stage');
      el.setAttribute('stages', 'Prospecting, Engaging, Won');
      el.setAttribute('lost-values', 'Lost');
      el.setAttribute('src', url);
      const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
      wrap.append(el);
      await ready(el);
      expect(el.state).to.equal('ready');
      // Prospecting 60,000; Engaging 60,000 − 15,000 still in Prospecting = 45,000; Won 15,000.
      expect(el.result!.current.steps.map((s) => s.count)).to.deep.equal([60_000, 45_000, 15_000]);
      const big = parsed.filter((n) => n > 100_000);
      expect(body.length).to.be.greaterThan(4_000_000);
      expect(Math.max(...big), 'no JSON.parse of the whole body').to.be.lessThan(body.length / 2);
      expect(big.reduce((a, b) => a + b, 0), 'the slices cover the body').to.be.greaterThan(body.length * 0.9);
    } finally {
      JSON.parse = originalParse;
      globalThis.Worker = OriginalWorker;
      URL.revokeObjectURL(url);
    }
  });

  it('the worker fetches: a 404 comes back as the same typed http error (no byte of a body crosses the page)', async () => {
    const el = document.createElement('kpi-funnel') as KpiFunnel;
    for (const [k, v] of Object.entries(FUNNEL_ATTRS)) el.setAttribute(k, v);
    el.setAttribute('src', 'data/no-such-file.csv');
    const errors: { code: string; status?: number; url?: string }[] = [];
    el.addEventListener('kpi-error', (e) => errors.push((e as CustomEvent).detail));
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.append(el);
    await ready(el);
    expect(el.state).to.equal('error');
    expect(spy.sent).to.deep.equal(['funnel-src']);
    expect(errors.map((e) => [e.code, e.status])).to.deep.equal([['http', 404]]);
    // Resolved against the page, not against the worker's script URL.
    expect(errors[0]!.url).to.equal(new URL('data/no-such-file.csv', document.baseURI).href);
    expect(el.shadowRoot!.textContent).to.contain('HTTP 404');
  });

  it('in the worker, timeout holds and states the configured value; a newer src and disconnecting abort the request', async () => {
    const log = async () => (await (await fetch('/__test/log')).json()) as { opened: string[]; closed: string[] };
    const until = async (what: (l: { opened: string[]; closed: string[] }) => boolean) => {
      for (let i = 0; i < 150; i++) {
        if (what(await log())) return true;
        await aTimeout(100);
      }
      return false;
    };
    const el = document.createElement('kpi-funnel') as KpiFunnel;
    for (const [k, v] of Object.entries(FUNNEL_ATTRS)) el.setAttribute(k, v);
    el.setAttribute('timeout', '600');
    el.setAttribute('src', '/__test/hang?id=t1');
    const errors: { code: string; message: string }[] = [];
    el.addEventListener('kpi-error', (e) => errors.push((e as CustomEvent).detail));
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.append(el);
    await ready(el);
    expect(spy.sent).to.deep.equal(['funnel-src']);
    expect(errors.map((e) => e.code)).to.deep.equal(['timeout']);
    expect(errors[0]!.message).to.contain('after 600 ms');
    expect(await until((l) => l.closed.includes('t1')), 'the timed-out request was given up').to.equal(true);

    // Once the worker's request is at the server, a newer src aborts it, and disconnecting aborts the newer one.
    el.setAttribute('timeout', '60000');
    el.setAttribute('src', '/__test/hang?id=a');
    expect(await until((l) => l.opened.includes('a')), 'the worker asked for a').to.equal(true);
    expect(el.state).to.equal('loading');
    el.setAttribute('src', '/__test/hang?id=b');
    expect(await until((l) => l.closed.includes('a')), 'the older request was given up').to.equal(true);
    expect(await until((l) => l.opened.includes('b')), 'the worker asked for b').to.equal(true);
    el.remove();
    expect(await until((l) => l.closed.includes('b')), 'disconnecting gave up the newer request').to.equal(true);
    expect(spy.sent.filter((t) => t === 'abort').length).to.equal(2);
  }).timeout(60_000);

  it('bad rows found in the worker keep their code and rows: a validation error', async () => {
    const url = URL.createObjectURL(new Blob(['stage,count\nA,10\nB,n/a\n'], { type: 'text/csv' }));
    try {
      const el = await funnelFrom({ src: url });
      expect(spy.sent).to.deep.equal(['funnel-src']);
      expect(el.state).to.equal('error');
      expect(el.shadowRoot!.textContent!.replace(/\s+/g, ' ')).to.contain('row 2, count: expected a number, got "n/a"');
    } finally {
      URL.revokeObjectURL(url);
    }
  });
});
