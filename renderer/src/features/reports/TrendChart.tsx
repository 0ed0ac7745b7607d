import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what a line chart needs: the full build would triple the renderer's bundle.
echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface TrendPoint {
  month: string;
  value: number | null;
}

/**
 * A small monthly trend line (ECharts on a canvas). Labels come formatted from the caller, in
 * the user's locale; clicking over a month calls `onPick` with that month (YYYY-MM).
 */
export function TrendChart({
  points,
  monthLabel,
  valueLabel,
  axisLabel,
  seriesName,
  color,
  onPick,
  testId,
  ariaLabel,
  max,
}: {
  points: TrendPoint[];
  /** The top of the value axis (1 for rates); ECharts picks one when not given. */
  max?: number;
  monthLabel: (month: string) => string;
  valueLabel: (value: number) => string;
  /** The value axis's labels (rates without decimals). */
  axisLabel: (value: number) => string;
  seriesName: string;
  color: string;
  onPick: (month: string) => void;
  testId: string;
  ariaLabel: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef({ points, onPick });
  useEffect(() => {
    latest.current = { points, onPick };
  });

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const instance = echarts.init(el, null, { renderer: 'canvas' });
    chart.current = instance;
    // Anywhere over the plot picks the nearest month, not only the small point symbols.
    instance.getZr().on('click', (event) => {
      const pixel = [event.offsetX, event.offsetY];
      if (!instance.containPixel('grid', pixel)) return;
      const [index] = instance.convertFromPixel({ gridIndex: 0 }, pixel) as number[];
      const point = latest.current.points[Math.round(index ?? -1)];
      if (point) latest.current.onPick(point.month);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 12, top: 12, bottom: 4, containLabel: true },
        tooltip: {
          trigger: 'axis',
          valueFormatter: (value: unknown) => (typeof value === 'number' ? valueLabel(value) : '—'),
        },
        xAxis: {
          type: 'category',
          boundaryGap: false,
          data: points.map((p) => p.month),
          axisLabel: { formatter: (month: string) => monthLabel(month), hideOverlap: true, fontSize: 11 },
        },
        yAxis: {
          type: 'value',
          min: 0,
          max,
          ...(max === 1 ? { interval: 0.25 } : { splitNumber: 3 }),
          axisLabel: { formatter: (value: number) => axisLabel(value), fontSize: 11 },
        },
        series: [
          {
            type: 'line',
            name: seriesName,
            data: points.map((p) => p.value),
            connectNulls: false,
            showSymbol: true,
            symbolSize: 6,
            itemStyle: { color },
            lineStyle: { color, width: 2 },
            areaStyle: { color, opacity: 0.08 },
          },
        ],
      },
      { notMerge: true },
    );
  }, [points, monthLabel, valueLabel, axisLabel, seriesName, color, max]);

  return <div ref={container} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height: 160, cursor: 'pointer' }} />;
}
