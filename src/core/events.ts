/**
 * Typed `kpi-` events. All bubble and are composed: the widgets sit in other people's
 * pages and the host page must hear them through shadow roots.
 */
import type { KpiErrorDetail } from './data/errors.ts';
import type { Finding } from './data/quality.ts';
import type { RejectedRow } from './schema/validate.ts';

export interface KpiSelectDetail {
  /** What was selected: a stage name, a KPI id, a customer id. */
  readonly id: string;
  readonly kind: 'stage' | 'kpi' | 'customer' | 'segment';
  readonly index?: number;
  readonly group?: string;
}

export interface KpiUpdateDetail<R = unknown> {
  readonly result: R;
}

export interface KpiStatusChangeDetail {
  readonly id: string;
  readonly from: string;
  readonly to: string;
}

/**
 * `kpi-warning`: the widget shows data, but some rows were left out (validation or the
 * data-quality pass) or look wrong (findings kept and flagged). Fired after `kpi-update`.
 */
export interface KpiWarningDetail {
  /** Rows left out, with why (1-based input rows). */
  readonly rejected: readonly RejectedRow[];
  /** What the data-quality pass found, by class, with the distinct rows of each finding. */
  readonly findings: readonly Finding[];
  /** Input rows. */
  readonly total: number;
}

export type KpiErrorEvent = CustomEvent<KpiErrorDetail>;
export type KpiWarningEvent = CustomEvent<KpiWarningDetail>;
export type KpiUpdateEvent<R = unknown> = CustomEvent<KpiUpdateDetail<R>>;
export type KpiSelectEvent = CustomEvent<KpiSelectDetail>;
export type KpiStatusChangeEvent = CustomEvent<KpiStatusChangeDetail>;

/** The events of an element whose `result` is `R`, for typed `addEventListener`. */
export interface KpiElementEventMap<R> extends HTMLElementEventMap {
  'kpi-error': KpiErrorEvent;
  'kpi-warning': KpiWarningEvent;
  'kpi-update': KpiUpdateEvent<R>;
  'kpi-select': KpiSelectEvent;
  'kpi-status-change': KpiStatusChangeEvent;
}

interface KpiEventMap {
  'kpi-error': KpiErrorEvent;
  'kpi-warning': KpiWarningEvent;
  'kpi-update': KpiUpdateEvent;
  'kpi-select': KpiSelectEvent;
  'kpi-status-change': KpiStatusChangeEvent;
}

declare global {
  // The events bubble and are composed, so a page can listen on the element, the document or the window.
  interface HTMLElementEventMap extends KpiEventMap {}
  interface DocumentEventMap extends KpiEventMap {}
  interface WindowEventMap extends KpiEventMap {}
}

export function kpiEvent<T>(type: keyof KpiEventDetails, detail: T): CustomEvent<T> {
  return new CustomEvent<T>(type, { detail, bubbles: true, composed: true });
}

interface KpiEventDetails {
  'kpi-error': KpiErrorDetail;
  'kpi-warning': KpiWarningDetail;
  'kpi-update': KpiUpdateDetail;
  'kpi-select': KpiSelectDetail;
  'kpi-status-change': KpiStatusChangeDetail;
}
