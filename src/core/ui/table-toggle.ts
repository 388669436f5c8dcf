/**
 * "Show the numbers as a table": a button and the data table it shows. While hidden the
 * table stays in the DOM, visually hidden, so screen readers always reach every number;
 * shown, it is a focusable, scrollable region.
 *
 * The table is given as a function, so a widget can later decide when to build it.
 *
 * A widget keeps the shown / hidden state in a `TableToggle` controller:
 *
 *   private readonly dataTable = new TableToggle(this);
 *   …
 *   ${this.dataTable.render(this.t, () => this.renderTable(model))}
 *
 * @cssprop --kpi-table-border - Row rules of data tables (default: --kpi-color-grid).
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { yieldToEventLoop } from '../jobs/client.ts';

/**
 * Lean DOM: the hidden table's content arrives after the first frame that shows its place is
 * painted, in a task of its own, so the chart's first paint never waits for the table and
 * neither render is one long task. Several tables (an array) arrive one per task. Assistive
 * technology gets them from then on (a visually-hidden copy); a later render of the same
 * place draws them at once.
 */
class AfterPaint extends AsyncDirective {
  private painted = false;
  private pending = false;
  /** Tables drawn so far while they arrive. */
  private shown = 0;
  private content: () => unknown = () => nothing;

  render(content: () => unknown): unknown {
    this.content = content;
    if (this.painted || typeof requestAnimationFrame !== 'function') return this.parts();
    this.schedule();
    return this.shown ? this.parts().slice(0, this.shown) : nothing;
  }

  private parts(): unknown[] {
    const v = this.content();
    return Array.isArray(v) ? v : [v];
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => void this.reveal());
  }

  private async reveal(): Promise<void> {
    await yieldToEventLoop();
    for (;;) {
      if (!this.isConnected) {
        this.pending = false;
        return;
      }
      const parts = this.parts();
      this.shown = Math.min(parts.length, this.shown + 1);
      this.setValue(parts.slice(0, this.shown));
      if (this.shown >= parts.length) break;
      await yieldToEventLoop();
    }
    this.pending = false;
    this.painted = true;
  }

  protected override reconnected(): void {
    if (!this.painted) this.schedule();
  }
}

/** `content()` after the next frame the first time this place renders, at once after that. */
export const afterPaint = directive(AfterPaint);

export interface TableToggleOptions {
  readonly shown: boolean;
  readonly onToggle: () => void;
  /** Translated texts: the button's two labels and the region's name. */
  readonly show: string;
  readonly hide: string;
  readonly region: string;
  /** The table(s). */
  readonly content: () => unknown;
  /** id of the wrapper the button controls (default "table"). */
  readonly id?: string;
}

export function tableToggle(o: TableToggleOptions): TemplateResult {
  const id = o.id ?? 'table';
  return html`<button type="button" class="toggle" part="toggle" aria-expanded=${o.shown ? 'true' : 'false'} aria-controls=${id}
      @click=${() => o.onToggle()}>${o.shown ? o.hide : o.show}</button>
    ${o.shown
      ? html`<div id=${id} class="table-wrap" role="region" tabindex="0" aria-label=${o.region}>${o.content()}</div>`
      : html`<div id=${id} class="visually-hidden">${afterPaint(o.content)}</div>`}`;
}

/** The button's and the region's texts from the common message keys showTable, hideTable and dataTable. */
export function tableTexts(t: (key: string) => string): Pick<TableToggleOptions, 'show' | 'hide' | 'region'> {
  return { show: t('showTable'), hide: t('hideTable'), region: t('dataTable') };
}

/** Whether the table is shown, for one host; `render` draws the button and the table. */
export class TableToggle implements ReactiveController {
  shown = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Nothing to release; declared so the class satisfies ReactiveController.
  }

  readonly toggle = (): void => {
    this.shown = !this.shown;
    this.host.requestUpdate();
  };

  /** `t` translates the common keys (showTable, hideTable, dataTable); `content` draws the table(s). */
  render(t: (key: string) => string, content: () => unknown, id?: string): TemplateResult {
    return tableToggle({ shown: this.shown, onToggle: this.toggle, ...tableTexts(t), content, ...(id ? { id } : {}) });
  }
}

export const tableStyles = css`
  .toggle {
    margin-top: 8px;
    font-size: 0.9em;
  }
  table.data {
    border-collapse: collapse;
    width: 100%;
    margin-top: 8px;
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }
  table.data caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 4px;
  }
  table.data th,
  table.data td {
    padding: 4px 8px;
    border-bottom: 1px solid var(--kpi-table-border, var(--_grid));
    text-align: right;
    white-space: nowrap;
  }
  table.data th:first-child,
  table.data td:first-child {
    text-align: left;
    white-space: normal;
  }
  .table-wrap {
    overflow-x: auto;
  }
  /* Nothing scrolls inside the hidden copy: a 1 px scrollable box could not be reached by
     keyboard (axe: scrollable-region-focusable). */
  .visually-hidden .table-wrap {
    overflow: visible;
  }
`;
