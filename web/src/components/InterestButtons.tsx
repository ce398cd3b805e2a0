import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { interests } from '../api/social';
import { ErrorBox } from './ui';

export const useWatchlist = () => useQuery({ queryKey: ['interests', 'watchlist'], queryFn: interests.watchlist });
export const useFollows = () => useQuery({ queryKey: ['interests', 'follows'], queryFn: interests.follows });

/** The star on an asset page: adds the symbol to (or removes it from) my watchlist. */
export function WatchButton({ symbol, datasetId }: { symbol: string; datasetId?: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useWatchlist();
  const code = symbol.toUpperCase();
  const item = list.data?.find((i) => i.symbol.toUpperCase() === code && (!datasetId || i.datasetId === datasetId));
  const toggle = useMutation({
    mutationFn: async () => (item ? interests.unwatch(item.datasetId ?? datasetId ?? '', item.symbol) : interests.watch(code, datasetId)),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['interests', 'watchlist'] }),
  });
  const on = !!item;
  return (
    <span className="interest-button">
      <button type="button" className={`button small ${on ? 'primary' : ''}`} aria-pressed={on} data-testid="watch" disabled={list.isLoading || toggle.isPending} onClick={() => toggle.mutate()}>
        <span aria-hidden>{on ? '★' : '☆'}</span> {on ? t('interests.unwatch') : t('interests.watch')}
      </button>
      <ErrorBox error={toggle.error} />
    </span>
  );
}

/** Follow / unfollow a public strategy (updates of its spec then notify me). */
export function FollowButton({ strategyId }: { strategyId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const follows = useFollows();
  const on = !!follows.data?.some((f) => f.strategyId === strategyId);
  const toggle = useMutation({ mutationFn: () => interests.follow(strategyId, !on), onSuccess: () => qc.invalidateQueries({ queryKey: ['interests', 'follows'] }) });
  return (
    <span className="interest-button">
      <button type="button" className={`button small ${on ? 'primary' : ''}`} aria-pressed={on} data-testid="follow" disabled={follows.isLoading || toggle.isPending} onClick={() => toggle.mutate()}>
        {on ? `✓ ${t('interests.followed')}` : t('interests.follow')}
      </button>
      <ErrorBox error={toggle.error} />
    </span>
  );
}
