/**
 * Attribute values a CMS editor can type by hand: lists ("Prospecting, Engaging, Won" or
 * "Prospecting > Engaging > Won") and maps ("Engaging: 60%, Won: 0.45"). Parsing is strict:
 * a malformed entry raises a 'config' KpiError that names it.
 */
import { KpiError } from './errors.ts';

export function parseList(value: string | null | undefined): string[] {
  if (!value) return [];
  return value.split(/\s*[,>|]\s*|\s*→\s*/).map((s) => s.trim()).filter(Boolean);
}

/** "Engaging:engage_date, Won:close_date" → entries in order. */
export function parsePairs(value: string | null | undefined, attribute: string): [string, string][] {
  if (!value) return [];
  return value.split(/\s*[,;]\s*/).filter(Boolean).map((entry) => {
    const i = entry.lastIndexOf(':');
    if (i <= 0 || i === entry.length - 1) {
      throw new KpiError({ code: 'config', message: `${attribute}: "${entry}" should be written name:value` });
    }
    return [entry.slice(0, i).trim(), entry.slice(i + 1).trim()];
  });
}

/** "60%" → 0.6, "0.6" → 0.6, "60" → 0.6 (a rate above 1 is read as a percentage). */
export function parseRate(value: string, attribute: string): number {
  const s = value.trim().replace(',', '.');
  const pct = s.endsWith('%');
  const n = Number(pct ? s.slice(0, -1) : s);
  if (s === '' || !Number.isFinite(n) || n < 0) {
    throw new KpiError({ code: 'config', message: `${attribute}: "${value}" is not a rate (write 0.6 or 60%)` });
  }
  return pct || n > 1 ? n / 100 : n;
}

/**
 * Step targets: "Engaging:60%, Won:45%" (by the stage entered) or "60%, 45%" (by position,
 * one per step after the first). Positional lists get a leading null for the first stage.
 */
export function parseTargets(value: string | null | undefined, attribute = 'targets'): Record<string, number> | (number | null)[] | undefined {
  if (!value || !value.trim()) return undefined;
  if (value.includes(':')) {
    const out: Record<string, number> = Object.create(null);
    for (const [k, v] of parsePairs(value, attribute)) out[k] = parseRate(v, attribute);
    return out;
  }
  return [null, ...value.split(/\s*[,;]\s*/).filter(Boolean).map((v) => parseRate(v, attribute))];
}
