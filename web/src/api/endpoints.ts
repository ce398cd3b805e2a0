// The feature endpoints (strategies, backtests, sweeps, market data). Every endpoint of the OpenAPI snapshot is
// called through the typed client (a renamed or removed path or parameter fails `tsc`), and the view types are the
// generated schemas with the server's JSON-tree fields (spec, stats, summary) given their real shapes, so a renamed
// field fails the build too.

/** A generated schema with an id the server always sends, and some fields typed more precisely. */
type View<S, Over> = Omit<S, 'id' | keyof Over> & { id: string } & Over;
const path = <T extends string>(id: T) => ({ params: { path: { id } } });
import { download, typed, unwrap, type RequestOptions, type Schemas } from './client';
import type { StrategySpec } from '../strategy/spec';

// ---- strategies ----------------------------------------------------------------------------------------------
export type Strategy = View<Schemas['StrategyResponse'], { spec?: StrategySpec | null; visibility?: 'PUBLIC' | 'PRIVATE' | string; name: string }>;
export type StrategyRequest = Omit<Schemas['StrategyRequest'], 'spec' | 'visibility'> & { spec?: StrategySpec; visibility?: 'PUBLIC' | 'PRIVATE' };
export type StrategyVersion = Omit<Schemas['VersionResponse'], 'spec' | 'version'> & { version: number; spec: StrategySpec };
/** One problem of a spec: its JSON path ($.buy.when) and what is wrong (SpecValidator.Problem on the server). */
export interface SpecProblem { path: string; message: string }
export type ValidateResponse = Omit<Schemas['ValidateResponse'], 'problems' | 'effectiveSpec' | 'valid'> & { valid: boolean; problems: SpecProblem[]; effectiveSpec?: StrategySpec };
export type TemplateResult = Schemas['TemplateResult'];
export type Template = View<Schemas['TemplateResponse'], { spec: StrategySpec; name: string; famous?: boolean; description?: string }>;
export interface Page<T> { items: T[]; page?: number; size?: number; totalItems?: number; totalPages?: number; nextCursor?: string | null }

const asPage = <T,>(r: { items?: unknown[] } & Record<string, unknown>): Page<T> => ({ ...r, items: (r.items ?? []) as T[] });

export const strategies = {
  mine: async (page = 0, size = 50) => asPage<Strategy>(unwrap(await typed.GET('/api/v1/strategies', { params: { query: { page, size } } }))),
  publicOnes: async (q?: string) => asPage<Strategy>(unwrap(await typed.GET('/api/v1/strategies/public', { params: { query: { q, size: 50 } } }))),
  get: async (id: string) => unwrap(await typed.GET('/api/v1/strategies/{id}', path(id))) as Strategy,
  create: async (req: StrategyRequest) => unwrap(await typed.POST('/api/v1/strategies', { body: req as Schemas['StrategyRequest'] })) as Strategy,
  update: async (id: string, req: StrategyRequest) => unwrap(await typed.PUT('/api/v1/strategies/{id}', { ...path(id), body: req as Schemas['StrategyRequest'] })) as Strategy,
  remove: async (id: string) => { unwrap(await typed.DELETE('/api/v1/strategies/{id}', path(id))); },
  versions: async (id: string) => unwrap(await typed.GET('/api/v1/strategies/{id}/versions', path(id))) as StrategyVersion[],
  clone: async (id: string, name?: string) => unwrap(await typed.POST('/api/v1/strategies/{id}/clone', { ...path(id), body: name ? { name } : {} })) as Strategy,
  templates: async () => unwrap(await typed.GET('/api/v1/strategies/templates')) as Template[],
  validate: async (spec: StrategySpec, opts?: RequestOptions) =>
    unwrap(await typed.POST('/api/v1/strategies/validate', { body: spec as Schemas['JsonNode'], signal: opts?.signal })) as unknown as ValidateResponse,
};

// ---- factors and datasets ------------------------------------------------------------------------------------
export interface Factor { id: string; category: string; name: string; description?: string; formula?: string }
export type Dataset = Omit<Schemas['DatasetInfo'], 'id'> & { id: string };

/** The factor catalogue as a flat list, whether the server answers a list, {categories:[{factors}]} or a map. */
export function normalizeFactors(raw: unknown): Factor[] {
  const out: Factor[] = [];
  const visit = (v: unknown, category?: string) => {
    if (Array.isArray(v)) v.forEach((x) => visit(x, category));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.id === 'string' && (typeof o.name === 'string' || typeof o.formula === 'string' || typeof o.category === 'string')) {
        out.push({ id: o.id, category: String(o.category ?? category ?? ''), name: String(o.name ?? o.id), description: o.description as string | undefined, formula: o.formula as string | undefined });
      } else if (Array.isArray(o.factors)) visit(o.factors, String(o.id ?? o.category ?? o.name ?? category ?? ''));
      else if (Array.isArray(o.items)) visit(o.items, category);
      else if (Array.isArray(o.categories)) visit(o.categories, category);
      else for (const [k, val] of Object.entries(o)) if (Array.isArray(val)) visit(val, k);
    }
  };
  visit(raw);
  return out;
}

export const catalogue = {
  factors: async () => normalizeFactors(unwrap(await typed.GET('/api/v1/factors'))),
  datasets: async (): Promise<Dataset[]> => (unwrap(await typed.GET('/api/v1/datasets')).items ?? []) as Dataset[],
};

// ---- backtests -----------------------------------------------------------------------------------------------
export type BacktestStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export const FINAL: BacktestStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

export interface Stats {
  totalReturnPct?: number; cagrPct?: number; volatilityPct?: number; sharpe?: number; sortino?: number;
  maxDrawdownPct?: number; calmar?: number; trades?: number; roundTrips?: number; winRatePct?: number;
  avgHoldDays?: number; exposurePct?: number; alpha?: number; beta?: number; finalEquity?: number;
}
export interface Progress { percent: number; phase?: string; currentDate?: string | null; etaSeconds?: number | null; status?: BacktestStatus; message?: string }
export type Backtest = View<Schemas['BacktestView'], {
  status: BacktestStatus; stats?: Stats | null; spec?: StrategySpec | null;
  /** not sent by the server: derived (see backtestCapital, backtestCurrency) or from older payloads */
  strategyName?: string | null; errorMessage?: string | null; initialCapital?: number; benchmark?: string | null; dataset?: string | null; currency?: string;
}>;
export type BacktestState = View<Schemas['StatusView'], { status: BacktestStatus }>;

/** Display name, starting capital and currency of a backtest (the currency follows its dataset). */
export const backtestName = (b: Pick<Backtest, 'name' | 'strategyName' | 'id'>): string => b.strategyName ?? b.name ?? b.id.slice(0, 8);
export const backtestCapital = (b: Backtest): number | undefined => b.initialCapital ?? b.spec?.initialCapital ?? (b.spec ? 100_000_000 : undefined);
export const backtestCurrency = (b: Backtest): string => b.currency ?? (/sp500|us|nyse|nasdaq/i.test(b.datasetId ?? b.dataset ?? b.spec?.dataset ?? '') ? 'USD' : 'KRW');
export type EquityPoint = Omit<Schemas['EquityPointView'], 'date' | 'equity' | 'benchmark'> & { date: string; equity: number; benchmark?: number | null; positions?: number; holdings?: number };
export type Trade = Omit<Schemas['TradeView'], 'date' | 'symbol' | 'side' | 'pnl'> & { date: string; symbol: string; side: 'BUY' | 'SELL' | string; pnl?: number | null; name?: string; quantity?: number };
export type MonthlyReturn = Omit<Schemas['MonthlyView'], 'month' | 'returnPct'> & { month: string; returnPct: number };
/** items: one per backtest; normalizedEquity: one list per backtest aligned with dates (100 on the first date) */
export type CompareResponse = Omit<Schemas['CompareResponse'], 'items' | 'dates' | 'normalizedEquity' | 'returnCorrelation'> & {
  items: View<Schemas['CompareItem'], { stats?: Stats | null }>[]; dates: string[]; normalizedEquity: (number | null)[][]; returnCorrelation: (number | null)[][];
};
export type NewBacktest = Omit<Schemas['SubmitRequest'], 'spec'> & { spec?: StrategySpec };


export function normalizeProgress(raw: Record<string, unknown>): Progress {
  const percent = Number(raw.percent ?? raw.progress ?? raw.pct ?? 0);
  const eta = raw.etaSeconds ?? (raw.etaMs != null ? Number(raw.etaMs) / 1000 : raw.eta);
  return {
    percent: Number.isFinite(percent) ? Math.max(0, Math.min(100, percent <= 1 && raw.percent === undefined && raw.progress !== undefined ? percent * 100 : percent)) : 0,
    phase: (raw.phase as string | undefined) ?? undefined,
    currentDate: (raw.currentDate ?? raw.date ?? raw.simulatedDate) as string | undefined,
    etaSeconds: eta == null ? null : Number(eta),
    status: (raw.status as BacktestStatus | undefined) ?? undefined,
    message: (raw.error ?? raw.errorMessage ?? raw.message) as string | undefined,
  };
}

export const backtests = {
  create: async (req: NewBacktest) => unwrap(await typed.POST('/api/v1/backtests', { body: req as Schemas['SubmitRequest'] })) as BacktestState,
  /** My backtests (cursor-paginated on the server; follows the cursor up to `max` items). */
  list: async (query: { status?: string; strategyId?: string; sort?: 'created' | 'return' | 'sharpe'; from?: string; to?: string } = {}, max = 100): Promise<Backtest[]> => {
    const out: Backtest[] = [];
    let cursor: string | undefined;
    do {
      const r = unwrap(await typed.GET('/api/v1/backtests', { params: { query: { limit: Math.min(100, max), ...query, cursor } } }));
      out.push(...((r.items ?? []) as Backtest[]));
      cursor = r.nextCursor ?? undefined;
    } while (cursor && out.length < max);
    return out.slice(0, max);
  },
  get: async (id: string) => unwrap(await typed.GET('/api/v1/backtests/{id}', path(id))) as Backtest,
  status: async (id: string) => unwrap(await typed.GET('/api/v1/backtests/{id}/status', path(id))) as unknown as Record<string, unknown>,
  cancel: async (id: string) => unwrap(await typed.POST('/api/v1/backtests/{id}/cancel', path(id))) as BacktestState,
  remove: async (id: string) => { unwrap(await typed.DELETE('/api/v1/backtests/{id}', path(id))); },
  equity: async (id: string) => unwrap(await typed.GET('/api/v1/backtests/{id}/equity', path(id))) as EquityPoint[],
  /** Every trade, in pages of 1,000 (the server's largest page). */
  trades: async (id: string): Promise<Trade[]> => {
    const out: Trade[] = [];
    for (let page = 0; page < 1000; page++) {
      const r = unwrap(await typed.GET('/api/v1/backtests/{id}/trades', { params: { path: { id }, query: { page, size: 1000 } } }));
      const items = (r.items ?? []) as Trade[];
      out.push(...items);
      if (items.length < 1000 || (r.totalPages != null && page + 1 >= r.totalPages)) break;
    }
    return out;
  },
  monthly: async (id: string) => unwrap(await typed.GET('/api/v1/backtests/{id}/monthly', path(id))) as MonthlyReturn[],
  exportCsv: (id: string) => download(`/api/v1/backtests/${id}/export?format=csv&part=trades`),
  compare: async (ids: string[]) => unwrap(await typed.POST('/api/v1/backtests/compare', { body: { ids } })) as CompareResponse,
};

// ---- sweeps --------------------------------------------------------------------------------------------------
export type SweepObjective = 'sharpe' | 'cagr' | 'calmar' | 'sortino' | 'totalReturn' | 'maxDrawdown';
/** Give either `spec` (an inline spec) or `strategyId` (one of my saved strategies: its current version is swept). */
export interface SweepRequest {
  name?: string; spec?: StrategySpec; strategyId?: string;
  /** JSON pointer (e.g. /sell/stopLossPct) → a list of values or {min, max, step} */
  parameters: Record<string, number[] | { min: number; max: number; step: number }>;
  mode: 'grid' | 'random'; samples?: number; seed?: number; objective: SweepObjective;
  walkForward?: { inSampleMonths: number; outOfSampleMonths: number; stepMonths?: number } | null;
}
export interface SweepVariant { index: number; label?: string; parameters: Record<string, number>; objective?: number | null; outOfSampleObjective?: number | null; stats?: Stats | null; error?: string }
/** One walk-forward window: its periods, the variant that won in sample there and its objective in and out of sample (nulls: no winner). */
export interface SweepWindow {
  inStart: string; inEnd: string; outStart: string; outEnd: string;
  winnerIndex?: number | null; winnerLabel?: string | null; inSample?: number | null; outOfSample?: number | null;
}
/** The statistics of the winners' out-of-sample runs chained into one curve (the figures of the oos rankings). */
export interface SweepOutOfSample {
  start: string; end: string; days?: number; initialCapital?: number;
  totalReturnPct?: number | null; cagrPct?: number | null; sharpe?: number | null; calmar?: number | null; maxDrawdownPct?: number | null;
}
export interface SweepSummary {
  best?: SweepVariant; bestInSample?: number; bestOutOfSample?: number; variants?: number; failed?: number;
  walkForward?: SweepWindow[] | null; outOfSample?: SweepOutOfSample | null; outOfSampleUnavailable?: string | null;
}
export type Sweep = View<Schemas['SweepView'], { status: BacktestStatus; summary?: SweepSummary | null }>;
export type OutOfSampleCurve = Omit<Schemas['OutOfSampleCurve'], 'equity'> & { equity: { date: string; value: number }[] };

export const sweeps = {
  create: async (req: SweepRequest) => unwrap(await typed.POST('/api/v1/sweeps', { body: req as unknown as Schemas['SweepRequest'] })) as Sweep,
  list: async () => unwrap(await typed.GET('/api/v1/sweeps')) as Sweep[],
  get: async (id: string) => unwrap(await typed.GET('/api/v1/sweeps/{id}', path(id))) as Sweep,
  results: async (id: string) => {
    const r = unwrap(await typed.GET('/api/v1/sweeps/{id}/results', { params: { path: { id }, query: { limit: 1000 } } })) as unknown as { items?: SweepVariant[] };
    return r.items ?? [];
  },
  cancel: async (id: string) => unwrap(await typed.POST('/api/v1/sweeps/{id}/cancel', path(id))) as Sweep,
  /** The walk-forward winners' chained out-of-sample curve (`available` false with a `reason` when there is none). */
  outOfSample: async (id: string) => {
    const r = unwrap(await typed.GET('/api/v1/sweeps/{id}/out-of-sample', path(id)));
    return { ...r, equity: (r.equity ?? []).filter((p) => p.date != null && p.value != null) } as OutOfSampleCurve;
  },
};

// ---- market data ----------------------------------------------------------------------------------------------
export type Asset = Omit<Schemas['SymbolItem'], 'code'> & { code: string };
export type Bar = Schemas['Bar'];
export type AssetDetail = Omit<Schemas['AssetDetail'], 'code' | 'factors'> & { code: string; factors?: Record<string, number | null> };
/** Column-oriented history: dates with open/high/low/close/volume lists and one list per expression (null = none). */
export type HistoryResponse = Schemas['History'];

export const market = {
  search: async (q: string, dataset?: string) =>
    (unwrap(await typed.GET('/api/v1/market/symbols', { params: { query: { q: q || undefined, dataset, limit: 30 } } })).items ?? []) as Asset[],
  asset: async (code: string, dataset?: string) =>
    unwrap(await typed.GET('/api/v1/market/symbols/{code}', { params: { path: { code }, query: { dataset } } })) as AssetDetail,
  history: async (code: string, exprs: string[], dataset?: string) =>
    unwrap(await typed.GET('/api/v1/market/symbols/{code}/history', { params: { path: { code }, query: { expr: exprs.length ? exprs : undefined, dataset } } })),
};
