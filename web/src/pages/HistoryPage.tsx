import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { backtestName, backtests, type Backtest, type BacktestStatus } from '../api/endpoints';
import { Card, Empty, ErrorBox, Loading, StatusBadge } from '../components/ui';
import { formatDateTime, formatNumber, formatPct, signClass } from '../lib/format';
import { useLang } from '../i18n';

const STATUSES: BacktestStatus[] = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];

/** My backtests: filter by status and strategy, sort, delete, and pick 2–5 to compare. */
export function BacktestList({ selectable, selected, onToggle }: { selectable?: boolean; selected?: string[]; onToggle?: (id: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string>('');
  const [sort, setSort] = useState<'created' | 'return' | 'sharpe'>('created');
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['backtests', 'list', status, sort], queryFn: () => backtests.list({ status: status || undefined, sort }, 200) });
  const remove = useMutation({ mutationFn: backtests.remove, onSuccess: () => qc.invalidateQueries({ queryKey: ['backtests'] }) });
  const rows = useMemo(() => {
    const key = (b: Backtest) => (sort === 'return' ? b.stats?.totalReturnPct : sort === 'sharpe' ? b.stats?.sharpe : undefined);
    let r = (list.data ?? []).filter((b) => !status || b.status === status);
    if (q) r = r.filter((b) => backtestName(b).toLowerCase().includes(q.toLowerCase()));
    return sort === 'created' ? [...r].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')) : [...r].sort((a, b) => (key(b) ?? -Infinity) - (key(a) ?? -Infinity));
  }, [list.data, status, sort, q]);
  return (
    <>
      <div className="filters">
        <label className="field inline"><span className="label">{t('history.filterStatus')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}><option value="">{t('common.all')}</option>{STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}</select>
        </label>
        <label className="field inline"><span className="label">{t('history.sort')}</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}><option value="created">{t('history.newest')}</option><option value="return">{t('history.return')}</option><option value="sharpe">{t('history.sharpe')}</option></select>
        </label>
        <label className="field inline"><span className="label">{t('history.strategy')}</span><input value={q} onChange={(e) => setQ(e.target.value)} type="search" /></label>
      </div>
      <ErrorBox error={remove.error} />
      {list.isLoading ? <Loading /> : list.error ? <ErrorBox error={list.error} onRetry={() => void list.refetch()} /> : !rows.length ? <Empty /> : (
        <div className="table-scroll"><table className="table" data-testid="backtest-list">
          <thead><tr>{selectable && <th><span className="sr-only">{t('history.select')}</span></th>}<th>{t('history.strategy')}</th><th>{t('common.status')}</th><th className="num">{t('stats.totalReturnPct')}</th><th className="num">{t('stats.cagrPct')}</th><th className="num">{t('stats.maxDrawdownPct')}</th><th className="num">{t('stats.sharpe')}</th><th>{t('common.created')}</th><th /></tr></thead>
          <tbody>{rows.map((b) => (
            <tr key={b.id} data-id={b.id}>
              {selectable && <td><input type="checkbox" aria-label={t('history.select')} disabled={b.status !== 'COMPLETED'} checked={selected?.includes(b.id) ?? false} onChange={() => onToggle?.(b.id)} /></td>}
              <td><Link to={b.status === 'QUEUED' || b.status === 'RUNNING' ? `/backtests/${b.id}/run` : `/backtests/${b.id}`}>{backtestName(b)}</Link></td>
              <td><StatusBadge status={b.status} /></td>
              <td className={`num ${signClass(b.stats?.totalReturnPct)}`}>{formatPct(b.stats?.totalReturnPct, 1, true)}</td>
              <td className={`num ${signClass(b.stats?.cagrPct)}`}>{formatPct(b.stats?.cagrPct, 1, true)}</td>
              <td className="num">{formatPct(b.stats?.maxDrawdownPct, 1)}</td>
              <td className="num">{formatNumber(b.stats?.sharpe, 2)}</td>
              <td className="small muted">{formatDateTime(b.createdAt, lang)}</td>
              <td>{(b.status === 'COMPLETED' || b.status === 'FAILED' || b.status === 'CANCELLED') && <button type="button" className="button small danger" onClick={() => { if (confirm(t('common.confirmDelete'))) remove.mutate(b.id); }}>{t('common.delete')}</button>}</td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
    </>
  );
}

export default function HistoryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : s.length >= 5 ? s : [...s, id]));
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('history.title')}</h1>
        <button type="button" className="button primary" disabled={selected.length < 2} onClick={() => navigate(`/compare?ids=${selected.join(',')}`)}>{t('compare.go')} ({selected.length})</button>
      </div>
      <Card><BacktestList selectable selected={selected} onToggle={toggle} /></Card>
    </div>
  );
}
