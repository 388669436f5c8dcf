/** `kpi-kit/kpi-funnel`: defines <kpi-funnel> only. */
import { KpiFunnel } from '../widgets/funnel/element.ts';
import { defineOnce } from '../core/element/define.ts';

defineOnce('kpi-funnel', KpiFunnel);
export { KpiFunnel };
