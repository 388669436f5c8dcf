// Chart.js 4 with chartjs-chart-funnel (canvas), animation off.
import { Chart, LinearScale, CategoryScale, Tooltip } from 'chart.js';
import { FunnelController, TrapezoidElement } from 'chartjs-chart-funnel';

Chart.register(FunnelController, TrapezoidElement, LinearScale, CategoryScale, Tooltip);

export function render(host, rows) {
  const canvas = document.createElement('canvas');
  host.append(canvas);
  const chart = new Chart(canvas, {
    type: 'funnel',
    data: { labels: rows.map((r) => r.stage), datasets: [{ data: rows.map((r) => r.count) }] },
    options: { animation: false, responsive: false, maintainAspectRatio: false, indexAxis: 'y' },
  });
  return {
    update: (next) => { chart.data.labels = next.map((r) => r.stage); chart.data.datasets[0].data = next.map((r) => r.count); chart.update('none'); },
    dispose: () => chart.destroy(),
  };
}
