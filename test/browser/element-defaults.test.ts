// Every option starts at its documented default, so a script or a framework that reads it
// before setting it sees the value the widget will use.
import { expect } from '@open-wc/testing';
import '../../src/define.ts';

describe('option defaults on the element', () => {
  it('funnel, ltv and scorecard options read their defaults before anything sets them', () => {
    const f = document.createElement('kpi-funnel');
    expect(f.scale).to.equal('linear'); // linear widths by default: log only on request
    expect(f.maxGroups).to.equal(12);
    expect(f.input).to.equal('auto');
    expect(f.periodGrain).to.equal('quarter');
    expect(f.targets).to.equal(undefined);
    const l = document.createElement('kpi-ltv');
    expect(l.method).to.equal('auto');
    expect(l.timeUnit).to.equal('weeks');
    expect(l.ltvCacTarget).to.equal(3);
    const s = document.createElement('kpi-scorecard');
    expect(s.config).to.equal(undefined);
  });

  it('an attribute replaces the default', async () => {
    const f = document.createElement('kpi-funnel');
    f.setAttribute('scale', 'log');
    f.setAttribute('max-groups', '5');
    expect(f.scale).to.equal('log');
    expect(f.maxGroups).to.equal('5');
  });
});
