import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import RankingsPage, { entrySource, pickerOptions } from './RankingsPage';

const auth = vi.hoisted(() => ({ role: 'USER' as 'USER' | 'ADMIN' }));
vi.mock('../api/auth', () => ({ useAuth: () => ({ user: { role: auth.role, nickname: 'me' }, loggedIn: true, loading: false }) }));

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const entry = (rank: number, extra: Record<string, unknown> = {}) => ({
  rank, strategyId: `00000000-0000-4000-8000-00000000000${rank}`, strategyName: `Strategy ${rank}`, author: `user${rank}`, anonymous: false,
  backtestId: `10000000-0000-4000-8000-00000000000${rank}`, value: 2 - rank / 10, totalReturnPct: 50 - rank, cagrPct: 10, sharpe: 2 - rank / 10,
  calmar: 1, maxDrawdownPct: -20, runAt: '2026-12-01T10:00:00Z', mine: false, ...extra,
});
const BOARDS = [
  { datasetId: 'krx-demo', dataVersion: 'v2', currentVersion: true, market: 'ALL', period: 'all', metric: 'SHARPE', entries: 3 },
  { datasetId: 'krx-demo', dataVersion: 'v2', currentVersion: true, market: 'ALL', period: '1y', metric: 'SHARPE', entries: 3 },
  { datasetId: 'krx-demo', dataVersion: 'v2', currentVersion: true, market: 'ALL', period: 'oos', metric: 'SHARPE', entries: 1 },
  { datasetId: 'krx-demo', dataVersion: 'v1', currentVersion: false, market: 'KOSPI', period: 'all', metric: 'SHARPE', entries: 1 },
];

function setup(routes: (url: URL, req: Request) => Response | undefined) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (req: Request) => {
    const url = new URL(req.url);
    calls.push(`${req.method} ${url.pathname}${url.search}`);
    return routes(url, req) ?? json({ title: 'Not Found', status: 404 }, 404);
  }));
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter><RankingsPage /></MemoryRouter>
    </QueryClientProvider>,
  );
  return calls;
}

describe('rankings page', () => {
  afterEach(() => { vi.unstubAllGlobals(); auth.role = 'USER'; });

  it('shows the board with my rank, highlights my entry and pages with the cursor', async () => {
    const calls = setup((url) => {
      if (url.pathname === '/api/v1/rankings/boards') return json(BOARDS);
      if (url.pathname === '/api/v1/rankings') {
        const board = { datasetId: 'krx-demo', dataVersion: 'v2', market: 'ALL', period: 'all', metric: 'SHARPE', windowStart: '2021-01-04', windowEnd: '2025-12-30' };
        return url.searchParams.get('cursor') === 'c2'
          ? json({ board, entries: [entry(3, { anonymous: true, author: 'anonymous', strategyId: undefined })], totalEntries: 3, nextCursor: null, myRank: entry(2, { mine: true }) })
          : json({ board, entries: [entry(1), entry(2, { mine: true })], totalEntries: 3, nextCursor: 'c2', myRank: entry(2, { mine: true }) });
      }
      return undefined;
    });
    const table = await screen.findByTestId('ranking-table');
    expect(screen.getByTestId('my-rank')).toHaveTextContent(/#2 of 3 — Strategy 2/);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveClass('mine');
    expect(rows[0]).not.toHaveClass('mine');
    expect(within(rows[0]!).getByRole('link', { name: 'Strategy 1' })).toHaveAttribute('href', '/strategies/00000000-0000-4000-8000-000000000001');
    expect(within(rows[0]!).getByRole('link', { name: 'Open' })).toHaveAttribute('href', '/backtests/10000000-0000-4000-8000-000000000001');
    // the current version of the dataset, ALL markets, all periods, Sharpe
    expect(calls.find((c) => c.startsWith('GET /api/v1/rankings?'))).toMatch(/dataset=krx-demo.*version=v2.*market=ALL.*period=all.*metric=SHARPE/);
    // the sweeps' out-of-sample period has its own label
    expect(within(screen.getByTestId('ranking-period')).getAllByRole('option').map((o) => o.textContent)).toEqual(['All time', '1 year', 'Out-of-sample (sweeps)']);
    expect(screen.queryByTestId('oos-note')).not.toBeInTheDocument();
    expect(screen.queryByTestId('rankings-rebuild')).not.toBeInTheDocument();

    await userEvent.click(screen.getByTestId('ranking-more'));
    await screen.findByText('Strategy 3');
    const all = within(screen.getByTestId('ranking-table')).getAllByRole('row').slice(1);
    expect(all).toHaveLength(3);
    expect(within(all[2]!).getByText('anonymous')).toBeInTheDocument();
    expect(within(all[2]!).queryByRole('link', { name: 'Strategy 3' })).toBeNull();
    expect(calls.some((c) => c.includes('cursor=c2'))).toBe(true);
    expect(screen.queryByTestId('ranking-more')).not.toBeInTheDocument();
  });

  it('on the oos board, links a sweep entry to its sweep result instead of a backtest', async () => {
    const calls = setup((url) => {
      if (url.pathname === '/api/v1/rankings/boards') return json(BOARDS);
      if (url.pathname === '/api/v1/rankings') {
        const period = url.searchParams.get('period');
        const board = { datasetId: 'krx-demo', dataVersion: 'v2', market: 'ALL', period, metric: 'SHARPE' };
        return period === 'oos'
          ? json({ board, entries: [entry(1, { source: 'SWEEP_OOS', backtestId: null, sweepId: '20000000-0000-4000-8000-000000000001' })], totalEntries: 1, myRank: null })
          : json({ board, entries: [entry(1, { source: 'BACKTEST', sweepId: null })], totalEntries: 1, myRank: null });
      }
      return undefined;
    });
    await screen.findByTestId('ranking-table');
    await userEvent.selectOptions(screen.getByTestId('ranking-period'), 'oos');
    await screen.findByTestId('oos-note');
    await waitFor(() => expect(calls.some((c) => c.includes('period=oos'))).toBe(true));
    const link = await screen.findByRole('link', { name: 'Sweep' });
    expect(link).toHaveAttribute('href', '/sweeps/20000000-0000-4000-8000-000000000001');
    const row = within(screen.getByTestId('ranking-table')).getAllByRole('row')[1]!;
    expect(within(row).queryByRole('link', { name: 'Open' })).toBeNull();
    expect(within(row).getByRole('link', { name: 'Strategy 1' })).toHaveAttribute('href', '/strategies/00000000-0000-4000-8000-000000000001');
  });

  it('shows the empty state and the rebuild button to admins', async () => {
    auth.role = 'ADMIN';
    const calls = setup((url) => {
      if (url.pathname === '/api/v1/rankings/boards') return json(BOARDS.slice(0, 1));
      if (url.pathname === '/api/v1/rankings') return json({ board: {}, entries: [], totalEntries: 0, myRank: null });
      if (url.pathname === '/api/v1/rankings/rebuild') return json({ boards: 4, entries: 9, durationMs: 12, generation: 2 });
      return undefined;
    });
    expect(await screen.findByText(/No ranked strategies on this board yet/)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('rankings-rebuild'));
    expect(await screen.findByText(/Rebuilt: 4 boards, 9 entries/)).toBeInTheDocument();
    expect(calls).toContain('POST /api/v1/rankings/rebuild');
  });

  it('tells a sweep entry from a backtest entry', () => {
    expect(entrySource(entry(1, { source: 'BACKTEST' }) as never)).toEqual({ to: '/backtests/10000000-0000-4000-8000-000000000001', sweep: false });
    expect(entrySource(entry(1, { source: 'SWEEP_OOS', backtestId: null, sweepId: 's1' }) as never)).toEqual({ to: '/sweeps/s1', sweep: true });
    expect(entrySource(entry(1, { source: 'SWEEP_OOS', backtestId: null, sweepId: null }) as never)).toBeNull();
  });

  it('derives the picker options from the boards', () => {
    const o = pickerOptions(BOARDS, { dataset: 'krx-demo', version: 'v1', market: 'KOSPI' });
    expect(o.versions).toEqual(['v2', 'v1']);
    expect(o.markets).toEqual(['KOSPI']);
    expect(o.periods).toEqual(['all']);
  });
});
