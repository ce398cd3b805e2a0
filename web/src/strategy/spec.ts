// The strategy spec (docs/strategy-spec.md) and the builder's form model: conversion both ways, the condition-row
// editor's expressions, client-side validation mirroring the engine's SpecReader rules (the server stays the
// judge: /api/v1/strategies/validate), and the mapping of the server's JSON paths back onto form fields.
import { z } from 'zod';

export interface RankKey { by: string; order: 'asc' | 'desc'; weight: number }
export interface StrategySpec {
  name?: string;
  description?: string;
  dataset?: string;
  universe?: { symbols?: string[] | null; markets?: string[] | null; sectors?: string[] | null; exclude?: string[] | null; filter?: string | null };
  rebalance?: 'daily' | 'weekly' | 'monthly' | 'quarterly';
  buy?: { when?: string | null; rank?: RankKey[]; maxPositions?: number; sizing?: { method: 'equal'; rebalanceToTarget?: boolean } };
  sell?: {
    when?: string | null; takeProfitPct?: number | null; stopLossPct?: number | null; trailingStopPct?: number | null;
    maxHoldDays?: number | null; stopMode?: 'close' | 'intraday'; dropUnselected?: boolean;
  };
  execution?: {
    fill?: 'next_open' | 'close'; commissionPct?: number; sellTaxPct?: number; slippagePct?: number;
    fractionalShares?: boolean; marketRules?: 'none' | 'krx';
  };
  period?: { start?: string | null; end?: string | null };
  initialCapital?: number;
  benchmark?: string | null;
  riskFreeRatePct?: number;
}

export const OPERATORS = ['>', '>=', '<', '<=', '==', '!=', 'cross_above', 'cross_below'] as const;
export type Operator = (typeof OPERATORS)[number];
export interface ConditionRow { left: string; op: Operator; right: string }

export interface BuilderForm {
  name: string;
  description: string;
  dataset: string;
  markets: string[];
  symbols: string;
  exclude: string;
  filterMode: 'rows' | 'raw';
  filterRows: ConditionRow[];
  filterRaw: string;
  buyMode: 'rows' | 'raw';
  buyRows: ConditionRow[];
  buyRaw: string;
  rank: { by: string; order: 'asc' | 'desc'; weight: string }[];
  maxPositions: string;
  rebalanceToTarget: boolean;
  sellMode: 'rows' | 'raw';
  sellRows: ConditionRow[];
  sellRaw: string;
  takeProfitPct: string;
  stopLossPct: string;
  trailingStopPct: string;
  maxHoldDays: string;
  stopMode: 'close' | 'intraday';
  dropUnselected: boolean;
  rebalance: 'daily' | 'weekly' | 'monthly' | 'quarterly';
  fill: 'next_open' | 'close';
  commissionPct: string;
  sellTaxPct: string;
  slippagePct: string;
  fractionalShares: boolean;
  marketRules: 'none' | 'krx';
  start: string;
  end: string;
  initialCapital: string;
  benchmark: string;
  riskFreeRatePct: string;
}

export const defaultForm = (): BuilderForm => ({
  name: '',
  description: '',
  dataset: 'krx-demo',
  markets: [],
  symbols: '',
  exclude: '',
  filterMode: 'rows',
  filterRows: [],
  filterRaw: '',
  buyMode: 'rows',
  buyRows: [{ left: 'per', op: '>', right: '0' }, { left: 'per', op: '<', right: '15' }],
  buyRaw: '',
  rank: [{ by: 'pbr', order: 'asc', weight: '1' }],
  maxPositions: '20',
  rebalanceToTarget: false,
  sellMode: 'rows',
  sellRows: [],
  sellRaw: '',
  takeProfitPct: '',
  stopLossPct: '',
  trailingStopPct: '',
  maxHoldDays: '',
  stopMode: 'close',
  dropUnselected: true,
  rebalance: 'monthly',
  fill: 'next_open',
  commissionPct: '0.015',
  sellTaxPct: '0.18',
  slippagePct: '0.05',
  fractionalShares: false,
  marketRules: 'krx',
  start: '',
  end: '',
  initialCapital: '100000000',
  benchmark: '',
  riskFreeRatePct: '0',
});

// ---- condition rows <-> expressions -------------------------------------------------------------------------

/** One row as an expression: "per < 10", or "cross_above(sma(close,5), sma(close,20))". */
export function rowToExpression(row: ConditionRow): string {
  const left = row.left.trim();
  const right = row.right.trim();
  if (row.op === 'cross_above' || row.op === 'cross_below') return `${row.op}(${left}, ${right})`;
  return `${left} ${row.op} ${right}`;
}

/** Rows joined with "and"; blank rows are skipped. Empty → null (no condition). */
export function rowsToExpression(rows: ConditionRow[]): string | null {
  const parts = rows.filter((r) => r.left.trim() && r.right.trim()).map(rowToExpression);
  return parts.length ? parts.join(' and ') : null;
}

/** Splits on top-level " and " (outside parentheses). */
function splitAnd(expr: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const lower = expr.toLowerCase();
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && lower.startsWith(' and ', i)) {
      parts.push(expr.slice(start, i));
      start = i + 5;
      i += 4;
    } else if (depth === 0 && expr.startsWith(' && ', i)) {
      parts.push(expr.slice(start, i));
      start = i + 4;
      i += 3;
    }
  }
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The rows of an expression the row editor can show, or null when it needs the raw mode (or, not, nesting). */
export function expressionToRows(expr: string | null | undefined): ConditionRow[] | null {
  if (!expr || !expr.trim()) return [];
  if (/\bor\b|\|\||\bnot\b|!(?!=)/i.test(expr)) return null;
  const rows: ConditionRow[] = [];
  for (const part of splitAnd(expr.trim())) {
    const cross = /^(cross_above|cross_below)\((.*)\)$/.exec(part);
    if (cross) {
      const args = splitTopLevelComma(cross[2] ?? '');
      if (args.length !== 2) return null;
      rows.push({ left: args[0]!, op: cross[1] as Operator, right: args[1]! });
      continue;
    }
    const m = /^(.+?)\s*(>=|<=|==|!=|>|<)\s*(.+)$/.exec(part);
    if (!m || /[<>=!]/.test(m[3]!) || m[1]!.startsWith('(')) return null;
    rows.push({ left: m[1]!.trim(), op: m[2] as Operator, right: m[3]!.trim() });
  }
  return rows;
}

function splitTopLevelComma(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out;
}

// ---- form <-> spec ------------------------------------------------------------------------------------------

const list = (s: string): string[] | null => {
  const items = s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);
  return items.length ? items : null;
};
const optNum = (s: string): number | null => (s.trim() === '' ? null : Number(s));

export function formToSpec(f: BuilderForm): StrategySpec {
  const filter = f.filterMode === 'raw' ? f.filterRaw.trim() || null : rowsToExpression(f.filterRows);
  const buyWhen = f.buyMode === 'raw' ? f.buyRaw.trim() || null : rowsToExpression(f.buyRows);
  const sellWhen = f.sellMode === 'raw' ? f.sellRaw.trim() || null : rowsToExpression(f.sellRows);
  const spec: StrategySpec = {
    name: f.name.trim(),
    dataset: f.dataset || undefined,
    universe: {
      symbols: list(f.symbols),
      markets: f.markets.length ? f.markets : null,
      exclude: list(f.exclude),
      filter,
    },
    rebalance: f.rebalance,
    buy: {
      when: buyWhen,
      rank: f.rank.filter((r) => r.by.trim()).map((r) => ({ by: r.by.trim(), order: r.order, weight: Number(r.weight) })),
      maxPositions: Number(f.maxPositions),
      sizing: { method: 'equal', rebalanceToTarget: f.rebalanceToTarget },
    },
    sell: {
      when: sellWhen,
      takeProfitPct: optNum(f.takeProfitPct),
      stopLossPct: optNum(f.stopLossPct),
      trailingStopPct: optNum(f.trailingStopPct),
      maxHoldDays: optNum(f.maxHoldDays),
      stopMode: f.stopMode,
      dropUnselected: f.dropUnselected,
    },
    execution: {
      fill: f.fill,
      commissionPct: Number(f.commissionPct),
      sellTaxPct: Number(f.sellTaxPct),
      slippagePct: Number(f.slippagePct),
      fractionalShares: f.fractionalShares,
      marketRules: f.marketRules,
    },
    period: { start: f.start || null, end: f.end || null },
    initialCapital: Number(f.initialCapital),
    benchmark: f.benchmark.trim() || null,
    riskFreeRatePct: Number(f.riskFreeRatePct || '0'),
  };
  if (f.description.trim()) spec.description = f.description.trim();
  return prune(spec) as StrategySpec;
}

/** Drops nulls and empty objects so the spec stays as short as a hand-written one (omitted = default). */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) {
      if (val === null || val === undefined) continue;
      const p = prune(val);
      if (p && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
      out[k] = p;
    }
    return out;
  }
  return v;
}

const str = (n: number | null | undefined): string => (n == null ? '' : String(n));

export function specToForm(spec: StrategySpec): BuilderForm {
  const d = defaultForm();
  const filterRows = expressionToRows(spec.universe?.filter);
  const buyRows = expressionToRows(spec.buy?.when);
  const sellRows = expressionToRows(spec.sell?.when);
  return {
    ...d,
    name: spec.name ?? '',
    description: spec.description ?? '',
    dataset: spec.dataset ?? d.dataset,
    markets: spec.universe?.markets ?? [],
    symbols: (spec.universe?.symbols ?? []).join(', '),
    exclude: (spec.universe?.exclude ?? []).join(', '),
    filterMode: filterRows ? 'rows' : 'raw',
    filterRows: filterRows ?? [],
    filterRaw: spec.universe?.filter ?? '',
    buyMode: buyRows ? 'rows' : 'raw',
    buyRows: buyRows ?? [],
    buyRaw: spec.buy?.when ?? '',
    rank: (spec.buy?.rank ?? []).map((r) => ({ by: r.by, order: r.order ?? 'asc', weight: String(r.weight ?? 1) })),
    maxPositions: String(spec.buy?.maxPositions ?? 20),
    rebalanceToTarget: spec.buy?.sizing?.rebalanceToTarget ?? false,
    sellMode: sellRows ? 'rows' : 'raw',
    sellRows: sellRows ?? [],
    sellRaw: spec.sell?.when ?? '',
    takeProfitPct: str(spec.sell?.takeProfitPct),
    stopLossPct: str(spec.sell?.stopLossPct),
    trailingStopPct: str(spec.sell?.trailingStopPct),
    maxHoldDays: str(spec.sell?.maxHoldDays),
    stopMode: spec.sell?.stopMode ?? 'close',
    dropUnselected: spec.sell?.dropUnselected ?? false,
    rebalance: spec.rebalance ?? 'monthly',
    fill: spec.execution?.fill ?? 'next_open',
    commissionPct: str(spec.execution?.commissionPct ?? 0.015),
    sellTaxPct: str(spec.execution?.sellTaxPct ?? 0.18),
    slippagePct: str(spec.execution?.slippagePct ?? 0),
    fractionalShares: spec.execution?.fractionalShares ?? false,
    marketRules: spec.execution?.marketRules ?? 'none',
    start: spec.period?.start ?? '',
    end: spec.period?.end ?? '',
    initialCapital: String(spec.initialCapital ?? 100_000_000),
    benchmark: spec.benchmark ?? '',
    riskFreeRatePct: String(spec.riskFreeRatePct ?? 0),
  };
}

// ---- validation (mirrors engine/src/main/java/io/stocklab/engine/spec/SpecReader.java) ------------------------
// Messages are i18n keys, optionally with arguments after '|': "v.range|0|100".

const numberIn = (min: number, max: number, opts: { required?: boolean; exclusiveMin?: boolean; exclusiveMax?: boolean; integer?: boolean } = {}) =>
  z.string().superRefine((s, ctx) => {
    if (s.trim() === '') {
      if (opts.required) ctx.addIssue({ code: 'custom', message: 'v.required' });
      return;
    }
    const n = Number(s);
    if (!Number.isFinite(n)) return ctx.addIssue({ code: 'custom', message: 'v.number' });
    if (opts.integer && !Number.isInteger(n)) return ctx.addIssue({ code: 'custom', message: 'v.integer' });
    const lowOk = opts.exclusiveMin ? n > min : n >= min;
    const highOk = opts.exclusiveMax ? n < max : n <= max;
    if (!lowOk || !highOk) ctx.addIssue({ code: 'custom', message: `v.range|${min}|${max}` });
  });

const conditionRow = z.object({ left: z.string(), op: z.enum(OPERATORS), right: z.string() }).superRefine((r, ctx) => {
  const l = r.left.trim();
  const rt = r.right.trim();
  if (l && !rt) ctx.addIssue({ code: 'custom', path: ['right'], message: 'v.required' });
  if (!l && rt) ctx.addIssue({ code: 'custom', path: ['left'], message: 'v.required' });
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateString = z.string().refine((s) => s === '' || (DATE.test(s) && !Number.isNaN(Date.parse(s))), 'v.date');

export const builderSchema = z
  .object({
    name: z.string().trim().min(1, 'v.required').max(200, 'v.tooLong|200'),
    description: z.string().max(10_000, 'v.tooLong|10000'),
    dataset: z.string(),
    markets: z.array(z.string()),
    symbols: z.string(),
    exclude: z.string(),
    filterMode: z.enum(['rows', 'raw']),
    filterRows: z.array(conditionRow),
    filterRaw: z.string().max(10_000, 'v.tooLong|10000'),
    buyMode: z.enum(['rows', 'raw']),
    buyRows: z.array(conditionRow),
    buyRaw: z.string().max(10_000, 'v.tooLong|10000'),
    rank: z.array(z.object({ by: z.string().trim().min(1, 'v.required'), order: z.enum(['asc', 'desc']), weight: numberIn(0, 1e6, { required: true, exclusiveMin: true }) })),
    maxPositions: numberIn(1, 10_000, { required: true, integer: true }),
    rebalanceToTarget: z.boolean(),
    sellMode: z.enum(['rows', 'raw']),
    sellRows: z.array(conditionRow),
    sellRaw: z.string().max(10_000, 'v.tooLong|10000'),
    takeProfitPct: numberIn(0, 10_000, { exclusiveMin: true }),
    stopLossPct: numberIn(0, 100, { exclusiveMin: true, exclusiveMax: true }),
    trailingStopPct: numberIn(0, 100, { exclusiveMin: true, exclusiveMax: true }),
    maxHoldDays: numberIn(1, 1e9, { integer: true }),
    stopMode: z.enum(['close', 'intraday']),
    dropUnselected: z.boolean(),
    rebalance: z.enum(['daily', 'weekly', 'monthly', 'quarterly']),
    fill: z.enum(['next_open', 'close']),
    commissionPct: numberIn(0, 100, { required: true }),
    sellTaxPct: numberIn(0, 100, { required: true }),
    slippagePct: numberIn(0, 100, { required: true }),
    fractionalShares: z.boolean(),
    marketRules: z.enum(['none', 'krx']),
    start: dateString,
    end: dateString,
    initialCapital: numberIn(0, 1e15, { required: true, exclusiveMin: true }),
    benchmark: z.string(),
    riskFreeRatePct: numberIn(-100, 100, { exclusiveMin: true, exclusiveMax: true }),
  })
  .superRefine((f, ctx) => {
    if (f.start && f.end && DATE.test(f.start) && DATE.test(f.end) && f.end < f.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'v.endBeforeStart' });
    }
  });

// ---- server problems (JSON paths) -> form fields -------------------------------------------------------------

/** Maps a spec JSON path from the server ("$.buy.rank[0].by", "buy.when") to the form field that caused it. */
export function specPathToField(path: string, form: Pick<BuilderForm, 'buyMode' | 'sellMode' | 'filterMode'>): string {
  const p = path.replace(/^\$\.?/, '').replace(/^spec\./, '');
  const rank = /^buy\.rank\[(\d+)\](?:\.(by|order|weight))?/.exec(p);
  if (rank) return `rank.${rank[1]}.${rank[2] ?? 'by'}`;
  const direct: Record<string, string> = {
    name: 'name', description: 'description', dataset: 'dataset', rebalance: 'rebalance',
    'universe.symbols': 'symbols', 'universe.markets': 'markets', 'universe.exclude': 'exclude',
    'universe.filter': form.filterMode === 'raw' ? 'filterRaw' : 'filterRows',
    'buy.when': form.buyMode === 'raw' ? 'buyRaw' : 'buyRows',
    'buy.rank': 'rank', 'buy.maxPositions': 'maxPositions', 'buy.sizing.rebalanceToTarget': 'rebalanceToTarget',
    'sell.when': form.sellMode === 'raw' ? 'sellRaw' : 'sellRows',
    'sell.takeProfitPct': 'takeProfitPct', 'sell.stopLossPct': 'stopLossPct', 'sell.trailingStopPct': 'trailingStopPct',
    'sell.maxHoldDays': 'maxHoldDays', 'sell.stopMode': 'stopMode', 'sell.dropUnselected': 'dropUnselected',
    'execution.fill': 'fill', 'execution.commissionPct': 'commissionPct', 'execution.sellTaxPct': 'sellTaxPct',
    'execution.slippagePct': 'slippagePct', 'execution.fractionalShares': 'fractionalShares', 'execution.marketRules': 'marketRules',
    'period.start': 'start', 'period.end': 'end', period: 'start', initialCapital: 'initialCapital',
    benchmark: 'benchmark', riskFreeRatePct: 'riskFreeRatePct',
  };
  const key = Object.keys(direct).filter((k) => p === k || p.startsWith(k + '.') || p.startsWith(k + '[')).sort((a, b) => b.length - a.length)[0];
  return key ? direct[key]! : 'root';
}
