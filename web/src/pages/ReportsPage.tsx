import { useState } from 'react';
import { Link } from 'react-router';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../api/auth';
import { community, type Report, type ReportAction } from '../api/social';
import { Card, Empty, ErrorBox, Loading } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useLang } from '../i18n';

const STATUSES = ['OPEN', 'RESOLVED', 'ALL'] as const;
const ACTIONS: ReportAction[] = ['DISMISS', 'HIDE_POST', 'DELETE_POST'];

function ResolveForm({ report }: { report: Report }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const resolve = useMutation({
    mutationFn: (action: ReportAction) => community.resolve(report.id, action, note.trim()),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['community', 'reports'] }), qc.invalidateQueries({ queryKey: ['community', 'posts'] })]),
  });
  return (
    <div className="stack">
      <input aria-label={t('community.note')} placeholder={t('community.note')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      <div className="actions">
        {ACTIONS.map((a) => (
          <button key={a} type="button" className={`button small ${a === 'DELETE_POST' ? 'danger' : ''}`} disabled={resolve.isPending}
            onClick={() => { if (a !== 'DELETE_POST' || confirm(t('common.confirmDelete'))) resolve.mutate(a); }}>{t(`community.actions.${a}`)}</button>
        ))}
      </div>
      <ErrorBox error={resolve.error} />
    </div>
  );
}

/** Admin moderation: reported posts, oldest first, resolved by dismissing, hiding or deleting the post. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useAuth();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('OPEN');
  const reports = useInfiniteQuery({
    queryKey: ['community', 'reports', status],
    enabled: user?.role === 'ADMIN',
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => community.reports(status, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = reports.data?.pages.flatMap((p) => p.items) ?? [];
  if (user && user.role !== 'ADMIN') return <div className="page"><ErrorBox error={new Error(t('common.notAvailable'))} /></div>;
  return (
    <div className="page">
      <div className="page-head"><h1>{t('community.reportsTitle')}</h1><Link to="/community">{t('community.title')}</Link></div>
      <div className="tabs" role="tablist">
        {STATUSES.map((s) => <button key={s} type="button" role="tab" aria-selected={status === s} className={status === s ? 'active' : ''} onClick={() => setStatus(s)}>{t(`community.statuses.${s}`)}</button>)}
      </div>
      <Card>
        {reports.isLoading ? <Loading /> : reports.error ? <ErrorBox error={reports.error} onRetry={() => void reports.refetch()} /> : !items.length ? <Empty>{t('community.noReports')}</Empty> : (
          <div className="table-scroll"><table className="table" data-testid="reports">
            <thead><tr><th>{t('community.post')}</th><th>{t('community.reason')}</th><th>{t('community.detail')}</th><th>{t('community.reportedAt')}</th><th>{t('community.status')}</th><th /></tr></thead>
            <tbody>{items.map((r) => (
              <tr key={r.id}>
                <td>{r.postId ? <Link to={`/community/posts/${r.postId}`}>{r.postTitle ?? r.postId}</Link> : r.postTitle}</td>
                <td>{t(`community.reasons.${r.reason ?? 'OTHER'}`)}</td>
                <td className="small">{r.detail}</td>
                <td className="small muted">{formatDateTime(r.createdAt, lang)}</td>
                <td className="small">{t(`community.statuses.${r.status ?? 'OPEN'}`)}{r.resolution && <> · {t(`community.actions.${r.resolution}`)}</>}{r.note && <div className="muted">{r.note}</div>}</td>
                <td>{r.status === 'OPEN' && <ResolveForm report={r} />}</td>
              </tr>
            ))}</tbody>
          </table></div>
        )}
        {reports.hasNextPage && <button type="button" className="button" onClick={() => void reports.fetchNextPage()}>{t('community.more')}</button>}
      </Card>
    </div>
  );
}
