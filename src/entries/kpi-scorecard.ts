/** `kpi-kit/kpi-scorecard`: defines <kpi-scorecard> only. */
import { KpiScorecard } from '../elements/kpi-scorecard.ts';
import { defineOnce } from '../define-element.ts';

defineOnce('kpi-scorecard', KpiScorecard);
export { KpiScorecard };
