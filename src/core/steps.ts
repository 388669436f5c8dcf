/**
 * Work written as steps (a generator that yields now and then): run to its end at once, or read
 * as progress. The main thread drains such steps in slices (core/jobs/client.ts `runInSlices`);
 * a worker, a test or a small input runs them at once.
 */
import type { Progress } from './element/spec.ts';

/** Steps run to their end at once: the value they return. */
export function drainSteps<R>(steps: Generator<unknown, R, void>): R {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** Steps that yield the rows done, as read progress. */
export function* readProgress<R>(steps: Generator<number, R, void>, total: number): Generator<Progress, R, void> {
  let r = steps.next();
  for (; !r.done; r = steps.next()) yield { stage: 'read', done: r.value, total };
  return r.value;
}
