// Inline data as a CMS editor pastes it: a <script type="text/csv"> that starts on the line
// after the tag (the README's own Spanish example), and the script-free <table> a sanitiser
// keeps. Both give the same funnel, counted by hand from the rows: 3,610 → 1,240 → 402 → 61.
import { fixture, expect } from '@open-wc/testing';
import '../../src/define.ts';
import { ready } from './helpers.ts';
import type { KpiFunnel } from '../../src/index.ts';

const counts = (el: KpiFunnel) => el.result!.current.steps.map((s) => s.count);

/** An element built from HTML text, as a CMS page would hold it. */
async function fromHtml<E extends HTMLElement>(markup: string): Promise<E> {
  const holder = await fixture<HTMLDivElement>('<div></div>');
  // The markup is a fixed string in this test, not data: parsed by the HTML parser, as a page would be.
  const doc = new DOMParser().parseFromString(`<body>${markup}</body>`, 'text/html');
  holder.append(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
  return holder.firstElementChild as E;
}

describe('inline data in CMS HTML', () => {
  it('a pasted ;-separated Spanish CSV starting on the line after <script> (blank line first)', async () => {
    const el = await fromHtml<KpiFunnel>(`<kpi-funnel lang="es" currency="EUR" targets="MQL:40%, SQL:35%">
  <script type="text/csv">
etapa;cantidad;importe
Leads;3.610;541.500,00
MQL;1.240;186.000,00
SQL;402;120.600,00
Ganados;61;30.500,00
  </script>
</kpi-funnel>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(counts(el)).to.deep.equal([3610, 1240, 402, 61]);
    expect(el.result!.current.steps[1]!.value).to.equal(186000);
  });

  it('a <table> child: header row gives the columns, cells are read with the locale decimal', async () => {
    const el = await fromHtml<KpiFunnel>(`<kpi-funnel lang="es" currency="EUR">
  <table>
    <thead><tr><th>etapa</th><th>cantidad</th><th>importe</th></tr></thead>
    <tbody>
      <tr><td>Leads</td><td>3.610</td><td>541.500,00</td></tr>
      <tr><td>MQL</td><td>1.240</td><td>186.000,00</td></tr>
      <tr><td>SQL</td><td>402</td><td>120.600,00</td></tr>
      <tr><td>Ganados</td><td>61</td><td>30.500,00</td></tr>
    </tbody>
  </table>
</kpi-funnel>`);
    await ready(el);
    expect(el.state).to.equal('ready');
    expect(counts(el)).to.deep.equal([3610, 1240, 402, 61]);
    expect(el.result!.current.steps[1]!.value).to.equal(186000);
    // 61 / 3,610 overall, worked out by hand: 1.69 %
    expect(el.result!.current.overall.ok && el.result!.current.overall.value.toFixed(4)).to.equal('0.0169');
  });

  it('an English table without <thead>: the first row is the header; editing a cell recomputes', async () => {
    const el = await fromHtml<KpiFunnel>(`<kpi-funnel lang="en">
  <table>
    <tr><td>stage</td><td>count</td></tr>
    <tr><td>Leads</td><td>1,200</td></tr>
    <tr><td>Won</td><td>300</td></tr>
  </table>
</kpi-funnel>`);
    await ready(el);
    expect(counts(el)).to.deep.equal([1200, 300]);
    el.querySelector('table')!.rows[2]!.cells[1]!.textContent = '600';
    await new Promise((r) => setTimeout(r, 50));
    await ready(el);
    expect(counts(el)).to.deep.equal([1200, 600]);
  });
});
