import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import CommunityPage from './CommunityPage';
import { FollowButton } from '../components/InterestButtons';

vi.mock('../api/auth', () => ({ useAuth: () => ({ user: { role: 'USER', nickname: 'me' }, loggedIn: true, loading: false }) }));

const json = (body: unknown, status = 200) => new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const post = (n: number) => ({ id: `p${n}`, category: 'FREE', title: `Post ${n}`, excerpt: `<b>excerpt ${n}</b>`, author: { nickname: 'ann' }, likeCount: n, commentCount: 0, viewCount: 1, createdAt: '2026-12-01T00:00:00Z' });
const wrap = (ui: React.ReactNode) => render(<QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}><MemoryRouter>{ui}</MemoryRouter></QueryClientProvider>);

describe('community list', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('filters by category, searches, sorts and pages with the cursor', async () => {
    const queries: URLSearchParams[] = [];
    vi.stubGlobal('fetch', vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      queries.push(url.searchParams);
      return url.searchParams.get('cursor') === 'next' ? json({ items: [post(3)], nextCursor: null }) : json({ items: [post(1), post(2)], nextCursor: 'next' });
    }));
    wrap(<CommunityPage />);
    const list = await screen.findByTestId('post-list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getByText('<b>excerpt 1</b>')).toBeInTheDocument(); // excerpts are plain text
    await userEvent.click(screen.getByRole('button', { name: 'More' }));
    await screen.findByText('Post 3');
    expect(screen.queryByRole('button', { name: 'More' })).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'Q&A' }));
    await userEvent.selectOptions(screen.getByLabelText('Sort'), 'likes');
    await userEvent.type(screen.getByLabelText('Search posts'), 'momentum{Enter}');
    await vi.waitFor(() => {
      const last = queries.at(-1)!;
      expect([last.get('category'), last.get('sort'), last.get('q')]).toEqual(['QNA', 'likes', 'momentum']);
    });
    expect(screen.getByRole('tab', { name: 'Q&A' })).toHaveAttribute('aria-selected', 'true');
  });
});

describe('follow button', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('follows and unfollows a strategy', async () => {
    let follows: { strategyId: string }[] = [];
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (req: Request) => {
      const url = new URL(req.url).pathname;
      calls.push(`${req.method} ${url}`);
      if (req.method === 'GET') return json({ items: follows, count: follows.length, limit: 500 });
      if (req.method === 'PUT') { follows = [{ strategyId: 's1' }]; return json({ items: follows }, 201); }
      follows = [];
      return json(null, 204);
    }));
    wrap(<FollowButton strategyId="s1" />);
    const button = await screen.findByRole('button', { name: 'Follow' });
    await vi.waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    await userEvent.click(await screen.findByRole('button', { name: /Following/ }));
    await screen.findByRole('button', { name: 'Follow' });
    expect(calls).toEqual(expect.arrayContaining(['PUT /api/v1/interests/follows/s1', 'DELETE /api/v1/interests/follows/s1']));
  });
});
