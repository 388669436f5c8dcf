/**
 * The module with side effects: it registers every element. Importing a class from
 * `kpi-kit` defines nothing; importing `kpi-kit/define` or the `kpi-kit.js` bundle defines all.
 */
import { KpiFunnel } from './widgets/funnel/element.ts';
import { KpiScorecard } from './widgets/scorecard/element.ts';
import { KpiLtv } from './widgets/ltv/element.ts';
// Each element file declares its own tag in HTMLElementTagNameMap, so the map is typed from any entry.
import { defineOnce } from './core/element/define.ts';

defineOnce('kpi-funnel', KpiFunnel);
defineOnce('kpi-scorecard', KpiScorecard);
defineOnce('kpi-ltv', KpiLtv);
