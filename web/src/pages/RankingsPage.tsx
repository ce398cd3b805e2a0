import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../api/auth';
import { rankings, RANKING_METRICS, type BoardSummary, type RankingEntry } from '../api/social';
import { Card, Empty, ErrorBox, Loading } from '../components/ui';
import { formatDateTime, formatNumber, formatPct, signClass } from '../lib/format';
import { useLang } from '../i18n';

const PERIOD_ORDER = ['all', '1y', '3y', '5y', 'oos'];
/** The other figures of an entry; the board's own metric is shown once, in its own column. */
const FIGURES = [
  { key: 'totalReturnPct', metric: 'TOTAL_RETURN', pct: true },
  { key: 'cagrPct', metric: 'CAGR', pct: true },
  { key: 'sharpe', metric: 'SHARPE', pct: false },
  { key: 'calmar', metric: 'CALMAR', pct: false },
] as const;

/** The board's metric value in its own unit (percent for returns, a ratio otherwise). */
function metricValue(metric: string | undefined, v: number | undefined) {
  return metric === 'TOTAL_RETURN' || metric === 'CAGR' ? formatPct(v, 1, true) : formatNumber(v, 2);
}

/** A period's label: the known ones translated, any other value the server sends (e.g. a new period) as it is. */
export function usePeriodLabel() {
  const { t } = useTranslation();
  return (p: string) => t(`rankings.periods.${p}`, { defaultValue: p });
}

/** Where an entry's figures come from: a backtest, or (period oos) a sweep's chained out-of-sample result. */
export function entrySource(e: RankingEntry): { to: string; sweep: boolean } | null {
  if (e.source === 'SWEEP_OOS' || (!e.backtestId && e.sweepId)) return e.sweepId ? { to: `/sweeps/${e.sweepId}`, sweep: true } : null;
  return e.backtestId ? { to: `/backtests/${e.backtestId}`, sweep: false } : null;
}

/** The entries of one board: mine highlighted, strategy links only where the caller may open the strategy. */
export function RankingTable({ entries, metric }: { entries: RankingEntry[]; metric?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="table-scroll"><table className="table" data-testid="ranking-table">
      <thead><tr>
        <th className="num">{t('rankings.rank')}</th><th>{t('rankings.strategy')}</th><th>{t('rankings.author')}</th>
        <th className="num">{t(`rankings.metrics.${metric ?? 'SHARPE'}`, { defaultValue: metric })}</th>
        {FIGURES.filter((f) => f.metric !== metric).map((f) => <th key={f.key} className="num">{t(`stats.${f.key}`)}</th>)}
        <th className="num">{t('stats.maxDrawdownPct')}</th><th>{t('rankings.from')}</th><th>{t('rankings.runAt')}</th>
      </tr></thead>
      <tbody>{entries.map((e) => (
        <tr key={`${e.rank}-${e.strategyId ?? e.backtestId}`} className={e.mine ? 'mine' : undefined} data-mine={e.mine ? 'true' : undefined}>
          <td className="num"><strong>{e.rank}</strong></td>
          <td>
            {/* the strategy page is open to its owner and, for public strategies, to everyone signed in */}
            {e.strategyId ? <Link to={`/strategies/${e.strategyId}`}>{e.strategyName}</Link> : e.strategyName}
            {e.mine && <> <span className="badge">{t('rankings.mine')}</span></>}
          </td>
          <td className="small">{e.anonymous || !e.author || e.author === 'anonymous' ? <span className="muted">{t('rankings.anonymous')}</span> : e.author}</td>
          <td className={`num ${metric === 'TOTAL_RETURN' || metric === 'CAGR' ? signClass(e.value) : ''}`}><strong>{metricValue(metric, e.value)}</strong></td>
          {FIGURES.filter((f) => f.metric !== metric).map((f) => (
            <td key={f.key} className={`num ${f.pct ? signClass(e[f.key]) : ''}`}>{f.pct ? formatPct(e[f.key], 1, true) : formatNumber(e[f.key], 2)}</td>
          ))}
          <td className="num">{formatPct(e.maxDrawdownPct, 1)}</td>
          <td>{(() => {
            const src = entrySource(e);
            return src && <Link to={src.to} className="small" data-source={src.sweep ? 'sweep' : 'backtest'}>{src.sweep ? t('rankings.sweep') : t('common.open')}</Link>;
          })()}</td>
          <td className="small muted">{formatDateTime(e.runAt, lang)}</td>
        </tr>
      ))}</tbody>
    </table></div>
  );
}

interface Pick { dataset: string; version: string; market: string; period: string; metric: string }

/** Picker options from the boards list: versions of the chosen dataset, markets and periods of that version. */
export function pickerOptions(boards: BoardSummary[], pick: Partial<Pick>) {
  const uniq = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  const datasets = uniq(boards.map((b) => b.datasetId));
  const ofDataset = boards.filter((b) => b.datasetId === pick.dataset);
  const versions = uniq(ofDataset.map((b) => b.dataVersion));
  const ofVersion = ofDataset.filter((b) => b.dataVersion === pick.version);
  const markets = uniq(ofVersion.map((b) => b.market)).sort((a, b) => (a === 'ALL' ? -1 : b === 'ALL' ? 1 : a.localeCompare(b)));
  const periods = uniq(ofVersion.filter((b) => b.market === pick.market).map((b) => b.period))
    .sort((a, b) => (PERIOD_ORDER.indexOf(a) + 1 || 99) - (PERIOD_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
  const metrics = uniq([...RANKING_METRICS, ...ofVersion.map((b) => b.metric)]);
  return { datasets, versions, markets, periods, metrics };
}

export default function RankingsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const qc = useQueryClient();
  const periodLabel = usePeriodLabel();
  const boards = useQuery({ queryKey: ['rankings', 'boards'], queryFn: rankings.boards });
  const [pick, setPick] = useState<Pick>({ dataset: '', version: '', market: 'ALL', period: 'all', metric: 'SHARPE' });
  const opts = useMemo(() => pickerOptions(boards.data ?? [], pick), [boards.data, pick]);

  // keep the pick valid for the boards that exist: the current version of the first dataset, ALL, all
  useEffect(() => {
    const list = boards.data ?? [];
    if (!list.length) return;
    setPick((p) => {
      const dataset = opts.datasets.includes(p.dataset) ? p.dataset : opts.datasets[0]!;
      const ofDs = list.filter((b) => b.datasetId === dataset);
      const version = ofDs.some((b) => b.dataVersion === p.version) ? p.version : (ofDs.find((b) => b.currentVersion) ?? ofDs[0])!.dataVersion ?? '';
      const ofV = ofDs.filter((b) => b.dataVersion === version);
      const market = ofV.some((b) => b.market === p.market) ? p.market : ofV.some((b) => b.market === 'ALL') ? 'ALL' : ofV[0]!.market ?? 'ALL';
      const ofM = ofV.filter((b) => b.market === market);
      const period = ofM.some((b) => b.period === p.period) ? p.period : ofM.some((b) => b.period === 'all') ? 'all' : ofM[0]?.period ?? 'all';
      const next = { ...p, dataset, version, market, period };
      return JSON.stringify(next) === JSON.stringify(p) ? p : next;
    });
  }, [boards.data, opts.datasets]);

  const ready = !!pick.dataset;
  const board = useInfiniteQuery({
    queryKey: ['rankings', 'board', pick],
    enabled: ready,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => rankings.board({ ...pick, cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const first = board.data?.pages[0];
  const entries = board.data?.pages.flatMap((p) => p.entries) ?? [];
  const rebuild = useMutation({ mutationFn: rankings.rebuild, onSuccess: () => qc.invalidateQueries({ queryKey: ['rankings'] }) });
  const set = (k: keyof Pick) => (e: React.ChangeEvent<HTMLSelectElement>) => setPick((p) => ({ ...p, [k]: e.target.value }));
  const versionOf = (v: string) => (boards.data ?? []).find((b) => b.datasetId === pick.dataset && b.dataVersion === v);

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('rankings.title')}</h1>
        {user?.role === 'ADMIN' && (
          <button type="button" className="button" data-testid="rankings-rebuild" disabled={rebuild.isPending} onClick={() => rebuild.mutate()}>{t('rankings.rebuild')}</button>
        )}
      </div>
      <ErrorBox error={rebuild.error} />
      {rebuild.data && <div className="notice" role="status">{t('rankings.rebuilt', { boards: rebuild.data.boards, entries: rebuild.data.entries, ms: rebuild.data.durationMs })}</div>}
      {boards.isLoading ? <Loading /> : boards.error ? <ErrorBox error={boards.error} onRetry={() => void boards.refetch()} /> : !boards.data?.length ? <Empty>{t('rankings.noBoards')}</Empty> : (
        <>
          <div className="filters" data-testid="ranking-pickers">
            <label className="field inline"><span className="label">{t('rankings.dataset')}</span>
              <select value={pick.dataset} onChange={set('dataset')}>{opts.datasets.map((d) => <option key={d} value={d}>{d}</option>)}</select></label>
            <label className="field inline"><span className="label">{t('rankings.version')}</span>
              <select value={pick.version} onChange={set('version')}>{opts.versions.map((v) => <option key={v} value={v}>{v}{versionOf(v)?.currentVersion ? ` (${t('rankings.current')})` : ''}</option>)}</select></label>
            <label className="field inline"><span className="label">{t('rankings.market')}</span>
              <select value={pick.market} onChange={set('market')}>{opts.markets.map((m) => <option key={m} value={m}>{m === 'ALL' ? t('common.all') : m}</option>)}</select></label>
            <label className="field inline"><span className="label">{t('rankings.period')}</span>
              <select value={pick.period} onChange={set('period')} data-testid="ranking-period">{opts.periods.map((p) => <option key={p} value={p}>{periodLabel(p)}</option>)}</select></label>
            <label className="field inline"><span className="label">{t('rankings.metric')}</span>
              <select value={pick.metric} onChange={set('metric')}>{opts.metrics.map((m) => <option key={m} value={m}>{t(`rankings.metrics.${m}`, { defaultValue: m })}</option>)}</select></label>
          </div>
          <Card
            title={first ? t('rankings.total', { count: first.totalEntries ?? 0 }) : t('rankings.title')}
            actions={first?.board?.windowStart ? <span className="muted small">{t('rankings.window', { start: first.board.windowStart, end: first.board.windowEnd })}</span> : undefined}
          >
            {board.isLoading || !ready ? <Loading /> : board.error ? <ErrorBox error={board.error} onRetry={() => void board.refetch()} /> : (
              <>
                <p className="my-rank" data-testid="my-rank">
                  {first?.myRank ? t('rankings.myRank', { rank: first.myRank.rank, total: first.totalEntries ?? 0, name: first.myRank.strategyName ?? '' }) : <span className="muted">{t('rankings.noMyRank')}</span>}
                </p>
                {pick.period === 'oos' && <p className="muted small" data-testid="oos-note">{t('rankings.oosNote')}</p>}
                {!entries.length ? <Empty>{t(pick.period === 'oos' ? 'rankings.emptyOos' : 'rankings.empty')}</Empty> : <RankingTable entries={entries} metric={first?.board?.metric ?? pick.metric} />}
                {board.hasNextPage && (
                  <button type="button" className="button" data-testid="ranking-more" disabled={board.isFetchingNextPage} onClick={() => void board.fetchNextPage()}>{t('rankings.more')}</button>
                )}
              </>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
