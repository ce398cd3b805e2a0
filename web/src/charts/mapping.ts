// Pure data mapping from API payloads to chart series (kept apart from the chart libraries so it is unit-tested
// and so the libraries load only with the pages that draw charts).

export interface LinePoint { time: string; value: number }
export interface Candle { time: string; open: number; high: number; low: number; close: number }
export interface VolumeBar { time: string; value: number; color: string }
export interface Bar { date: string; open: number; high: number; low: number; close: number; volume: number }

export const UP = '#e5484d'; // Korean convention: up is red
export const DOWN = '#3e63dd'; // down is blue

const isDay = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}/.test(s);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Line data for lightweight-charts: one point per day (ISO date, first 10 characters), ascending, without missing
 * values and without duplicate days (the last one wins), as the library requires.
 */
export function toLineData<T>(rows: readonly T[], date: (r: T) => unknown, value: (r: T) => unknown): LinePoint[] {
  const byDay = new Map<string, number>();
  for (const r of rows) {
    const d = date(r);
    const v = value(r);
    if (isDay(d) && finite(v)) byDay.set(d.slice(0, 10), v);
  }
  return [...byDay.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([time, v]) => ({ time, value: v }));
}

/** The series rescaled so its first point is 100 (for comparing curves that start at different amounts). */
export function normalizeTo100(points: readonly LinePoint[]): LinePoint[] {
  const first = points.find((p) => p.value !== 0);
  if (!first) return [];
  return points.map((p) => ({ time: p.time, value: (p.value / first.value) * 100 }));
}

/** Drawdown in percent (≤ 0) from an equity curve: (E_t / max_{s≤t} E_s − 1) × 100. */
export function drawdownFromEquity(points: readonly LinePoint[]): LinePoint[] {
  let peak = -Infinity;
  return points.map((p) => {
    peak = Math.max(peak, p.value);
    return { time: p.time, value: peak > 0 ? (p.value / peak - 1) * 100 : 0 };
  });
}

/** Candles and colored volume bars from OHLCV rows. */
export function toCandles(bars: readonly Bar[]): { candles: Candle[]; volumes: VolumeBar[] } {
  const sorted = bars.filter((b) => isDay(b.date) && [b.open, b.high, b.low, b.close].every(finite))
    .slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const candles: Candle[] = [];
  const volumes: VolumeBar[] = [];
  let last = '';
  for (const b of sorted) {
    const time = b.date.slice(0, 10);
    if (time === last) continue;
    last = time;
    candles.push({ time, open: b.open, high: b.high, low: b.low, close: b.close });
    volumes.push({ time, value: finite(b.volume) ? b.volume : 0, color: b.close >= b.open ? UP + '80' : DOWN + '80' });
  }
  return { candles, volumes };
}

export interface MonthlyHeatmap {
  years: number[];
  /** [monthIndex 0..11, yearIndex, returnPct] — ECharts heatmap data */
  cells: [number, number, number][];
  /** compounded return of each year's months, in percent, by year */
  yearly: Record<number, number>;
  min: number;
  max: number;
}

/** Years × months grid of monthly returns (month as "YYYY-MM" or a date), with each year's compounded total. */
export function monthlyHeatmap(rows: readonly { month: string; returnPct: number }[]): MonthlyHeatmap {
  const valid = rows.filter((r) => /^\d{4}-\d{2}/.test(r.month) && finite(r.returnPct));
  const years = [...new Set(valid.map((r) => Number(r.month.slice(0, 4))))].sort((a, b) => a - b);
  const yearIndex = new Map(years.map((y, i) => [y, i]));
  const cells: [number, number, number][] = [];
  const growth: Record<number, number> = {};
  let min = 0;
  let max = 0;
  for (const r of valid) {
    const y = Number(r.month.slice(0, 4));
    const m = Number(r.month.slice(5, 7)) - 1;
    cells.push([m, yearIndex.get(y)!, round2(r.returnPct)]);
    growth[y] = (growth[y] ?? 1) * (1 + r.returnPct / 100);
    min = Math.min(min, r.returnPct);
    max = Math.max(max, r.returnPct);
  }
  const yearly: Record<number, number> = {};
  for (const y of years) yearly[y] = round2(((growth[y] ?? 1) - 1) * 100);
  return { years, cells, yearly, min, max };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Monthly returns computed from a daily equity curve (used when the API gives none). */
export function monthlyFromEquity(points: readonly LinePoint[], initial?: number): { month: string; returnPct: number }[] {
  const out: { month: string; returnPct: number }[] = [];
  let prevEnd = initial ?? points[0]?.value;
  let current = '';
  let lastValue = 0;
  for (const p of points) {
    const m = p.time.slice(0, 7);
    if (current && m !== current) {
      if (prevEnd) out.push({ month: current, returnPct: (lastValue / prevEnd - 1) * 100 });
      prevEnd = lastValue;
    }
    current = m;
    lastValue = p.value;
  }
  if (current && prevEnd) out.push({ month: current, returnPct: (lastValue / prevEnd - 1) * 100 });
  return out;
}

/** Pearson correlation of two series' daily returns over their common days. */
export function returnCorrelation(a: readonly LinePoint[], b: readonly LinePoint[]): number | null {
  const rb = new Map(dailyReturns(b).map((p) => [p.time, p.value]));
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of dailyReturns(a)) {
    const y = rb.get(p.time);
    if (y !== undefined) {
      xs.push(p.value);
      ys.push(y);
    }
  }
  if (xs.length < 3) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx && syy ? sxy / Math.sqrt(sxx * syy) : null;
}

function dailyReturns(points: readonly LinePoint[]): LinePoint[] {
  const out: LinePoint[] = [];
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1]!.value;
    if (prev) out.push({ time: points[i]!.time, value: points[i]!.value / prev - 1 });
  }
  return out;
}

/** Points of a tiny SVG sparkline (polyline "x,y x,y ..."), values scaled into width × height. */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  const v = values.filter(finite);
  if (v.length < 2) return '';
  const step = Math.max(1, Math.floor(v.length / 120));
  const sampled = v.filter((_, i) => i % step === 0 || i === v.length - 1);
  const min = Math.min(...sampled);
  const max = Math.max(...sampled);
  const span = max - min || 1;
  return sampled.map((y, i) => `${((i / (sampled.length - 1)) * width).toFixed(1)},${(height - ((y - min) / span) * height).toFixed(1)}`).join(' ');
}

/** Whether an indicator belongs on the price pane (its typical value is in the price's range) or below it. */
export function isPriceLike(values: readonly number[], closes: readonly number[]): boolean {
  const median = (a: readonly number[]) => {
    const s = a.filter(finite).slice().sort((x, y) => x - y);
    return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
  };
  const v = median(values);
  const c = median(closes);
  return Number.isFinite(v) && Number.isFinite(c) && c > 0 && v / c > 0.5 && v / c < 2;
}

export interface HistoryTable { bars: Bar[]; series: Record<string, LinePoint[]> }

/**
 * OHLCV history with expression columns, from either rows ({date, open, ..., "sma(close,20)": 1.2}) or
 * {bars|rows, series: {expr: values aligned with the bars}}.
 */
export function normalizeHistory(raw: unknown, exprs: readonly string[]): HistoryTable {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  let rows = (Array.isArray(raw) ? raw : (obj.rows ?? obj.bars ?? obj.items ?? obj.history ?? [])) as Record<string, unknown>[];
  if (!Array.isArray(raw) && Array.isArray(obj.dates)) {
    // column-oriented: {dates, open, high, low, close, volume, series}
    const col = (k: string) => (Array.isArray(obj[k]) ? (obj[k] as unknown[]) : []);
    rows = (obj.dates as unknown[]).map((date, i) => ({ date, open: col('open')[i], high: col('high')[i], low: col('low')[i], close: col('close')[i], volume: col('volume')[i] }));
  }
  const n = (v: unknown) => (v == null ? Number.NaN : Number(v));
  const bars: Bar[] = rows.map((r) => ({ date: String(r.date ?? r.time ?? ''), open: n(r.open), high: n(r.high), low: n(r.low), close: n(r.close), volume: Number(r.volume ?? 0) }));
  const series: Record<string, LinePoint[]> = {};
  const aligned = (obj.series ?? obj.exprs ?? obj.values) as Record<string, (number | null)[]> | undefined;
  exprs.forEach((e, k) => {
    const col = aligned && !Array.isArray(aligned) ? aligned[e] : undefined;
    series[e] = toLineData(rows.map((r, i) => ({ date: r.date ?? r.time, v: col ? col[i] : ((r.values as Record<string, unknown> | undefined)?.[e] ?? (r.values as unknown[] | undefined)?.[k] ?? r[e]) })), (x) => x.date, (x) => (x.v == null ? null : Number(x.v)));
  });
  return { bars, series };
}
