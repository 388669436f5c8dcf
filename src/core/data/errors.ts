/**
 * The errors a widget can show. Each has a stable `code` a page can switch on; the
 * element turns it into a `kpi-error` event and a readable error state.
 */
export type KpiErrorCode = 'network' | 'http' | 'timeout' | 'parse' | 'validation' | 'config';

/** One problem in one input row or config entry. `row` is 1-based over data rows (CSV header excluded). */
export interface RowIssue {
  readonly row?: number;
  /** Field path, e.g. "close_value" or "kpis[2].target". */
  readonly path: string;
  readonly message: string;
}

export interface KpiErrorDetail {
  readonly code: KpiErrorCode;
  /** English, for developers; the widget shows a translated version. */
  readonly message: string;
  /** HTTP status, for code 'http'. */
  readonly status?: number;
  readonly url?: string;
  readonly issues?: readonly RowIssue[];
  /** The named input the error is about (a scorecard's `leads`, `costs`…), when there are several. */
  readonly source?: string;
}

export class KpiError extends Error {
  readonly code: KpiErrorCode;
  readonly status?: number;
  readonly url?: string;
  readonly issues?: readonly RowIssue[];
  readonly source?: string;
  constructor(detail: KpiErrorDetail) {
    super(detail.message);
    this.name = 'KpiError';
    this.code = detail.code;
    if (detail.status !== undefined) this.status = detail.status;
    if (detail.url !== undefined) this.url = detail.url;
    if (detail.issues !== undefined) this.issues = detail.issues;
    if (detail.source !== undefined) this.source = detail.source;
  }
  toDetail(): KpiErrorDetail {
    return {
      code: this.code,
      message: this.message,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.url !== undefined ? { url: this.url } : {}),
      ...(this.issues !== undefined ? { issues: this.issues } : {}),
      ...(this.source !== undefined ? { source: this.source } : {}),
    };
  }
}

/** Any thrown value as a KpiErrorDetail; unknown errors become `fallback`. */
export function toErrorDetail(e: unknown, fallback: KpiErrorCode = 'config'): KpiErrorDetail {
  if (e instanceof KpiError) return e.toDetail();
  const message = e instanceof Error ? e.message : String(e);
  return { code: fallback, message };
}
