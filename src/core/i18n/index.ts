/**
 * The locale system. Two things are resolved from an element's `lang` (or its nearest
 * ancestor's, or the document's) and kept apart:
 *
 * - `locale`: the Intl locale ('en-GB', 'de', 'pt-BR'…). Every number, money, percent and
 *   date format, the day order of ambiguous dates (`03/04/2024`) and the CSV decimal follow it.
 * - `messages`: the message table, the best match among the registered locales below, else
 *   English. A `de` page gets English text with German number formats (`1.234,5`).
 *
 * English is bundled with every element, in parts (en.ts): the common part is registered here, a
 * widget's part by its own modules (`widgets/<name>/en.ts`), the catalogue's KPI names (en-kpi.ts)
 * by what shows them. Another message locale is a module of its own, imported
 * the first time an element resolves to it (`loadMessages`); until it arrives `translator` reads
 * English, and the element renders again when it is in (its `updateComplete` waits for it).
 *
 * Adding a message locale is one file (`pt.ts`, typed `LocaleMessages<MessageKey>` so it has
 * exactly en.ts's keys) and one line in `messageLocales`.
 */
import { commonEn, type MessageKey } from './en.ts';
import { loadedTables, registerMessages } from './tables.ts';
import type { LocaleMessages, Message, MessageTable, Params, PluralMessage, Translate } from './types.ts';

export type { LocaleMessages, Message, MessageKey, MessageTable, Params, PluralMessage, Translate };
export { registerMessages };

/** The registry: message-locale code → how its table is loaded. English is always here. */
export const messageLocales = {
  en: () => Promise.resolve(commonEn),
  es: () => import('./es.ts').then((m) => m.es),
} as const satisfies Record<string, () => Promise<MessageTable>>;

export type MessageLocale = keyof typeof messageLocales;

registerMessages('en', commonEn);

const loading = new Map<string, Promise<void>>();

/**
 * Load (once) and register a message locale's table. Resolves at once for a table already here;
 * a table that cannot be loaded (offline) leaves that locale reading English.
 */
export function loadMessages(code: MessageLocale): Promise<void> {
  if (loadedTables[code]) return Promise.resolve();
  let p = loading.get(code);
  if (!p) {
    p = messageLocales[code]().then(
      (table) => registerMessages(code, table),
      (e: unknown) => console.warn(`kpi-kit: the "${code}" messages could not be loaded; reading English`, e),
    );
    loading.set(code, p);
  }
  return p;
}

/** Whether a message locale's table is here; false starts loading it (see `loadMessages`). */
export function hasMessages(code: MessageLocale): boolean {
  if (loadedTables[code]) return true;
  void loadMessages(code);
  return false;
}

export interface LocaleInfo {
  /** Canonical BCP 47 tag for Intl ('en' when none is given or the tag is not valid). */
  readonly locale: string;
  /** The message table used for text. */
  readonly messages: MessageLocale;
}

const codes = Object.keys(messageLocales) as MessageLocale[];
const infoCache = new Map<string, LocaleInfo>();

/** The locale and message table for a language tag: `localeInfo('de-AT')` → `{ locale: 'de-AT', messages: 'en' }`. */
export function localeInfo(tag?: string | null): LocaleInfo {
  const raw = (tag ?? '').trim();
  let info = infoCache.get(raw);
  if (info) return info;
  let locale = 'en';
  if (raw) {
    try {
      locale = Intl.getCanonicalLocales(raw)[0] ?? 'en';
    } catch {
      // Not a BCP 47 tag (e.g. "english"): keep 'en'.
    }
  }
  const lower = locale.toLowerCase();
  const language = lower.split('-')[0];
  const messages =
    codes.find((c) => c.toLowerCase() === lower) ?? codes.find((c) => c.toLowerCase() === language) ?? 'en';
  info = Object.freeze({ locale, messages });
  infoCache.set(raw, info);
  return info;
}

/** An element's locale: its own `lang`, else the nearest ancestor's, else the document's, else 'en'. */
export function resolveLocale(el: Element): LocaleInfo {
  const raw = el.closest('[lang]')?.getAttribute('lang') ?? el.ownerDocument?.documentElement.lang ?? '';
  return localeInfo(raw);
}

const pluralCache = new Map<string, Intl.PluralRules>();

function pluralRules(locale: string): Intl.PluralRules {
  let rules = pluralCache.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralCache.set(locale, rules);
  }
  return rules;
}

/** The number a `count` param stands for; text is read with the locale's separators ("1.480" in es is 1480). */
function countValue(count: string | number | undefined, locale: string): number | undefined {
  if (typeof count === 'number') return Number.isFinite(count) ? count : undefined;
  if (typeof count !== 'string') return undefined;
  const parts = new Intl.NumberFormat(locale).formatToParts(-12345.6);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const kept = count.replace(/[−‒–]/g, '-').split('').filter((ch) => /[\d-]/.test(ch) || ch === decimal).join('');
  const value = Number(decimal === '.' ? kept : kept.replace(decimal, '.'));
  return kept !== '' && Number.isFinite(value) ? value : undefined;
}

/**
 * One message's text: the plural form for `count` by the Intl.PluralRules of `pluralLocale`, else
 * `other`. A count given as text is read with the separators of `locale`, which formatted it.
 */
export function selectForm(message: Message, params: Params | undefined, locale: string, pluralLocale = locale): string {
  if (typeof message === 'string') return message;
  const n = countValue(params?.['count'], locale);
  if (n === undefined) return message.other;
  if (n === 0 && message.zero !== undefined) return message.zero;
  return message[pluralRules(pluralLocale).select(n)] ?? message.other;
}

/** Fill `{name}` placeholders; a placeholder without a param stays as it is. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

function lookup(table: MessageTable, key: string, namespace: string): Message | undefined {
  return (namespace ? table[`${namespace}.${key}`] : undefined) ?? table[`common.${key}`] ?? table[key];
}

const translators = new Map<string, Translate>();

/**
 * `t(key, params)` for a locale and an optional namespace: `t('title')` reads `<namespace>.title`,
 * then `common.title`, then the key as written (`t('kpi.cac.name')`), in the locale's table (once
 * it is loaded: see `loadMessages`) and then in English. Plural forms follow the Intl locale when it speaks the table's language (pt-BR
 * and pt-PT differ), else the table's own language. An unknown key comes back unchanged.
 */
export function translator(locale: LocaleInfo | string, namespace = ''): Translate {
  const info = typeof locale === 'string' ? localeInfo(locale) : locale;
  const cacheKey = `${info.locale}|${info.messages}|${namespace}`;
  let t = translators.get(cacheKey);
  if (t) return t;
  const sameLanguage = info.locale.toLowerCase().split('-')[0] === info.messages.toLowerCase().split('-')[0];
  const pluralLocale = sameLanguage ? info.locale : info.messages;
  t = (key, params) => {
    // The table is read at each call: a locale loaded after this translator was made is used at once.
    const table = loadedTables[info.messages];
    const message = (table && lookup(table, key, namespace)) ?? lookup(loadedTables['en'] ?? commonEn, key, namespace);
    if (message === undefined) return key;
    return interpolate(selectForm(message, params, info.locale, pluralLocale), params);
  };
  translators.set(cacheKey, t);
  return t;
}

export { formatRowIssue } from './issues.ts';
