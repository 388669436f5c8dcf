/**
 * Running a widget's spec, apart from the element: the base class hands over the spec, the
 * input and a sink, and these functions decide how the work runs and report back through the
 * sink. `runSpec`: read → compute (at once, in main-thread slices for large inputs, or a
 * promise of worker work) → result. `runSpecJob`: a `src` whose whole pipeline runs in the
 * kit's worker (spec.job). A newer build or a disconnect aborts through the returned controller.
 */
import { toErrorDetail, type KpiErrorDetail } from '../data/errors.ts';
import { isAbort } from '../data/load.ts';
import { runInSlices, runJob, yieldToEventLoop } from '../jobs/client.ts';
import { runPipeline, type InputSettings, type PipelineRequest, type PipelineResult } from './pipeline.ts';
import { readNow, type AnySpec, type Built, type Input, type Progress, type Read } from './spec.ts';

/** Where a run reports: the element's state. */
export interface RunSink {
  /** Asynchronous work started: show loading (with progress) until `done` or `failed`. */
  loading(progress?: Progress): void;
  progress(progress: Progress): void;
  done(built: Built<unknown, unknown>): void;
  failed(detail: KpiErrorDetail): void;
}

/** The element state a run changes (core/element/kpi-element.ts applies each patch to itself). */
export interface StatePatch {
  readonly phase?: 'loading' | 'ready' | 'empty' | 'error';
  readonly built?: Built<unknown, unknown> | undefined;
  readonly error?: KpiErrorDetail | undefined;
  readonly jobProgress?: Progress | undefined;
  readonly specJob?: undefined;
}

/** A run's sink as patches of element state: loading clears the model, done shows it, failed shows the error. */
export function stateSink(apply: (patch: StatePatch) => void): RunSink {
  return {
    // Progress a compute reported while it started (before it returned its promise) stays.
    loading: (progress) => apply({ built: undefined, error: undefined, phase: 'loading', ...(progress ? { jobProgress: progress } : {}) }),
    progress: (jobProgress) => apply({ jobProgress }),
    done: (built) => apply({ specJob: undefined, jobProgress: undefined, built, error: undefined, phase: built.empty ? 'empty' : 'ready' }),
    failed: (error) => apply({ specJob: undefined, jobProgress: undefined, built: undefined, error, phase: 'error' }),
  };
}

const isGenerator = (v: unknown): v is Generator<Progress, unknown, void> =>
  !!v && typeof v === 'object' && typeof (v as Generator).next === 'function' && typeof (v as Generator)[Symbol.iterator] === 'function';
const isPromise = (v: unknown): v is PromiseLike<unknown> => !!v && typeof v === 'object' && typeof (v as PromiseLike<unknown>).then === 'function';
const abortError = () => new DOMException('aborted', 'AbortError');

/** Settle an asynchronous run into the sink, unless it was aborted. */
function settle<T>(work: Promise<T>, job: AbortController, sink: RunSink, finish: (value: T) => void, fallback: 'config' | 'network'): void {
  work.then(
    async (value) => {
      // The result is drawn in a task of its own, not after the last slice of work or the
      // worker's message in the same one.
      await yieldToEventLoop();
      if (job.signal.aborted) return;
      try {
        finish(value);
      } catch (e) {
        sink.failed(toErrorDetail(e, 'config'));
      }
    },
    (e: unknown) => {
      if (job.signal.aborted || isAbort(e)) return;
      sink.failed(toErrorDetail(e, fallback));
    },
  );
}

/**
 * The spec pipeline: read → compute → result. A compute that returns a generator runs at once
 * for small inputs and in main-thread slices for large ones; one that returns a promise (worker
 * work) keeps the loading state until it settles. Returns the job's controller when it runs on.
 */
export function runSpec(spec: AnySpec, input: Input, options: Record<string, unknown>, sink: RunSink): AbortController | undefined {
  const read: Read<unknown> = readNow(spec.read(input, options)); // input given here (data, inline): at once
  const job = new AbortController();
  const ctx = { signal: job.signal, onProgress: (p: Progress) => { if (!job.signal.aborted) sink.progress(p); } };
  const out = spec.compute(read.data, options, ctx);
  const finish = (model: unknown) =>
    sink.done({
      model,
      result: spec.result(model, read, options),
      empty: spec.isEmpty(model),
      rejected: spec.rejectedOf ? spec.rejectedOf(model) : read.rejected,
      total: read.total,
      findings: spec.findingsOf ? spec.findingsOf(model) : [],
    });
  if (isGenerator(out) && read.total <= (spec.syncRows ?? 50_000)) {
    let r = out.next();
    while (!r.done) r = out.next();
    finish(r.value);
    return undefined;
  }
  if (!isGenerator(out) && !isPromise(out)) {
    finish(out);
    return undefined;
  }
  sink.loading();
  const running = isGenerator(out)
    ? runInSlices(out, { sliceMs: 12, signal: job.signal, onProgress: ctx.onProgress, abortError })
    : Promise.resolve(out);
  settle(running, job, sink, finish, 'config');
  return job;
}

export interface SpecJobOptions {
  readonly settings: InputSettings;
  readonly src: string;
  readonly options: Record<string, unknown>;
  readonly timeout: number;
  readonly delimiter?: string | undefined;
  /** The user's column for a field key, once the worker has resolved the columns. */
  readonly onColumns: (columnName: (key: string) => string) => void;
}

/**
 * A `src` through the spec's worker job (spec.job, core/element/pipeline.ts): fetched here up
 * to the headers; the body stream moves to the kit's worker, which reads, parses, checks and
 * computes; only the model comes back. Without a worker the same pipeline runs here, with a
 * turn for the event loop between stages and compute in slices.
 */
export function runSpecJob(spec: AnySpec, kind: string, o: SpecJobOptions, sink: RunSink): AbortController {
  const { settings, options } = o;
  const job = new AbortController();
  const signal = job.signal;
  const onProgress = (p: Progress) => {
    if (!signal.aborted) sink.progress({ stage: p.stage, done: p.done, ...(p.total !== undefined ? { total: p.total } : {}) });
  };
  sink.loading({ stage: 'fetch', done: 0, total: 4 });
  // The job fetches `src` itself: in the worker, no byte of a large body crosses the main
  // thread (a moved stream would still be pumped from here). The URL is resolved against the page.
  let url = o.src;
  try {
    url = new URL(o.src, globalThis.document?.baseURI ?? globalThis.location?.href).href;
  } catch {
    /* left as given: the fetch reports it */
  }
  const req: PipelineRequest = { ...settings, mapping: { ...settings.mapping }, fetch: { src: o.src, url, timeout: o.timeout }, ...(o.delimiter ? { delimiter: o.delimiter } : {}), options };
  const run = () =>
    runJob<Progress, PipelineResult>(kind, req, {
      signal,
      onProgress,
      // The same pipeline here, when no worker can run it (it fetches again if a worker had started).
      here: () =>
        runPipeline(spec, req, {
          signal,
          progress: onProgress,
          pause: yieldToEventLoop,
          drain: (steps, ctx) => runInSlices(steps, { sliceMs: 12, signal, onProgress: ctx.onProgress, abortError }),
        }),
    });
  settle(run(), job, sink, (result) => {
    const r = spec.revive ? { ...result, model: spec.revive(result.model) } : result;
    o.onColumns((key) => r.columns[key] ?? settings.mapping[key] ?? key);
    const read: Read<unknown> = { data: undefined, rejected: r.readRejected, total: r.total };
    sink.done({
      model: r.model,
      result: spec.result(r.model, read, options),
      empty: spec.isEmpty(r.model),
      rejected: r.rejected,
      total: r.total,
      findings: r.findings,
    });
  }, 'network');
  return job;
}

/** The latest of several scheduled runs: an older one, or one after `cancel`, is dropped. */
export class LatestRun {
  private n = 0;

  /** `fn` now, or in a task of its own (`later`) if it is still the latest and `alive()` then. */
  run(fn: () => void, later: boolean, alive: () => boolean): void {
    const token = ++this.n;
    if (!later) return fn();
    void yieldToEventLoop().then(() => {
      if (token === this.n && alive()) fn();
    });
  }

  cancel(): void {
    this.n++;
  }
}

/** Which changes of an element's properties mean loading its input again, and building again. */
export function changesOf(changed: ReadonlyMap<PropertyKey, unknown>, spec: AnySpec | undefined, noData: boolean, firstUpdate: boolean): { readonly input: boolean; readonly build: boolean } {
  // Properties whose change means the model must be rebuilt (besides the input): the spec's options.
  const option = Object.keys(spec?.options ?? {}).some((k) => changed.has(k));
  // A spec that can build without rows (needsData) looks at its input again when an option changes and no data or src is given.
  const input = ['data', 'src', 'inlineNonce', 'sources', 'sourceNonce'].some((k) => changed.has(k)) || firstUpdate || (!!spec?.needsData && noData && option);
  const build = ['parsed', 'fields', 'groupBy', 'fieldNonce', 'decimal', 'langNonce'].some((k) => changed.has(k)) || option;
  return { input, build };
}

/** What an element hands `startSpec`. */
export interface SpecStart {
  readonly settings: InputSettings;
  readonly options: Record<string, unknown>;
  /** A `src` the spec's worker job reads whole (spec.job); undefined: the parsed input here. */
  readonly jobSrc: string | undefined;
  readonly timeout: number;
  readonly delimiter: string | undefined;
  readonly onColumns: (columnName: (key: string) => string) => void;
  /** The parsed input with its named sources (not read for a worker `src`). */
  readonly input: () => Input;
  /** True: the input must be loaded again first (it was prepared for other settings); nothing starts. */
  readonly reload: (input: Input) => boolean;
}

/** An element's run of its spec: whole in the kit's worker for a `src` (spec.job), else here on the parsed input. */
export function startSpec(spec: AnySpec, o: SpecStart, sink: RunSink): AbortController | undefined {
  if (o.jobSrc !== undefined && spec.job) {
    return runSpecJob(spec, spec.job, { settings: o.settings, src: o.jobSrc, options: o.options, timeout: o.timeout, delimiter: o.delimiter, onColumns: o.onColumns }, sink);
  }
  const input = o.input();
  o.onColumns(input.columnName);
  return o.reload(input) ? undefined : runSpec(spec, input, o.options, sink);
}
