import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../api/auth';
import { adoptTokens, typed, unwrap } from '../api/client';
import { Card, ErrorBox, Field, Loading } from '../components/ui';
import { passwordProblem } from '../lib/authSchema';
import { formatDateTime } from '../lib/format';
import { useLang } from '../i18n';

const schema = z.object({ currentPassword: z.string().min(1, 'v.required'), newPassword: z.string().min(1, 'v.required') })
  .superRefine((f, ctx) => {
    const p = passwordProblem(f.newPassword);
    if (p) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: p });
  });
type Form = z.infer<typeof schema>;

export default function AccountPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useAuth();
  const quota = useQuery({ queryKey: ['quota'], queryFn: async () => unwrap(await typed.GET('/api/v1/users/me/quota')) });
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { register, handleSubmit, reset, formState: { errors, isSubmitting } } = useForm<Form>({ resolver: zodResolver(schema) });
  const onSubmit = handleSubmit(async (f) => {
    setError(null);
    setDone(false);
    try {
      adoptTokens(unwrap(await typed.POST('/api/v1/users/me/password', { body: f })));
      setDone(true);
      reset();
    } catch (e) {
      setError(e);
    }
  });
  if (!user) return <Loading />;
  return (
    <div className="page narrow">
      <h1>{t('account.title')}</h1>
      <Card>
        <dl className="kv">
          <dt>{t('auth.email')}</dt><dd>{user.email}</dd>
          <dt>{t('auth.nickname')}</dt><dd>{user.nickname}</dd>
          <dt>{t('account.role')}</dt><dd>{user.role}</dd>
          <dt>{t('account.plan')}</dt><dd>{user.plan}</dd>
          <dt>{t('account.since')}</dt><dd>{formatDateTime(user.createdAt, lang)}</dd>
          <dt>{t('account.quota')}</dt><dd>{quota.data ? `${quota.data.backtestsRemainingToday} / ${quota.data.backtestsPerDay}` : '—'}</dd>
          <dt>{t('account.apiCalls')}</dt><dd>{quota.data?.apiCallsPerMinute ?? '—'}</dd>
        </dl>
        <ErrorBox error={quota.error} />
      </Card>
      <Card title={t('account.changePassword')}>
        <form onSubmit={onSubmit} noValidate className="stack">
          <Field label={t('account.current')} type="password" autoComplete="current-password" {...register('currentPassword')} error={errors.currentPassword?.message} />
          <Field label={t('account.newPassword')} type="password" autoComplete="new-password" hint={t('auth.passwordHint')} {...register('newPassword')} error={errors.newPassword?.message} />
          <ErrorBox error={error} />
          {done && <p className="ok" role="status">{t('account.changed')}</p>}
          <button className="button" disabled={isSubmitting}>{t('account.changePassword')}</button>
        </form>
      </Card>
    </div>
  );
}
