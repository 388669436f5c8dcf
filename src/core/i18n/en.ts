/**
 * English messages: the reference language, bundled with every element. English comes in parts,
 * so that a page pays only for the text of the widgets it shows:
 * - `common.*` (here), registered when core/i18n/index.ts loads;
 * - the catalogue's `kpi.<id>.name` / `kpi.<id>.formula` (en-kpi.ts), registered by what shows
 *   them: the catalogue (kpis/catalogue.ts), `loadMessages` of `kpi-kit/metrics`, the scorecard's
 *   and the LTV widget's parts;
 * - one part per widget in its own folder (`widgets/<name>/en.ts`), which registers itself and
 *   is imported by every module of the widget that words text.
 * Each part adds itself to `EnglishParts` below; `MessageKey` is every key of every part, and
 * every other locale file (es.ts) has exactly those keys with the same {placeholders} (checked
 * by the compiler and by test/unit/i18n.test.ts).
 * A value is a string, or plural forms selected by the `count` param through Intl.PluralRules.
 */
import type { MessageTable } from './types.ts';

export const commonEn = {
  'common.loading': 'Loading data…',
  'common.empty': 'No data to show.',
  'common.emptyHint': 'Give the widget rows through its data property, an inline script, or a src URL.',
  'common.errorTitle': 'This widget could not show its data',
  'common.error.network': 'The data could not be fetched: {message}',
  'common.error.http': 'The server answered HTTP {status} for {url}.',
  'common.error.timeout': 'The data took too long to arrive: {message}',
  'common.error.parse': 'The data could not be read: {message}',
  'common.error.validation': 'The data does not have the expected shape.',
  'common.error.config': 'The widget is not configured correctly: {message}',
  'common.errorInSource': 'Source “{source}”: {message}',
  'common.retry': 'Retry',
  'common.rejectedRows': { one: '{count} row was left out because it is not valid.', other: '{count} rows were left out because they are not valid.' },
  'common.showDetails': 'Show details',
  'common.moreIssues': '…and {count} more.',
  'common.dataTable': 'Data table',
  'common.showTable': 'Show the numbers as a table',
  'common.hideTable': 'Hide the table',
  'common.download': 'Download',
  'common.notAvailable': 'not available',
  'common.issue.row': 'row {row}, {path}: {message}',
  'common.issue.field': '{path}: {message}',
  'common.issue.wholeRow': '(row)',
  'common.issue.expected': 'expected {expected}, got {got}',
  'common.issue.oneOf': 'expected one of {values}, got {got}',
  'common.type.number': 'a number',
  'common.type.string': 'text',
  'common.type.date': 'a date',
  'common.type.boolean': 'true or false',
  'common.type.object': 'an object',
  'common.type.array': 'a list',
  'common.got.nothing': 'nothing',
  'common.reason.zero-denominator': 'not available: nothing to divide by',
  'common.reason.no-data': 'not available: no data',
  'common.reason.missing-input': 'not available: input missing',
  'common.reason.invalid-input': 'not available: invalid input',
  'common.reason.mixed-currency': 'not available: mixed currencies',
} as const satisfies MessageTable;

/**
 * The English parts by name. A part declares itself by augmenting this interface
 * (`declare module '…/core/i18n/en.ts' { interface EnglishParts { funnel: typeof funnelEn } }`).
 */
export interface EnglishParts {
  common: typeof commonEn;
}

/** Every message key, of every part. */
export type MessageKey = { [P in keyof EnglishParts]: keyof EnglishParts[P] & string }[keyof EnglishParts];
