import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../api/auth';
import { buildCommentTree, community, REPORT_REASONS, type CommentNode, type Post, type ReportReason } from '../api/social';
import { Card, Empty, ErrorBox, Loading } from '../components/ui';
import { formatDateTime, formatNumber, formatPct, signClass } from '../lib/format';
import { useLang } from '../i18n';

/**
 * Server-rendered, server-sanitized HTML (docs/community.md: escaped raw HTML, then an allow-list sanitizer). Only
 * the `contentHtml` field may come here — never the Markdown source `content`.
 */
export function SafeHtml({ html, className, testId }: { html: string | undefined; className?: string; testId?: string }) {
  return <div className={`markdown ${className ?? ''}`} data-testid={testId} dangerouslySetInnerHTML={{ __html: html ?? '' }} />;
}

function Attachment({ post }: { post: Post }) {
  const { t } = useTranslation();
  const lang = useLang();
  const a = post.attachment;
  if (!a) return null;
  if (a.available === false) return <div className="notice attachment">{t('community.unavailable')}</div>;
  const b = a.backtest;
  return (
    <Card title={t('community.attachment')} className="attachment">
      <p>{a.strategyId ? <Link to={`/strategies/${a.strategyId}`} data-testid="attachment-strategy">{a.strategyName}</Link> : a.strategyName}{' '}
        <span className="muted small">{a.author === 'anonymous' ? t('rankings.anonymous') : a.author}</span></p>
      {b?.id && (
        <dl className="kv compact">
          <div><dt>{t('stats.totalReturnPct')}</dt><dd className={signClass(b.totalReturnPct)}>{formatPct(b.totalReturnPct, 1, true)}</dd></div>
          <div><dt>{t('stats.cagrPct')}</dt><dd className={signClass(b.cagrPct)}>{formatPct(b.cagrPct, 1, true)}</dd></div>
          <div><dt>{t('stats.sharpe')}</dt><dd>{formatNumber(b.sharpe, 2)}</dd></div>
          <div><dt>{t('stats.maxDrawdownPct')}</dt><dd>{formatPct(b.maxDrawdownPct, 1)}</dd></div>
          <div><dt>{t('rankings.backtest')}</dt><dd><Link to={`/backtests/${b.id}`}>{b.datasetId} · {formatDateTime(b.finishedAt, lang)}</Link></dd></div>
        </dl>
      )}
    </Card>
  );
}

function ReportForm({ postId, onDone }: { postId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<ReportReason>('SPAM');
  const [detail, setDetail] = useState('');
  const report = useMutation({ mutationFn: () => community.report(postId, reason, detail.trim()) });
  if (report.isSuccess) return <div className="notice" role="status">{t('community.reported')} <button type="button" className="link" onClick={onDone}>{t('common.close')}</button></div>;
  return (
    <form className="card report-form" role="dialog" aria-label={t('community.reportTitle')} onSubmit={(e) => { e.preventDefault(); report.mutate(); }}>
      <h3>{t('community.reportTitle')}</h3>
      <label className="field"><span className="label">{t('community.reason')}</span>
        <select value={reason} onChange={(e) => setReason(e.target.value as ReportReason)}>
          {REPORT_REASONS.map((r) => <option key={r} value={r}>{t(`community.reasons.${r}`)}</option>)}
        </select>
      </label>
      <label className="field"><span className="label">{t('community.detail')}</span>
        <textarea value={detail} maxLength={1000} rows={3} onChange={(e) => setDetail(e.target.value)} />
      </label>
      <ErrorBox error={report.error} />
      <div className="actions">
        <button type="submit" className="button danger" disabled={report.isPending}>{t('community.report')}</button>
        <button type="button" className="button" onClick={onDone}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

function CommentForm({ initial = '', submitLabel, onSubmit, onCancel, error, pending }: {
  initial?: string; submitLabel: string; onSubmit: (text: string) => Promise<unknown>; onCancel?: () => void; error: unknown; pending: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  return (
    <form className="comment-form" onSubmit={(e) => { e.preventDefault(); if (text.trim()) void onSubmit(text).then(() => setText('')).catch(() => undefined); }}>
      <textarea aria-label={t('community.writeComment')} placeholder={t('community.writeComment')} rows={3} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
      <ErrorBox error={error} />
      <div className="actions">
        <button type="submit" className="button small primary" disabled={pending || !text.trim()}>{submitLabel}</button>
        {onCancel && <button type="button" className="button small" onClick={onCancel}>{t('common.cancel')}</button>}
      </div>
    </form>
  );
}

function CommentItem({ node, postId, canWrite }: { node: CommentNode; postId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const c = node.comment;
  const [mode, setMode] = useState<'view' | 'reply' | 'edit'>('view');
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['community', 'comments', postId] }), qc.invalidateQueries({ queryKey: ['community', 'post', postId] })]);
  const reply = useMutation({ mutationFn: (text: string) => community.comment(postId, text, c.id), onSuccess: async () => { setMode('view'); await refresh(); } });
  const edit = useMutation({ mutationFn: (text: string) => community.editComment(c.id, text), onSuccess: async () => { setMode('view'); await refresh(); } });
  const remove = useMutation({ mutationFn: () => community.removeComment(c.id), onSuccess: refresh });
  return (
    <li id={`comment-${c.id}`} className="comment" data-depth={c.depth ?? 0}>
      {c.deleted ? <p className="muted">{t('community.deletedComment')}</p> : (
        <>
          <div className="small muted">
            <strong>{c.author?.nickname}</strong> · {formatDateTime(c.createdAt, lang)}{c.editedAt ? ` · ${t('community.edited')}` : ''}
          </div>
          {mode === 'edit'
            ? <CommentForm initial={c.content ?? ''} submitLabel={t('community.save')} onSubmit={(x) => edit.mutateAsync(x)} onCancel={() => setMode('view')} error={edit.error} pending={edit.isPending} />
            : <SafeHtml html={c.contentHtml} className="comment-body" />}
          {mode === 'view' && canWrite && (
            <div className="actions small">
              {(c.depth ?? 0) < 4 && <button type="button" className="link" onClick={() => setMode('reply')}>{t('community.reply')}</button>}
              {c.mine && <button type="button" className="link" onClick={() => setMode('edit')}>{t('community.edit')}</button>}
              {c.mine && <button type="button" className="link danger" onClick={() => { if (confirm(t('common.confirmDelete'))) remove.mutate(); }}>{t('community.delete')}</button>}
            </div>
          )}
          <ErrorBox error={remove.error} />
        </>
      )}
      {mode === 'reply' && <CommentForm submitLabel={t('community.reply')} onSubmit={(x) => reply.mutateAsync(x)} onCancel={() => setMode('view')} error={reply.error} pending={reply.isPending} />}
      {node.replies.length > 0 && <ul className="comments">{node.replies.map((r) => <CommentItem key={r.comment.id} node={r} postId={postId} canWrite={canWrite} />)}</ul>}
    </li>
  );
}

export default function PostPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { loggedIn, user } = useAuth();
  const admin = user?.role === 'ADMIN';
  const [reporting, setReporting] = useState(false);
  const post = useQuery({ queryKey: ['community', 'post', id], queryFn: () => community.post(id), retry: false });
  const comments = useQuery({ queryKey: ['community', 'comments', id], queryFn: () => community.comments(id), enabled: post.isSuccess });
  const tree = useMemo(() => buildCommentTree(comments.data ?? []), [comments.data]);
  // a notification links to /community/posts/{id}#comment-{id}: show that comment once the list is there
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash.startsWith('#comment-') || !comments.data) return;
    const el = document.getElementById(hash.slice(1));
    el?.scrollIntoView?.({ block: 'center' });
    el?.classList.add('target');
  }, [hash, comments.data]);
  const setPost = (p: Partial<Post>) => qc.setQueryData<Post>(['community', 'post', id], (old) => (old ? { ...old, ...p } : old));
  const like = useMutation({ mutationFn: (on: boolean) => community.like(id, on), onSuccess: (s) => setPost({ likedByMe: s.liked, likeCount: s.likeCount }) });
  const remove = useMutation({ mutationFn: () => community.remove(id), onSuccess: async () => { await qc.invalidateQueries({ queryKey: ['community', 'posts'] }); navigate('/community'); } });
  const hide = useMutation({ mutationFn: (on: boolean) => community.hide(id, on), onSuccess: (p) => setPost(p) });
  const addComment = useMutation({
    mutationFn: (text: string) => community.comment(id, text),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['community', 'comments', id] }), qc.invalidateQueries({ queryKey: ['community', 'post', id] })]),
  });
  if (post.isLoading) return <Loading />;
  if (post.error || !post.data) return <div className="page"><ErrorBox error={post.error} /><Link to="/community">{t('community.title')}</Link></div>;
  const p = post.data;
  return (
    <div className="page post-page">
      <p className="small"><Link to="/community">← {t('community.title')}</Link></p>
      <article className="card">
        <header className="post-header">
          <div><span className="badge">{t(`community.categories.${p.category ?? 'FREE'}`)}</span>{p.hidden && <> <span className="badge status-failed">{t('community.hidden')}</span></>}</div>
          <h1 data-testid="post-title">{p.title}</h1>
          <div className="small muted">
            {p.author?.nickname} · {formatDateTime(p.createdAt, lang)}{p.editedAt ? ` · ${t('community.edited')}` : ''} · {t('community.views')} <span data-testid="view-count">{p.viewCount ?? 0}</span>
          </div>
        </header>
        <SafeHtml html={p.contentHtml} testId="post-body" />
        <div className="post-actions actions">
          <button type="button" className={`button small ${p.likedByMe ? 'primary' : ''}`} aria-pressed={!!p.likedByMe} data-testid="like" disabled={!loggedIn || like.isPending}
            onClick={() => like.mutate(!p.likedByMe)} title={p.likedByMe ? t('community.unlike') : t('community.like')}>
            ♥ {t('community.like')} <span data-testid="like-count">{p.likeCount ?? 0}</span>
          </button>
          {p.mine && <Link to={`/community/posts/${p.id}/edit`} className="button small">{t('community.edit')}</Link>}
          {(p.mine || admin) && <button type="button" className="button small danger" onClick={() => { if (confirm(t('common.confirmDelete'))) remove.mutate(); }}>{t('community.delete')}</button>}
          {loggedIn && !p.mine && <button type="button" className="button small" onClick={() => setReporting(true)}>{t('community.report')}</button>}
          {admin && <button type="button" className="button small" onClick={() => hide.mutate(!p.hidden)}>{p.hidden ? t('community.unhide') : t('community.hide')}</button>}
        </div>
        <ErrorBox error={like.error ?? remove.error ?? hide.error} />
        {reporting && <ReportForm postId={p.id} onDone={() => setReporting(false)} />}
      </article>
      <Attachment post={p} />
      <Card title={`${t('community.comments')} (${p.commentCount ?? 0})`}>
        {comments.isLoading ? <Loading /> : comments.error ? <ErrorBox error={comments.error} /> : !tree.length ? <Empty>{t('community.noComments')}</Empty> : (
          <ul className="comments" data-testid="comments">{tree.map((n) => <CommentItem key={n.comment.id} node={n} postId={p.id} canWrite={loggedIn} />)}</ul>
        )}
        {loggedIn
          ? <CommentForm submitLabel={t('community.send')} onSubmit={(x) => addComment.mutateAsync(x)} error={addComment.error} pending={addComment.isPending} />
          : <p className="muted"><Link to="/login">{t('nav.login')}</Link> — {t('community.loginToComment')}</p>}
      </Card>
    </div>
  );
}
