/** `kpi-kit/kpi-scorecard`: defines <kpi-scorecard> only. */
import { KpiScorecard } from '../widgets/scorecard/element.ts';
import { defineOnce } from '../core/element/define.ts';

defineOnce('kpi-scorecard', KpiScorecard);
export { KpiScorecard };
