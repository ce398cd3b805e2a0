import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { backtestName, backtests, strategies, type Backtest } from '../api/endpoints';
import { useRunBacktest, useTemplates } from '../api/hooks';
import { Card, Empty, ErrorBox, Loading, StatusBadge } from '../components/ui';
import { Sparkline } from '../components/Sparkline';
import { formatDateTime, formatNumber, formatPct, signClass } from '../lib/format';
import { useLang } from '../i18n';

function RecentRow({ b }: { b: Backtest }) {
  const lang = useLang();
  const done = b.status === 'COMPLETED';
  const equity = useQuery({ queryKey: ['backtests', b.id, 'equity'], queryFn: () => backtests.equity(b.id), enabled: done, staleTime: Infinity });
  const to = done || b.status === 'FAILED' || b.status === 'CANCELLED' ? `/backtests/${b.id}` : `/backtests/${b.id}/run`;
  return (
    <li className="recent-row">
      <Link to={to} className="recent-name">{backtestName(b)}</Link>
      <StatusBadge status={b.status} />
      <span className={`num ${signClass(b.stats?.totalReturnPct)}`}>{formatPct(b.stats?.totalReturnPct, 1, true)}</span>
      <span className="num muted">Sharpe {formatNumber(b.stats?.sharpe, 2)}</span>
      <Sparkline values={(equity.data ?? []).map((p) => p.equity)} />
      <span className="muted small">{formatDateTime(b.createdAt, lang)}</span>
    </li>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const recent = useQuery({ queryKey: ['backtests', 'recent'], queryFn: () => backtests.list({ sort: 'created' }, 6) });
  const templates = useTemplates();
  const publicOnes = useQuery({ queryKey: ['strategies', 'public'], queryFn: () => strategies.publicOnes() });
  const run = useRunBacktest();
  const famous = (templates.data ?? []).filter((x) => x.famous);
  const ranked = [...(templates.data ?? [])].filter((x) => x.result?.sharpe != null).sort((a, b) => (b.result!.sharpe ?? 0) - (a.result!.sharpe ?? 0));
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('dashboard.title')}</h1>
        <Link to="/strategies/new" className="button primary">{t('nav.builder')}</Link>
      </div>
      <div className="grid two">
        <Card title={t('dashboard.recent')} actions={<Link to="/history">{t('nav.history')}</Link>}>
          {recent.isLoading ? <Loading /> : recent.error ? <ErrorBox error={recent.error} onRetry={() => void recent.refetch()} />
            : recent.data?.length ? <ul className="recent">{recent.data.slice(0, 6).map((b) => <RecentRow key={b.id} b={b} />)}</ul>
              : <Empty>{t('dashboard.noBacktests')}</Empty>}
        </Card>
        <Card title={t('dashboard.rankings')}>
          {templates.isLoading ? <Loading /> : ranked.length ? (
            <ol className="ranking">
              {ranked.slice(0, 5).map((x) => (
                <li key={x.id}>
                  {x.result?.backtestId ? <Link to={`/backtests/${x.result.backtestId}`}>{x.name}</Link> : x.name}
                  <span className={`num ${signClass(x.result?.cagrPct)}`}>CAGR {formatPct(x.result?.cagrPct, 1, true)}</span>
                  <span className="num muted">Sharpe {formatNumber(x.result?.sharpe, 2)}</span>
                </li>
              ))}
            </ol>
          ) : null}
          {publicOnes.data?.items?.length ? (
            <ul className="plain">{publicOnes.data.items.slice(0, 5).map((s) => <li key={s.id}><Link to={`/strategies/${s.id}`}>{s.name}</Link></li>)}</ul>
          ) : !ranked.length && !templates.isLoading ? <Empty>{t('dashboard.noPublic')}</Empty> : null}
          <ErrorBox error={publicOnes.error} />
        </Card>
      </div>
      <Card title={t('dashboard.templates')}>
        <ErrorBox error={run.error} />
        {templates.isLoading ? <Loading /> : templates.error ? <ErrorBox error={templates.error} onRetry={() => void templates.refetch()} /> : (
          <div className="template-grid">
            {(famous.length ? famous : templates.data ?? []).map((x) => (
              <article className="template" key={x.id} data-template={x.id}>
                <h3>{x.name}</h3>
                <p className="muted small">{x.description}</p>
                {x.result && <p className="small">CAGR <span className={signClass(x.result.cagrPct)}>{formatPct(x.result.cagrPct, 1, true)}</span> · MDD {formatPct(x.result.maxDrawdownPct, 1)}</p>}
                <div className="actions">
                  <button type="button" className="button small primary" disabled={run.isPending} onClick={() => run.mutate({ spec: x.spec })}>{t('dashboard.quickRun')}</button>
                  <Link className="button small" to="/strategies/new" state={{ spec: x.spec }}>{t('dashboard.edit')}</Link>
                </div>
              </article>
            ))}
          </div>
        )}
      </Card>
    </div>
  );
}
