/**
 * The message tables loaded so far, by message-locale code, and the KPI names and formulas they
 * fill. No table is imported here: core/i18n/index.ts registers English (bundled with every
 * element) and imports another locale's file the first time it is needed. KPI metadata reads its
 * text from this module, so a headless import of one KPI pulls in no message table.
 */
import type { MessageTable } from './types.ts';

/** Registered tables: message-locale code → table. */
export const loadedTables: Record<string, MessageTable | undefined> = Object.create(null);

/** A KPI's name or formula in every registered locale (`{ en: 'Win rate', es: '…' }`). */
export type LocalText = { readonly en: string; readonly es: string } & Readonly<Record<string, string>>;

interface KpiTextHolder {
  readonly id: string;
  readonly name: Record<string, string>;
  readonly formula: Record<string, string>;
}

const holders: KpiTextHolder[] = [];

function fill(h: KpiTextHolder, code: string, table: MessageTable): void {
  const name = table[`kpi.${h.id}.name`];
  const formula = table[`kpi.${h.id}.formula`];
  if (typeof name === 'string') h.name[code] = name;
  if (typeof formula === 'string') h.formula[code] = formula;
}

/** Add a message table; every KPI name and formula made so far gains its text in that locale. */
export function registerMessages(code: string, table: MessageTable): void {
  if (loadedTables[code] === table) return;
  loadedTables[code] = table;
  for (const h of holders) fill(h, code, table);
}

/**
 * `{ name: { en, es, … }, formula: { en, es, … } }` of a KPI id: plain objects, filled from every
 * table registered now and later (a locale that is not loaded yet has no entry). With English
 * registered, an id without `kpi.<id>.name` in it throws.
 */
export function kpiText(id: string): { readonly name: LocalText; readonly formula: LocalText } {
  const h: KpiTextHolder = { id, name: {}, formula: {} };
  for (const code in loadedTables) fill(h, code, loadedTables[code]!);
  if (loadedTables['en'] && !(h.name['en'] && h.formula['en'])) throw new Error(`i18n: no kpi.${id}.name or kpi.${id}.formula in en`);
  holders.push(h);
  return { name: h.name as LocalText, formula: h.formula as LocalText };
}
