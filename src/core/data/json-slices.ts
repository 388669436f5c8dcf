/**
 * Parsing a large body on the main thread without one long task (the fallback when no worker can
 * start, e.g. under a CSP without `worker-src`). The bytes are decoded in slices; a top-level JSON
 * array is cut between its elements, outside strings, and each run of about `slice` characters of
 * elements is parsed by `JSON.parse` itself, so every value is exactly what `JSON.parse` of the
 * whole text gives, and every text it refuses is refused. The event loop gets a turn whenever a
 * slice of work has run for `budget` ms. Any other JSON (an object at the top) is parsed in one go.
 */
import { KpiError } from './errors.ts';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export interface SliceOptions {
  /** Give the event loop a turn (a macrotask); rejects or throws to stop. */
  readonly pause: () => Promise<void>;
  /** Characters of elements per `JSON.parse` (default 2^20). */
  readonly slice?: number;
  /** Milliseconds of work between pauses (default 20). */
  readonly budget?: number;
  /** Bytes decoded at a time (default 2^20). */
  readonly chunk?: number;
}

const invalid = (why: string) => new KpiError({ code: 'parse', message: `the data is not valid JSON (${why})` });

/**
 * The text of `bytes` (UTF-8, a leading BOM dropped) parsed as JSON, in slices. Throws
 * KpiError('parse') for text `JSON.parse` refuses.
 */
export async function parseJsonInSlices(bytes: Uint8Array, o: SliceOptions): Promise<unknown> {
  const slice = o.slice ?? 1 << 20;
  const budget = o.budget ?? 20;
  const decoder = new TextDecoder();
  let last = performance.now();
  const turn = async () => {
    if (performance.now() - last < budget) return;
    await o.pause();
    last = performance.now();
  };

  const out: unknown[] = [];
  let pending: string[] = [];
  let pendingLength = 0;
  let depth = 0;
  let inString = false;
  let escape = false;
  let started = false;
  let ended = false;
  let elements = 0;
  const parseGroup = (text: string) => {
    if (!text.trim()) {
      if (elements > 0) throw invalid('an element is missing after a comma');
      return;
    }
    let values: unknown[];
    try {
      values = JSON.parse(`[${text}]`) as unknown[];
    } catch (e) {
      throw invalid(`in the elements after the first ${elements}: ${(e as Error).message}`);
    }
    for (const v of values) out.push(v);
    elements += values.length;
  };

  const step = Math.max(1, o.chunk ?? 1 << 20);
  for (let at = 0, first = true; at < bytes.length || first; at += step, first = false) {
    const end = Math.min(bytes.length, at + step);
    let s = decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length });
    if (first && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (inString) {
        if (escape) escape = false;
        else if (c === BACKSLASH) escape = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (ended) {
        if (!isSpace(c)) throw invalid('there is more after the closing ]');
        continue;
      }
      if (!started) {
        if (isSpace(c)) continue;
        // Not an array at the top: one JSON.parse of the whole text.
        if (c !== OPEN_ARRAY) return parseWhole(bytes);
        started = true;
        depth = 1;
        from = i + 1;
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_ARRAY || c === OPEN_OBJECT) depth++;
      else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
        depth--;
        if (depth === 0) {
          if (c !== CLOSE_ARRAY) throw invalid('the top-level array is closed by }');
          parseGroup(pending.join('') + s.slice(from, i));
          pending = [];
          pendingLength = 0;
          ended = true;
        }
      } else if (c === COMMA && depth === 1 && pendingLength + (i - from) >= slice) {
        // A run of whole elements, long enough: parse it now.
        parseGroup(pending.join('') + s.slice(from, i));
        pending = [];
        pendingLength = 0;
        from = i + 1;
        await turn();
      }
    }
    if (started && !ended && from < s.length) {
      pending.push(s.slice(from));
      pendingLength += s.length - from;
    }
    await turn();
  }
  if (!started) return parseWhole(bytes);
  if (!ended) throw invalid('the text ends before the array is closed');
  return out;
}

function parseWhole(bytes: Uint8Array): unknown {
  let text = new TextDecoder().decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw invalid((e as Error).message);
  }
}
