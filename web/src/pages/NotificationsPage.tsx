import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { CHANNELS, notifications, NOTIFICATION_KINDS, type Channels, type ChannelsRequest, type NotificationKind } from '../api/social';
import { useMarkRead } from '../components/NotificationBell';
import { Card, Checkbox, Empty, ErrorBox, FieldError, Loading } from '../components/ui';
import { UNREAD_KEY } from '../lib/notificationStream';
import { formatDateTime } from '../lib/format';
import { useLang } from '../i18n';

function NotificationList() {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery({
    queryKey: ['notifications', 'list', unreadOnly],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => notifications.list({ cursor: pageParam, unreadOnly }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const markRead = useMarkRead();
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });
  const remove = useMutation({ mutationFn: notifications.remove, onSuccess: refresh });
  const readAll = useMutation({ mutationFn: notifications.readAll, onSuccess: (r) => { qc.setQueryData(UNREAD_KEY, r.unreadCount ?? 0); return refresh(); } });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unreadCount ?? 0;
  return (
    <Card title={t('notifications.unread', { count: unread })} actions={<>
      <Checkbox label={t('notifications.unreadOnly')} checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
      <button type="button" className="button small" disabled={!unread || readAll.isPending} onClick={() => readAll.mutate()}>{t('notifications.readAll')}</button>
    </>}>
      <ErrorBox error={markRead.error ?? remove.error ?? readAll.error} />
      {list.isLoading ? <Loading /> : list.error ? <ErrorBox error={list.error} onRetry={() => void list.refetch()} /> : !items.length ? <Empty>{t('notifications.empty')}</Empty> : (
        <div className="table-scroll"><table className="table" data-testid="notification-list">
          <thead><tr><th>{t('notifications.kind')}</th><th>{t('common.name')}</th><th>{t('notifications.createdAt')}</th><th /></tr></thead>
          <tbody>{items.map((n) => (
            <tr key={n.id} className={n.read ? undefined : 'unread'}>
              <td className="small">{t(`notifications.kinds.${n.kind ?? 'COMMENT'}`, { defaultValue: n.kind })}</td>
              <td>{n.link ? <Link to={n.link} onClick={() => { if (!n.read) markRead.mutate(n.id); }}>{n.title}</Link> : n.title}{n.body && <div className="small muted">{n.body}</div>}</td>
              <td className="small muted">{formatDateTime(n.createdAt, lang)}</td>
              <td className="actions">
                {!n.read && <button type="button" className="button small" onClick={() => markRead.mutate(n.id)}>{t('notifications.markRead')}</button>}
                <button type="button" className="button small danger" onClick={() => remove.mutate(n.id)}>{t('common.delete')}</button>
              </td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
      {list.hasNextPage && <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('notifications.more')}</button>}
    </Card>
  );
}

export interface ChannelForm {
  webhook: { enabled: boolean; url: string; kinds: NotificationKind[] };
  email: { enabled: boolean; kinds: NotificationKind[] };
  telegram: { enabled: boolean; chatId: string; kinds: NotificationKind[] };
}

export const toForm = (c: Channels | undefined): ChannelForm => ({
  webhook: { enabled: !!c?.webhook?.enabled, url: c?.webhook?.url ?? '', kinds: (c?.webhook?.kinds ?? []) as NotificationKind[] },
  email: { enabled: !!c?.email?.enabled, kinds: (c?.email?.kinds ?? []) as NotificationKind[] },
  telegram: { enabled: !!c?.telegram?.enabled, chatId: c?.telegram?.chatId ?? '', kinds: (c?.telegram?.kinds ?? []) as NotificationKind[] },
});

/** Client-side checks of the channel form (translation keys); the server re-checks the URL (no private addresses). */
export function validateChannels(f: ChannelForm): Record<string, string> {
  const e: Record<string, string> = {};
  const url = f.webhook.url.trim();
  if (url) {
    try {
      const u = new URL(url);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') e['webhook.url'] = 'notifications.urlInvalid';
    } catch {
      e['webhook.url'] = 'notifications.urlInvalid';
    }
  } else if (f.webhook.enabled) e['webhook.url'] = 'notifications.urlRequired';
  const chat = f.telegram.chatId.trim();
  if (chat && !/^-?\d{1,20}$/.test(chat)) e['telegram.chatId'] = 'notifications.chatIdInvalid';
  else if (!chat && f.telegram.enabled) e['telegram.chatId'] = 'notifications.chatIdRequired';
  return e;
}

function KindPicker({ value, onChange }: { value: NotificationKind[]; onChange: (v: NotificationKind[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field"><legend className="label">{t('notifications.kindsLabel')}</legend>
      <div className="chips">{NOTIFICATION_KINDS.map((k) => (
        <label key={k} className="chip"><input type="checkbox" checked={value.includes(k)} onChange={(e) => onChange(e.target.checked ? [...value, k] : value.filter((x) => x !== k))} /> {t(`notifications.kinds.${k}`)}</label>
      ))}</div>
    </fieldset>
  );
}

export function ChannelSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const channels = useQuery({ queryKey: ['notifications', 'channels'], queryFn: notifications.channels });
  const [form, setForm] = useState<ChannelForm>(toForm(undefined));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState<string | null>(null);
  useEffect(() => { if (channels.data) setForm(toForm(channels.data)); }, [channels.data]);
  const save = useMutation({
    mutationFn: (req: ChannelsRequest) => notifications.saveChannels(req),
    onSuccess: (c) => {
      if (c.webhook?.secret) setSecret(c.webhook.secret); // the first save of a URL answers its secret, once
      qc.setQueryData(['notifications', 'channels'], { ...c, webhook: { ...c.webhook, secret: undefined } });
    },
  });
  const rotate = useMutation({ mutationFn: notifications.rotateSecret, onSuccess: (s) => { setSecret(s); void channels.refetch(); } });
  const server = save.error instanceof ApiError ? save.error : null;
  const err = (k: string) => (errors[k] ? t(errors[k]) : server?.forField(k) ?? server?.forField(k.split('.').pop()!));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const found = validateChannels(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    const c = channels.data;
    const req: ChannelsRequest = {
      webhook: { enabled: form.webhook.enabled, url: form.webhook.url.trim() || undefined, kinds: form.webhook.kinds },
      telegram: c?.telegram?.available === false && !form.telegram.enabled ? undefined : { enabled: form.telegram.enabled, chatId: form.telegram.chatId.trim() || undefined, kinds: form.telegram.kinds },
      email: c?.email?.available === false && !form.email.enabled ? undefined : { enabled: form.email.enabled, kinds: form.email.kinds },
    };
    save.mutate(req);
  };
  const up = <K extends keyof ChannelForm>(k: K, v: Partial<ChannelForm[K]>) => setForm((f) => ({ ...f, [k]: { ...f[k], ...v } }));
  if (channels.isLoading) return <Loading />;
  if (channels.error) return <ErrorBox error={channels.error} onRetry={() => void channels.refetch()} />;
  const c = channels.data;
  return (
    <form onSubmit={submit} noValidate className="stack" data-testid="channel-settings">
      <h3>{t('notifications.webhook')}</h3>
      <Checkbox label={t('notifications.enabled')} checked={form.webhook.enabled} onChange={(e) => up('webhook', { enabled: e.target.checked })} />
      <label className={`field ${err('webhook.url') ? 'has-error' : ''}`}><span className="label">{t('notifications.url')}</span>
        <input name="webhookUrl" type="url" inputMode="url" placeholder="https://example.com/hook" value={form.webhook.url} aria-invalid={err('webhook.url') ? true : undefined} onChange={(e) => up('webhook', { url: e.target.value })} />
        <FieldError message={err('webhook.url')} />
      </label>
      <KindPicker value={form.webhook.kinds} onChange={(kinds) => up('webhook', { kinds })} />
      <div className="actions">
        {c?.webhook?.secretSet && <span className="muted small">{t('notifications.secretSet')}</span>}
        <button type="button" className="button small" disabled={rotate.isPending || !c?.webhook?.url} onClick={() => rotate.mutate()}>{t('notifications.rotate')}</button>
      </div>
      <ErrorBox error={rotate.error} />
      {secret && <div className="notice" role="status" data-testid="webhook-secret">{t('notifications.secretOnce')} <code>{secret}</code></div>}

      <h3>{t('notifications.email')}</h3>
      {c?.email?.available === false && <p className="muted small">{t('notifications.unavailable')}</p>}
      <Checkbox label={`${t('notifications.enabled')}${c?.email?.address ? ` (${c.email.address})` : ''}`} checked={form.email.enabled} disabled={c?.email?.available === false && !form.email.enabled} onChange={(e) => up('email', { enabled: e.target.checked })} />
      <KindPicker value={form.email.kinds} onChange={(kinds) => up('email', { kinds })} />

      <h3>{t('notifications.telegram')}</h3>
      {c?.telegram?.available === false && <p className="muted small">{t('notifications.unavailable')}</p>}
      <Checkbox label={t('notifications.enabled')} checked={form.telegram.enabled} disabled={c?.telegram?.available === false && !form.telegram.enabled} onChange={(e) => up('telegram', { enabled: e.target.checked })} />
      <label className={`field ${err('telegram.chatId') ? 'has-error' : ''}`}><span className="label">{t('notifications.chatId')}</span>
        <input name="chatId" value={form.telegram.chatId} aria-invalid={err('telegram.chatId') ? true : undefined} onChange={(e) => up('telegram', { chatId: e.target.value })} />
        <FieldError message={err('telegram.chatId')} />
      </label>
      <KindPicker value={form.telegram.kinds} onChange={(kinds) => up('telegram', { kinds })} />

      <ErrorBox error={save.error} />
      {save.isSuccess && <div className="notice" role="status">{t('notifications.saved')}</div>}
      <div className="actions"><button type="submit" className="button primary" disabled={save.isPending}>{t('common.save')}</button></div>
    </form>
  );
}

function DeliveryLog() {
  const { t } = useTranslation();
  const lang = useLang();
  const [channel, setChannel] = useState('');
  const log = useInfiniteQuery({
    queryKey: ['notifications', 'deliveries', channel],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => notifications.deliveries(channel, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <label className="field inline"><span className="label">{t('notifications.channel')}</span>
        <select value={channel} onChange={(e) => setChannel(e.target.value)} data-testid="delivery-channel">
          <option value="">{t('common.all')}</option>
          {CHANNELS.map((c) => <option key={c} value={c}>{t(`notifications.${c.toLowerCase()}`)}</option>)}
        </select>
      </label>
      {log.isLoading ? <Loading /> : log.error ? <ErrorBox error={log.error} /> : !items.length ? <Empty /> : (
        <div className="table-scroll"><table className="table">
          <thead><tr><th>{t('notifications.channel')}</th><th>{t('notifications.kind')}</th><th>{t('common.status')}</th><th className="num">{t('notifications.attempts')}</th><th>{t('notifications.target')}</th><th>{t('notifications.lastError')}</th><th>{t('notifications.createdAt')}</th><th>{t('notifications.deliveredAt')}</th></tr></thead>
          <tbody>{items.map((d) => (
            <tr key={d.id}>
              <td>{d.channel}</td>
              <td className="small">{t(`notifications.kinds.${d.kind ?? 'COMMENT'}`, { defaultValue: d.kind })}</td>
              <td><span className={`badge ${d.status === 'DELIVERED' ? 'status-completed' : d.status === 'FAILED' ? 'status-failed' : 'status-queued'}`}>{d.status}</span></td>
              <td className="num">{d.attempts ?? 0}</td>
              <td className="small">{d.target}</td>
              <td className="small">{d.lastStatusCode ? `${d.lastStatusCode} ` : ''}{d.lastError}</td>
              <td className="small muted">{formatDateTime(d.createdAt, lang)}</td>
              <td className="small muted">{formatDateTime(d.deliveredAt, lang)}</td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
      {log.hasNextPage && <button type="button" className="button" onClick={() => void log.fetchNextPage()}>{t('notifications.more')}</button>}
    </>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="page-head"><h1>{t('notifications.title')}</h1></div>
      <NotificationList />
      <Card title={t('notifications.settings')}><ChannelSettings /></Card>
      <Card title={t('notifications.deliveries')}><DeliveryLog /></Card>
    </div>
  );
}
