/**
 * A catalogue KPI's display name and formula come from the locale tables (`kpi.<id>.name`,
 * `kpi.<id>.formula`); the metadata spreads `...kpiText('win-rate')` so it keeps its
 * `name.en` / `formula.es` shape for the docs generator and the scorecard.
 *
 * This module imports no table: the text is filled in from the tables registered in
 * core/i18n/tables.ts, English as soon as core/i18n/index.ts is loaded (every element loads it),
 * another locale when it is loaded (`loadMessages('es')`). A headless import of one KPI pulls in
 * no message table; its `meta.name.en` is there once English is (`import { loadMessages } from
 * 'kpi-kit/metrics'` loads it with the rest of the i18n module).
 */
export { kpiText, type LocalText } from './tables.ts';
