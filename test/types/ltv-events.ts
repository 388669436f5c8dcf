// Type-level checks for <kpi-ltv>, compiled by `npx tsc --noEmit -p .` and never run: the tag
// maps to the class, `kpi-update` carries the LTV result type, and each option takes its
// attribute text or its typed value. A `@ts-expect-error` line fails the build if it stops erroring.
import type { LtvResult } from '../../src/index.ts';
import type { KpiLtv } from '../../src/widgets/ltv/element.ts';

export function ltvTypes(): void {
  const el = document.querySelector('kpi-ltv')!;
  const same: KpiLtv = el;
  void same;
  el.addEventListener('kpi-update', (e) => {
    const r: LtvResult = e.detail.result;
    const ltv: number | null = r.ltv.ok ? r.ltv.value : null;
    const method: 'historical' | 'simple' | 'predictive' = e.detail.result.method;
    const alpha: number | undefined = e.detail.result.predictive?.params?.alpha;
    // @ts-expect-error: the LTV result has no funnel stages.
    void e.detail.result.stages;
    void ltv;
    void method;
    void alpha;
  });
  el.addEventListener('kpi-select', (e) => {
    const id: string = e.detail.id;
    void id;
  });
  el.addEventListener('kpi-error', (e) => {
    const code: string = e.detail.code;
    void code;
  });

  el.cac = 12;
  el.cac = '12';
  el.horizon = 52;
  el.horizon = '52';
  el.margin = 0.3;
  el.margin = '30%';
  el.ltvCacTarget = 3;
  el.method = 'predictive';
  el.timeUnit = 'months';
  el.calibrationEnd = '1997-09-30';
  el.calibrationEnd = new Date(Date.UTC(1997, 8, 30));
  // @ts-expect-error: cac is a number or its text.
  el.cac = true;
  // @ts-expect-error: horizon is a number or its text.
  el.horizon = [52];

  const r: LtvResult | undefined = el.result;
  void r;
}
