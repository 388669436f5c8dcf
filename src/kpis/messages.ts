/**
 * `loadMessages` of `kpi-kit/metrics`: with it come the catalogue's English KPI names and
 * formulas (`meta.name.en`); `await loadMessages('es')` adds Spanish. A KPI imported without it
 * carries no message table.
 */
import { kpiEn } from '../core/i18n/en-kpi.ts';
import { loadMessages as load, type MessageLocale } from '../core/i18n/index.ts';
import { registerMessages } from '../core/i18n/tables.ts';

registerMessages('en', kpiEn);

/** Load (once) a message locale's table; the KPIs' names and formulas gain its text. */
export function loadMessages(code: MessageLocale): Promise<void> {
  return load(code);
}
