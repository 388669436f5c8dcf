/**
 * A widget's whole pipeline for `src` input, away from its element:
 *
 *   body → decode + parse → spec.read (map, validate, quality pass) → spec.compute (drained)
 *
 * A spec that declares `job` runs all of it in the kit's one worker (src/entries/worker.ts
 * registers `pipelineJob(spec)` under that name), fetch included (core/data/load.ts `openData`
 * and `readOpened`: the timeout, abort and HTTP error codes are the same as on the main thread):
 * a million rows are never downloaded, decoded or parsed on the main thread (a body stream moved
 * to a worker would still be pumped from it), and the page receives only the model, as
 * structured-cloneable data. When no worker can start, the base class runs
 * the same function on the main thread with its own hooks (a turn for the event loop between
 * stages, compute in slices). DOM-free.
 *
 * `inputOf` is the one place parsed input, the field mapping and the locale become the `Input`
 * that `read` receives: the base class uses it for `data` and inline input too, so every path
 * reads the same way.
 */
import { openData, parseRaw, parseRawInSlices, readOpened, rowsOf, type OpenedData, type Parsed, type RawData } from '../data/load.ts';
import { columnsOf, fieldAttribute, resolveColumns, type FieldMapping, type FieldSpecs } from '../data/fields.ts';
import { csvDecimal } from '../data/numbers.ts';
import { localeDayOrder } from '../data/dates.ts';
import type { RejectedRow } from '../schema/validate.ts';
import type { Finding } from '../data/quality.ts';
import type { Job } from '../jobs/server.ts';
import type { AnySpec, ComputeContext, Input, Progress, Read, SourceInput } from './spec.ts';

/** What the element knows besides the rows: the field mapping, the locale, the currency. */
export interface InputSettings {
  /** The page's field mapping (`fields` and `<key>-field` attributes), `group` already from `group-by`. */
  readonly mapping: Readonly<Record<string, string | undefined>>;
  /** The element's `decimal` attribute, if set. */
  readonly decimal?: string | undefined;
  /** The Intl locale (decimal comma and day order of dates). */
  readonly lang: string;
  readonly currency: string;
  readonly currencyExplicit: boolean;
}

/** The element's settings an input is read with: the field mapping from `fields`, `<key>-field` attributes and `group-by`, and its number and money settings. */
export function settingsOf(
  el: Element,
  fields: FieldSpecs,
  o: { readonly fields?: FieldMapping | undefined; readonly groupBy?: string | undefined; readonly decimal?: string | undefined; readonly lang: string; readonly currency: string },
): InputSettings {
  const mapping: Record<string, string | undefined> = {};
  for (const key of Object.keys(fields)) mapping[key] = o.fields?.[key] ?? el.getAttribute(fieldAttribute(key)) ?? undefined;
  if ('group' in fields) mapping['group'] = o.groupBy || mapping['group'];
  return { mapping, decimal: o.decimal, lang: o.lang, currency: o.currency, currencyExplicit: el.hasAttribute('currency') || o.currency !== 'USD' };
}

/** Parsed input + settings → the `Input` a spec's `read` receives. */
export function inputOf(fields: FieldSpecs, parsed: Parsed, s: InputSettings): Input {
  const mapping = s.mapping;
  // An array of rows, or an object carrying them (`{ rows: [...] }`, as an aggregate file does).
  const rows = rowsOf(parsed.value) ?? [];
  const header = parsed.header ?? columnsOf(rows);
  const columns = resolveColumns(fields, mapping, header);
  // Group only when asked: a column that happens to be called "group" is not a request.
  if ('group' in fields && !mapping['group']) columns['group'] = undefined;
  return {
    parsed,
    columns,
    columnName: (key) => columns[key] ?? mapping[key] ?? key,
    decimal: parsed.format === 'csv' ? csvDecimal(s.decimal, parsed.delimiter ?? ',', s.lang) : '.',
    dayOrder: localeDayOrder(s.lang),
    mapping,
    currency: s.currency,
    currencyExplicit: s.currencyExplicit,
  };
}

/** `inputOf`, with the named sources' parsed inputs (null: none were given), each read with the element's shared settings. */
export function inputWithSources(fields: FieldSpecs, parsed: Parsed, settings: InputSettings, named: Readonly<Record<string, Parsed>> | null): Input {
  const input = inputOf(fields, parsed, settings);
  if (!named) return input;
  const { mapping: _m, ...shared } = settings;
  const sources: Record<string, SourceInput> = {};
  for (const [name, p] of Object.entries(named)) sources[name] = { parsed: p, settings: shared };
  return { ...input, sources };
}

/** Where a pipeline job fetches its input itself (in the worker: no byte of it crosses the main thread). */
export interface PipelineFetch {
  /** The `src` as the page gave it (for messages) and its absolute URL (resolved against the page). */
  readonly src: string;
  readonly url: string;
  readonly timeout: number;
}

/** The request a pipeline job receives (plain data: it crosses to the worker). */
export interface PipelineRequest extends InputSettings {
  /** Fetch this in the job (the worker path). */
  readonly fetch?: PipelineFetch;
  /** The response, headers in (the main-thread path). */
  readonly opened?: OpenedData;
  /** The body already read (where streams cannot move to a worker); its buffer is moved. */
  readonly raw?: RawData;
  readonly delimiter?: string;
  /** The parsed, typed options (plain data). */
  readonly options: Record<string, unknown>;
}

/** What the pipeline gives back (plain data: it crosses back from the worker). */
export interface PipelineResult<M = unknown> {
  readonly model: M;
  /** Rows left out: `spec.rejectedOf(model)`, else those `read` left out. */
  readonly rejected: readonly RejectedRow[];
  /** The rows `read` left out (what `spec.result` receives as `read.rejected`). */
  readonly readRejected: readonly RejectedRow[];
  readonly total: number;
  readonly findings: readonly Finding[];
  /** The column each field was read from (for notices in the user's words). */
  readonly columns: Readonly<Record<string, string | undefined>>;
}

/** How each stage runs where the pipeline runs. */
export interface PipelineHooks {
  readonly signal?: AbortSignal | undefined;
  readonly progress?: ((p: Progress) => void) | undefined;
  /** Give the event loop a turn between stages (main thread); nothing in a worker. */
  readonly pause?: (() => Promise<void>) | undefined;
  /** Drain a generator compute (at once in a worker, in slices on the main thread). */
  readonly drain?: ((steps: Generator<Progress, unknown, void>, ctx: ComputeContext) => Promise<unknown>) | undefined;
}

/** The stages, in order (fetch is the element's); progress reports `done` of them finished. */
export const PIPELINE_STAGES = ['fetch', 'parse', 'read', 'compute'] as const;

const isGenerator = (v: unknown): v is Generator<Progress, unknown, void> =>
  !!v && typeof v === 'object' && typeof (v as Generator).next === 'function' && typeof (v as Generator)[Symbol.iterator] === 'function';

const drainNow = async (steps: Generator<Progress, unknown, void>): Promise<unknown> => {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
};

/** Run `spec`'s pipeline on `req` (see the module comment). Rejects with the same KpiErrors as the element's own path. */
export async function runPipeline(spec: AnySpec, req: PipelineRequest, hooks: PipelineHooks): Promise<PipelineResult> {
  const total = PIPELINE_STAGES.length;
  const step = (stage: (typeof PIPELINE_STAGES)[number]) => hooks.progress?.({ stage, done: PIPELINE_STAGES.indexOf(stage), total });
  const abort = () => {
    if (hooks.signal?.aborted) throw new DOMException('The job was aborted', 'AbortError');
  };
  const opened = req.raw ? undefined : req.opened ?? (req.fetch ? await openData(req.fetch.url, { timeout: req.fetch.timeout, ...(hooks.signal ? { signal: hooks.signal } : {}), src: req.fetch.src }) : undefined);
  const raw = req.raw ?? (opened ? await readOpened(opened, hooks.signal, hooks.pause) : { bytes: new ArrayBuffer(0), hint: '' });
  abort();
  step('parse');
  await hooks.pause?.();
  abort();
  // On the main thread (a `pause` is given), a large JSON body is parsed in slices.
  const pause = hooks.pause;
  const parsed = pause ? await parseRawInSlices(raw, req.delimiter, async () => (await pause(), abort())) : parseRaw(raw, req.delimiter);
  step('read');
  await hooks.pause?.();
  abort();
  const input = inputOf(spec.fields, parsed, req);
  const ctx: ComputeContext = { signal: hooks.signal ?? new AbortController().signal, onProgress: (p) => hooks.progress?.(p) };
  const reading = spec.read(input, req.options);
  // A read in steps: at once in a worker, in slices on the main thread.
  const read = (isGenerator(reading) ? await (hooks.drain ?? drainNow)(reading, ctx) : reading) as Read<unknown>;
  step('compute');
  await hooks.pause?.();
  abort();
  const out = spec.compute(read.data, req.options, ctx);
  const model = isGenerator(out) ? await (hooks.drain ?? drainNow)(out, ctx) : await out;
  abort();
  return {
    model,
    rejected: spec.rejectedOf ? spec.rejectedOf(model) : read.rejected,
    readRejected: read.rejected,
    total: read.total,
    findings: spec.findingsOf ? spec.findingsOf(model) : [],
    columns: input.columns,
  };
}

/** The worker job for `spec` (register it in src/entries/worker.ts under `spec.job`). */
export function pipelineJob(spec: AnySpec): Job<PipelineRequest, Progress, PipelineResult> {
  return { run: (req, progress, signal) => runPipeline(spec, req, { progress, signal }) };
}
