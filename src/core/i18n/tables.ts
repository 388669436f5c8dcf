/**
 * The message tables loaded so far, by message-locale code, and the KPI names and formulas they
 * fill. No table is imported here: English comes in parts (core/i18n/en.ts), each registered by
 * the module that shows it; another locale's file is imported the first time it is needed. KPI metadata reads its
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

const added = new WeakSet<MessageTable>();

/**
 * Add a message table, or a part of one (English comes in parts): its keys join that locale's
 * table, and every KPI name and formula made so far gains its text from it. Adding the same
 * object again does nothing.
 */
export function registerMessages(code: string, table: MessageTable): void {
  if (added.has(table)) return;
  added.add(table);
  const have = loadedTables[code];
  loadedTables[code] = have ? { ...have, ...table } : table;
  for (const h of holders) fill(h, code, table);
}

/**
 * `{ name: { en, es, … }, formula: { en, es, … } }` of a KPI id: plain objects, filled from every
 * table registered now and later (a locale that is not loaded yet has no entry; English's
 * catalogue part is core/i18n/en-kpi.ts). test/unit/i18n.test.ts checks that every catalogue
 * KPI has its name and formula in every locale.
 */
export function kpiText(id: string): { readonly name: LocalText; readonly formula: LocalText } {
  const h: KpiTextHolder = { id, name: {}, formula: {} };
  for (const code in loadedTables) fill(h, code, loadedTables[code]!);
  holders.push(h);
  return { name: h.name as LocalText, formula: h.formula as LocalText };
}
