/**
 * The loading, empty and error views, and the notice of rows left out. Pure partials: they
 * take the texts already translated and formatted, and return markup. The base element
 * (src/core/element/kpi-element.ts) decides which one to show.
 *
 * Their CSS is part of the kit's base styles (src/core/ui/tokens.ts), since every element
 * renders them through the base class.
 *
 * @csspart state - Loading, empty and error messages (with `loading`, `empty` or `error`).
 * @csspart retry - The retry button of a failed fetch.
 * @csspart progress - The progress bar of a long job.
 * @csspart notice - The notice listing rows left out.
 */
import { css, html, nothing, type TemplateResult } from 'lit';

export interface LoadingProgress {
  /** Done, 0–1; undefined for an indeterminate bar. */
  readonly value?: number;
  /** Accessible name of the progress bar. */
  readonly label: string;
}

/** "Loading data…" with a spinner, over a placeholder, or over a progress bar for a long job. */
export function loadingView(text: string, progress?: LoadingProgress): TemplateResult {
  return html`<div class="state loading" part="state loading" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true"></span>${text}
    ${progress === undefined
      ? html`<div class="skeleton" aria-hidden="true"></div>`
      : progress.value !== undefined
        ? html`<progress class="progress" part="progress" max="1" .value=${progress.value} aria-label=${progress.label}></progress>`
        : html`<progress class="progress" part="progress" aria-label=${progress.label}></progress>`}
  </div>`;
}

export interface ErrorViewOptions {
  readonly title: string;
  readonly message: string;
  /** The issues to list, formatted (already cut to the number worth showing). */
  readonly issues?: readonly string[];
  /** "…and N more", when issues were cut. */
  readonly more?: string;
  /** A retry button, for failures that trying again can fix. */
  readonly retry?: { readonly label: string; readonly onRetry: () => void };
}

export function errorView(o: ErrorViewOptions): TemplateResult {
  const issues = o.issues ?? [];
  return html`<div class="state error" part="state error" role="alert">
    <strong>${o.title}</strong>
    <span>${o.message}</span>
    ${issues.length
      ? html`<ul class="issues">
          ${issues.map((i) => html`<li>${i}</li>`)}
          ${o.more ? html`<li>${o.more}</li>` : nothing}
        </ul>`
      : nothing}
    ${o.retry ? html`<button type="button" class="retry" part="retry" @click=${() => o.retry!.onRetry()}>${o.retry.label}</button>` : nothing}
  </div>`;
}

export interface EmptyViewOptions {
  readonly title: string;
  /** How to give the widget data, when it has none at all. */
  readonly hint?: string;
  /** Anything else to show under it (the rows left out). */
  readonly extra?: unknown;
}

export function emptyView(o: EmptyViewOptions): TemplateResult {
  return html`<div class="state empty" part="state empty" role="status">
    <strong>${o.title}</strong>
    ${o.hint ? html`<div>${o.hint}</div>` : nothing}
    ${o.extra ?? nothing}
  </div>`;
}

export interface RejectedNoticeOptions {
  readonly summary: string;
  readonly issues: readonly string[];
  readonly more?: string;
}

/** The disclosure listing rows left out by validation. */
export function rejectedNotice(o: RejectedNoticeOptions): TemplateResult {
  return html`<div role="status"><details class="notice" part="notice">
    <summary>${o.summary}</summary>
    <ul class="issues">
      ${o.issues.map((i) => html`<li>${i}</li>`)}
      ${o.more ? html`<li>${o.more}</li>` : nothing}
    </ul>
  </details></div>`;
}

export const stateStyles = css`
  .state {
    padding: 16px;
    border: 1px dashed var(--_grid);
    border-radius: var(--_radius);
    color: var(--_muted);
  }
  .state.error {
    border: 1px solid var(--_bad);
    color: var(--_text);
    background: color-mix(in srgb, var(--_bad) 6%, var(--_surface));
  }
  .state.error strong {
    color: var(--_bad);
    display: block;
    margin-bottom: 4px;
  }
  .state .issues {
    margin: 8px 0 0;
    padding-left: 20px;
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-right: 8px;
    vertical-align: -2px;
    border: 2px solid var(--_grid);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  /* The loading view reserves about the widget's loaded height (each widget sets --_reserve; a
     page can set --kpi-loading-height), so the page does not jump when the data arrives. */
  .state.loading {
    display: flex;
    flex-direction: column;
    min-height: var(--kpi-loading-height, var(--_reserve, 180px));
  }
  /* A new result is drawn over a few frames (core/element/stages.ts) while the host still says
     state="loading": it keeps the same room until the last frame, so the page does not shrink
     under the reader and grow again. */
  :host([state='loading']) .wrap {
    min-height: var(--kpi-loading-height, var(--_reserve, 180px));
  }
  .skeleton {
    flex: 1;
    min-height: 120px;
    margin-top: 8px;
    border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_subtle) 0 40%, color-mix(in srgb, var(--_subtle) 60%, var(--_surface)) 50%, var(--_subtle) 60% 100%) 0 0 / 300% 100%;
    animation: shimmer 1.6s linear infinite;
  }
  @keyframes shimmer {
    to {
      background-position: -150% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  .progress {
    display: block;
    width: min(320px, 100%);
    margin-top: 8px;
  }
  .retry {
    margin-top: 10px;
  }
  .notice {
    margin: 8px 0 0;
    padding: 8px 10px;
    border-left: 3px solid var(--_warn);
    background: color-mix(in srgb, var(--_warn) 8%, var(--_surface));
    font-size: 0.92em;
  }
  .notice summary {
    cursor: pointer;
  }
`;
