/**
 * Sortable tables: one header cell, one sort rule, used by every widget's sortable table.
 *
 * - `sortRows` and `nextSort` (./sort.ts, re-exported here) are the pure sort rule: stable,
 *   missing values last, pinned rows (such as "Other") last whatever the direction.
 * - `sortHeader` is the `<th>`: a button inside it, `aria-sort` on it, and an ↑ / ↓ indicator
 *   in the muted colour, so a sort order is never mistaken for the red ▼ "below target" mark.
 *
 * @cssprop --kpi-sort-indicator-color - Colour of the ↑ ↓ ↕ sort indicator (default: the muted text colour).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { nextSort, sortRows, type SortDirection, type SortState } from './sort.ts';

export { nextSort, sortRows };
export type { SortDirection, SortOptions, SortState, SortValue } from './sort.ts';

export interface SortHeaderOptions<K extends string | number> {
  /** The column's key, written to the button's `data-sort`. */
  readonly key: K;
  /** The visible label (text, or a template). */
  readonly label: unknown;
  /** The table's current sort. */
  readonly sort: SortState<K> | null | undefined;
  readonly onSort: (key: K) => void;
  /** A second, smaller line inside the button (e.g. the column's target). */
  readonly sub?: unknown;
}

/** `aria-sort` of a column under `sort`. */
export function ariaSort<K>(sort: SortState<K> | null | undefined, key: K): SortDirection | 'none' {
  return sort && sort.key === key ? sort.dir : 'none';
}

/** A sortable column header: `<th aria-sort>` with a button that sorts by `key`. */
export function sortHeader<K extends string | number>(o: SortHeaderOptions<K>): TemplateResult {
  const state = ariaSort(o.sort, o.key);
  const indicator = state === 'ascending' ? '↑' : state === 'descending' ? '↓' : '↕';
  return html`<th scope="col" aria-sort=${state}>
    <button type="button" class="sort" data-sort=${String(o.key)} @click=${() => o.onSort(o.key)}>
      <span class="sort-label">${o.label}<span class="sort-indicator" aria-hidden="true">${indicator}</span></span>
      ${o.sub === undefined || o.sub === null ? nothing : html`<span class="sort-sub">${o.sub}</span>`}
    </button>
  </th>`;
}

export const sortableStyles = css`
  button.sort {
    all: unset;
    box-sizing: border-box;
    display: inline-block;
    cursor: pointer;
    font-weight: 600;
  }
  button.sort:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
    border-radius: 2px;
  }
  .sort-indicator {
    margin-inline-start: 0.3em;
    color: var(--kpi-sort-indicator-color, var(--_muted));
    font-weight: 400;
    font-size: 0.9em;
  }
  .sort-sub {
    display: block;
    font-weight: 400;
    font-size: 0.85em;
    color: var(--_muted);
  }
`;
