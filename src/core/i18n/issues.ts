/**
 * Row issues in the reader's language. core/schema/validate.ts words each issue in English for
 * developers ("expected a number, got "n/a""); this reads that wording back into its parts
 * (what was expected, what came) and says it again with the locale's templates
 * (`common.issue.*`, `common.type.*`). The path already names the user's column (validation
 * renames fields through the element's column mapping). A message in another wording, such as a
 * widget's own check, is shown as it is.
 */
import type { RowIssue } from '../data/errors.ts';
import type { Translate } from './types.ts';

/** validate.ts's type names → the `common.type.*` key that translates them. */
const TYPES: Readonly<Record<string, string>> = {
  'a number': 'type.number',
  text: 'type.string',
  'a date': 'type.date',
  'true or false': 'type.boolean',
  'an object': 'type.object',
  'a list': 'type.array',
};

/** validate.ts's words for a received value that is not itself a value. */
const GOT: Readonly<Record<string, string>> = {
  nothing: 'got.nothing',
  'a list': 'type.array',
  'an object': 'type.object',
};

const EXPECTED = /^expected (.+), got (.+)$/s;
const ONE_OF = /^expected one of (.+), got (.+)$/s;

function got(t: Translate, value: string): string {
  const key = GOT[value];
  return key ? t(key) : value;
}

/** The message of one issue, translated where its wording is validate.ts's. */
export function issueText(message: string, t: Translate): string {
  const oneOf = ONE_OF.exec(message);
  if (oneOf) return t('issue.oneOf', { values: oneOf[1]!, got: got(t, oneOf[2]!) });
  const m = EXPECTED.exec(message);
  if (m && TYPES[m[1]!]) return t('issue.expected', { expected: t(TYPES[m[1]!]!), got: got(t, m[2]!) });
  return message;
}

/** "fila 12, importe: se esperaba un número y llegó "n/a"" */
export function formatRowIssue(issue: RowIssue, t: Translate): string {
  const path = issue.path === '(row)' ? t('issue.wholeRow') : issue.path;
  const message = issueText(issue.message, t);
  return issue.row !== undefined ? t('issue.row', { row: issue.row, path, message }) : t('issue.field', { path, message });
}
