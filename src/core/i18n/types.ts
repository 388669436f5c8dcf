/** The shapes of message tables and of the translator the elements use. */

/** Plural forms of one message, chosen by its `count` param through Intl.PluralRules; `other` is required. */
export interface PluralMessage {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

/** A message: text with `{name}` placeholders, or its plural forms. */
export type Message = string | PluralMessage;

/** A flat table of namespaced keys (`common.loading`, `funnel.title`, `kpi.win-rate.name`…). */
export type MessageTable = Readonly<Record<string, Message>>;

/** A locale file's table: exactly the keys of en.ts (a missing or extra key does not compile). */
export type LocaleMessages<K extends string> = Readonly<Record<K, Message>>;

/** Values for `{name}` placeholders. A numeric (or numeric-text) `count` also selects the plural form. */
export type Params = Readonly<Record<string, string | number>>;

/** Look a message up and fill its placeholders; an unknown key comes back unchanged. */
export type Translate = (key: string, params?: Params) => string;
