// <kpi-funnel> as an app imports it (the per-element entry).
import '../../src/entries/kpi-funnel.ts';

export function render(host, rows) {
  const el = document.createElement('kpi-funnel');
  el.data = rows;
  host.append(el);
  return {
    ready: () => el.updateComplete,
    update: (next) => { el.data = next; return el.updateComplete; },
    dispose: () => el.remove(),
  };
}
