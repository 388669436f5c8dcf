/**
 * Widget options, declared once per widget as zod schemas. Each option is one lit property
 * that takes either its attribute string (`cac="12"`, `targets="MQL:40%"`) or its typed value
 * (`el.cac = 12`, `el.targets = { MQL: 0.4 }`): frameworks such as React 19 and Vue 3 set the
 * property when one exists, so both must work. `parseOptions` turns the raw values into typed
 * options with their defaults, or throws one `config` KpiError naming each bad attribute and
 * what it accepts.
 */
import type { PropertyDeclaration } from 'lit';
import { z, fail } from '../schema/z.ts';
import { KpiError, type RowIssue } from '../data/errors.ts';
import { parseList, parsePairs, parseRate, parseTargets } from '../data/options.ts';
import { parseDateCell } from '../data/dates.ts';
import type { AnySpec } from './spec.ts';
import { fieldAttribute } from '../data/fields.ts';

/** One option: its attribute, and a schema from the raw property value to the typed value. */
export interface OptionSpec<T> {
  /** The attribute, or false for a property-only option (an object such as a configuration). */
  readonly attribute: string | false;
  /**
   * A child element whose text is read as JSON when the property is not set, e.g.
   * `script[type="application/json"][data-config]` (a CSS selector scoped to the element's children).
   */
  readonly inline?: string;
  /** How error messages name the inline child (default "the inline <key>"), e.g. "the data-config script". */
  readonly inlineName?: string;
  /**
   * How an inline child other than a JSON script is read (e.g. a `<table data-config>`): its raw
   * value, or a thrown `config` KpiError. Default: the child's text as JSON.
   */
  readonly inlineRead?: (child: Element) => unknown;
  /** A raw value from elsewhere (a configuration fetched from a URL), read after the property and before the inline child. */
  readonly fallback?: (source: object) => unknown;
  readonly schema: z.ZodMiniType<T, unknown>;
  /** One line for docs and error messages: what the attribute accepts. */
  readonly accepts: string;
}

export type OptionSpecs<O> = { readonly [K in keyof O]: OptionSpec<O[K]> };
export type OptionsOf<S> = S extends OptionSpecs<infer O> ? O : never;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Build an option whose raw value is blank → `fallback`, else `read(value)` (which may call `bad`). */
function option<T>(attribute: string | false, accepts: string, fallback: T, read: (v: unknown, bad: (msg?: string) => never) => T): OptionSpec<T> {
  const schema = z.pipe(
    z.unknown(),
    z.transform((v: unknown, ctx) => {
      if (blank(v)) return fallback;
      try {
        return read(v, (msg) => {
          throw new KpiError({ code: 'config', message: msg ?? `"${String(v)}" is not ${accepts}` });
        });
      } catch (e) {
        const m = e instanceof KpiError ? e.message.replace(new RegExp(`^${attribute}: `), '') : String((e as Error)?.message ?? e);
        return fail(ctx, m);
      }
    }),
  ) as unknown as z.ZodMiniType<T, unknown>;
  return { attribute, schema, accepts };
}

const text = (v: unknown, bad: (m?: string) => never): string => {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return bad(`expected text, got ${typeof v}`);
};

export const opt = {
  /** Free text; blank → `fallback`. */
  string<D extends string | undefined = undefined>(attribute: string, fallback?: D): OptionSpec<string | D> {
    return option<string | D>(attribute, 'text', fallback as D, (v, bad) => text(v, bad));
  },

  /** One of `values`, compared without regard to case; blank → `fallback`. */
  enum<const V extends string, D extends V | undefined>(attribute: string, values: readonly V[], fallback: D): OptionSpec<V | D> {
    const accepts = `one of ${values.join(', ')}`;
    return option<V | D>(attribute, accepts, fallback, (v, bad) => {
      const s = text(v, bad).toLowerCase();
      const hit = values.find((x) => x.toLowerCase() === s);
      return hit ?? bad(`"${String(v)}" is not ${accepts}`);
    });
  },

  /** A finite number (or numeric text, decimal comma allowed) within bounds; blank → `fallback`. */
  number<D extends number | undefined>(attribute: string, fallback: D, bounds: { min?: number; above?: number; max?: number; integer?: boolean } = {}): OptionSpec<number | D> {
    const parts = [
      bounds.above !== undefined ? `above ${bounds.above}` : bounds.min !== undefined ? `of at least ${bounds.min}` : '',
      bounds.max !== undefined ? `at most ${bounds.max}` : '',
    ].filter(Boolean);
    const accepts = `${bounds.integer ? 'a whole number' : 'a number'}${parts.length ? ' ' + parts.join(' and ') : ''}`;
    return option<number | D>(attribute, accepts, fallback, (v, bad) => {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim().replace(',', '.')) : NaN;
      const ok =
        Number.isFinite(n) &&
        (bounds.min === undefined || n >= bounds.min) &&
        (bounds.above === undefined || n > bounds.above) &&
        (bounds.max === undefined || n <= bounds.max) &&
        (!bounds.integer || Number.isInteger(n));
      return ok ? n : bad(`"${String(v)}" is not ${accepts}`);
    });
  },

  /** A rate: 0.3, "0.3", "30%" or 30 (read as a percentage) → 0.3; blank → `fallback`. */
  rate<D extends number | undefined>(attribute: string, fallback: D): OptionSpec<number | D> {
    return option<number | D>(attribute, 'a rate (0.3 or 30%)', fallback, (v, bad) => {
      if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? (v > 1 ? v / 100 : v) : bad(`"${v}" is not a rate (write 0.3 or 30%)`);
      return parseRate(text(v, bad), attribute);
    });
  },

  /** A list: "A, B, C", "A > B > C" or an array of strings; blank → `fallback`. */
  list<D extends readonly string[] | undefined>(attribute: string, fallback: D): OptionSpec<readonly string[] | D> {
    return option<readonly string[] | D>(attribute, 'a comma-separated list', fallback, (v, bad) => {
      if (Array.isArray(v)) return v.map((x) => text(x, bad)).filter(Boolean);
      return parseList(text(v, bad));
    });
  },

  /** Pairs "a:b, c:d", an object, or an array of [a, b]; blank → `fallback`. */
  pairs<D extends readonly (readonly [string, string])[] | undefined>(attribute: string, fallback: D): OptionSpec<readonly (readonly [string, string])[] | D> {
    return option<readonly (readonly [string, string])[] | D>(attribute, 'pairs written name:value, name:value', fallback, (v, bad) => {
      if (Array.isArray(v)) return v.map((p) => (Array.isArray(p) && p.length === 2 ? ([text(p[0], bad), text(p[1], bad)] as const) : bad('expected [name, value] pairs')));
      if (v && typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, text(x, bad)] as const);
      return parsePairs(text(v, bad), attribute);
    });
  },

  /**
   * Step targets: "MQL:40%, SQL:35%" (by stage), "40%, 35%" (by position), an object
   * `{ MQL: 0.4 }` or an array `[null, 0.4]`; blank → undefined.
   */
  targets(attribute: string): OptionSpec<Readonly<Record<string, number>> | readonly (number | null)[] | undefined> {
    return option<Readonly<Record<string, number>> | readonly (number | null)[] | undefined>(attribute, 'targets such as "MQL:40%, SQL:35%"', undefined, (v, bad) => {
      if (typeof v === 'string') return parseTargets(v, attribute);
      if (Array.isArray(v)) return v.map((x) => (x === null || x === undefined ? null : typeof x === 'number' || typeof x === 'string' ? parseRate(String(x), attribute) : bad('expected rates')));
      if (v && typeof v === 'object') {
        const out: Record<string, number> = Object.create(null);
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
          if (typeof x !== 'number' && typeof x !== 'string') return bad(`${k}: expected a rate`);
          out[k] = typeof x === 'number' && x <= 1 && x >= 0 ? x : parseRate(String(x), attribute);
        }
        return out;
      }
      return bad();
    });
  },

  /**
   * A structured value (a configuration object) checked by `parse`, which throws a `config`
   * KpiError naming the field. Set as a property, or given as JSON in an `inline` child (or in
   * another child `more.inlineRead` reads), or by `more.fallback` (fetched from a URL).
   */
  json<T>(property: string, parse: (raw: unknown) => T, inline?: string, inlineName?: string, more: Pick<OptionSpec<T>, 'inlineRead' | 'fallback'> = {}): OptionSpec<T | undefined> {
    const base = option<T | undefined>(false, 'a JSON value', undefined, (v) => parse(v));
    return { ...base, inline, ...(inlineName ? { inlineName } : {}), ...more, accepts: `the ${property} object` };
  },

  /** A calendar date, "YYYY-MM-DD" or a Date → "YYYY-MM-DD"; blank → `fallback`. */
  date<D extends string | undefined>(attribute: string, fallback: D): OptionSpec<string | D> {
    return option<string | D>(attribute, 'a date (YYYY-MM-DD)', fallback, (v, bad) => {
      const t = v instanceof Date ? v.getTime() : parseDateCell(text(v, bad), 'dmy');
      if (typeof t !== 'number' || !Number.isFinite(t)) return bad(`"${String(v)}" is not a date (write YYYY-MM-DD)`);
      return new Date(t).toISOString().slice(0, 10);
    });
  },
};

/** The property name of an option attribute: `lost-values` → `lostValues`. */
export function propertyName(attribute: string): string {
  return attribute.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Lit property declarations for the options: no converter, so the attribute string and any
 * value a script sets land on the same property, and `parseOptions` reads either.
 */
export function optionProperties(specs: OptionSpecs<Record<string, unknown>>): Record<string, PropertyDeclaration> {
  const out: Record<string, PropertyDeclaration> = {};
  for (const [key, s] of Object.entries(specs)) out[key] = s.attribute ? { attribute: s.attribute } : { attribute: false };
  return out;
}

/**
 * Read every option from `source` (the element), and an option's inline JSON child when its
 * property is not set; throws one `config` KpiError listing each bad one.
 */
export function parseOptions<O>(specs: OptionSpecs<O>, source: object): O {
  const out: Record<string, unknown> = {};
  const issues: RowIssue[] = [];
  const texts: string[] = [];
  for (const key of Object.keys(specs) as (keyof O & string)[]) {
    const spec = specs[key];
    let raw = (source as Record<string, unknown>)[key];
    if ((raw === undefined || raw === null) && spec.fallback) raw = spec.fallback(source);
    if ((raw === undefined || raw === null) && spec.inline && typeof (source as Element).querySelector === 'function') {
      const child = (source as Element).querySelector(`:scope > ${spec.inline}`);
      if (child) {
        try {
          raw = spec.inlineRead && child.localName !== 'script' ? spec.inlineRead(child) : JSON.parse(child.textContent ?? '');
        } catch (e) {
          const message = e instanceof KpiError ? e.message : `${spec.inlineName ?? `the inline ${key}`} is not valid JSON (${(e as Error).message})`;
          issues.push({ path: key, message });
          texts.push(message);
          continue;
        }
      }
    }
    const r = z.safeParse(spec.schema, raw);
    if (r.success) out[key] = r.data;
    else {
      const message = r.error.issues[0]?.message ?? `is not ${spec.accepts}`;
      issues.push({ path: spec.attribute || key, message });
      // An attribute's problem is prefixed with its name; a structured value's message names its own path.
      texts.push(spec.attribute ? `${spec.attribute}: ${message}` : message);
    }
  }
  if (issues.length) throw new KpiError({ code: 'config', message: texts.join('; '), issues });
  return out as O;
}

/** The typed options a set of option specs gives: `OptionValues<typeof funnelOptions>`. */
export type OptionValues<S> = { readonly [K in keyof S]: S[K] extends OptionSpec<infer T> ? T : never };

/** Each option's default (what a blank value reads as), leaving out the options without one. */
export function optionDefaults(specs: OptionSpecs<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const r = z.safeParse(spec.schema, undefined);
    if (r.success && r.data !== undefined) out[key] = Array.isArray(r.data) ? [...r.data] : r.data;
  }
  return out;
}

/**
 * Whether the element needs rows: always, unless its spec can build without them (`needsData`)
 * and says so for the current options. Options not valid yet: no rows needed, so the build runs
 * and reports them.
 */
export function rowsWanted(spec: AnySpec | undefined, source: object): boolean {
  if (!spec?.needsData) return true;
  try {
    return spec.needsData(parseOptions(spec.options, source));
  } catch {
    return false;
  }
}

/** The attributes a spec adds to an element's own: `<field>-field` for each field, `src-<name>` for each named source. */
export function specAttributes(spec: AnySpec | undefined): string[] {
  return [...Object.keys(spec?.fields ?? {}).map(fieldAttribute), ...(spec?.sources?.names.map((n) => `src-${n}`) ?? [])];
}
