import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { strategies } from '../api/endpoints';
import { useMyStrategies, useRunBacktest } from '../api/hooks';
import { Card, Empty, ErrorBox, Loading } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useLang } from '../i18n';

export default function StrategiesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const mine = useMyStrategies();
  const pub = useQuery({ queryKey: ['strategies', 'public'], queryFn: () => strategies.publicOnes() });
  const run = useRunBacktest();
  const remove = useMutation({ mutationFn: strategies.remove, onSuccess: () => qc.invalidateQueries({ queryKey: ['strategies'] }) });
  return (
    <div className="page">
      <div className="page-head"><h1>{t('nav.strategies')}</h1><Link to="/strategies/new" className="button primary">{t('builder.newStrategy')}</Link></div>
      <Card title={t('builder.myStrategies')}>
        <ErrorBox error={run.error ?? remove.error} />
        {mine.isLoading ? <Loading /> : mine.error ? <ErrorBox error={mine.error} /> : !mine.data?.items.length ? <Empty /> : (
          <div className="table-scroll"><table className="table">
            <thead><tr><th>{t('common.name')}</th><th>{t('builder.version')}</th><th>{t('builder.sharing')}</th><th>{t('common.created')}</th><th /></tr></thead>
            <tbody>{mine.data.items.map((s) => (
              <tr key={s.id}>
                <td><Link to={`/strategies/${s.id}`}>{s.name}</Link></td>
                <td>v{s.version}</td>
                <td className="small">{s.visibility}{s.anonymous ? ' · anon' : ''}{s.hideDetails ? ' · hidden' : ''}</td>
                <td className="small muted">{formatDateTime(s.updatedAt, lang)}</td>
                <td className="actions">
                  <button type="button" className="button small primary" onClick={() => run.mutate({ strategyId: s.id })}>{t('common.run')}</button>
                  <Link to={`/sweeps?strategy=${s.id}`} className="button small">{t('builder.sweep')}</Link>
                  <button type="button" className="button small danger" onClick={() => { if (confirm(t('common.confirmDelete'))) remove.mutate(s.id); }}>{t('common.delete')}</button>
                </td>
              </tr>
            ))}</tbody>
          </table></div>
        )}
      </Card>
      <Card title={t('dashboard.rankings')}>
        {pub.isLoading ? <Loading /> : pub.error ? <ErrorBox error={pub.error} /> : !pub.data?.items.length ? <Empty>{t('dashboard.noPublic')}</Empty> : (
          <ul className="plain">{pub.data.items.map((s) => <li key={s.id}><Link to={`/strategies/${s.id}`}>{s.name}</Link> <span className="muted small">{s.description}</span></li>)}</ul>
        )}
      </Card>
    </div>
  );
}
