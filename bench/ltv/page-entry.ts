// Page bundle for the LTV bench and screenshots: registers <kpi-ltv> and exposes the glue.
import { KpiLtv } from '../../src/elements/kpi-ltv.ts';
import { fitInWorker } from '../../src/metrics/ltv-fit-client.ts';
import { summarizeTransactions } from '../../src/metrics/rfm-summary.ts';
import { fitOptions, resolvePredictive } from '../../src/ltv/predictive.ts';
import { fitColumns } from '../../src/ltv/fit.ts';
import { toColumns } from '../../src/ltv/columns.ts';

if (!customElements.get('kpi-ltv')) customElements.define('kpi-ltv', KpiLtv);
(globalThis as Record<string, unknown>).ltvBench = { fitInWorker, summarizeTransactions, fitOptions, resolvePredictive, fitColumns, toColumns };
