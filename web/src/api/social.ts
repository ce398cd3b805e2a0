// The social endpoints: rankings, community, interests (watchlist, recently viewed, follows) and notifications.
// Like endpoints.ts, every call goes through the typed client of the OpenAPI snapshot, so a renamed path, parameter
// or field fails `tsc`; the view types are the generated schemas with the ids the server always sends made required.
import { typed, unwrap, type Schemas } from './client';

type WithId<S> = Omit<S, 'id'> & { id: string };
const path = (id: string) => ({ params: { path: { id } } });

// ---- rankings ------------------------------------------------------------------------------------------------
export type BoardSummary = Schemas['BoardSummary'];
export type BoardView = Schemas['BoardView'];
export type RankingEntry = Schemas['EntryView'];
export type BoardResponse = Omit<Schemas['BoardResponse'], 'entries' | 'myRank'> & { entries: RankingEntry[]; myRank?: RankingEntry | null };
export type RebuildResponse = Schemas['RebuildResponse'];
export interface BoardQuery { dataset?: string; version?: string; market?: string; period?: string; metric?: string; cursor?: string; limit?: number }

export const RANKING_METRICS = ['SHARPE', 'TOTAL_RETURN', 'CAGR', 'CALMAR'] as const;

export const rankings = {
  boards: async () => unwrap(await typed.GET('/api/v1/rankings/boards')) as BoardSummary[],
  board: async (q: BoardQuery) => {
    const r = unwrap(await typed.GET('/api/v1/rankings', { params: { query: { ...q } } }));
    return { ...r, entries: r.entries ?? [] } as BoardResponse;
  },
  rebuild: async () => unwrap(await typed.POST('/api/v1/rankings/rebuild')) as RebuildResponse,
};

// ---- community -----------------------------------------------------------------------------------------------
export type PostCategory = 'STRATEGY' | 'FREE' | 'QNA';
export const POST_CATEGORIES: PostCategory[] = ['STRATEGY', 'FREE', 'QNA'];
export type PostSort = 'newest' | 'likes' | 'comments';
export type PostSummary = WithId<Schemas['PostSummary']>;
export type Post = WithId<Schemas['PostView']>;
export type PostRequest = Schemas['PostRequest'];
export type Comment = WithId<Schemas['CommentView']>;
export type LikeState = Schemas['LikeState'];
export type ReportReason = 'SPAM' | 'ABUSE' | 'ILLEGAL' | 'MISINFORMATION' | 'OTHER';
export const REPORT_REASONS: ReportReason[] = ['SPAM', 'ABUSE', 'ILLEGAL', 'MISINFORMATION', 'OTHER'];
export type ReportAction = 'DISMISS' | 'HIDE_POST' | 'DELETE_POST';
export type Report = WithId<Schemas['ReportView']>;
export interface Cursored<T> { items: T[]; nextCursor?: string | null }
export interface PostQuery { category?: PostCategory; q?: string; sort?: PostSort; author?: string; cursor?: string; limit?: number }

export const community = {
  posts: async (q: PostQuery) => {
    const r = unwrap(await typed.GET('/api/v1/community/posts', { params: { query: { ...q } } }));
    return { items: (r.items ?? []) as PostSummary[], nextCursor: r.nextCursor ?? null } as Cursored<PostSummary>;
  },
  post: async (id: string) => unwrap(await typed.GET('/api/v1/community/posts/{id}', path(id))) as Post,
  create: async (req: PostRequest) => unwrap(await typed.POST('/api/v1/community/posts', { body: req })) as Post,
  update: async (id: string, req: PostRequest) => unwrap(await typed.PUT('/api/v1/community/posts/{id}', { ...path(id), body: req })) as Post,
  remove: async (id: string) => { unwrap(await typed.DELETE('/api/v1/community/posts/{id}', path(id))); },
  like: async (id: string, liked: boolean) =>
    unwrap(liked ? await typed.PUT('/api/v1/community/posts/{id}/like', path(id)) : await typed.DELETE('/api/v1/community/posts/{id}/like', path(id))) as LikeState,
  comments: async (id: string) => unwrap(await typed.GET('/api/v1/community/posts/{id}/comments', path(id))) as Comment[],
  comment: async (postId: string, content: string, parentId?: string) =>
    unwrap(await typed.POST('/api/v1/community/posts/{id}/comments', { ...path(postId), body: { content, parentId } })) as Comment,
  editComment: async (id: string, content: string) => unwrap(await typed.PUT('/api/v1/community/comments/{id}', { ...path(id), body: { content } })) as Comment,
  removeComment: async (id: string) => { unwrap(await typed.DELETE('/api/v1/community/comments/{id}', path(id))); },
  report: async (id: string, reason: ReportReason, detail?: string) =>
    unwrap(await typed.POST('/api/v1/community/posts/{id}/reports', { ...path(id), body: { reason, detail: detail || undefined } })) as Report,
  hide: async (id: string, hidden: boolean) =>
    unwrap(hidden ? await typed.POST('/api/v1/community/admin/posts/{id}/hide', path(id)) : await typed.POST('/api/v1/community/admin/posts/{id}/unhide', path(id))) as Post,
  reports: async (status: 'OPEN' | 'RESOLVED' | 'ALL', cursor?: string) => {
    const r = unwrap(await typed.GET('/api/v1/community/admin/reports', { params: { query: { status, cursor, limit: 50 } } }));
    return { items: (r.items ?? []) as Report[], nextCursor: r.nextCursor ?? null } as Cursored<Report>;
  },
  resolve: async (id: string, action: ReportAction, note?: string) =>
    unwrap(await typed.POST('/api/v1/community/admin/reports/{id}/resolve', { ...path(id), body: { action, note: note || undefined } })) as Report,
};

export interface CommentNode { comment: Comment; replies: CommentNode[] }

/**
 * The comment tree from the server's flat list (display order: depth-first, siblings oldest first). A comment whose
 * parent is not in the list (should not happen) becomes a root rather than disappearing.
 */
export function buildCommentTree(flat: Comment[]): CommentNode[] {
  const nodes = new Map<string, CommentNode>();
  for (const c of flat) nodes.set(c.id, { comment: c, replies: [] });
  const roots: CommentNode[] = [];
  for (const c of flat) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    if (parent && parent !== node) parent.replies.push(node);
    else roots.push(node);
  }
  return roots;
}

// ---- interests -----------------------------------------------------------------------------------------------
export type WatchItem = Schemas['WatchlistItem'] & { symbol: string };
export type RecentItem = Schemas['RecentItem'] & { symbol: string };
export type FollowItem = Schemas['FollowItem'] & { strategyId: string };

export const interests = {
  watchlist: async () => (unwrap(await typed.GET('/api/v1/interests/watchlist')).items ?? []) as WatchItem[],
  watch: async (symbol: string, datasetId?: string) => (unwrap(await typed.POST('/api/v1/interests/watchlist', { body: { symbol, datasetId } })).items ?? []) as WatchItem[],
  unwatch: async (datasetId: string, symbol: string) => {
    unwrap(await typed.DELETE('/api/v1/interests/watchlist/{datasetId}/{symbol}', { params: { path: { datasetId, symbol } } }));
  },
  recent: async (limit = 20) => (unwrap(await typed.GET('/api/v1/interests/recent', { params: { query: { limit } } })).items ?? []) as RecentItem[],
  viewed: async (symbol: string, datasetId?: string) => { unwrap(await typed.POST('/api/v1/interests/recent', { body: { symbol, datasetId } })); },
  clearRecent: async () => { unwrap(await typed.DELETE('/api/v1/interests/recent')); },
  follows: async () => (unwrap(await typed.GET('/api/v1/interests/follows')).items ?? []) as FollowItem[],
  follow: async (strategyId: string, on: boolean) => {
    const p = { params: { path: { strategyId } } };
    unwrap(on ? await typed.PUT('/api/v1/interests/follows/{strategyId}', p) : await typed.DELETE('/api/v1/interests/follows/{strategyId}', p));
  },
};

// ---- notifications -------------------------------------------------------------------------------------------
export type NotificationKind = 'BACKTEST_COMPLETED' | 'BACKTEST_FAILED' | 'COMMENT' | 'LIKE' | 'STRATEGY_UPDATED';
export const NOTIFICATION_KINDS: NotificationKind[] = ['BACKTEST_COMPLETED', 'BACKTEST_FAILED', 'COMMENT', 'LIKE', 'STRATEGY_UPDATED'];
export type Notification = WithId<Schemas['NotificationView']>;
export type NotificationPage = Cursored<Notification> & { unreadCount: number };
export type Channels = Schemas['ChannelsView'];
export type ChannelsRequest = Schemas['ChannelsRequest'];
export type Delivery = WithId<Schemas['DeliveryView']>;
export const CHANNELS = ['WEBHOOK', 'EMAIL', 'TELEGRAM'] as const;

export const notifications = {
  list: async (q: { cursor?: string; unreadOnly?: boolean; limit?: number } = {}) => {
    const r = unwrap(await typed.GET('/api/v1/notifications', { params: { query: { limit: 20, ...q } } }));
    return { items: (r.items ?? []) as Notification[], nextCursor: r.nextCursor ?? null, unreadCount: r.unreadCount ?? 0 } as NotificationPage;
  },
  unreadCount: async () => unwrap(await typed.GET('/api/v1/notifications/unread-count')).unreadCount ?? 0,
  read: async (id: string) => unwrap(await typed.POST('/api/v1/notifications/{id}/read', path(id))) as Notification,
  readAll: async () => unwrap(await typed.POST('/api/v1/notifications/read-all')),
  remove: async (id: string) => { unwrap(await typed.DELETE('/api/v1/notifications/{id}', path(id))); },
  channels: async () => unwrap(await typed.GET('/api/v1/notifications/channels')) as Channels,
  saveChannels: async (req: ChannelsRequest) => unwrap(await typed.PUT('/api/v1/notifications/channels', { body: req })) as Channels,
  rotateSecret: async () => unwrap(await typed.POST('/api/v1/notifications/channels/webhook/secret')).secret ?? '',
  deliveries: async (channel?: string, cursor?: string) => {
    const r = unwrap(await typed.GET('/api/v1/notifications/deliveries', { params: { query: { channel: channel || undefined, cursor, limit: 20 } } }));
    return { items: (r.items ?? []) as Delivery[], nextCursor: r.nextCursor ?? null } as Cursored<Delivery>;
  },
};
