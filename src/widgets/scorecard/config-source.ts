/**
 * The scorecard configuration fetched from a URL (`config-src`), with the element's `timeout`,
 * aborted when the URL changes or the element leaves the page. Network, HTTP and timeout
 * failures are KpiErrors of those codes (core/data/load.ts `fetchShared`: scorecards on one
 * page that name the same URL share one request); a body that is not JSON is a `parse` error.
 * The element waits for it (loading) before it builds, and reads it as the `config` option's
 * value when the `config` property is not set (before an inline data-config child).
 */
import { fetchShared, isAbort } from '../../core/data/load.ts';
import { KpiError, toErrorDetail, type KpiErrorDetail } from '../../core/data/errors.ts';

const sources = new WeakMap<object, ConfigSource>();

/** The configuration fetched for an element (the `config` option's fallback), if any. */
export function fetchedConfig(el: object): unknown {
  return sources.get(el)?.value;
}

export class ConfigSource {
  /** The URL being read or read last. */
  private url: string | undefined;
  private controller: AbortController | undefined;
  /** The configuration as fetched (raw JSON, checked later like the property). */
  value: unknown;
  error: KpiErrorDetail | undefined;

  /** `settled` is called when a read ends (the element builds again). */
  constructor(host: object, private readonly settled: () => void) {
    sources.set(host, this);
  }

  /** Read `url` (again when `fresh`); nothing for a blank one. A read of another URL is aborted. */
  load(url: string | undefined, timeout: number, fresh = false): void {
    const next = url?.trim() || undefined;
    // The same URL again (a re-render, a `timeout` change): keep what is read, being read or failed (a retry is `fresh`).
    if (next === this.url && !fresh && (this.controller || this.value !== undefined || this.error)) return;
    this.cancel();
    this.url = next;
    this.value = undefined;
    this.error = undefined;
    if (!next) return;
    const controller = new AbortController();
    this.controller = controller;
    fetchShared(next, { signal: controller.signal, timeout, fresh }).then(
      (parsed) => {
        if (controller.signal.aborted) return;
        this.controller = undefined;
        if (parsed.format !== 'json') {
          this.error = new KpiError({ code: 'parse', message: `config-src ${next} is not JSON (a scorecard configuration is a JSON object)`, url: next }).toDetail();
        } else this.value = parsed.value;
        this.settled();
      },
      (e: unknown) => {
        if (controller.signal.aborted || isAbort(e)) return;
        this.controller = undefined;
        this.error = toErrorDetail(e, 'network');
        this.settled();
      },
    );
  }

  /** Still reading. */
  get pending(): boolean {
    return this.controller !== undefined;
  }

  cancel(): void {
    this.controller?.abort();
    this.controller = undefined;
  }
}
