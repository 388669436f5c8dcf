// Counts passed / failed / skipped tests of a web-test-runner run and writes them as JSON,
// so scripts/test.mjs can print one plain closing line for unit and browser tests together.
import { writeFileSync } from 'node:fs';

function count(suite, acc) {
  for (const t of suite.tests ?? []) {
    if (t.skipped) acc.skipped++;
    else if (t.passed) acc.passed++;
    else acc.failed++;
  }
  for (const s of suite.suites ?? []) count(s, acc);
  return acc;
}

export function countingReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0, sessionErrors: 0 };
      for (const s of sessions) {
        if (s.testResults) count(s.testResults, acc);
        // A file that failed to load or threw outside a test counts as a failure.
        if (!s.passed && (s.errors?.length ?? 0) > 0) acc.sessionErrors++;
      }
      acc.failed += acc.sessionErrors;
      if (file) writeFileSync(file, JSON.stringify(acc));
    },
  };
}
