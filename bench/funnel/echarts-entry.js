// ECharts' funnel, tree-shaken to what a funnel needs, with the SVG renderer: the peer a
// developer would pick for this job.
import * as echarts from 'echarts/core';
import { FunnelChart } from 'echarts/charts';
import { TooltipComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([FunnelChart, TooltipComponent, TitleComponent, SVGRenderer]);

export function renderEcharts(container, rows) {
  const chart = echarts.init(container, null, { renderer: 'svg', width: 600, height: 400 });
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'item' },
    series: [{ type: 'funnel', sort: 'none', data: rows.map((r) => ({ name: r.stage, value: r.count })), label: { show: true, position: 'inside' } }],
  });
  return chart;
}
