// ECharts options for the statistics dashboard, built from the station's aggregates: plain data in,
// plain options out, in the console's dark, large-type look.
import type { EChartsCoreOption } from 'echarts/core';

const TEXT = '#e8f3ff';
const LINE = '#1c3a5c';
const FONT = 16;

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars, largest on top: for counts by department or by town. */
export function barsOption(bars: readonly Bar[], colour: string, limit = 10): EChartsCoreOption {
  const top = [...bars].sort((a, b) => b.value - a.value).slice(0, limit).reverse();
  return {
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // The value sits at the end of each bar; a value axis would only repeat it.
    xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { lineStyle: { color: LINE } } },
    yAxis: {
      type: 'category', data: top.map((b) => b.label), axisLine: { lineStyle: { color: LINE } },
      axisLabel: { color: TEXT, fontSize: FONT, width: 150, overflow: 'truncate' },
    },
    series: [{
      type: 'bar', data: top.map((b) => b.value), itemStyle: { color: colour }, barMaxWidth: 22,
      label: { show: true, position: 'right', color: TEXT, fontSize: FONT, fontWeight: 'bold' },
    }],
  };
}

/** A ring of shares (0–1) with their names: for the level closed work was resolved at. */
export function sharesOption(shares: ReadonlyArray<{ label: string; share: number; colour: string }>): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'item', valueFormatter: (v: unknown) => `${(Number(v) * 100).toFixed(1)}%` },
    // Shares in the legend, large: slice labels collide when one level takes nearly everything.
    legend: {
      orient: 'vertical', left: 'center', bottom: 0, itemGap: 10, textStyle: { color: TEXT, fontSize: 18 },
      formatter: (name: string) => {
        const s = shares.find((x) => x.label === name);
        return s ? `${name}  ${(s.share * 100).toFixed(1)}%` : name;
      },
    },
    series: [{
      type: 'pie', radius: ['40%', '68%'], center: ['50%', '40%'], label: { show: false },
      data: shares.map((s) => ({ name: s.label, value: s.share, itemStyle: { color: s.colour } })),
    }],
  };
}
