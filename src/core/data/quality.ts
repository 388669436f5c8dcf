/**
 * The data-quality pass every widget runs after validation and before compute: rows that are
 * valid one by one but wrong together (or implausible) are found, named, and either kept,
 * excluded, or have one value ignored — never silently summed into a confident wrong number.
 *
 * The rules (one `QualityRules` per widget; the README's "Data quality" section says the same):
 *
 * - duplicate: a row whose id was seen before (the `id` field) is excluded; the first row with
 *   the id is kept. Without an id column nothing is deduplicated (two equal purchases on one
 *   day are possible). Exact and conflicting duplicates are treated alike: the first wins.
 * - currency: with a currency column, rows must be in the widget's currency (`currency`
 *   attribute, default USD). When the page set `currency` explicitly, rows in any other
 *   currency are excluded and named (a filter); when it did not and the rows mix currencies, or
 *   when every row is in another currency, the input is a `validation` error naming the rows
 *   and the currencies found (never summed: "$300" from USD + EUR + JPY).
 * - implausible: an amount that is not finite or whose size exceeds `bound` (1e12) excludes the
 *   row.
 * - negative: a negative amount where money cannot be negative. A deal (scorecard) is left
 *   out: a won deal of −150 neither lowers revenue nor counts as a win. A funnel record keeps
 *   counting for its stage, its value ignored. Negative transactions (refunds) in LTV are
 *   netted instead (widgets/ltv/columns.ts netRefunds).
 * - future-date: a date after the as-of date (+ 1 day of time-zone slack) — excluded or kept
 *   as the widget says (LTV excludes: one row dated 2099 would stretch its window; the
 *   scorecard keeps and flags: its periods already leave such rows out).
 * - domain: a value outside its domain (a margin above the amount, a negative count), as the
 *   widget's `domain` rules say.
 * - unknown-value: a value outside a reference list the page supplies (the scorecard's
 *   `knownValues`, e.g. the product list): kept and flagged.
 *
 * Each finding lists the 1-based input rows it concerns (distinct, ascending); the report
 * counts the DISTINCT rows involved, so a row with two findings counts once.
 *
 * Pure and DOM-free; stateful only inside a `QualityPass` so that a million rows can be checked
 * in chunks.
 */
import { KpiError, type RowIssue } from './errors.ts';

export type QualityClass = 'duplicate' | 'currency' | 'implausible' | 'negative' | 'refund' | 'future-date' | 'domain' | 'unknown-value' | 'incomplete';

/** What was done with the rows of a finding. */
export type QualityAction = 'excluded' | 'kept' | 'value-ignored' | 'netted';

export interface Finding {
  readonly class: QualityClass;
  /** The user's column the finding is about. */
  readonly field: string;
  readonly action: QualityAction;
  /** 1-based input rows, distinct and ascending. */
  readonly rows: readonly number[];
  /** English, for developers (the widget shows a translated notice). */
  readonly message: string;
  /** Up to 5 offending values (duplicate ids, unknown products, currencies). */
  readonly examples?: readonly string[];
}

export interface QualityReport {
  readonly findings: readonly Finding[];
  /** Distinct rows with at least one finding. */
  readonly rows: number;
  /** Distinct rows excluded by the pass. */
  readonly excluded: number;
  /** Distinct rows per class. */
  readonly byClass: Readonly<Partial<Record<QualityClass, number>>>;
}

export interface DomainRule {
  /** Field key checked. */
  readonly field: string;
  /** True when the row's value is in the domain (called only when the value is present). */
  readonly ok: (value: unknown, row: Readonly<Record<string, unknown>>) => boolean;
  readonly message: string;
  readonly action: 'excluded' | 'value-ignored' | 'kept';
}

export interface QualityRules {
  /** Field key of the row id: later rows with a seen id are duplicates. */
  readonly id?: string;
  /** Field key of the money amount. */
  readonly amount?: string;
  /** Negative amounts: their value ignored (default), the row excluded, or kept (LTV nets refunds itself). */
  readonly negative?: 'value-ignored' | 'excluded' | 'kept';
  /** Amounts whose size exceeds this are implausible (default 1e12). */
  readonly bound?: number;
  /** Field key of the row's currency. */
  readonly currency?: string;
  /** The widget's currency (ISO 4217). */
  readonly pageCurrency?: string;
  /** True when the page set `currency` itself: other currencies are then filtered out. */
  readonly currencyExplicit?: boolean;
  /** Date field keys (epoch ms numbers or Dates) checked against `asOf`. */
  readonly dates?: readonly string[];
  /** The as-of instant (epoch ms). */
  readonly asOf?: number;
  /** What a date after as-of does to the row (default 'kept'). */
  readonly future?: 'excluded' | 'kept';
  readonly domain?: readonly DomainRule[];
  /** Reference lists per field (values outside are flagged and kept). */
  readonly known?: Readonly<Record<string, readonly string[]>>;
  /** The user's column for a field key. */
  readonly columnName?: (key: string) => string;
}

/** The plausibility bound on amounts. */
export const AMOUNT_BOUND = 1e12;
const DAY = 86_400_000;
const MAX_EXAMPLES = 5;

interface Acc {
  readonly cls: QualityClass;
  readonly field: string;
  readonly action: QualityAction;
  readonly message: string;
  readonly rows: number[];
  readonly examples: Map<string, number>;
}

const timeOf = (v: unknown): number | undefined => (v instanceof Date ? v.getTime() : typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The pass, fed row by row (`check`) and closed with `finish`. `check` returns whether the row
 * is kept; it may ignore one value of the row (delete the key) when the rule says so.
 */
export class QualityPass {
  private readonly acc = new Map<string, Acc>();
  private readonly seenIds = new Map<string, number>();
  private readonly currencies = new Map<string, number[]>();
  private readonly excludedRows = new Set<number>();
  private readonly involved = new Set<number>();
  private readonly rules: QualityRules;
  private readonly name: (k: string) => string;
  private readonly known: readonly (readonly [string, ReadonlySet<string>])[];

  constructor(rules: QualityRules) {
    this.rules = rules;
    this.name = rules.columnName ?? ((k) => k);
    this.known = Object.entries(rules.known ?? {}).map(([f, list]) => [f, new Set(list)] as const);
  }

  private note(cls: QualityClass, field: string, action: QualityAction, message: string, row: number, example?: string): void {
    const key = `${cls}|${field}|${action}|${message}`;
    let a = this.acc.get(key);
    if (!a) this.acc.set(key, (a = { cls, field: this.name(field), action, message, rows: [], examples: new Map() }));
    if (a.rows[a.rows.length - 1] !== row) a.rows.push(row);
    if (example !== undefined) a.examples.set(example, (a.examples.get(example) ?? 0) + 1);
    this.involved.add(row);
    if (action === 'excluded') this.excludedRows.add(row);
  }

  /** Check one validated row (`row` = its 1-based input row). Returns false when it is excluded. */
  check(r: Record<string, unknown>, row: number): boolean {
    const R = this.rules;
    let keep = true;
    if (R.currency !== undefined) {
      const c = r[R.currency];
      if (typeof c === 'string' && c.trim() !== '') {
        const code = c.trim().toUpperCase();
        let list = this.currencies.get(code);
        if (!list) this.currencies.set(code, (list = []));
        list.push(row);
        if (R.currencyExplicit && R.pageCurrency && code !== R.pageCurrency.toUpperCase()) {
          this.note('currency', R.currency, 'excluded', `not in ${R.pageCurrency.toUpperCase()} (the currency attribute)`, row, code);
          keep = false;
        }
      }
    }
    if (R.amount !== undefined && r[R.amount] !== undefined) {
      const a = r[R.amount];
      const bound = R.bound ?? AMOUNT_BOUND;
      if (typeof a !== 'number' || !Number.isFinite(a) || Math.abs(a) > bound) {
        this.note('implausible', R.amount, 'excluded', `not a plausible amount (beyond ±${bound.toExponential(0)})`, row, String(a));
        keep = false;
      } else if (a < 0 && (R.negative ?? 'value-ignored') === 'value-ignored') {
        this.note('negative', R.amount, 'value-ignored', 'a negative amount: the value is ignored, the row kept', row, String(a));
        delete r[R.amount];
      } else if (a < 0 && R.negative === 'excluded') {
        this.note('negative', R.amount, 'excluded', 'a negative amount: the row is left out', row, String(a));
        keep = false;
      }
    }
    if (R.asOf !== undefined) {
      for (const f of R.dates ?? []) {
        const t = timeOf(r[f]);
        if (t !== undefined && t > R.asOf + DAY) {
          const action = R.future ?? 'kept';
          this.note('future-date', f, action, `after the as-of date ${new Date(R.asOf).toISOString().slice(0, 10)}`, row, new Date(t).toISOString().slice(0, 10));
          if (action === 'excluded') keep = false;
        }
      }
    }
    for (const d of R.domain ?? []) {
      const v = r[d.field];
      if (v === undefined || d.ok(v, r)) continue;
      this.note('domain', d.field, d.action, d.message, row, String(v));
      if (d.action === 'excluded') keep = false;
      else if (d.action === 'value-ignored') delete r[d.field];
    }
    for (const [field, set] of this.known) {
      const v = r[field];
      if (v !== undefined && !set.has(String(v))) this.note('unknown-value', field, 'kept', 'not in the reference list (knownValues)', row, String(v));
    }
    // Duplicates last: a row already excluded for another reason does not claim its id.
    if (keep && R.id !== undefined) {
      const id = r[R.id];
      if (id !== undefined && id !== null && id !== '') {
        const k = String(id);
        const first = this.seenIds.get(k);
        if (first !== undefined) {
          this.note('duplicate', R.id, 'excluded', `repeats the id of row ${first}: counted once`, row, k);
          keep = false;
        } else this.seenIds.set(k, row);
      }
    }
    return keep;
  }

  /** Record a finding found outside `check` (a widget's own rule, e.g. LTV refunds). */
  add(cls: QualityClass, field: string, action: QualityAction, message: string, rows: readonly number[], examples: readonly string[] = []): void {
    rows.forEach((row, i) => this.note(cls, field, action, message, row, examples[i]));
  }

  /** Throws the `validation` error for mixed or foreign currencies (see the module comment); else the report. */
  finish(): QualityReport {
    const R = this.rules;
    if (R.currency !== undefined && this.currencies.size > 0) {
      const page = (R.pageCurrency ?? 'USD').toUpperCase();
      const found = [...this.currencies.entries()].sort((a, b) => b[1].length - a[1].length);
      if (R.currencyExplicit) {
        if (!this.currencies.has(page)) throw currencyError(`no row is in ${page} (the currency attribute); the rows are in ${found.map(([c]) => c).join(', ')}`, found, this.name(R.currency));
      } else if (found.length > 1) {
        throw currencyError(
          `the rows mix currencies (${found.map(([c, rows]) => `${c}: ${rows.length}`).join(', ')}): amounts in different currencies cannot be added; set currency="${found[0]![0]}" to keep only those rows`,
          found.slice(1),
          this.name(R.currency),
        );
      } else if (found[0]![0] !== page) {
        throw currencyError(`the rows are in ${found[0]![0]} but the widget shows ${page}: set currency="${found[0]![0]}"`, [], this.name(R.currency));
      }
    }
    const findings: Finding[] = [...this.acc.values()].map((a) => ({
      class: a.cls,
      field: a.field,
      action: a.action,
      rows: a.rows.slice().sort((x, y) => x - y),
      message: a.message,
      ...(a.examples.size
        ? { examples: [...a.examples.entries()].sort((x, y) => y[1] - x[1]).slice(0, MAX_EXAMPLES).map(([v]) => v) }
        : {}),
    }));
    const byClass: Partial<Record<QualityClass, number>> = {};
    const perClass = new Map<QualityClass, Set<number>>();
    for (const f of findings) {
      let s = perClass.get(f.class);
      if (!s) perClass.set(f.class, (s = new Set()));
      for (const r of f.rows) s.add(r);
    }
    for (const [c, s] of perClass) byClass[c] = s.size;
    return { findings, rows: this.involved.size, excluded: this.excludedRows.size, byClass };
  }
}

function currencyError(message: string, rows: readonly (readonly [string, readonly number[]])[], column: string): KpiError {
  const issues: RowIssue[] = [];
  for (const [code, list] of rows) for (const row of list.slice(0, 20)) issues.push({ row, path: column, message: `in ${code}` });
  return new KpiError({ code: 'validation', message, issues });
}

/** Run the pass over validated rows: the kept rows, their input row numbers and the report. */
export function qualityPass<T extends Record<string, unknown>>(
  rows: readonly T[],
  rowNumbers: readonly number[],
  rules: QualityRules,
): { rows: T[]; rowNumbers: number[]; report: QualityReport } {
  const pass = new QualityPass(rules);
  const kept: T[] = [];
  const numbers: number[] = [];
  rows.forEach((r, i) => {
    const row = rowNumbers[i] ?? i + 1;
    if (pass.check(r, row)) {
      kept.push(r);
      numbers.push(row);
    }
  });
  return { rows: kept, rowNumbers: numbers, report: pass.finish() };
}

/** An empty report (no rows, nothing found). */
export const NO_FINDINGS: QualityReport = { findings: [], rows: 0, excluded: 0, byClass: {} };

/** The findings that left rows out, as rejected rows (for the notice, `kpi-warning` and `result.rejected`). */
export function excludedAsRejected(report: QualityReport): { row: number; issues: RowIssue[] }[] {
  const byRow = new Map<number, RowIssue[]>();
  for (const f of report.findings) {
    if (f.action !== 'excluded') continue;
    for (const row of f.rows) {
      let list = byRow.get(row);
      if (!list) byRow.set(row, (list = []));
      list.push({ row, path: f.field, message: f.message });
    }
  }
  return [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([row, issues]) => ({ row, issues }));
}

let currencyCodes: ReadonlySet<string> | null | undefined;

/** True for an ISO 4217 code the runtime knows (Intl.supportedValuesOf), or a 3-letter code Intl.NumberFormat accepts. */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Za-z]{3}$/.test(code)) return false;
  if (currencyCodes === undefined) {
    const sv = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf;
    try {
      currencyCodes = sv ? new Set(sv('currency')) : null;
    } catch {
      currencyCodes = null;
    }
  }
  if (currencyCodes) return currencyCodes.has(code.toUpperCase());
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** The `currency` attribute checked: a `config` error unless it is an ISO 4217 code. */
export function checkCurrencyAttribute(currency: string | undefined): void {
  if (currency === undefined || isCurrencyCode(currency)) return;
  throw new KpiError({
    code: 'config',
    message: `currency: "${currency}" is not an ISO 4217 currency code (allowed: a 3-letter code such as USD, EUR, GBP, JPY)`,
  });
}

/**
 * Two columns of the input that both resolve to one field (the same name up to case and
 * separators, e.g. "amount" and "Amount", or a mapped column given twice): a `config` error
 * naming both, instead of silently reading the first.
 */
export function checkDuplicateColumns(header: readonly string[], columns: Readonly<Record<string, string | undefined>>): void {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, '');
  for (const [key, col] of Object.entries(columns)) {
    if (col === undefined) continue;
    // The CSV reader renames a repeated header "amount" to "amount_2" so no column is lost.
    const same = header.filter((h) => norm(h) === norm(col) || (h.startsWith(`${col}_`) && /^\d+$/.test(h.slice(col.length + 1)) && h !== col));
    if (same.length > 1) {
      throw new KpiError({
        code: 'config',
        message: `${key}: ${same.length} columns match (${same.map((h) => JSON.stringify(h)).join(', ')}); rename one or map the field with ${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-field`,
      });
    }
  }
}
