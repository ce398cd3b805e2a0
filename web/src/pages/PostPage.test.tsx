import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import PostPage from './PostPage';
import { buildCommentTree, type Comment } from '../api/social';
import { validatePost } from './PostEditorPage';

vi.mock('../api/auth', () => ({ useAuth: () => ({ user: { role: 'USER', nickname: 'me' }, loggedIn: true, loading: false }) }));

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
const PID = '20000000-0000-4000-8000-000000000001';
const c = (id: string, parentId: string | undefined, depth: number, extra: Partial<Comment> = {}): Comment => ({
  id, parentId, depth, postId: PID, content: `text ${id}`, contentHtml: `<p>html ${id}</p>`, author: { id: 'u', nickname: `n${id}` }, createdAt: '2026-12-01T00:00:00Z', ...extra,
});

describe('buildCommentTree', () => {
  it('nests the flat display-order list by parentId', () => {
    const tree = buildCommentTree([c('a', undefined, 0), c('b', 'a', 1), c('c', 'b', 2), c('d', 'a', 1), c('e', undefined, 0), c('f', 'gone', 1)]);
    expect(tree.map((n) => n.comment.id)).toEqual(['a', 'e', 'f']);
    expect(tree[0]!.replies.map((n) => n.comment.id)).toEqual(['b', 'd']);
    expect(tree[0]!.replies[0]!.replies.map((n) => n.comment.id)).toEqual(['c']);
    expect(tree[1]!.replies).toEqual([]);
  });
});

describe('validatePost', () => {
  it('requires a title and content and limits the title to 200 characters', () => {
    expect(validatePost({ category: 'FREE', title: ' ', content: '', strategyId: '', backtestId: '' })).toEqual({ title: 'v.required', content: 'v.required' });
    expect(validatePost({ category: 'FREE', title: 'x'.repeat(201), content: 'ok', strategyId: '', backtestId: '' })).toEqual({ title: 'v.tooLong|200' });
    expect(validatePost({ category: 'FREE', title: 'ok', content: 'ok', strategyId: '', backtestId: '' })).toEqual({});
  });
});

describe('post page', () => {
  afterEach(() => vi.unstubAllGlobals());

  function setup(post: Record<string, unknown>, comments: Comment[], onRequest?: (req: Request, url: URL) => Response | undefined) {
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      calls.push(`${req.method} ${url.pathname}`);
      const custom = onRequest?.(req, url);
      if (custom) return custom;
      if (url.pathname === `/api/v1/community/posts/${PID}`) return json(post);
      if (url.pathname === `/api/v1/community/posts/${PID}/comments`) return json(comments);
      return json({ title: 'Not Found', status: 404 }, 404);
    }));
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={[`/community/posts/${PID}`]}><Routes><Route path="/community/posts/:id" element={<PostPage />} /></Routes></MemoryRouter>
      </QueryClientProvider>,
    );
    return calls;
  }

  const POST = {
    id: PID, category: 'FREE', title: 'Hello <b>title</b>', author: { id: 'x', nickname: 'writer' }, likeCount: 2, likedByMe: false, viewCount: 7, commentCount: 2, mine: false,
    content: 'raw <script>window.__pwned = 1</script> **source**',
    contentHtml: '<p>raw &lt;script&gt;window.__pwned = 1&lt;/script&gt; <strong>rendered</strong></p>',
    attachment: { available: true, strategyId: '30000000-0000-4000-8000-000000000001', strategyName: 'Momentum', author: 'anonymous', backtest: { id: '40000000-0000-4000-8000-000000000001', datasetId: 'krx-demo', totalReturnPct: 12.5, sharpe: 1.1 } },
  };

  it('renders the body from contentHtml only, titles as text, and the attachment card', async () => {
    setup(POST, [c('a', undefined, 0), c('b', 'a', 1, { mine: true })]);
    const body = await screen.findByTestId('post-body');
    expect(body.querySelector('strong')).toHaveTextContent('rendered');
    expect(body).toHaveTextContent('raw <script>window.__pwned = 1</script> rendered');
    expect(body.querySelector('script')).toBeNull();
    expect(body).not.toHaveTextContent('source');
    expect(screen.getByTestId('post-title').textContent).toBe('Hello <b>title</b>');
    expect(screen.getByTestId('view-count')).toHaveTextContent('7');
    expect(screen.getByTestId('attachment-strategy')).toHaveAttribute('href', '/strategies/30000000-0000-4000-8000-000000000001');
    const comments = await screen.findByTestId('comments');
    const reply = within(comments).getByText('html b').closest('li')!;
    expect(reply.parentElement!.closest('li')).toHaveTextContent('html a');
    expect(within(reply).getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    expect(within(within(comments).getByText('html a').closest('li')!).getAllByRole('button', { name: 'Edit' })).toHaveLength(1);
  });

  it('toggles the like with the count the server answers', async () => {
    const calls = setup(POST, [], (req, url) => (url.pathname.endsWith('/like') && req.method === 'PUT' ? json({ postId: PID, liked: true, likeCount: 3 }) : undefined));
    const like = await screen.findByTestId('like');
    expect(like).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(like);
    expect(await screen.findByText('3')).toBeInTheDocument();
    expect(screen.getByTestId('like')).toHaveAttribute('aria-pressed', 'true');
    expect(calls).toContain(`PUT /api/v1/community/posts/${PID}/like`);
  });

  it('shows the problem detail when the post was already reported', async () => {
    setup(POST, [], (_req, url) => (url.pathname.endsWith('/reports') ? json({ type: 'https://stocklab.io/problems/already-reported', title: 'Conflict', status: 409, detail: 'You already reported this post' }, 409) : undefined));
    await userEvent.click(await screen.findByRole('button', { name: 'Report' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.selectOptions(within(dialog).getByRole('combobox'), 'ABUSE');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Report' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You already reported this post');
  });
});
