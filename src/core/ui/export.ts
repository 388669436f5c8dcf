/**
 * "Download": a widget's data as CSV and its chart as SVG and PNG, with the same numbers as
 * its data table (the CSV is built from the view's table rows, the very strings the table shows).
 * This module is the menu; the files are made by export-files.ts, loaded the first time the menu
 * is opened.
 *
 * Every download first fires a cancelable, composed `kpi-export` event whose detail holds the
 * file (`format`, `filename`, `type`, `blob`, and `text` for CSV / SVG); a page that cancels it
 * handles the file itself (a test reads it there). Otherwise an `<a download>` is clicked.
 */
import { css, html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CsvTable, ExportFormat } from './export-files.ts';

export type { CsvTable, ExportFormat, KpiExportDetail } from './export-files.ts';

/** The file makers, loaded once, on first use. */
let files: Promise<typeof import('./export-files.ts')> | undefined;
const exportFiles = () => (files ??= import('./export-files.ts'));

export interface ExportMenuOptions {
  readonly label: string;
  /** Offer SVG (the widget has a chart) and PNG (it has one and the page allows blob: images). */
  readonly svg: boolean;
  readonly png: boolean;
  readonly onOpen: () => void;
  readonly onExport: (format: ExportFormat) => void;
}

/** The menu: a disclosure with one button per format. */
export function exportMenu(o: ExportMenuOptions): TemplateResult {
  const button = (f: ExportFormat) =>
    html`<button type="button" class="export-${f}" data-format=${f} @click=${() => o.onExport(f)}>${f.toUpperCase()}</button>`;
  return html`<details class="export" part="export" @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && o.onOpen()}>
    <summary>${o.label}</summary>
    <div class="export-formats" role="group" aria-label=${o.label}>${button('csv')}${o.svg ? button('svg') : ''}${o.svg && o.png ? button('png') : ''}</div>
  </details>`;
}

/** The menu's state for one host (whether PNG is allowed) and the downloads themselves. */
export class ExportMenu implements ReactiveController {
  /** Whether blob: images may be drawn here; known once the menu was first opened. */
  png = false;

  /** The tables of the last render. */
  private tables?: () => readonly CsvTable[];

  /** `name` is the files' stem ("kpi-funnel"); `chart` finds the chart's SVG (null: CSV only). */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly name: string,
    private readonly chart: () => SVGSVGElement | null = () => null,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Nothing to release; declared so the class satisfies ReactiveController.
  }

  /** `t` translates the common key `download`; `tables` gives the CSV's tables; `hasChart`: SVG and PNG apply. */
  render(t: (key: string) => string, tables: () => readonly CsvTable[], hasChart = true): TemplateResult {
    this.tables = tables;
    return exportMenu({ label: t('download'), svg: hasChart, png: this.png, onOpen: this.probe, onExport: (f) => void this.export(f) });
  }

  private readonly probe = (): void => {
    void exportFiles().then((m) => m.canDrawBlobImages()).then((ok) => {
      if (ok === this.png) return;
      this.png = ok;
      this.host.requestUpdate();
    });
  };

  /** Build and deliver one file. */
  async export(format: ExportFormat): Promise<void> {
    const s = { name: this.name, chart: this.chart(), tables: this.tables };
    const { deliver, pngOf, svgMarkup, toCsv } = await exportFiles();
    if (format === 'csv') {
      if (!s.tables) return;
      const text = toCsv(s.tables());
      // The byte-order mark makes spreadsheet programs read UTF-8 (the true minus, €, accents).
      return deliver(this.host, { format, filename: `${s.name}.csv`, type: 'text/csv', text, blob: new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }) });
    }
    if (!s.chart) return;
    const text = svgMarkup(s.chart);
    if (format === 'svg') return deliver(this.host, { format, filename: `${s.name}.svg`, type: 'image/svg+xml', text, blob: new Blob([text], { type: 'image/svg+xml' }) });
    const box = s.chart.getBoundingClientRect();
    const blob = await pngOf(text, box.width, box.height);
    deliver(this.host, { format, filename: `${s.name}.png`, type: 'image/png', blob });
  }
}

export const exportStyles = css`
  details.export {
    display: inline-block;
    margin: 8px 0 0 8px;
    font-size: 0.9em;
  }
  details.export summary {
    cursor: pointer;
  }
  .export-formats {
    display: inline-flex;
    gap: 4px;
    margin-left: 4px;
  }
`;
