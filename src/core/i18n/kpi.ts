/**
 * A catalogue KPI's display name and formula come from the locale tables (`kpi.<id>.name`,
 * `kpi.<id>.formula`); the metadata spreads `...kpiText('win-rate')` so it keeps its
 * `name.en` / `formula.es` shape for the docs generator and the scorecard.
 */
import { messageLocales, type MessageLocale } from './index.ts';

export type LocalText = { readonly en: string; readonly es: string } & Readonly<Record<MessageLocale, string>>;

function text(key: string): LocalText {
  const out: Record<string, string> = {};
  for (const [code, table] of Object.entries(messageLocales)) {
    const v = (table as Readonly<Record<string, unknown>>)[key];
    if (typeof v !== 'string') throw new Error(`i18n: no ${key} in ${code}`);
    out[code] = v;
  }
  return Object.freeze(out) as LocalText;
}

/** `{ name: { en, es, … }, formula: { en, es, … } }` of a KPI id, from every message locale. */
export function kpiText(id: string): { readonly name: LocalText; readonly formula: LocalText } {
  return { name: text(`kpi.${id}.name`), formula: text(`kpi.${id}.formula`) };
}
