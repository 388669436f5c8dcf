// The locale in a real page: the Intl locale (from `lang`) reads ambiguous dates and formats
// numbers, the message table falls back to English for a language without one.
import { fixture, expect } from '@open-wc/testing';
import '../../src/define.ts';
import { ready, shadowText } from './helpers.ts';
import type { KpiFunnel } from '../../src/index.ts';

const CSV = 'stage,count,date\nLeads,1234,03/04/2024\nWon,300,03/04/2024\n';

const funnel = (lang: string) =>
  fixture<KpiFunnel>(
    `<kpi-funnel lang="${lang}" period-field="date" period-grain="month"><script type="text/csv">${CSV}</script></kpi-funnel>`,
  );

describe('locale', () => {
  it('en-GB reads 03/04/2024 as 3 April', async () => {
    const el = await ready(await funnel('en-GB'));
    expect(el.state).to.equal('ready');
    expect(el.result!.period).to.equal('2024-04');
    const text = shadowText(el);
    // The period's one label: "Apr 2024" (the key stays '2024-04' in the result).
    expect(text).to.contain('Apr 2024');
    expect(text).to.contain('1,234');
    expect(text).to.contain('Sales funnel');
  });

  it('en-US reads the same cell as 4 March', async () => {
    const el = await ready(await funnel('en-US'));
    expect(el.result!.period).to.equal('2024-03');
    expect(shadowText(el)).to.contain('Mar 2024');
  });

  it('de: English text (no German table), German numbers and day-first dates', async () => {
    const el = await ready(await funnel('de'));
    expect(el.result!.period).to.equal('2024-04');
    const text = shadowText(el);
    expect(text).to.contain('Sales funnel');
    expect(text).to.contain('1.234');
    expect(text).not.to.contain('1,234');
    // 300 / 1,234 = 24.3 %: German decimal comma.
    expect(text).to.contain('24,3');
    await expect(el).to.be.accessible();
  });

  it('es-MX: Spanish text, with the lang taken from an ancestor', async () => {
    const wrap = await fixture<HTMLDivElement>(
      `<div lang="es-MX"><kpi-funnel period-field="date" period-grain="month"><script type="text/csv">${CSV}</script></kpi-funnel></div>`,
    );
    const el = await ready(wrap.querySelector<KpiFunnel>('kpi-funnel')!);
    expect(el.result!.period).to.equal('2024-04');
    expect(shadowText(el)).to.contain('Embudo de ventas');
  });
});
