import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { backtestName, backtests, type Backtest, type CompareResponse } from '../api/endpoints';
import { Card, ErrorBox, Loading } from '../components/ui';
import { BacktestList } from './HistoryPage';
import { TimeChart, type ChartSeries } from '../charts/TimeChart';
import { normalizeTo100, returnCorrelation, toLineData, type LinePoint } from '../charts/mapping';
import { formatStat, lowerIsBetter, STAT_KEYS } from '../components/StatCards';
import { formatNumber } from '../lib/format';

const COLORS = ['#2563eb', '#e5484d', '#16a34a', '#f59e0b', '#8b5cf6'];

interface Compared { backtests: Pick<Backtest, 'id' | 'name' | 'stats'>[]; curves: LinePoint[][]; correlation: (number | null)[][] }

/** The server's comparison as chart series: one curve per backtest on the dates they share, normalized to 100. */
export function fromCompareResponse(r: CompareResponse): Compared {
  const curves = r.items.map((_, i) => toLineData(r.dates.map((date, t) => ({ date, v: r.normalizedEquity[i]?.[t] })), (p) => p.date, (p) => p.v));
  const correlation = r.returnCorrelation?.length ? r.returnCorrelation : curves.map((a) => curves.map((b) => returnCorrelation(a, b)));
  return { backtests: r.items.map((x) => ({ id: x.id, name: x.name ?? undefined, stats: x.stats ?? null })), curves, correlation };
}

async function compare(ids: string[]): Promise<Compared> {
  try {
    return fromCompareResponse(await backtests.compare(ids));
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 405)) throw e;
    const bts = await Promise.all(ids.map(backtests.get));
    const eqs = await Promise.all(ids.map(backtests.equity));
    const curves = eqs.map((eq) => normalizeTo100(toLineData(eq, (p) => p.date, (p) => p.equity)));
    return { backtests: bts, curves, correlation: curves.map((a) => curves.map((b) => returnCorrelation(a, b))) };
  }
}

export default function ComparePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const ids = useMemo(() => (params.get('ids') ?? '').split(',').filter(Boolean).slice(0, 5), [params]);
  const toggle = (id: string) => {
    const next = ids.includes(id) ? ids.filter((x) => x !== id) : ids.length >= 5 ? ids : [...ids, id];
    setParams(next.length ? { ids: next.join(',') } : {}, { replace: true });
  };
  const result = useQuery({ queryKey: ['compare', ids], queryFn: () => compare(ids), enabled: ids.length >= 2 });
  const series = useMemo<ChartSeries[]>(() => (result.data?.curves ?? []).map((c, i) => ({
    id: String(i), label: result.data!.backtests[i] ? backtestName(result.data!.backtests[i]!) : `#${i + 1}`, kind: 'line', data: c, color: COLORS[i % COLORS.length]!,
  })), [result.data]);
  const names = (result.data?.backtests ?? []).map((b) => backtestName(b));
  return (
    <div className="page">
      <h1>{t('compare.title')}</h1>
      <Card title={t('compare.pick')} actions={<span className="muted">{t('compare.selected', { count: ids.length })}</span>}>
        <BacktestList selectable selected={ids} onToggle={toggle} />
        {ids.length === 1 && <p className="muted">{t('compare.tooFew')}</p>}
      </Card>
      {ids.length >= 2 && (result.isLoading ? <Loading /> : result.error ? <ErrorBox error={result.error} onRetry={() => void result.refetch()} /> : result.data && (
        <>
          <Card title={t('compare.curves')}>
            <div className="legend">{names.map((n, i) => <span key={i}><i style={{ background: COLORS[i] }} />{n}</span>)}</div>
            <TimeChart series={series} testId="compare-chart" format={(v) => v.toFixed(0)} />
          </Card>
          <Card title={t('compare.table')}>
            <div className="table-scroll"><table className="table" data-testid="compare-table">
              <thead><tr><th />{names.map((n, i) => <th key={i} className="num"><i className="dot" style={{ background: COLORS[i] }} /> {n}</th>)}</tr></thead>
              <tbody>{STAT_KEYS.map((k) => {
                const vals = result.data!.backtests.map((b) => b.stats?.[k]);
                const finite = vals.filter((v): v is number => v != null && Number.isFinite(v));
                const best = finite.length ? (lowerIsBetter(k) ? Math.min(...finite.map(Math.abs)) : Math.max(...finite)) : null;
                return (
                  <tr key={k}><th>{t(`stats.${k}`)}</th>{vals.map((v, i) => {
                    const isBest = v != null && best != null && (lowerIsBetter(k) ? Math.abs(v) === best : v === best) && k !== 'trades';
                    return <td key={i} className={`num ${isBest ? 'best' : ''}`}>{formatStat(k, v)}</td>;
                  })}</tr>
                );
              })}</tbody>
            </table></div>
          </Card>
          <Card title={t('compare.correlation')}>
            <div className="table-scroll"><table className="table">
              <thead><tr><th />{names.map((n, i) => <th key={i} className="num">{n}</th>)}</tr></thead>
              <tbody>{result.data.correlation.map((row, i) => <tr key={i}><th>{names[i]}</th>{row.map((c, j) => <td key={j} className="num">{formatNumber(c, 2)}</td>)}</tr>)}</tbody>
            </table></div>
          </Card>
        </>
      ))}
    </div>
  );
}
