import { KpiError } from '../data/errors.ts';
import { formatIssue, type RejectedRow } from './validate.ts';

/** The `validation` error for input with no valid row: names the first issues of the rejected rows. */
export function validationError(rejected: readonly RejectedRow[], total: number): KpiError {
  const issues = rejected.flatMap((r) => r.issues);
  return new KpiError({
    code: 'validation',
    message: `${rejected.length} of ${total} rows are not valid: ${issues.slice(0, 3).map(formatIssue).join('; ')}`,
    issues,
  });
}
