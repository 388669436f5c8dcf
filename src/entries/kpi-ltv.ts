/** `kpi-kit/kpi-ltv`: defines <kpi-ltv> only. */
import { KpiLtv } from '../widgets/ltv/element.ts';
import { defineOnce } from '../core/element/define.ts';

defineOnce('kpi-ltv', KpiLtv);
export { KpiLtv };
