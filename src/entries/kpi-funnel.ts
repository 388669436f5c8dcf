/** `kpi-kit/kpi-funnel`: defines <kpi-funnel> only. */
import { KpiFunnel } from '../elements/kpi-funnel.ts';
import { defineOnce } from '../define-element.ts';

defineOnce('kpi-funnel', KpiFunnel);
export { KpiFunnel };
