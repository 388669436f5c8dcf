import { fixture, html, expect, oneEvent } from '@open-wc/testing';
import '../../src/define.ts';
import { nextFrame, ready } from './helpers.ts';
import type { KpiFunnel } from '../../src/index.ts';
import { parseCsv, type KpiExportDetail } from '../../src/core/ui/export-files.ts';

/** Open the "Download" menu and press one format; the test cancels the event and keeps the file. */
async function download(el: HTMLElement, format: string): Promise<KpiExportDetail> {
  const root = el.shadowRoot!;
  const details = root.querySelector('details.export') as HTMLDetailsElement;
  details.open = true;
  const got = oneEvent(el, 'kpi-export') as Promise<CustomEvent<KpiExportDetail>>;
  el.addEventListener('kpi-export', (e) => e.preventDefault(), { once: true });
  (root.querySelector(`button[data-format="${format}"]`) as HTMLButtonElement).click();
  return (await got).detail;
}

const crm = () =>
  fixture<KpiFunnel>(html`<kpi-funnel src="/data/sales_pipeline.csv" stage-field="deal_stage" stages="Prospecting, Engaging, Won" lost-values="Lost"></kpi-funnel>`);

describe('export', () => {
  it('CSV of the CRM funnel: the rows are the data table cells (8,800 / 8,300 / 4,238)', async () => {
    const el = await ready(await crm());
    const d = await download(el, 'csv');
    expect(d.format).to.equal('csv');
    expect(d.filename).to.equal('kpi-funnel.csv');
    expect(d.blob.type).to.contain('text/csv');
    const rows = parseCsv(d.text!);
    const counts = Object.fromEntries(rows.filter((r) => ['Prospecting', 'Engaging', 'Won'].includes(r[0]!)).map((r) => [r[0], r[1]]));
    expect(counts).to.deep.equal({ Prospecting: '8,800', Engaging: '8,300', Won: '4,238' });
    // Every row of the (visually hidden) data table, cell for cell.
    const table = el.shadowRoot!.querySelector('table.data')!;
    const domRows = [...table.querySelectorAll('tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => {
        const copy = c.cloneNode(true) as Element;
        copy.querySelectorAll('.visually-hidden').forEach((h) => h.remove());
        return copy.textContent!.trim();
      }),
    );
    expect(rows.slice(1, 1 + domRows.length)).to.deep.equal(domRows);
    expect(rows[0]).to.deep.equal([table.querySelector('caption')!.textContent!.trim()]);
  });

  it('SVG: the chart with colours as attributes, no style strings', async () => {
    const el = await ready(await crm());
    const d = await download(el, 'svg');
    expect(d.filename).to.equal('kpi-funnel.svg');
    const doc = new DOMParser().parseFromString(d.text!, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).to.equal(null);
    const svg = doc.documentElement;
    expect(svg.localName).to.equal('svg');
    expect(svg.getAttribute('xmlns')).to.equal('http://www.w3.org/2000/svg');
    expect(d.text).not.to.match(/\sstyle="/);
    const bar = svg.querySelector('[part="bar"]')!;
    expect(bar.getAttribute('fill')).to.match(/^rgb/);
    expect(svg.textContent).to.contain('8,800');
  });

  it('PNG: offered once the page allows blob: images, and it is a PNG of the chart', async () => {
    const el = await ready(await crm());
    const root = el.shadowRoot!;
    expect(root.querySelector('button[data-format="png"]')).to.equal(null); // not probed yet
    const details = root.querySelector('details.export') as HTMLDetailsElement;
    details.open = true;
    for (let i = 0; i < 50 && !root.querySelector('button[data-format="png"]'); i++) await nextFrame();
    const d = await download(el, 'png');
    expect(d.blob.type).to.equal('image/png');
    const sig = new Uint8Array(await d.blob.slice(0, 4).arrayBuffer());
    expect([...sig]).to.deep.equal([0x89, 0x50, 0x4e, 0x47]);
    const bitmap = await createImageBitmap(d.blob);
    const chart = root.querySelector('svg[part="chart"]')!.getBoundingClientRect();
    expect(bitmap.width).to.equal(Math.round(chart.width * 2));
  });

  it('lean DOM: the first render leaves the hidden table out; the next frame puts it in', async () => {
    const el = document.createElement('kpi-funnel') as KpiFunnel;
    el.data = [
      { stage: 'A', count: 100 },
      { stage: 'B', count: 40 },
    ];
    document.body.append(el);
    try {
      await el.updateComplete;
      for (let i = 0; i < 50 && el.state !== 'ready'; i++) await el.updateComplete;
      expect(el.state).to.equal('ready');
      expect(el.shadowRoot!.querySelector('svg[part="chart"]')).not.to.equal(null);
      expect(el.shadowRoot!.querySelector('#table.visually-hidden table')).to.equal(null);
      await nextFrame();
      await nextFrame();
      expect(el.shadowRoot!.querySelector('#table.visually-hidden table.data')).not.to.equal(null);
      expect(el.shadowRoot!.querySelector('#table')!.textContent).to.contain('40');
    } finally {
      el.remove();
    }
  });
});
