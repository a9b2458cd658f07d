import { describe, expect, it } from 'vitest';
import { barsOption, sharesOption } from './stats-charts';

describe('dashboard chart options', () => {
  it('puts the largest bar on top and keeps at most `limit`', () => {
    const bars = [{ label: 'a', value: 1 }, { label: 'b', value: 9 }, { label: 'c', value: 5 }];
    const option = barsOption(bars, '#f00', 2) as { yAxis: { data: string[] }; series: Array<{ data: number[] }> };
    // Category axes draw bottom-up: the last entry is the top bar.
    expect(option.yAxis.data).toEqual(['c', 'b']);
    expect(option.series[0]!.data).toEqual([5, 9]);
  });
  it('gives every share its own slice and colour', () => {
    const option = sharesOption([
      { label: 'village', share: 0.7, colour: '#0f0' },
      { label: 'town', share: 0.3, colour: '#ff0' },
    ]) as { series: Array<{ data: Array<{ name: string; value: number }> }> };
    expect(option.series[0]!.data.map((d) => [d.name, d.value])).toEqual([['village', 0.7], ['town', 0.3]]);
  });
});
