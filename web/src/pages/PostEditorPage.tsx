import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { backtestName, backtests } from '../api/endpoints';
import { useMyStrategies } from '../api/hooks';
import { community, POST_CATEGORIES, type PostCategory, type PostRequest } from '../api/social';
import { Card, ErrorBox, FieldError, Loading } from '../components/ui';
import { formatDateTime, formatPct } from '../lib/format';
import { useLang } from '../i18n';

export interface PostForm { category: PostCategory; title: string; content: string; strategyId: string; backtestId: string }

/** Client-side checks matching the server's (docs/community.md); the server has the last word. */
export function validatePost(f: PostForm): Partial<Record<keyof PostForm, string>> {
  const e: Partial<Record<keyof PostForm, string>> = {};
  if (!f.title.trim()) e.title = 'v.required';
  else if (f.title.trim().length > 200) e.title = 'v.tooLong|200';
  if (!f.content.trim()) e.content = 'v.required';
  else if (f.content.length > 20000) e.content = 'v.tooLong|20000';
  return e;
}

export default function PostEditorPage() {
  const { id } = useParams();
  const isNew = !id;
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const existing = useQuery({ queryKey: ['community', 'post', id], queryFn: () => community.post(id!), enabled: !isNew });
  const mine = useMyStrategies();
  const [form, setForm] = useState<PostForm>({ category: 'STRATEGY', title: '', content: '', strategyId: '', backtestId: '' });
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    const p = existing.data;
    if (p) setForm({ category: (p.category ?? 'FREE') as PostCategory, title: p.title ?? '', content: p.content ?? '', strategyId: p.attachment?.strategyId ?? '', backtestId: p.attachment?.backtest?.id ?? '' });
  }, [existing.data]);
  const publicStrategies = (mine.data?.items ?? []).filter((s) => s.visibility === 'PUBLIC' || s.id === form.strategyId);
  const runs = useQuery({
    queryKey: ['backtests', 'list', 'strategy', form.strategyId],
    enabled: !!form.strategyId,
    queryFn: () => backtests.list({ strategyId: form.strategyId, status: 'COMPLETED' }, 50),
  });
  const save = useMutation({
    mutationFn: (req: PostRequest) => (isNew ? community.create(req) : community.update(id!, req)),
    onSuccess: async (p) => {
      qc.setQueryData(['community', 'post', p.id], p);
      await qc.invalidateQueries({ queryKey: ['community', 'posts'] });
      navigate(`/community/posts/${p.id}`);
    },
  });
  const errors = touched ? validatePost(form) : {};
  const server = save.error instanceof ApiError ? save.error : null;
  const err = (k: keyof PostForm) => errors[k] ?? server?.forField(k);
  const set = <K extends keyof PostForm>(k: K, v: PostForm[K]) => setForm((f) => ({ ...f, [k]: v, ...(k === 'strategyId' ? { backtestId: '' } : {}) }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(validatePost(form)).length) return;
    save.mutate({ category: form.category, title: form.title.trim(), content: form.content, strategyId: form.strategyId || undefined, backtestId: form.backtestId || undefined });
  };
  if (!isNew && existing.isLoading) return <Loading />;
  return (
    <div className="page narrow-wide">
      <p className="small"><Link to={isNew ? '/community' : `/community/posts/${id}`}>← {t('community.title')}</Link></p>
      <h1>{isNew ? t('community.newPost') : t('community.editPost')}</h1>
      <ErrorBox error={existing.error} />
      <Card>
        <form onSubmit={submit} noValidate className="stack" data-testid="post-editor">
          <label className="field"><span className="label">{t('community.category')}</span>
            <select value={form.category} onChange={(e) => set('category', e.target.value as PostCategory)} name="category">
              {POST_CATEGORIES.map((c) => <option key={c} value={c}>{t(`community.categories.${c}`)}</option>)}
            </select>
            <FieldError message={server?.forField('category')} />
          </label>
          <label className={`field ${err('title') ? 'has-error' : ''}`}><span className="label">{t('community.postTitle')}</span>
            <input name="title" value={form.title} maxLength={200} aria-invalid={err('title') ? true : undefined} onChange={(e) => set('title', e.target.value)} />
            <FieldError message={err('title')} />
          </label>
          <label className={`field ${err('content') ? 'has-error' : ''}`}><span className="label">{t('community.content')}</span>
            <textarea name="content" rows={14} value={form.content} aria-invalid={err('content') ? true : undefined} onChange={(e) => set('content', e.target.value)} />
            <span className="hint">{t('community.contentHint')}</span>
            <FieldError message={err('content')} />
          </label>
          <div className="row">
            <label className="field"><span className="label">{t('community.attachStrategy')}</span>
              <select name="strategyId" value={form.strategyId} onChange={(e) => set('strategyId', e.target.value)}>
                <option value="">{t('community.none')}</option>
                {publicStrategies.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
              <FieldError message={server?.forField('strategyId')} />
            </label>
            <label className="field"><span className="label">{t('community.attachBacktest')}</span>
              <select name="backtestId" value={form.backtestId} disabled={!form.strategyId} onChange={(e) => set('backtestId', e.target.value)}>
                <option value="">{t('community.none')}</option>
                {(runs.data ?? []).map((b) => <option key={b.id} value={b.id}>{backtestName(b)} · {formatDateTime(b.createdAt, lang)} · {formatPct(b.stats?.totalReturnPct, 1, true)}</option>)}
              </select>
              <FieldError message={server?.forField('backtestId')} />
            </label>
          </div>
          <ErrorBox error={save.error} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={save.isPending} data-testid="publish">{isNew ? t('community.publish') : t('community.save')}</button>
          </div>
        </form>
      </Card>
    </div>
  );
}
