import { Link } from 'react-router';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { strategies } from '../api/endpoints';
import { interests } from '../api/social';
import { useFollows, useWatchlist } from '../components/InterestButtons';
import { Card, Empty, ErrorBox, Loading } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useLang } from '../i18n';

const assetLink = (symbol: string, datasetId?: string) => `/market/${encodeURIComponent(symbol)}${datasetId ? `?dataset=${encodeURIComponent(datasetId)}` : ''}`;

/** My watchlist, recently viewed symbols and followed strategies. */
export default function WatchlistPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const watch = useWatchlist();
  const recent = useQuery({ queryKey: ['interests', 'recent'], queryFn: () => interests.recent(20) });
  const follows = useFollows();
  const names = useQueries({
    queries: (follows.data ?? []).filter((f) => f.available !== false).map((f) => ({
      queryKey: ['strategies', f.strategyId], queryFn: () => strategies.get(f.strategyId), staleTime: 5 * 60_000, retry: false,
    })),
  });
  const nameOf = (id: string) => names.find((q) => q.data?.id === id)?.data?.name;
  const unwatch = useMutation({ mutationFn: (i: { datasetId?: string; symbol: string }) => interests.unwatch(i.datasetId ?? '', i.symbol), onSuccess: () => qc.invalidateQueries({ queryKey: ['interests', 'watchlist'] }) });
  const clear = useMutation({ mutationFn: interests.clearRecent, onSuccess: () => qc.invalidateQueries({ queryKey: ['interests', 'recent'] }) });
  const unfollow = useMutation({ mutationFn: (id: string) => interests.follow(id, false), onSuccess: () => qc.invalidateQueries({ queryKey: ['interests', 'follows'] }) });
  return (
    <div className="page">
      <div className="page-head"><h1>{t('interests.title')}</h1></div>
      <div className="grid two">
        <Card title={t('interests.watchlist')}>
          <ErrorBox error={unwatch.error} />
          {watch.isLoading ? <Loading /> : watch.error ? <ErrorBox error={watch.error} /> : !watch.data?.length ? <Empty>{t('interests.noWatch')}</Empty> : (
            <ul className="plain interest-list" data-testid="watchlist">{watch.data.map((i) => (
              <li key={`${i.datasetId}/${i.symbol}`}>
                <Link to={assetLink(i.symbol, i.datasetId)}><code>{i.symbol}</code></Link> <span className="muted small">{i.datasetId}</span>
                <button type="button" className="link small" aria-label={`${t('interests.unwatch')} ${i.symbol}`} onClick={() => unwatch.mutate(i)}>✕</button>
              </li>
            ))}</ul>
          )}
        </Card>
        <Card title={t('interests.recent')} actions={recent.data?.length ? <button type="button" className="button small" onClick={() => clear.mutate()}>{t('interests.clearRecent')}</button> : undefined}>
          {recent.isLoading ? <Loading /> : recent.error ? <ErrorBox error={recent.error} /> : !recent.data?.length ? <Empty>{t('interests.noRecent')}</Empty> : (
            <ul className="plain interest-list" data-testid="recent">{recent.data.map((i) => (
              <li key={`${i.datasetId}/${i.symbol}`}><Link to={assetLink(i.symbol, i.datasetId)}><code>{i.symbol}</code></Link> <span className="muted small">{formatDateTime(i.viewedAt, lang)}</span></li>
            ))}</ul>
          )}
        </Card>
      </div>
      <Card title={t('interests.follows')}>
        <ErrorBox error={unfollow.error} />
        {follows.isLoading ? <Loading /> : follows.error ? <ErrorBox error={follows.error} /> : !follows.data?.length ? <Empty>{t('interests.noFollows')}</Empty> : (
          <ul className="plain interest-list" data-testid="follows">{follows.data.map((f) => (
            <li key={f.strategyId}>
              {f.available === false ? <span className="muted">{t('interests.unavailable')}</span> : <Link to={`/strategies/${f.strategyId}`}>{nameOf(f.strategyId) ?? f.strategyId.slice(0, 8)}</Link>}
              {' '}<span className="muted small">{t('interests.since')} {formatDateTime(f.followedAt, lang)}</span>
              <button type="button" className="link small" onClick={() => unfollow.mutate(f.strategyId)}>{t('interests.unfollow')}</button>
            </li>
          ))}</ul>
        )}
      </Card>
    </div>
  );
}
