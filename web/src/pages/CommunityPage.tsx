import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../api/auth';
import { community, POST_CATEGORIES, type PostCategory, type PostSort } from '../api/social';
import { Card, Empty, ErrorBox, Loading } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useLang } from '../i18n';

const SORTS: PostSort[] = ['newest', 'likes', 'comments'];

/** The community board: category tabs, text search, sort and cursor paging (the state lives in the URL). */
export default function CommunityPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { loggedIn, user } = useAuth();
  const [params, setParams] = useSearchParams();
  const category = (params.get('category') ?? '') as PostCategory | '';
  const sort = (params.get('sort') ?? 'newest') as PostSort;
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const update = (k: string, v: string) => setParams((p) => { const n = new URLSearchParams(p); if (v) n.set(k, v); else n.delete(k); return n; }, { replace: true });
  const posts = useInfiniteQuery({
    queryKey: ['community', 'posts', category, sort, q],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => community.posts({ category: category || undefined, sort, q: q || undefined, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = posts.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('community.title')}</h1>
        <div className="actions">
          {user?.role === 'ADMIN' && <Link to="/community/reports" className="button">{t('community.reports')}</Link>}
          {loggedIn && <Link to="/community/new" className="button primary" data-testid="new-post">{t('community.newPost')}</Link>}
        </div>
      </div>
      <div className="tabs" role="tablist">
        {(['', ...POST_CATEGORIES] as const).map((c) => (
          <button key={c || 'ALL'} type="button" role="tab" aria-selected={category === c} className={category === c ? 'active' : ''} onClick={() => update('category', c)}>
            {t(`community.categories.${c || 'ALL'}`)}
          </button>
        ))}
      </div>
      <div className="filters">
        <form className="field inline" role="search" onSubmit={(e) => { e.preventDefault(); update('q', text.trim()); }}>
          <label className="label" htmlFor="community-q">{t('community.search')}</label>
          <input id="community-q" type="search" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button small">{t('common.search')}</button>
        </form>
        <label className="field inline"><span className="label">{t('community.sort')}</span>
          <select value={sort} onChange={(e) => update('sort', e.target.value === 'newest' ? '' : e.target.value)}>
            {SORTS.map((s) => <option key={s} value={s}>{t(`community.sorts.${s}`)}</option>)}
          </select>
        </label>
      </div>
      <Card>
        {posts.isLoading ? <Loading /> : posts.error ? <ErrorBox error={posts.error} onRetry={() => void posts.refetch()} /> : !items.length ? <Empty>{t('community.empty')}</Empty> : (
          <ul className="post-list" data-testid="post-list">
            {items.map((p) => (
              <li key={p.id} className={p.hidden ? 'hidden-post' : undefined}>
                <div className="post-line">
                  <span className="badge">{t(`community.categories.${p.category ?? 'FREE'}`)}</span>
                  <Link to={`/community/posts/${p.id}`} className="post-title">{p.title}</Link>
                  {p.hasAttachment && <span className="badge">{t('community.attachment')}</span>}
                  {p.hidden && <span className="badge status-failed">{t('community.hidden')}</span>}
                </div>
                {p.excerpt && <p className="muted small excerpt">{p.excerpt}</p>}
                <div className="small muted post-meta">
                  <span>{p.author?.nickname}</span> · <span>{formatDateTime(p.createdAt, lang)}</span> ·{' '}
                  <span>♥ {p.likeCount ?? 0}</span> · <span>{t('community.comments')} {p.commentCount ?? 0}</span> · <span>{t('community.views')} {p.viewCount ?? 0}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
        {posts.hasNextPage && <button type="button" className="button" disabled={posts.isFetchingNextPage} onClick={() => void posts.fetchNextPage()}>{t('community.more')}</button>}
      </Card>
    </div>
  );
}
