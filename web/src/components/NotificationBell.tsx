import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifications, type Notification } from '../api/social';
import { LATEST_KEY, UNREAD_KEY, useNotificationStream } from '../lib/notificationStream';
import { formatDateTime } from '../lib/format';
import { useLang } from '../i18n';
import { ErrorBox, Loading } from './ui';

/** Marks a notification read and updates the cached lists (the stream then sends the new count). */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => notifications.read(id),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['notifications'] })]),
  });
}

/** The header bell: the unread count (live over SSE) and a dropdown with the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useNotificationStream(true);
  const unread = useQuery({ queryKey: UNREAD_KEY, queryFn: notifications.unreadCount, staleTime: 60_000 });
  const latest = useQuery({ queryKey: LATEST_KEY, queryFn: () => notifications.list({ limit: 10 }), enabled: open });
  const markRead = useMarkRead();
  const readAll = useMutation({
    mutationFn: notifications.readAll,
    onSuccess: (r) => { qc.setQueryData(UNREAD_KEY, r.unreadCount ?? 0); return qc.invalidateQueries({ queryKey: ['notifications'] }); },
  });
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => { if (box.current && !box.current.contains(e.target as Node)) setOpen(false); };
    const esc = (e: KeyboardEvent) => { if (e.key === 'Escape') setOpen(false); };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', esc);
    return () => { document.removeEventListener('mousedown', close); document.removeEventListener('keydown', esc); };
  }, [open]);
  const count = unread.data ?? 0;
  const go = (n: Notification) => {
    if (!n.read) markRead.mutate(n.id);
    setOpen(false);
    if (n.link) navigate(n.link);
  };
  return (
    <div className="bell" ref={box} onClick={(e) => e.stopPropagation()}>
      <button type="button" className="bell-button" aria-haspopup="true" aria-expanded={open} data-testid="bell" onClick={() => setOpen(!open)}
        aria-label={`${t('notifications.bell')}${count ? ` (${t('notifications.unread', { count })})` : ''}`}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" /><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 && <span className="bell-count" data-testid="bell-count">{count > 99 ? '99+' : count}</span>}
      </button>
      {open && (
        <div className="bell-menu" role="menu">
          <div className="bell-head">
            <strong>{t('notifications.title')}</strong>
            <button type="button" className="link" disabled={!count || readAll.isPending} onClick={() => readAll.mutate()}>{t('notifications.readAll')}</button>
          </div>
          <ErrorBox error={latest.error ?? readAll.error} />
          {latest.isLoading ? <Loading /> : !latest.data?.items.length ? <p className="muted small">{t('notifications.empty')}</p> : (
            <ul className="bell-list">
              {latest.data.items.map((n) => (
                <li key={n.id} className={n.read ? '' : 'unread'}>
                  <button type="button" role="menuitem" className="link" onClick={() => go(n)}>
                    <strong>{n.title ?? t(`notifications.kinds.${n.kind ?? 'COMMENT'}`)}</strong>
                    {n.body && <span className="small muted"> {n.body}</span>}
                    <span className="small muted bell-time">{formatDateTime(n.createdAt, lang)}</span>
                  </button>
                  {!n.read && <button type="button" className="link small nowrap" onClick={() => markRead.mutate(n.id)}>{t('notifications.markRead')}</button>}
                </li>
              ))}
            </ul>
          )}
          <Link to="/notifications" className="small" onClick={() => setOpen(false)}>{t('notifications.seeAll')}</Link>
        </div>
      )}
    </div>
  );
}
