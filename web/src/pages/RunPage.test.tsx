import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import RunPage from './RunPage';

const ID = '11111111-2222-4333-8444-555555555555';
const state = (s: Record<string, unknown>) => JSON.stringify({ id: ID, status: 'RUNNING', percent: 0, phase: 'loading', ...s });

/** An SSE body that sends the given events and then ends (or breaks) the connection. */
function sse(events: string[], broken = false): Response {
  const enc = new TextEncoder();
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (i < events.length) c.enqueue(enc.encode(`event: state\ndata: ${events[i++]}\n\n`));
      else if (broken) c.error(new TypeError('network error'));
      else c.close();
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

describe('run page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('follows the SSE stream, reconnects after a drop and shows the final state', async () => {
    let connections = 0;
    vi.stubGlobal('fetch', vi.fn(async (req: Request) => {
      const url = new URL(req.url).pathname;
      if (url.endsWith('/events')) {
        connections++;
        return connections === 1
          ? sse([state({ percent: 10, phase: 'factors' }), state({ percent: 40, phase: 'simulating', simulatedDate: '2020-03-02', etaMs: 4000 })], true)
          : sse([state({ percent: 100, status: 'COMPLETED', phase: 'completed' })]);
      }
      if (url.endsWith('/status')) return new Response(state({ percent: 55, phase: 'simulating' }), { headers: { 'Content-Type': 'application/json' } });
      return new Response('{}', { status: 404 });
    }));
    const qc = new QueryClient();
    render(
      <QueryClientProvider client={qc}>
        <MemoryRouter initialEntries={[`/backtests/${ID}/run`]}>
          <Routes>
            <Route path="/backtests/:id/run" element={<RunPage />} />
            <Route path="/backtests/:id" element={<p>result page</p>} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('2020-03-02')).toBeInTheDocument();
    expect(await screen.findByText(/Done — opening the result/, {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    expect(connections).toBe(2);
    expect(await screen.findByText('result page', {}, { timeout: 3000 })).toBeInTheDocument();
  });
});
