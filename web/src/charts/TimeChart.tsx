// Price/equity charts with TradingView's lightweight-charts (canvas; 10 years of daily points draw at once).
import { useEffect, useRef } from 'react';
import {
  AreaSeries, CandlestickSeries, ColorType, createChart, HistogramSeries, LineSeries, PriceScaleMode,
  type IChartApi, type ISeriesApi, type SeriesType, type Time,
} from 'lightweight-charts';
import type { Candle, LinePoint, VolumeBar } from './mapping';
import { DOWN, UP } from './mapping';

export type ChartSeries =
  | { id: string; label: string; kind: 'line' | 'area'; data: LinePoint[]; color: string; pane?: number; dashed?: boolean }
  | { id: string; label: string; kind: 'histogram'; data: (LinePoint | VolumeBar)[]; color: string; pane?: number; overlay?: boolean }
  | { id: string; label: string; kind: 'candles'; data: Candle[]; pane?: number };

export interface TimeChartProps {
  series: ChartSeries[];
  height?: number;
  logScale?: boolean;
  /** value formatter of the price axis */
  format?: (v: number) => string;
  testId?: string;
}

export function TimeChart({ series, height = 320, logScale = false, format, testId }: TimeChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const live = useRef<ISeriesApi<SeriesType>[]>([]);
  // the axis formatter follows the language without re-creating the chart
  const formatRef = useRef(format);
  formatRef.current = format;

  useEffect(() => {
    if (!el.current) return;
    const styles = getComputedStyle(document.documentElement);
    const text = styles.getPropertyValue('--text-muted').trim() || '#64748b';
    const grid = styles.getPropertyValue('--grid').trim() || '#e2e8f0';
    const c = createChart(el.current, {
      autoSize: true,
      height,
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: text, fontSize: 11, attributionLogo: false },
      grid: { vertLines: { color: grid }, horzLines: { color: grid } },
      rightPriceScale: { borderVisible: false },
      timeScale: { borderVisible: false },
      localization: { priceFormatter: (v: number) => (formatRef.current ? formatRef.current(v) : v.toLocaleString('en-US', { maximumFractionDigits: 2 })) },
      handleScroll: { vertTouchDrag: false },
    });
    chart.current = c;
    return () => {
      live.current = [];
      chart.current = null;
      c.remove();
    };
    // the chart is created once (height included); series and options are applied by the effects below
  }, []);

  useEffect(() => {
    chart.current?.applyOptions({ rightPriceScale: { mode: logScale ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal } });
  }, [logScale]);

  const formatKey = format ? format(123_456_789) : '';
  useEffect(() => {
    // a different formatter output (e.g. the language changed): redraw the price axis
    chart.current?.applyOptions({ localization: { priceFormatter: (v: number) => (formatRef.current ? formatRef.current(v) : String(v)) } });
  }, [formatKey]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    live.current.forEach((s) => c.removeSeries(s));
    live.current = [];
    for (const s of series) {
      const pane = s.pane ?? 0;
      let api: ISeriesApi<SeriesType>;
      if (s.kind === 'candles') {
        api = c.addSeries(CandlestickSeries, { upColor: UP, downColor: DOWN, borderVisible: false, wickUpColor: UP, wickDownColor: DOWN, title: '' }, pane);
      } else if (s.kind === 'histogram') {
        api = c.addSeries(HistogramSeries, { color: s.color, priceFormat: s.overlay ? { type: 'volume' } : { type: 'price' }, priceScaleId: s.overlay ? `${s.id}-scale` : undefined, title: '' }, pane);
        if (s.overlay) api.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
      } else if (s.kind === 'area') {
        api = c.addSeries(AreaSeries, { lineColor: s.color, topColor: s.color + '55', bottomColor: s.color + '05', lineWidth: 2, title: s.label, priceLineVisible: false }, pane);
      } else {
        api = c.addSeries(LineSeries, { color: s.color, lineWidth: 2, lineStyle: s.dashed ? 2 : 0, title: s.label, priceLineVisible: false }, pane);
      }
      api.setData(s.data.map((p) => ({ ...p, time: p.time as Time })) as never);
      live.current.push(api);
    }
    c.timeScale().fitContent();
  }, [series]);

  return <div className="chart" ref={el} style={{ height }} data-testid={testId} data-points={series.reduce((n, s) => n + s.data.length, 0)} />;
}

export default TimeChart;
