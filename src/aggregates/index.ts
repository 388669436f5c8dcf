/** The aggregate step of every KPI kind (issue #13), JS path, and the aggregate file shapes. */
export {
  AGGREGATE_VERSION,
  AGGREGATE_KINDS,
  ENGINES,
  PERIOD_GRAINS,
  TIME_UNITS,
  FILE_SCHEMAS,
  AggregateSource,
  FunnelRow,
  DealsRow,
  ScorecardRow,
  PatternRow,
  CustomerRow,
  FunnelParams,
  DealsParams,
  ScorecardParams,
  PatternsParams,
  CustomersParams,
  FunnelFile,
  DealsFile,
  ScorecardFile,
  PatternsFile,
  CustomersFile,
  AggregateFile,
  parseAggregate,
  parseAggregateOf,
  aggregateFile,
  patternHistory,
  type AggregateKind,
  type Engine,
  type PeriodGrain,
  type AggregateFileOf,
  type ParseResult,
} from './shapes.ts';
export { funnelAggregate, type FunnelAggregateOptions } from './funnel.ts';
export { dealsAggregate, type DealsAggregateOptions } from './deals.ts';
export { scorecardAggregate, scorecardFromDeals, SCORECARD_KPIS } from './scorecard.ts';
export { customersAggregate, patternsAggregate, patternsFromCustomers, type CustomersAggregateOptions, type PatternsAggregateOptions } from './customers.ts';
export { sortCustomers, sortDeals, sortPatterns, sortScorecard } from './order.ts';
