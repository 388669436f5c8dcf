/**
 * The module with side effects: it registers every element. Importing a class from
 * `kpi-kit` defines nothing; importing `kpi-kit/define` or the `kpi-kit.js` bundle defines all.
 */
import { KpiFunnel } from './elements/kpi-funnel.ts';
import { KpiScorecard } from './elements/kpi-scorecard.ts';
import { KpiLtv } from './elements/kpi-ltv.ts';
import { defineOnce } from './define-element.ts';

defineOnce('kpi-funnel', KpiFunnel);
defineOnce('kpi-scorecard', KpiScorecard);
defineOnce('kpi-ltv', KpiLtv);

declare global {
  interface HTMLElementTagNameMap {
    'kpi-funnel': KpiFunnel;
    'kpi-scorecard': KpiScorecard;
    'kpi-ltv': KpiLtv;
  }
}
