// <kpi-funnel> as an app imports it (the per-element entry).
import '../../src/entries/kpi-funnel.ts';

/**
 * Ready = the chart is in the DOM: a new result is drawn in stages (core/element `renderStage`),
 * the headline, legend and chart first, the stages' screen-reader descriptions, the table button
 * and the download menu in the frames after. `updateComplete` waits for all of them, a frame
 * or two later; the peers' `ready` is their chart, so ours is too.
 */
function chartDrawn(el) {
  const has = () => !!el.shadowRoot?.querySelector('svg[part="chart"]');
  if (has()) return Promise.resolve();
  return new Promise((resolve) => {
    const mo = new MutationObserver(() => {
      if (!has()) return;
      mo.disconnect();
      resolve();
    });
    mo.observe(el.shadowRoot, { childList: true, subtree: true });
  });
}

export function render(host, rows) {
  const el = document.createElement('kpi-funnel');
  el.data = rows;
  host.append(el);
  return {
    ready: () => chartDrawn(el),
    settled: () => el.updateComplete,
    update: (next) => { el.data = next; return el.updateComplete; },
    dispose: () => el.remove(),
  };
}
