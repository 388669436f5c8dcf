/**
 * The kit's one Web Worker (module worker). Clients start it through core/jobs/client.ts
 * `runJob(kind, payload)`; it answers the jobs registered here and nothing else. DOM-free.
 *
 * - `clv-fit`: summary + BG/NBD + Gamma-Gamma + per-customer CLV from transactions or a
 *   summary (the headless `fitClv` of `kpi-kit/metrics`);
 * - `ltv-fit`: the same fit from <kpi-ltv>'s packed columns, predictions back as moved buffers;
 * - `ltv-load`: fetch, parse and pack a `src` for <kpi-ltv> (1M rows never reach the main thread);
 * - `funnel-src`, `scorecard-src`: the whole pipeline of <kpi-funnel> / <kpi-scorecard> for a `src`
 *   (fetch → parse → read → quality pass → compute, core/element/pipeline.ts); the model comes back.
 */
import { serveJobs } from '../core/jobs/server.ts';
import { runLtvFitSteps } from '../models/clv-predictive.ts';
import { compactFitSteps } from '../widgets/ltv/fit-here.ts';
import type { CompactFit } from '../widgets/ltv/predictive.ts';
import { loadColumnsHere } from '../widgets/ltv/load-columns.ts';
import { patternsFitSteps } from '../widgets/ltv/patterns-fit.ts';
import { packColumns, type PackedColumns } from '../widgets/ltv/loaded.ts';
import { pipelineJob } from '../core/element/pipeline.ts';
import { funnelSpec } from '../widgets/funnel/spec.ts';
import { scorecardSpec } from '../widgets/scorecard/spec.ts';

serveJobs({
  'clv-fit': { run: (q) => runLtvFitSteps(q.input, q.options ?? {}) },
  'ltv-fit': {
    run: (q) => compactFitSteps(q.columns, q.settings),
    transfer: (r: CompactFit) =>
      r.ok ? [r.predictions.clv.buffer, r.predictions.probabilityAlive.buffer, r.predictions.expectedPurchases.buffer, r.predictions.expectedSpend.buffer] : [],
  },
  [funnelSpec.job!]: pipelineJob(funnelSpec),
  [scorecardSpec.job!]: pipelineJob(scorecardSpec),
  'ltv-patterns-fit': { run: (q) => patternsFitSteps(q.rows, q.horizon) },
  'ltv-load': {
    // The ids travel as one string plus offsets (loaded.ts): the page rebuilds them in slices.
    run: (q, progress) => loadColumnsHere(q, (done, total) => progress({ stage: 'read', done, total })).then(packColumns),
    transfer: (r: PackedColumns) => {
      const c = r.columns;
      return [c.customer.buffer, c.day.buffer, c.amount.buffer, ...(c.cost ? [c.cost.buffer] : []), ...(c.packedIds ? [c.packedIds.ends.buffer] : [])];
    },
  },
});
