// d3-funnel 2 (SVG, D3), no animation.
import D3Funnel from 'd3-funnel';

const options = { chart: { width: 600, height: 360 }, block: { dynamicHeight: false } };
export function render(host, rows) {
  const chart = new D3Funnel(host);
  const data = (rs) => rs.map((r) => ({ label: r.stage, value: r.count }));
  chart.draw(data(rows), options);
  return { update: (next) => chart.draw(data(next), options), dispose: () => chart.destroy() };
}
