// ECharts' funnel, tree-shaken to what a funnel needs, SVG renderer, no animation.
import * as echarts from 'echarts/core';
import { FunnelChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([FunnelChart, TooltipComponent, SVGRenderer]);

const option = (rows) => ({
  animation: false,
  tooltip: { trigger: 'item' },
  series: [{ type: 'funnel', sort: 'none', data: rows.map((r) => ({ name: r.stage, value: r.count })), label: { show: true, position: 'inside' } }],
});
export function render(host, rows) {
  const chart = echarts.init(host, null, { renderer: 'svg', width: host.clientWidth || 600, height: 360 });
  chart.setOption(option(rows));
  return { update: (next) => chart.setOption(option(next)), dispose: () => chart.dispose() };
}
