// Highcharts 13 with its funnel module (SVG), animation off.
import Highcharts from 'highcharts/es-modules/masters/highcharts.src.js';
import 'highcharts/es-modules/masters/modules/funnel.src.js';

export function render(host, rows) {
  const chart = Highcharts.chart(host, {
    chart: { type: 'funnel', width: 600, height: 360, animation: false },
    title: { text: undefined },
    credits: { enabled: false },
    accessibility: { enabled: false },
    plotOptions: { series: { animation: false, dataLabels: { enabled: true, format: '{point.name} {point.y:,.0f}' } } },
    series: [{ type: 'funnel', name: 'Deals', data: rows.map((r) => [r.stage, r.count]) }],
  });
  return { update: (next) => chart.series[0].setData(next.map((r) => [r.stage, r.count])), dispose: () => chart.destroy() };
}
