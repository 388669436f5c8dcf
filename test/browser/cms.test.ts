// The README's inline examples, as a CMS editor pastes them: each ```html block with an element
// and an inline child (a <script> or a <table>), taken from README.md exactly as written, blank
// lines and all. Each renders as it is; then again after DOMPurify has sanitised it with the
// kit's tags allowed (ADD_TAGS), as a CMS would: scripts are stripped, so a script example is
// left without its data or configuration, while every <table> example keeps its numbers.
import { expect } from '@open-wc/testing';
import DOMPurify from 'dompurify';
import '../../src/define.ts';
import { ready, shadowText } from './helpers.ts';
import type { KpiElement } from '../../src/core/element/kpi-element.ts';
import type { KpiFunnel } from '../../src/widgets/funnel/element.ts';
import type { KpiScorecard } from '../../src/widgets/scorecard/element.ts';

const SANITISE = { ADD_TAGS: ['kpi-funnel', 'kpi-scorecard', 'kpi-ltv'] };

/** Every ```html block of the README with a kit element and an inline <script> or <table> child (not the loader tag). */
async function inlineExamples(): Promise<string[]> {
  const readme = await (await fetch('/README.md')).text();
  return [...readme.matchAll(/```html\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .filter((b) => /<kpi-[a-z]+/.test(b) && /<(script type=|table)/.test(b) && !/<script src=/.test(b));
}

/** Put the markup in the page as a CMS would (innerHTML) and wait for its element. */
async function mount<E extends KpiElement<unknown, unknown>>(markup: string): Promise<{ el: E; host: HTMLElement }> {
  const host = document.createElement('div');
  host.innerHTML = markup;
  document.body.append(host);
  const el = host.querySelector<E>('kpi-funnel, kpi-scorecard, kpi-ltv')!;
  await ready(el);
  await el.updateComplete;
  return { el, host };
}

const counts = (el: KpiFunnel) => el.result!.current.steps.map((s) => s.count);
const kpiRows = (el: KpiScorecard) => el.result!.kpis.map((k) => [k.id, k.value.ok ? k.value.value : null, k.target]);

/** What each example shows, as written and after sanitising; chosen by what the example holds. */
const CASES: { name: string; is: (b: string) => boolean; asWritten: (el: never) => void; sanitised: (el: never) => void }[] = [
  {
    name: 'Spanish CSV in a <script> (funnel)',
    is: (b) => b.includes('etapa;cantidad'),
    asWritten: (el: KpiFunnel) => {
      // "3.610" with ";" separators reads as 3610 (decimal comma, dot for thousands).
      expect(el.state).to.equal('ready');
      expect(counts(el)).to.deep.equal([3610, 1240, 402, 61]);
      expect(shadowText(el)).to.contain('Embudo de ventas');
    },
    sanitised: (el: KpiFunnel) => {
      expect(el.querySelector('script')).to.equal(null);
      expect(el.state).to.equal('empty');
    },
  },
  {
    name: 'a <table> of stages (funnel)',
    is: (b) => b.includes('<kpi-funnel') && b.includes('<table>'),
    asWritten: (el: KpiFunnel) => {
      expect(el.state).to.equal('ready');
      expect(counts(el)).to.deep.equal([3610, 1240, 61]);
      // MQL 1240 / 3610 = 34.3 % against the 40 % target: the step misses it.
      expect(el.result!.current.steps[1]!.target).to.equal(0.4);
    },
    sanitised: (el: KpiFunnel) => {
      expect(el.state).to.equal('ready');
      expect(counts(el)).to.deep.equal([3610, 1240, 61]);
      // ADD_TAGS keeps the element, not its own attributes: the target is gone (see the last test).
      expect(el.hasAttribute('targets')).to.equal(false);
      expect(el.result!.current.steps[1]!.target ?? null).to.equal(null);
    },
  },
  {
    name: 'a JSON configuration in a <script data-config> (scorecard over a CSV src)',
    is: (b) => b.includes('<script type="application/json" data-config>'),
    asWritten: (el: KpiScorecard) => {
      expect(el.state).to.equal('ready');
      expect(el.result!.kpis.map((k) => k.id)).to.deep.equal(['revenue', 'win', 'cycle', 'nps']);
    },
    sanitised: (el: KpiScorecard) => {
      // The configuration was the script: the scorecard says what is missing.
      expect(el.querySelector('script')).to.equal(null);
      expect(el.state).to.equal('error');
      expect(shadowText(el)).to.contain('table data-config');
    },
  },
  {
    name: 'a <table data-config> (scorecard of supplied values)',
    is: (b) => b.includes('<table data-config>'),
    asWritten: (el: KpiScorecard) => {
      expect(el.state).to.equal('ready');
      expect(kpiRows(el)).to.deep.equal([['win', 0.58, 0.6], ['nps', 41, 40], ['cycle', 52, 45]]);
      expect(el.result!.kpis[2]!.direction).to.equal('down');
      expect(shadowText(el)).to.contain('Sales team, Q4 2017');
    },
    sanitised: (el: KpiScorecard) => {
      expect(el.state).to.equal('ready');
      expect(kpiRows(el)).to.deep.equal([['win', 0.58, 0.6], ['nps', 41, 40], ['cycle', 52, 45]]);
      expect(shadowText(el)).to.contain('Sales team, Q4 2017');
    },
  },
];

describe('CMS: the README inline examples', () => {
  it("DOMPurify with the kit's custom elements allowed (CUSTOM_ELEMENT_HANDLING) keeps their attributes too", async () => {
    const block = (await inlineExamples()).find(CASES[1]!.is)!;
    const clean = DOMPurify.sanitize(block, { CUSTOM_ELEMENT_HANDLING: { tagNameCheck: /^kpi-/, attributeNameCheck: /^[a-z][a-z-]*$/ } });
    const { el, host } = await mount<KpiFunnel>(clean);
    expect(counts(el)).to.deep.equal([3610, 1240, 61]);
    expect(el.result!.current.steps[1]!.target).to.equal(0.4);
    host.remove();
  });

  it('the README has the four inline examples this test knows, each matched by one case', async () => {
    const blocks = await inlineExamples();
    expect(blocks.length).to.equal(CASES.length);
    for (const b of blocks) expect(CASES.filter((c) => c.is(b)).length, b.slice(0, 80)).to.equal(1);
  });

  for (const c of CASES) {
    it(`${c.name}: as written`, async () => {
      const block = (await inlineExamples()).find(c.is)!;
      const { el, host } = await mount(block);
      c.asWritten(el as never);
      host.remove();
    });

    it(`${c.name}: after DOMPurify`, async () => {
      const block = (await inlineExamples()).find(c.is)!;
      const clean = DOMPurify.sanitize(block, SANITISE);
      // The element and any table survive the sanitiser; no script does.
      expect(clean).to.match(/<kpi-(funnel|scorecard|ltv)/);
      expect(clean).not.to.contain('<script');
      if (block.includes('<table')) expect(clean).to.contain('<table');
      const { el, host } = await mount(clean);
      c.sanitised(el as never);
      host.remove();
    });
  }
});
