import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { backtestCapital, backtestCurrency, backtestName, backtests, type Backtest, type EquityPoint, type MonthlyReturn, type Trade } from '../api/endpoints';
import { useRunBacktest } from '../api/hooks';
import { Card, Checkbox, Empty, ErrorBox, Loading, StatusBadge } from '../components/ui';
import { StatCards } from '../components/StatCards';
import { TradesTable } from '../components/TradesTable';
import { TimeChart, type ChartSeries } from '../charts/TimeChart';
import { MonthlyHeatmap } from '../charts/MonthlyHeatmap';
import { drawdownFromEquity, monthlyFromEquity, toLineData } from '../charts/mapping';
import { formatDateTime, formatDuration, formatKrwCompact, formatMoney } from '../lib/format';
import { useLang } from '../i18n';

/** Result charts and tables from already loaded data (also used by the in-browser performance measurement). */
export function ResultView({ backtest, equity, trades, monthly }: { backtest: Backtest; equity: EquityPoint[]; trades: Trade[]; monthly?: MonthlyReturn[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [log, setLog] = useState(false);
  const currency = backtestCurrency(backtest);
  const money = (v: number) => (currency === 'KRW' ? formatKrwCompact(v, lang) : v.toLocaleString('en-US', { maximumFractionDigits: 0 }));
  const curves = useMemo(() => {
    const eq = toLineData(equity, (p) => p.date, (p) => p.equity);
    const first = equity.find((p) => p.benchmark != null && Number.isFinite(p.benchmark) && p.benchmark !== 0);
    const scale = first && eq[0] ? eq[0].value / first.benchmark! : 1;
    const bench = toLineData(equity, (p) => p.date, (p) => (p.benchmark == null ? null : p.benchmark * scale));
    const hasDd = equity.some((p) => p.drawdownPct != null);
    const dd = hasDd ? toLineData(equity, (p) => p.date, (p) => (p.drawdownPct == null ? null : -Math.abs(p.drawdownPct))) : drawdownFromEquity(eq);
    const invested = toLineData(equity, (p) => p.date, (p) => p.invested);
    const cash = toLineData(equity, (p) => p.date, (p) => p.cash);
    const positions = toLineData(equity, (p) => p.date, (p) => p.positions ?? p.holdings);
    return { eq, bench, dd, invested, cash, positions };
  }, [equity]);
  const equitySeries = useMemo<ChartSeries[]>(() => [
    { id: 'equity', label: t('result.strategy'), kind: 'line', data: curves.eq, color: '#2563eb' },
    ...(curves.bench.length ? [{ id: 'bench', label: backtest.benchmark ?? t('result.benchmark'), kind: 'line' as const, data: curves.bench, color: '#94a3b8', dashed: true }] : []),
  ], [curves, t, backtest.benchmark]);
  const ddSeries = useMemo<ChartSeries[]>(() => [{ id: 'dd', label: t('result.drawdown'), kind: 'area', data: curves.dd, color: '#3e63dd' }], [curves, t]);
  const holdingSeries = useMemo<ChartSeries[]>(() => [
    ...(curves.invested.length ? [{ id: 'inv', label: t('result.invested'), kind: 'area' as const, data: curves.invested, color: '#e5484d' }] : []),
    ...(curves.cash.length ? [{ id: 'cash', label: t('result.cash'), kind: 'line' as const, data: curves.cash, color: '#16a34a' }] : []),
    ...(curves.positions.length ? [{ id: 'pos', label: '#', kind: 'histogram' as const, data: curves.positions, color: '#94a3b8', pane: 1 }] : []),
  ], [curves, t]);
  const months = useMemo(() => (monthly && monthly.length ? monthly : monthlyFromEquity(curves.eq, backtestCapital(backtest))), [monthly, curves.eq, backtest]);
  return (
    <>
      <StatCards stats={backtest.stats} />
      <Card title={t('result.equity')} actions={<Checkbox label={t('result.logScale')} checked={log} onChange={(e) => setLog(e.target.checked)} data-testid="log-toggle" />}>
        <TimeChart series={equitySeries} logScale={log} format={money} testId="equity-chart" />
      </Card>
      <div className="grid two">
        <Card title={t('result.drawdown')}><TimeChart series={ddSeries} height={220} format={(v) => `${v.toFixed(1)}%`} testId="drawdown-chart" /></Card>
        <Card title={t('result.holdings')}>{holdingSeries.length ? <TimeChart series={holdingSeries} height={220} format={money} testId="holdings-chart" /> : <Empty />}</Card>
      </div>
      <Card title={t('result.monthly')}>{months.length ? <MonthlyHeatmap rows={months} /> : <Empty />}</Card>
      <Card title={t('result.trades')}>{trades.length ? <TradesTable trades={trades} fileName={`backtest-${backtest.id}-trades.csv`} /> : <Empty>{t('result.noTrades')}</Empty>}</Card>
    </>
  );
}

export default function ResultPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const bt = useQuery({ queryKey: ['backtests', id], queryFn: () => backtests.get(id) });
  const done = bt.data?.status === 'COMPLETED';
  const equity = useQuery({ queryKey: ['backtests', id, 'equity'], queryFn: () => backtests.equity(id), enabled: done, staleTime: Infinity });
  const trades = useQuery({ queryKey: ['backtests', id, 'trades'], queryFn: () => backtests.trades(id), enabled: done, staleTime: Infinity });
  const monthly = useQuery({ queryKey: ['backtests', id, 'monthly'], queryFn: () => backtests.monthly(id), enabled: done, staleTime: Infinity, retry: false });
  const rerun = useRunBacktest();
  if (bt.isLoading) return <Loading />;
  if (bt.error || !bt.data) return <div className="page"><ErrorBox error={bt.error} onRetry={() => void bt.refetch()} /></div>;
  const b = bt.data;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{b.name || b.strategyName ? backtestName(b) : t('result.title')}</h1>
          <p className="muted"><StatusBadge status={b.status} /> {formatDateTime(b.createdAt, lang)}{b.durationMs != null ? ` · ${t('result.duration')} ${formatDuration(b.durationMs / 1000)}` : ''}{backtestCapital(b) ? ` · ${formatMoney(backtestCapital(b), backtestCurrency(b), lang)}` : ''}</p>
        </div>
        <div className="actions">
          {b.strategyId && <Link className="button" to={`/strategies/${b.strategyId}`}>{t('result.strategy')}</Link>}
          <Link className="button" to={`/compare?ids=${b.id}`}>{t('result.compareWith')}</Link>
          {(b.spec || b.strategyId) && <button type="button" className="button" onClick={() => rerun.mutate(b.strategyId ? { strategyId: b.strategyId } : { spec: b.spec! })}>{t('result.rerun')}</button>}
        </div>
      </div>
      <ErrorBox error={rerun.error} />
      {b.status === 'FAILED' && <div className="error-box" role="alert"><strong>{t('run.failed')}:</strong> {b.error ?? b.errorMessage}</div>}
      {(b.status === 'QUEUED' || b.status === 'RUNNING') && <p><Link to={`/backtests/${id}/run`}>{t('run.title')} →</Link></p>}
      {b.warnings && b.warnings.length > 0 && (
        <Card title={t('result.warnings')} className="warnings"><ul>{b.warnings.map((w) => <li key={w}>{w}</li>)}</ul></Card>
      )}
      {done && (equity.isLoading || trades.isLoading ? <Loading /> : equity.error || trades.error ? <ErrorBox error={equity.error ?? trades.error} /> : (
        <ResultView backtest={b} equity={equity.data ?? []} trades={trades.data ?? []} monthly={monthly.data} />
      ))}
      <Card title={t('result.info')}>
        <dl className="kv compact">
          <dt>ID</dt><dd><code>{b.id}</code></dd>
          {b.engineVersion && <><dt>{t('result.engine')}</dt><dd>{b.engineVersion}</dd></>}
          {b.dataVersion && <><dt>{t('result.data')}</dt><dd>{b.dataVersion}</dd></>}
        </dl>
        {b.spec && <details><summary>{t('result.spec')}</summary><pre className="code">{JSON.stringify(b.spec, null, 2)}</pre></details>}
      </Card>
    </div>
  );
}
