// Page bundle for the LTV bench and screenshots: registers <kpi-ltv> and exposes the glue.
import { KpiLtv } from '../../src/widgets/ltv/element.ts';
import { fitInWorker } from '../../src/models/fit-client.ts';
import { summarizeTransactions } from '../../src/models/rfm-summary.ts';
import { fitOptions, resolvePredictive } from '../../src/widgets/ltv/predictive.ts';
import { fitColumns } from '../../src/widgets/ltv/fit.ts';
import { toColumns } from '../../src/widgets/ltv/columns.ts';

if (!customElements.get('kpi-ltv')) customElements.define('kpi-ltv', KpiLtv);
(globalThis as Record<string, unknown>).ltvBench = { fitInWorker, summarizeTransactions, fitOptions, resolvePredictive, fitColumns, toColumns };
