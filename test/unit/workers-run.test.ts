// The shared worker client and the main-thread slicer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callWorker, runInSlices } from '../../src/core/jobs/client.ts';

function* counting(n: number): Generator<number, string, void> {
  for (let i = 1; i <= n; i++) yield i;
  return `done ${n}`;
}

test('runInSlices finishes the generator, reports progress between slices, and stops on abort', async () => {
  const seen: number[] = [];
  const r = await runInSlices(counting(1000), { sliceMs: 0, onProgress: (p) => seen.push(p), abortError: () => new Error('aborted') });
  assert.equal(r, 'done 1000');
  assert.ok(seen.length > 0 && seen.every((v, i) => i === 0 || v > seen[i - 1]!));
  const c = new AbortController();
  c.abort();
  await assert.rejects(runInSlices(counting(10), { sliceMs: 0, signal: c.signal, abortError: () => new Error('aborted') }), /aborted/);
});

/** A stand-in Worker: answers a request with the scripted messages. */
class FakeWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  constructor(private readonly script: (id: number, w: FakeWorker) => void) {}
  postMessage(msg: { id: number }) {
    queueMicrotask(() => this.script(msg.id, this));
  }
  terminate() {
    this.terminated = true;
  }
  send(data: unknown) {
    this.onmessage?.({ data });
  }
}

const asWorker = (w: FakeWorker) => w as unknown as Worker;

test('callWorker: progress then result; the worker is terminated', async () => {
  const progress: unknown[] = [];
  const w = new FakeWorker((id, self) => {
    self.send({ id: id + 1, type: 'result', result: 'someone else' }); // another request's answer is ignored
    self.send({ id, type: 'progress', done: 1 });
    self.send({ id, type: 'result', result: 42 });
  });
  const r = await callWorker<number>(asWorker(w), { id: 7 }, { onProgress: (m) => progress.push(m['done']), fallback: async () => -1, abortError: () => new Error('aborted') });
  assert.equal(r, 42);
  assert.deepEqual(progress, [1]);
  assert.equal(w.terminated, true);
});

test('callWorker: an exception in the worker, or a worker that fails to load, falls back', async () => {
  const threw = new FakeWorker((id, self) => self.send({ id, type: 'error', message: 'boom' }));
  assert.equal(await callWorker<number>(asWorker(threw), { id: 1 }, { fallback: async () => 5, abortError: () => new Error('aborted') }), 5);
  const broken = new FakeWorker((_id, self) => self.onerror?.({ preventDefault() {} }));
  assert.equal(await callWorker<number>(asWorker(broken), { id: 2 }, { fallback: async () => 6, abortError: () => new Error('aborted') }), 6);
});

test('callWorker: abort rejects at once, tells the job to abort (its fetch closes), then terminates the worker within 250 ms', async () => {
  const messages: unknown[] = [];
  const silent = new FakeWorker(() => {});
  const post = silent.postMessage.bind(silent);
  silent.postMessage = (msg: { id: number }) => {
    messages.push(msg);
    post(msg);
  };
  const c = new AbortController();
  const p = callWorker<number>(asWorker(silent), { id: 3 }, { signal: c.signal, fallback: async () => 0, abortError: () => new Error('aborted') });
  c.abort();
  await assert.rejects(p, /aborted/);
  assert.deepEqual(messages, [{ id: 3 }, { type: 'abort', id: 3 }]);
  // The job gets a moment to cancel its request and close the connection; then the worker goes.
  assert.equal(silent.terminated, false);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(silent.terminated, true);
});
