// What a reader sees from the first frame a result is painted: nothing moves after it. A widget
// given its data by property (as React and Vue do) is laid out at its real width at once, not
// at a guess the ResizeObserver corrects a frame later; a scorecard's cards keep their height
// while their bullets and sparklines are drawn in the frames after (core/element/stages.ts).
import { expect } from '@open-wc/testing';
import '../../src/define.ts';
import { nextFrame } from './helpers.ts';
import type { KpiScorecard, ScorecardConfigInput } from '../../src/widgets/scorecard/element.ts';
import type { KpiFunnel } from '../../src/widgets/funnel/element.ts';

const DEALS = [
  { opportunity_id: 'a', sales_agent: 'Ana', deal_stage: 'Won', close_value: 100, engage_date: '2017-06-01', close_date: '2017-07-10' },
  { opportunity_id: 'b', sales_agent: 'Ana', deal_stage: 'Won', close_value: 200, engage_date: '2017-06-15', close_date: '2017-08-20' },
  { opportunity_id: 'c', sales_agent: 'Bo', deal_stage: 'Lost', close_value: 0, engage_date: '2017-07-01', close_date: '2017-09-01' },
  { opportunity_id: 'd', sales_agent: 'Bo', deal_stage: 'Won', close_value: 150, engage_date: '2017-09-01', close_date: '2017-10-10' },
  { opportunity_id: 'e', sales_agent: 'Ana', deal_stage: 'Won', close_value: 100, engage_date: '2017-09-20', close_date: '2017-11-01' },
];
const CONFIG = {
  asOf: '2017-11-15',
  kpis: [
    { id: 'revenue', metric: 'revenue', target: 500, targetPeriod: 'quarter' },
    { id: 'win', metric: 'win-rate', target: 0.8, targetPeriod: 'quarter' },
    { id: 'nps', label: 'NPS', series: [{ period: '2017-Q1', value: 30 }, { period: '2017-Q2', value: 35 }, { period: '2017-Q3', value: 38 }, { period: '2017-Q4', value: 41 }], target: 40, targetPeriod: 'quarter' },
  ],
} satisfies ScorecardConfigInput;
const AGG = [
  { stage: 'Visitors', count: 48200 }, { stage: 'Leads', count: 3610 }, { stage: 'MQL', count: 1240 },
  { stage: 'SQL', count: 402 }, { stage: 'Won', count: 61 },
];

/** A host `width` px wide, with the element created, given its data and attached in one go. */
function mount<E extends HTMLElement>(tag: string, width: number, setup: (el: E) => void): E {
  const box = document.createElement('div');
  box.style.width = `${width}px`;
  document.body.append(box);
  const el = document.createElement(tag) as E;
  setup(el);
  box.append(el);
  return el;
}

/** Calls `read` every frame until the element is ready and four frames more; the readings, from the first that is not null. */
async function everyFrame<T>(el: HTMLElement, read: () => T | null): Promise<T[]> {
  const seen: T[] = [];
  let after = 0;
  for (let i = 0; i < 600 && after < 4; i++) {
    const v = read();
    if (v !== null) seen.push(v);
    if (el.getAttribute('state') === 'ready') after++;
    await nextFrame();
  }
  return seen;
}

describe('first paint', () => {
  for (const width of [360, 1100]) {
    it(`a scorecard's cards keep their size from their first frame (${width} px)`, async () => {
      const el = mount<KpiScorecard>('kpi-scorecard', width, (e) => {
        e.config = CONFIG;
        e.data = DEALS;
      });
      const sizes = await everyFrame(el, () => {
        const cards = [...el.shadowRoot!.querySelectorAll<HTMLElement>('li.kpi')];
        return cards.length ? cards.map((c) => `${Math.round(c.getBoundingClientRect().width)}×${Math.round(c.getBoundingClientRect().height)}`).join(' ') : null;
      });
      expect(sizes.length).to.be.greaterThan(3);
      // The bullets and sparklines are drawn after the first frame; the cards do not grow.
      expect(el.shadowRoot!.querySelectorAll('svg.bullet rect').length).to.be.greaterThan(0);
      expect(new Set(sizes).size, sizes.join(' | ')).to.equal(1);
      // One column at 360 px, three side by side at 1100.
      const xs = new Set([...el.shadowRoot!.querySelectorAll('li.kpi')].map((c) => Math.round(c.getBoundingClientRect().left)));
      expect(xs.size).to.equal(width < 500 ? 1 : 3);
      el.parentElement!.remove();
    });
  }

  it('a funnel given data by property is drawn at its width in its first frame (360 px)', async () => {
    const el = mount<KpiFunnel>('kpi-funnel', 360, (e) => {
      e.data = AGG;
    });
    const widths = await everyFrame(el, () => {
      const svg = el.shadowRoot!.querySelector('svg[part="chart"]');
      return svg ? Math.round(svg.getBoundingClientRect().width) : null;
    });
    expect(widths.length).to.be.greaterThan(3);
    expect(new Set(widths).size, widths.join(' ')).to.equal(1);
    expect(widths[0]).to.be.at.most(360);
    el.parentElement!.remove();
  });
});
