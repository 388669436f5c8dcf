// The shared UI parts (src/core/ui/), each in a small host element of its own, in real Chromium.
import { expect, fixture, html as fx, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, html, svg } from 'lit';
import { tokens } from '../../src/core/ui/tokens.ts';
import { RovingFocus } from '../../src/core/ui/roving-focus.ts';
import { nextSort, sortableStyles, sortHeader, sortRows, type SortState } from '../../src/core/ui/sortable-table.ts';
import { TableToggle, tableStyles } from '../../src/core/ui/table-toggle.ts';
import { tooltip, tooltipStyles } from '../../src/core/ui/tooltip.ts';
import { bullet, bulletStyles } from '../../src/core/ui/bullet.ts';
import { axisBottom, axisLeft, axisStyles } from '../../src/core/ui/axis.ts';
import { emptyView, errorView, loadingView, rejectedNotice } from '../../src/core/ui/states.ts';
import { bulletLayout } from '../../src/charts/bullet-layout.ts';

// ---- roving focus ---------------------------------------------------------------------

class RovingHost extends LitElement {
  static override styles = [tokens];
  selected: number[] = [];
  escapes = 0;
  readonly roving = new RovingFocus(this, {
    items: '.item',
    onSelect: (i) => this.selected.push(i),
    onEscape: () => this.escapes++,
  });
  override render() {
    const n = 4;
    return html`<div role="toolbar" aria-label="Stages" @keydown=${this.roving.onKeyDown}>
      ${Array.from({ length: n }, (_, i) => html`<span class="item" role="button" data-index=${i} tabindex=${this.roving.tabIndex(i, n)}>Item ${i}</span>`)}
      <span class="other" tabindex="0">not an item</span>
    </div>`;
  }
}
customElements.define('ui-roving-host', RovingHost);

const focusedIndex = (el: HTMLElement) => el.shadowRoot!.activeElement?.getAttribute('data-index') ?? null;
const tabStops = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('.item')].filter((i) => i.getAttribute('tabindex') === '0').map((i) => i.getAttribute('data-index'));

async function press(el: RovingHost, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
  await el.updateComplete;
}

describe('RovingFocus', () => {
  it('one tab stop; arrows, Home and End move it and the focus; Enter and Space select; Escape calls back', async () => {
    const el = await fixture<RovingHost>(fx`<ui-roving-host></ui-roving-host>`);
    expect(tabStops(el)).to.deep.equal(['0']);
    (el.shadowRoot!.querySelector('.item[data-index="0"]') as HTMLElement).focus();
    await press(el, 'ArrowRight');
    expect(focusedIndex(el)).to.equal('1');
    expect(tabStops(el)).to.deep.equal(['1']);
    await press(el, 'ArrowDown');
    expect(focusedIndex(el)).to.equal('2');
    await press(el, 'ArrowUp');
    expect(focusedIndex(el)).to.equal('1');
    await press(el, 'ArrowLeft');
    expect(focusedIndex(el)).to.equal('0');
    await press(el, 'ArrowLeft'); // no wrapping
    expect(focusedIndex(el)).to.equal('0');
    await press(el, 'End');
    expect(focusedIndex(el)).to.equal('3');
    expect(tabStops(el)).to.deep.equal(['3']);
    await press(el, 'ArrowRight'); // no wrapping
    expect(focusedIndex(el)).to.equal('3');
    await press(el, 'Home');
    expect(focusedIndex(el)).to.equal('0');
    await press(el, 'ArrowRight');
    await press(el, 'Enter');
    await press(el, 'ArrowRight');
    await press(el, 'Space');
    expect(el.selected).to.deep.equal([1, 2]);
    await press(el, 'Escape');
    expect(el.escapes).to.equal(1);
    expect(tabStops(el)).to.deep.equal(['2']);
    // Keys on something that is not an item are left alone.
    (el.shadowRoot!.querySelector('.other') as HTMLElement).focus();
    await press(el, 'Home');
    expect(tabStops(el)).to.deep.equal(['2']);
    expect(el.shadowRoot!.activeElement!.classList.contains('other')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('set() moves the tab stop without moving the focus; an out-of-range active item falls back to the first', async () => {
    const el = await fixture<RovingHost>(fx`<ui-roving-host></ui-roving-host>`);
    el.roving.set(2);
    await el.updateComplete;
    expect(tabStops(el)).to.deep.equal(['2']);
    expect(focusedIndex(el)).to.equal(null);
    el.roving.set(9);
    await el.updateComplete;
    expect(tabStops(el)).to.deep.equal(['0']);
  });
});

// ---- sortable table + table toggle ----------------------------------------------------

interface Rep {
  readonly name: string;
  readonly deals: number | null;
}
const REPS: readonly Rep[] = [
  { name: 'Other', deals: 90 },
  { name: 'Bea', deals: 12 },
  { name: 'Al', deals: 30 },
  { name: 'Cy', deals: null },
];

const TEXTS: Record<string, string> = { showTable: 'Show the numbers as a table', hideTable: 'Hide the table', dataTable: 'Data table' };

class TableHost extends LitElement {
  static override properties = { sort: { state: true } };
  static override styles = [tokens, sortableStyles, tableStyles];
  sort: SortState<keyof Rep> = { key: 'name', dir: 'ascending' };
  readonly dataTable = new TableToggle(this);
  override render() {
    const onSort = (key: keyof Rep) => (this.sort = nextSort(this.sort, key, key === 'name' ? 'ascending' : 'descending'));
    const rows = sortRows(REPS, this.sort.key, this.sort.dir, { pinLast: (r) => r.name === 'Other' });
    const table = () => html`<table class="data" part="table">
      <caption>Reps</caption>
      <thead><tr>
        ${sortHeader({ key: 'name' as const, label: 'Rep', sort: this.sort, onSort })}
        ${sortHeader({ key: 'deals' as const, label: 'Deals', sort: this.sort, onSort, sub: 'target 20' })}
      </tr></thead>
      <tbody>${rows.map((r) => html`<tr><th scope="row">${r.name}</th><td>${r.deals ?? '–'}</td></tr>`)}</tbody>
    </table>`;
    return html`<div class="sortable">${table()}</div>
      ${this.dataTable.render((key) => TEXTS[key] ?? key, table)}`;
  }
}
customElements.define('ui-table-host', TableHost);

describe('sortHeader + sortRows', () => {
  it('a button in each th; aria-sort follows the clicks; ↑ ↓ ↕ are muted and hidden from screen readers; "Other" stays last', async () => {
    const el = await fixture<TableHost>(fx`<ui-table-host></ui-table-host>`);
    const root = el.shadowRoot!.querySelector('.sortable')!;
    const ths = () => [...root.querySelectorAll('thead th')] as HTMLTableCellElement[];
    const order = () => [...root.querySelectorAll('tbody th')].map((th) => th.textContent!.trim());
    const indicators = () => ths().map((th) => th.querySelector('.sort-indicator')!.textContent);
    expect(ths().map((th) => th.getAttribute('aria-sort'))).to.deep.equal(['ascending', 'none']);
    expect(indicators()).to.deep.equal(['↑', '↕']);
    expect(order()).to.deep.equal(['Al', 'Bea', 'Cy', 'Other']);
    const deals = ths()[1]!.querySelector('button')!;
    expect(deals.getAttribute('data-sort')).to.equal('deals');
    expect(deals.querySelector('.sort-indicator')!.getAttribute('aria-hidden')).to.equal('true');
    expect(deals.querySelector('.sort-sub')!.textContent).to.equal('target 20');
    deals.click();
    await el.updateComplete;
    expect(ths().map((th) => th.getAttribute('aria-sort'))).to.deep.equal(['none', 'descending']);
    expect(indicators()).to.deep.equal(['↕', '↓']);
    expect(order()).to.deep.equal(['Al', 'Bea', 'Cy', 'Other']); // 30, 12, missing, pinned
    deals.click();
    await el.updateComplete;
    expect(ths()[1]!.getAttribute('aria-sort')).to.equal('ascending');
    expect(order()).to.deep.equal(['Bea', 'Al', 'Cy', 'Other']);
    ths()[0]!.querySelector('button')!.click();
    await el.updateComplete;
    expect(ths().map((th) => th.getAttribute('aria-sort'))).to.deep.equal(['ascending', 'none']);
    // Never the ▲ / ▼ that mean "above / below target" elsewhere in the kit.
    expect(root.querySelector('thead')!.textContent).not.to.match(/[▲▼]/);
    // The indicator is drawn in the muted colour (--_muted = #5b6472), and themable.
    const ind = ths()[0]!.querySelector('.sort-indicator')!;
    expect(getComputedStyle(ind).color).to.equal('rgb(91, 100, 114)');
    el.style.setProperty('--kpi-sort-indicator-color', 'rgb(1, 2, 3)');
    expect(getComputedStyle(ind).color).to.equal('rgb(1, 2, 3)');
    await expect(el).to.be.accessible();
  });
});

describe('tableToggle', () => {
  it('hidden: visually hidden but in the DOM; shown: a named, focusable region; the button says which', async () => {
    const el = await fixture<TableHost>(fx`<ui-table-host></ui-table-host>`);
    const button = el.shadowRoot!.querySelector('button[part="toggle"]') as HTMLButtonElement;
    const wrap = () => el.shadowRoot!.querySelector('#table') as HTMLElement;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('aria-controls')).to.equal('table');
    expect(button.textContent!.trim()).to.equal('Show the numbers as a table');
    expect(wrap().classList.contains('visually-hidden')).to.equal(true);
    expect(wrap().getBoundingClientRect().width).to.be.at.most(1);
    expect(wrap().querySelector('table')).to.equal(null); // lean DOM: not before the first paint…
    await new Promise((r) => requestAnimationFrame(r));
    expect(wrap().querySelector('table')).to.equal(null); // …nor in the frame's own task…
    await waitUntil(() => wrap().querySelector('table caption'), 'the hidden table never arrived', { timeout: 1000 });
    expect(wrap().querySelector('table caption')!.textContent).to.equal('Reps'); // …then there for screen readers
    expect(wrap().hasAttribute('role')).to.equal(false);
    await expect(el).to.be.accessible();
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Hide the table');
    expect(wrap().classList.contains('visually-hidden')).to.equal(false);
    expect(wrap().getAttribute('role')).to.equal('region');
    expect(wrap().getAttribute('tabindex')).to.equal('0');
    expect(wrap().getAttribute('aria-label')).to.equal('Data table');
    expect(wrap().getBoundingClientRect().width).to.be.greaterThan(50);
    await expect(el).to.be.accessible();
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(wrap().classList.contains('visually-hidden')).to.equal(true);
  });
});

// ---- tooltip, bullet, axis --------------------------------------------------------------

class ChartHost extends LitElement {
  static override properties = { tip: { state: true }, value: { state: true } };
  static override styles = [tokens, tooltipStyles, bulletStyles, axisStyles];
  tip: { x: number; y: number } | null = { x: 40, y: 30 };
  value: number | null = 80;
  override render() {
    const g = bulletLayout({ value: this.value, target: 100, direction: 'up', warning: 100, critical: 90, comparative: 60, width: 200, height: 24 });
    return html`<div class="wrap">
      ${bullet(g, { part: 'bullet', tick: (v) => `${v}%`, label: 'Win rate 80%, target 100%' })}
      <svg class="plot" width="200" height="100">
        ${axisLeft([{ value: 0, y: 90 }, { value: 50, y: 10 }], { x: 30, gridTo: 200, format: (v) => `${v}` })}
        ${axisBottom([{ value: 1, x: 30 }, { value: 2, x: 190, anchor: 'end' }], { y: 98, format: (v) => `Q${v}` })}
        ${svg`<rect x="40" y="20" width="10" height="70"></rect>`}
      </svg>
      ${tooltip(this.tip, html`<strong>Leads: 8,300</strong><div>94.3% of Visitors</div>`)}
    </div>`;
  }
}
customElements.define('ui-chart-host', ChartHost);

describe('tooltip', () => {
  it('positioned through custom properties set in the CSSOM, aria-hidden, themable', async () => {
    const el = await fixture<ChartHost>(fx`<ui-chart-host style="--kpi-tooltip-bg: rgb(10, 20, 30)"></ui-chart-host>`);
    const tip = el.shadowRoot!.querySelector('[part="tooltip"]') as HTMLElement;
    expect(tip.getAttribute('role')).to.equal('tooltip');
    expect(tip.getAttribute('aria-hidden')).to.equal('true');
    expect(tip.style.getPropertyValue('--_tip-x')).to.equal('40px');
    expect(tip.style.getPropertyValue('--_tip-y')).to.equal('30px');
    const cs = getComputedStyle(tip);
    expect(cs.left).to.equal('40px');
    expect(cs.top).to.equal('30px');
    expect(cs.backgroundColor).to.equal('rgb(10, 20, 30)');
    expect(cs.color).to.equal('rgb(255, 255, 255)');
    el.tip = { x: 120, y: 5 };
    await el.updateComplete;
    expect(getComputedStyle(tip).left).to.equal('120px');
    el.tip = null;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="tooltip"]')).to.equal(null);
  });
});

describe('bullet + axis', () => {
  it('bands, measure, target and comparative markers, labels; coloured by --kpi-bullet-*', async () => {
    const el = await fixture<ChartHost>(fx`<ui-chart-host style="--kpi-bullet-measure: rgb(200, 0, 0); --kpi-bullet-poor: rgb(0, 0, 200)"></ui-chart-host>`);
    const b = el.shadowRoot!.querySelector('svg[part="bullet"]') as SVGSVGElement;
    expect(b.getAttribute('role')).to.equal('img');
    expect(b.getAttribute('aria-label')).to.equal('Win rate 80%, target 100%');
    expect([...b.querySelectorAll('.range')].map((r) => r.classList[1])).to.deep.equal(['poor', 'satisfactory', 'good']);
    // Scale [0, 120] over 200 px: the measure ends at 80 → 133.3 px, the target at 100 → 166.7 px, the comparative at 60 → 100 px.
    const measure = b.querySelector('.measure')!;
    expect(Number(measure.getAttribute('width'))).to.be.closeTo(133.33, 0.01);
    expect(Number(b.querySelector('.marker')!.getAttribute('x1'))).to.be.closeTo(166.67, 0.01);
    expect(Number(b.querySelector('.comparative')!.getAttribute('x1'))).to.equal(100);
    expect(b.querySelector('.overflow')).to.equal(null);
    expect(getComputedStyle(measure).fill).to.equal('rgb(200, 0, 0)');
    expect(getComputedStyle(b.querySelector('.range.poor')!).fill).to.equal('rgb(0, 0, 200)');
    const ticks = [...b.querySelectorAll('.axis text')];
    expect(ticks.map((t) => t.textContent)).to.deep.equal(['0%', '20%', '40%', '60%', '80%', '100%', '120%']);
    expect(ticks[0]!.getAttribute('text-anchor')).to.equal('start');
    expect(ticks[ticks.length - 1]!.getAttribute('text-anchor')).to.equal('end');
    // A value far past the scale: clamped, with an arrow at the right end.
    el.value = 10_000;
    await el.updateComplete;
    const arrow = b.querySelector('.overflow')!;
    expect(arrow.getAttribute('d')!.startsWith('M199,')).to.equal(true);
    // A value far below zero: the arrow points left, at the left end.
    el.value = -10_000;
    await el.updateComplete;
    expect(b.querySelector('.overflow')!.getAttribute('d')!.startsWith('M1,')).to.equal(true);
    // No value: no measure.
    el.value = null;
    await el.updateComplete;
    expect(b.querySelector('.measure')).to.equal(null);
  });

  it('axis partials: left labels end before the plot with grid lines across it, bottom labels take the layout anchor', async () => {
    const el = await fixture<ChartHost>(fx`<ui-chart-host></ui-chart-host>`);
    const plot = el.shadowRoot!.querySelector('svg.plot')!;
    const [left, bottom] = [...plot.querySelectorAll(':scope > g.axis')];
    expect(left!.getAttribute('aria-hidden')).to.equal('true');
    expect([...left!.querySelectorAll('text')].map((t) => [t.textContent, t.getAttribute('x'), t.getAttribute('text-anchor')])).to.deep.equal([
      ['0', '24', 'end'],
      ['50', '24', 'end'],
    ]);
    expect([...left!.querySelectorAll('line.gridline')].map((l) => [l.getAttribute('x1'), l.getAttribute('x2'), l.getAttribute('y1')])).to.deep.equal([
      ['30', '200', '90'],
      ['30', '200', '10'],
    ]);
    expect([...bottom!.querySelectorAll('text')].map((t) => [t.textContent, t.getAttribute('text-anchor')])).to.deep.equal([
      ['Q1', 'middle'],
      ['Q2', 'end'],
    ]);
    expect(getComputedStyle(bottom!.querySelector('text')!).fill).to.equal('rgb(91, 100, 114)');
  });
});

// ---- state views ------------------------------------------------------------------------

class StatesHost extends LitElement {
  static override styles = [tokens];
  retried = 0;
  override render() {
    return html`${loadingView('Loading data…')}
      ${loadingView('Fitting: 40%', { value: 0.4, label: 'Progress' })}
      ${errorView({
        title: 'This widget could not show its data',
        message: 'The server answered HTTP 404.',
        issues: ['row 2, count: expected a number', 'row 5, stage: required'],
        more: '…and 3 more.',
        retry: { label: 'Retry', onRetry: () => this.retried++ },
      })}
      ${emptyView({ title: 'No data to show.', hint: 'Give the widget rows.' })}
      ${rejectedNotice({ summary: '2 rows were left out because they are not valid.', issues: ['row 2, count: expected a number'] })}`;
  }
}
customElements.define('ui-states-host', StatesHost);

describe('state views', () => {
  it('loading (with and without progress), error with issues and retry, empty, rejected rows', async () => {
    const el = await fixture<StatesHost>(fx`<ui-states-host></ui-states-host>`);
    const r = el.shadowRoot!;
    const [plain, progress] = [...r.querySelectorAll('[part~="loading"]')];
    expect(plain!.getAttribute('role')).to.equal('status');
    expect(plain!.getAttribute('aria-live')).to.equal('polite');
    expect(plain!.querySelector('.skeleton')).to.exist;
    const bar = progress!.querySelector('progress[part="progress"]') as HTMLProgressElement;
    expect(bar.value).to.be.closeTo(0.4, 1e-9);
    expect(bar.getAttribute('aria-label')).to.equal('Progress');
    const error = r.querySelector('[part~="error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect([...error.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal([
      'row 2, count: expected a number',
      'row 5, stage: required',
      '…and 3 more.',
    ]);
    (error.querySelector('button[part="retry"]') as HTMLButtonElement).click();
    expect(el.retried).to.equal(1);
    const empty = r.querySelector('[part~="empty"]')!;
    expect(empty.textContent!.replace(/\s+/g, ' ').trim()).to.equal('No data to show. Give the widget rows.');
    const notice = r.querySelector('details[part="notice"]')!;
    expect(notice.querySelector('summary')!.textContent).to.equal('2 rows were left out because they are not valid.');
    await expect(el).to.be.accessible();
  });
});
