// Type-level checks for <kpi-funnel>, compiled by `npx tsc --noEmit -p .` and never run: the tag
// maps to the class, `kpi-update` carries the funnel's result type, and each option takes its
// attribute text or its typed value. A `@ts-expect-error` line fails the build if it stops erroring.
import type { FunnelResult } from '../../src/index.ts';

export function funnelTypes(): void {
  const f = document.querySelector('kpi-funnel')!;
  f.addEventListener('kpi-update', (e) => {
    const o = e.detail.result.current.overall;
    const rate: number | null = o.ok ? o.value : null;
    const result: FunnelResult = e.detail.result;
    const stages: readonly string[] = result.stages;
    // @ts-expect-error: the funnel's result has no `ltv`.
    void e.detail.result.ltv;
    void rate;
    void stages;
  });
  f.addEventListener('kpi-select', (e) => {
    const id: string = e.detail.id;
    void id;
  });

  f.targets = { MQL: 0.4 };
  f.targets = 'MQL:40%';
  f.targets = [null, 0.4];
  f.maxGroups = 5;
  f.maxGroups = '5';
  f.stages = ['Leads', 'MQL', 'Won'];
  f.stages = 'Leads > MQL > Won';
  f.scale = 'log';
  // @ts-expect-error: targets are rates, not booleans.
  f.targets = true;
  // @ts-expect-error: max-groups is a number or its text.
  f.maxGroups = [5];

  const r: FunnelResult | undefined = f.result;
  void r;
}
