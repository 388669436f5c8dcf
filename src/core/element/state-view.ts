/**
 * The base class's loading, empty and error states and its rows-left-out notice, from the
 * element's phase, as the shared state partials (core/ui/states.ts) draw them.
 */
import { nothing, type TemplateResult } from 'lit';
import type { KpiErrorDetail } from '../data/errors.ts';
import type { RejectedRow } from '../schema/validate.ts';
import { formatRowIssue, type Translate } from '../i18n/index.ts';
import { emptyView, errorView, loadingView, rejectedNotice } from '../ui/states.ts';
import type { Built, Progress } from './spec.ts';

export interface StateViewOptions {
  readonly phase: 'idle' | 'loading' | 'ready' | 'empty' | 'error';
  readonly t: Translate;
  readonly progress?: Progress | undefined;
  readonly error?: KpiErrorDetail | undefined;
  readonly built?: Built<unknown, unknown> | undefined;
  /** Set when the input can be fetched again (a `src`): network, http and timeout errors offer Retry. */
  readonly onRetry?: (() => void) | undefined;
}

/** The state view for the phase; null when the widget should render its content. */
export function stateView(o: StateViewOptions): TemplateResult | null {
  const { t } = o;
  if (o.phase === 'loading' || o.phase === 'idle') {
    const p = o.progress;
    return loadingView(t('loading'), p?.total ? { value: Math.min(1, p.done / p.total), label: t('loading') } : undefined);
  }
  if (o.phase === 'error' && o.error) {
    const e = o.error;
    const issues = e.issues ?? [];
    // An error of one named input (a scorecard's leads file) says which: "Source “leads”: …".
    const own = e.source && e.message.startsWith(`${e.source}: `) ? e.message.slice(e.source.length + 2) : e.message;
    const message = t(`error.${e.code}`, { message: own, status: e.status ?? '', url: e.url ?? '' });
    return errorView({
      title: t('errorTitle'),
      message: e.source ? t('errorInSource', { source: e.source, message }) : message,
      issues: issues.slice(0, 8).map((i) => formatRowIssue(i, t)),
      ...(issues.length > 8 ? { more: t('moreIssues', { count: issues.length - 8 }) } : {}),
      ...(o.onRetry && (e.code === 'network' || e.code === 'http' || e.code === 'timeout') ? { retry: { label: t('retry'), onRetry: o.onRetry } } : {}),
    });
  }
  if (o.phase === 'empty') {
    return emptyView({ title: t('empty'), ...(o.built ? {} : { hint: t('emptyHint') }), extra: rejectedView(o.built?.rejected ?? [], t) });
  }
  return null;
}

/** The notice of rows left out by validation, with the first reasons. */
export function rejectedView(rejected: readonly RejectedRow[], t: Translate): TemplateResult | typeof nothing {
  if (rejected.length === 0) return nothing;
  // A row of a named source says which: "leads · row 3, date: …".
  const issues = rejected.flatMap((r) => r.issues.map((i) => ({ issue: i, source: r.source })));
  return rejectedNotice({
    summary: t('rejectedRows', { count: rejected.length }),
    issues: issues.slice(0, 10).map(({ issue, source }) => (source ? `${source} · ${formatRowIssue(issue, t)}` : formatRowIssue(issue, t))),
    ...(issues.length > 10 ? { more: t('moreIssues', { count: issues.length - 10 }) } : {}),
  });
}
