/** `kpi-kit/kpi-ltv`: defines <kpi-ltv> only. */
import { KpiLtv } from '../elements/kpi-ltv.ts';
import { defineOnce } from '../define-element.ts';

defineOnce('kpi-ltv', KpiLtv);
export { KpiLtv };
