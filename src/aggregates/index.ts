/** The aggregate step of every KPI kind (issue #13), JS path, and the aggregate file shapes. */
export * from './shapes.ts';
export { funnelAggregate, type FunnelAggregateOptions } from './funnel.ts';
export { dealsAggregate, type DealsAggregateOptions } from './deals.ts';
export { scorecardAggregate, scorecardFromDeals, SCORECARD_KPIS } from './scorecard.ts';
export { customersAggregate, patternsAggregate, patternsFromCustomers, type CustomersAggregateOptions, type PatternsAggregateOptions } from './customers.ts';
export { sortCustomers, sortDeals, sortPatterns, sortScorecard } from './order.ts';
