import { drawdownFromEquity, monthlyFromEquity, monthlyHeatmap, normalizeTo100, returnCorrelation, sparklinePoints, toCandles, toLineData } from './mapping';

describe('toLineData', () => {
  it('sorts by day, drops missing values and keeps one point per day', () => {
    const rows = [
      { date: '2024-01-03', equity: 102 },
      { date: '2024-01-02T00:00:00Z', equity: 100 },
      { date: '2024-01-04', equity: Number.NaN },
      { date: '2024-01-03', equity: 103 },
      { date: 'bad', equity: 1 },
    ];
    expect(toLineData(rows, (r) => r.date, (r) => r.equity)).toEqual([
      { time: '2024-01-02', value: 100 },
      { time: '2024-01-03', value: 103 },
    ]);
  });
});

describe('normalizeTo100 and drawdown', () => {
  const eq = [
    { time: '2024-01-01', value: 200 },
    { time: '2024-01-02', value: 220 },
    { time: '2024-01-03', value: 198 },
    { time: '2024-01-04', value: 231 },
  ];
  it('rescales the first point to 100', () => {
    expect(normalizeTo100(eq).map((p) => Math.round(p.value * 1e6) / 1e6)).toEqual([100, 110, 99, 115.5]);
  });
  it('measures drawdown from the running peak', () => {
    const dd = drawdownFromEquity(eq).map((p) => Math.round(p.value * 100) / 100);
    expect(dd).toEqual([0, 0, -10, 0]);
  });
});

describe('monthlyHeatmap', () => {
  it('builds a years × months grid with compounded yearly totals', () => {
    const h = monthlyHeatmap([
      { month: '2023-12', returnPct: 5 },
      { month: '2024-01', returnPct: 10 },
      { month: '2024-02', returnPct: -10 },
    ]);
    expect(h.years).toEqual([2023, 2024]);
    expect(h.cells).toContainEqual([11, 0, 5]);
    expect(h.cells).toContainEqual([0, 1, 10]);
    expect(h.cells).toContainEqual([1, 1, -10]);
    expect(h.yearly[2024]).toBe(-1); // 1.1 × 0.9 − 1
    expect(h.min).toBe(-10);
    expect(h.max).toBe(10);
  });
  it('derives monthly returns from daily equity', () => {
    const m = monthlyFromEquity([
      { time: '2024-01-02', value: 100 },
      { time: '2024-01-31', value: 110 },
      { time: '2024-02-01', value: 99 },
    ], 100);
    expect(m.map((x) => x.month)).toEqual(['2024-01', '2024-02']);
    expect(m[0]!.returnPct).toBeCloseTo(10, 9);
    expect(m[1]!.returnPct).toBeCloseTo(-10, 9);
  });
});

describe('toCandles', () => {
  it('maps OHLCV rows to candles and volume bars colored by direction', () => {
    const { candles, volumes } = toCandles([
      { date: '2024-01-03', open: 10, high: 12, low: 9, close: 9.5, volume: 500 },
      { date: '2024-01-02', open: 9, high: 11, low: 8, close: 10, volume: 1000 },
    ]);
    expect(candles.map((c) => c.time)).toEqual(['2024-01-02', '2024-01-03']);
    expect(volumes[0]).toMatchObject({ value: 1000, color: expect.stringMatching(/^#e5484d/) });
    expect(volumes[1]).toMatchObject({ value: 500, color: expect.stringMatching(/^#3e63dd/) });
  });
});

describe('returnCorrelation and sparkline', () => {
  it('is 1 for proportional curves and null without overlap', () => {
    const a = [100, 101, 99, 104, 103].map((v, i) => ({ time: `2024-01-0${i + 1}`, value: v }));
    const b = a.map((p) => ({ ...p, value: p.value * 3 }));
    expect(returnCorrelation(a, b)).toBeCloseTo(1, 10);
    expect(returnCorrelation(a, [])).toBeNull();
  });
  it('scales values into the box', () => {
    expect(sparklinePoints([1, 2, 3], 100, 10)).toBe('0.0,10.0 50.0,5.0 100.0,0.0');
    expect(sparklinePoints([1], 100, 10)).toBe('');
  });
});

import { isPriceLike, normalizeHistory } from './mapping';

describe('indicators', () => {
  it('puts price-like indicators on the price pane', () => {
    expect(isPriceLike([100, 101, 99], [100, 102, 98])).toBe(true);
    expect(isPriceLike([30, 70, 55], [50_000, 51_000])).toBe(false);
  });
  it('reads history rows with expression columns or aligned series', () => {
    const rows = [{ date: '2024-01-02', open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, 'sma(close,2)': null }, { date: '2024-01-03', open: 1.5, high: 2, low: 1, close: 2, volume: 5, 'sma(close,2)': 1.75 }];
    const a = normalizeHistory(rows, ['sma(close,2)']);
    expect(a.bars).toHaveLength(2);
    expect(a.series['sma(close,2)']).toEqual([{ time: '2024-01-03', value: 1.75 }]);
    const b = normalizeHistory({ bars: rows, series: { rsi_14: [40, 60] } }, ['rsi_14']);
    expect(b.series.rsi_14).toEqual([{ time: '2024-01-02', value: 40 }, { time: '2024-01-03', value: 60 }]);
  });
  it('reads the column-oriented history of the market API', () => {
    const h = normalizeHistory({ dates: ['2024-01-02', '2024-01-03'], open: [1, 2], high: [2, 3], low: [0.5, 1], close: [1.5, null], volume: [10, 20], series: { 'sma(close,2)': [null, 1.75] } }, ['sma(close,2)']);
    expect(h.bars[0]).toEqual({ date: '2024-01-02', open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 });
    expect(toCandles(h.bars).candles).toHaveLength(1); // the day without a close is not a candle
    expect(h.series['sma(close,2)']).toEqual([{ time: '2024-01-03', value: 1.75 }]);
  });
});
