import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { WatchButton } from './InterestButtons';

const json = (body: unknown, status = 200) => new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('watch button', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('adds the symbol and then removes it with the dataset the watchlist names', async () => {
    let items: { symbol: string; datasetId: string }[] = [];
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (req: Request) => {
      const url = new URL(req.url).pathname;
      calls.push(`${req.method} ${url}`);
      if (url === '/api/v1/interests/watchlist' && req.method === 'GET') return json({ items, count: items.length, limit: 200 });
      if (url === '/api/v1/interests/watchlist' && req.method === 'POST') {
        const body = (await req.json()) as { symbol: string };
        items = [{ symbol: body.symbol, datasetId: 'krx-demo' }];
        return json({ items });
      }
      if (req.method === 'DELETE') { items = []; return json(null, 204); }
      return json({ status: 404 }, 404);
    }));
    render(<QueryClientProvider client={new QueryClient()}><WatchButton symbol="a005930" /></QueryClientProvider>);
    const button = await screen.findByRole('button', { name: /Add to watchlist/ });
    await vi.waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    expect(await screen.findByRole('button', { name: /Remove from watchlist/ })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: /Remove from watchlist/ }));
    expect(await screen.findByRole('button', { name: /Add to watchlist/ })).toHaveAttribute('aria-pressed', 'false');
    expect(calls).toContain('DELETE /api/v1/interests/watchlist/krx-demo/A005930');
  });
});
