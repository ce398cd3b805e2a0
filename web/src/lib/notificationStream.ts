// The live notification stream (docs/notifications.md): `unread` events carry the unread count, `notification`
// events a new notification with the new count. The count and the latest items live in the query cache, so the
// bell, its dropdown and the notifications page all follow the stream.
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import type { Notification, NotificationPage } from '../api/social';
import { readSse, type SseEvent } from './sse';

export const UNREAD_KEY = ['notifications', 'unread'] as const;
export const LATEST_KEY = ['notifications', 'latest'] as const;

/** Applies one stream event to the cache. */
export function applyNotificationEvent(qc: QueryClient, e: SseEvent) {
  let msg: { type?: string; unreadCount?: number; notification?: Notification };
  try {
    msg = JSON.parse(e.data) as typeof msg;
  } catch {
    return;
  }
  const type = e.event !== 'message' ? e.event : msg.type;
  if (typeof msg.unreadCount === 'number') qc.setQueryData(UNREAD_KEY, msg.unreadCount);
  if (type === 'notification' && msg.notification?.id) {
    const n = msg.notification;
    qc.setQueryData<NotificationPage>(LATEST_KEY, (old) => old && ({ ...old, items: [n, ...old.items.filter((x) => x.id !== n.id)].slice(0, 10) }));
    void qc.invalidateQueries({ queryKey: ['notifications', 'list'] });
  }
}

const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  const t = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
});

/** Keeps one stream open while `enabled`, reconnecting with back-off (a stream ends after 30 minutes by design). */
export function useNotificationStream(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    void (async () => {
      let failures = 0;
      while (!abort.signal.aborted) {
        try {
          await readSse('/api/v1/notifications/stream', (e) => { failures = 0; applyNotificationEvent(qc, e); }, abort.signal);
        } catch (e) {
          if (abort.signal.aborted) return;
          // logged out, or no stream on this server: the count still comes from the list and unread-count calls
          if (e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404)) return;
          failures++;
        }
        await sleep(Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)), abort.signal);
      }
    })();
    return () => abort.abort();
  }, [enabled, qc]);
}
