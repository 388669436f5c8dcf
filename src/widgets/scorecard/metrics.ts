/**
 * The metrics a scorecard KPI can name (`metric: 'cpl'`), over the scorecard's sources.
 *
 * Every catalogue metric computed from records (src/kpis/catalogue-sources.ts) is one: its
 * metadata (MetricMeta.input) says which records it reads, and sources.ts resolves them to the
 * sources given (deals, leads, costs, transactions, activities), so no metric has code of its
 * own here and the scorecard adds nothing to the arithmetic. One scorecard-local count lives here
 * because the catalogue has no plain "opportunities opened" count: `deals-opened`, the deals
 * created in the period, which seed 001 pairs with the win rate ("who opens opportunities well
 * but closes badly?").
 */
import type { Deal } from '../../core/schema/records.ts';
import { available, notAvailable, type MetricMeta, type MetricValue } from '../../core/result.ts';
import { evaluate, type Grouped, type MetricOptions } from '../../kpis/metric.ts';
import { catalogueIds } from '../../kpis/catalogue-deals.ts';
import { FITTED_IDS, sourceCatalogueEntries } from '../../kpis/catalogue-sources.ts';
import { resolveInput, type SourceRows } from './sources.ts';

export type MetricParams = Readonly<Record<string, string | number | boolean>>;

export interface ScorecardMetric {
  readonly meta: MetricMeta;
  /** The sources it reads (the accurate and alive checks cover each); default deals. */
  readonly reads?: readonly string[];
  compute(rows: SourceRows, options: MetricOptions & { readonly [param: string]: unknown }): MetricValue | Grouped;
}

/** Finds a metric by id; undefined when the scorecard cannot compute it from its sources (`why` says why). */
export interface MetricLookup {
  (id: string): ScorecardMetric | undefined;
  readonly why?: (id: string) => string;
}

export const dealsOpenedMeta: MetricMeta = {
  id: 'deals-opened',
  name: { en: 'Opportunities opened', es: 'Oportunidades abiertas' },
  formula: {
    en: 'number of deals created (engaged) in the period',
    es: 'número de oportunidades creadas (en contacto) en el periodo',
  },
  unit: 'count',
  better: 'up',
  seeds: ['001'],
  input: { list: ['deals'] },
  accumulates: true,
};

export function dealsOpened(deals: readonly Deal[], options?: MetricOptions): MetricValue | Grouped {
  return evaluate({ deals: { rows: deals, date: (d: Deal) => d.createdDate, customer: (d: Deal) => d.account } }, options, ({ deals: ds }) =>
    ds.length === 0 ? notAvailable('no-data', 'no deals created in the period', { rows: 0 }) : available(ds.length, { rows: ds.length }),
  );
}

const DEALS_OPENED: ScorecardMetric = { meta: dealsOpenedMeta, reads: ['deals'], compute: (rows, options) => dealsOpened(rows.deals, options) };

/** How to give a source, for messages. */
const HOW: Readonly<Record<string, string>> = {
  leads: 'src-leads, sources.leads or a data-source="leads" child',
  costs: 'src-costs, sources.costs or a data-source="costs" child',
  transactions: 'src-transactions, sources.transactions or a data-source="transactions" child',
  activities: 'src-activities, sources.activities or a data-source="activities" child',
  deals: 'data, src or an inline child',
};

/**
 * The metrics a scorecard computes with the sources `given` (the names that came with rows):
 * every catalogue metric computed from records whose inputs resolve (sources.ts), plus deals-opened.
 */
export function scorecardMetrics(given: ReadonlySet<string>): MetricLookup {
  const byId = new Map<string, ScorecardMetric>();
  const lacking = new Map<string, readonly string[]>();
  for (const e of sourceCatalogueEntries) {
    const r = resolveInput(e.meta, given);
    if (!r.ok) {
      lacking.set(e.meta.id, r.missing);
      continue;
    }
    byId.set(e.meta.id, { meta: e.meta, reads: r.reads, compute: (rows, options) => e.compute(r.pick(rows), options) as MetricValue | Grouped });
  }
  if (given.has('deals')) byId.set('deals-opened', DEALS_OPENED);
  else lacking.set('deals-opened', ['deals']);
  const computable = () => [...byId.keys()].join(', ');
  const why = (id: string): string => {
    const missing = lacking.get(id);
    if (missing) {
      const names = [...new Set(missing.flatMap((m) => m.split(' or ')))].filter((n) => HOW[n]);
      const how = names.map((n) => `${n} (${HOW[n]})`).join('; ');
      const other = given.size === 1 && given.has('deals') ? 'inputs other than deals' : 'more sources';
      return `metric "${id}" needs ${other}: ${missing.join(', ')}. Give ${how || 'them'}, or its "value" or "series" instead (computable here: ${computable()})`;
    }
    if (FITTED_IDS.includes(id)) return `metric "${id}" is a fitted model, not computed by the scorecard: give its "value" or "series" (from <kpi-ltv> or the CLI)`;
    return catalogueIds.includes(id)
      ? `metric "${id}" cannot be computed from these sources; give its "value" or "series" instead (computable here: ${computable()})`
      : `unknown metric "${id}" (computable here: ${computable()})`;
  };
  return Object.assign((id: string) => byId.get(id), { why });
}

/** The scorecard over deals alone (the element's single input). */
export const dealMetrics: MetricLookup = scorecardMetrics(new Set(['deals']));

/** Why a metric id cannot be computed over deals alone. */
export function whyNotComputable(id: string): string {
  return dealMetrics.why!(id);
}

/** A catalogue metric's metadata by id (deals-opened included), for a model back from the worker. */
export function metricMeta(id: string): MetricMeta | undefined {
  if (id === 'deals-opened') return dealsOpenedMeta;
  return sourceCatalogueEntries.find((e) => e.meta.id === id)?.meta;
}

/**
 * Whether a KPI over this metric is judged by pacing while its period runs: the metric's own
 * `accumulates` (MetricMeta); a KPI's `accumulates` overrides it. No metric: false.
 */
export function accumulatesByDefault(meta: MetricMeta | undefined): boolean {
  return meta?.accumulates ?? false;
}
