import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import SweepsPage from './SweepsPage';

// the canvas charts do not draw in jsdom: stand-ins that show what they were given
vi.mock('../charts/TimeChart', () => ({
  TimeChart: ({ series, testId }: { series: { data: unknown[] }[]; testId?: string }) => <div data-testid={testId} data-points={series.reduce((n, s) => n + s.data.length, 0)} />,
}));
vi.mock('../charts/EChart', () => ({ EChart: ({ testId }: { testId?: string }) => <div data-testid={testId} /> }));

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const STRATEGY = { id: '00000000-0000-4000-8000-0000000000a1', name: 'Momentum 12-1', version: 3, mine: true, spec: { name: 'Momentum 12-1', dataset: 'krx-demo' } };
const SWEEP_ID = '20000000-0000-4000-8000-000000000001';
const WINDOWS = [
  { inStart: '2019-01-02', inEnd: '2019-12-30', outStart: '2020-01-02', outEnd: '2020-06-30', winnerIndex: 1, winnerLabel: 'maxPositions=10', inSample: 1.234, outOfSample: 0.456 },
  { inStart: '2019-07-01', inEnd: '2020-06-30', outStart: '2020-07-01', outEnd: '2020-12-30', winnerIndex: 0, winnerLabel: 'maxPositions=5', inSample: 0.9, outOfSample: -0.25 },
];

interface Call { method: string; path: string; body?: Record<string, unknown> }

function setup(url: string, routes: (u: URL, req: Request) => Response | undefined) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (req: Request) => {
    const u = new URL(req.url);
    const text = req.method === 'POST' ? await req.clone().text() : '';
    calls.push({ method: req.method, path: u.pathname, body: text ? JSON.parse(text) as Record<string, unknown> : undefined });
    return routes(u, req) ?? json({ title: 'Not Found', status: 404 }, 404);
  }));
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[url]}>
        <Routes><Route path="/sweeps" element={<SweepsPage />} /><Route path="/sweeps/:id" element={<SweepsPage />} /></Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return calls;
}

/** The new-sweep page's endpoints: my strategies, my sweeps, and the start of a sweep (which then reads as queued). */
const newSweepRoutes = (u: URL, req: Request) => {
  if (u.pathname === '/api/v1/strategies') return json({ items: [STRATEGY], page: 0, size: 50, totalItems: 1, totalPages: 1 });
  if (u.pathname === `/api/v1/strategies/${STRATEGY.id}`) return json(STRATEGY);
  if (u.pathname === '/api/v1/sweeps' && req.method === 'GET') return json([]);
  if (u.pathname === '/api/v1/sweeps' && req.method === 'POST') return json({ id: SWEEP_ID, status: 'QUEUED', variants: 3 }, 202);
  if (u.pathname === `/api/v1/sweeps/${SWEEP_ID}`) return json({ id: SWEEP_ID, status: 'QUEUED', percent: 0 });
  return undefined;
};

describe('sweeps page: starting a sweep', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sweeps a picked saved strategy by its id, without sending a spec', async () => {
    const calls = setup('/sweeps', newSweepRoutes);
    const picker = await screen.findByLabelText('Base strategy');
    await screen.findByRole('option', { name: 'Momentum 12-1 (v3)' });
    await userEvent.selectOptions(picker, STRATEGY.id);
    await userEvent.click(screen.getByLabelText('Walk-forward'));
    await userEvent.click(screen.getByRole('button', { name: 'Start sweep' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const body = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/sweeps')!.body!;
    expect(body.strategyId).toBe(STRATEGY.id);
    expect(body).not.toHaveProperty('spec');
    expect(body).not.toHaveProperty('name'); // the server names it after the strategy
    expect(body.parameters).toEqual({ '/buy/maxPositions': { min: 10, max: 30, step: 10 } });
    expect(body.walkForward).toEqual({ inSampleMonths: 36, outOfSampleMonths: 12 });
    // the spec is not fetched to be copied: the server takes the strategy's current version
    expect(calls.some((c) => c.path === `/api/v1/strategies/${STRATEGY.id}`)).toBe(false);
  });

  it('requires a strategy, and preselects the one the strategy page links with', async () => {
    const calls = setup(`/sweeps?strategy=${STRATEGY.id}`, newSweepRoutes);
    await screen.findByRole('option', { name: 'Momentum 12-1 (v3)' });
    await waitFor(() => expect(screen.getByLabelText('Base strategy')).toHaveValue(STRATEGY.id));
    await userEvent.selectOptions(screen.getByLabelText('Base strategy'), '');
    await userEvent.click(screen.getByRole('button', { name: 'Start sweep' }));
    expect(await screen.findByText('Required')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await userEvent.selectOptions(screen.getByLabelText('Base strategy'), STRATEGY.id);
    await userEvent.click(screen.getByRole('button', { name: 'Start sweep' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body?.strategyId).toBe(STRATEGY.id));
  });

  it('still sweeps an inline spec: checks it is a JSON object and sends it without a strategy', async () => {
    const calls = setup('/sweeps', newSweepRoutes);
    await screen.findByRole('option', { name: 'Momentum 12-1 (v3)' });
    await userEvent.click(screen.getByLabelText('An inline spec (JSON)'));
    const spec = screen.getByLabelText('Spec (JSON)');
    await userEvent.type(spec, '42');
    await userEvent.click(screen.getByRole('button', { name: 'Start sweep' }));
    expect(await screen.findByText('Must be a JSON object')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    // copying a saved strategy's spec fills the text
    await userEvent.selectOptions(screen.getByLabelText('Copy the spec of'), STRATEGY.id);
    await waitFor(() => expect((spec as HTMLTextAreaElement).value).toContain('"dataset": "krx-demo"'));
    await userEvent.click(screen.getByRole('button', { name: 'Start sweep' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const body = calls.find((c) => c.method === 'POST')!.body!;
    expect(body.spec).toEqual(STRATEGY.spec);
    expect(body.name).toBe('Momentum 12-1');
    expect(body).not.toHaveProperty('strategyId');
    expect(body.walkForward).toBeNull();
  });
});

describe('sweeps page: a sweep result', () => {
  afterEach(() => vi.unstubAllGlobals());

  const sweepRoutes = (summary: Record<string, unknown>, curve: Record<string, unknown>, extra: Record<string, unknown> = {}) => (u: URL) => {
    if (u.pathname === `/api/v1/sweeps/${SWEEP_ID}`) {
      return json({ id: SWEEP_ID, name: 'Sweep of Momentum 12-1', objective: 'sharpe', status: 'COMPLETED', percent: 100, strategyId: STRATEGY.id, strategyVersion: 2, summary, ...extra });
    }
    if (u.pathname === `/api/v1/sweeps/${SWEEP_ID}/results`) return json({ items: [{ index: 0, label: 'maxPositions=5', parameters: { '/buy/maxPositions': 5 }, objective: 0.9, outOfSampleObjective: 0.1 }] });
    if (u.pathname === `/api/v1/sweeps/${SWEEP_ID}/out-of-sample`) return json(curve);
    if (u.pathname === `/api/v1/strategies/${STRATEGY.id}`) return json(STRATEGY);
    return undefined;
  };

  it('shows the strategy and version, the walk-forward windows and the chained out-of-sample result', async () => {
    const calls = setup(`/sweeps/${SWEEP_ID}`, sweepRoutes(
      { best: { index: 1, label: 'maxPositions=10', parameters: {}, objective: 1.1 }, bestInSample: 1.1, bestOutOfSample: 0.2, walkForward: WINDOWS,
        outOfSample: { start: '2020-01-02', end: '2020-12-30', days: 250, initialCapital: 1e8, totalReturnPct: 12.5, cagrPct: 12.6, sharpe: 0.87, calmar: 1.5, maxDrawdownPct: 8.4 } },
      { sweepId: SWEEP_ID, available: true, start: '2020-01-02', end: '2020-12-30', initialCapital: 1e8,
        equity: [{ date: '2020-01-02', value: 1e8 }, { date: '2020-01-03', value: 1.01e8 }, { date: '2020-12-30', value: 1.125e8 }] },
    ));
    const table = await screen.findByTestId('wf-windows');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('2019-01-02 – 2019-12-30');
    expect(rows[0]).toHaveTextContent('2020-01-02 – 2020-06-30');
    expect(rows[0]).toHaveTextContent('maxPositions=10');
    expect(rows[0]).toHaveTextContent('1.234');
    expect(rows[0]).toHaveTextContent('0.456');
    expect(rows[1]).toHaveTextContent('maxPositions=5');
    expect(rows[1]).toHaveTextContent('-0.25');

    const oos = screen.getByTestId('oos-result');
    expect(oos).toHaveTextContent(/honest out-of-sample result/);
    expect(oos).toHaveTextContent(/out-of-sample rankings/);
    expect(within(oos).getByText('+12.50%')).toBeInTheDocument();
    expect(oos.querySelector('[data-stat="sharpe"]')).toHaveTextContent('Sharpe0.87');
    expect(oos.querySelector('[data-stat="calmar"]')).toHaveTextContent('Calmar1.5');
    expect(oos.querySelector('[data-stat="maxDrawdownPct"]')).toHaveTextContent('-8.40%');
    await waitFor(() => expect(screen.getByTestId('oos-chart')).toHaveAttribute('data-points', '3'));
    expect(screen.queryByTestId('oos-unavailable')).not.toBeInTheDocument();

    const origin = screen.getByTestId('sweep-origin');
    expect(await within(origin).findByRole('link', { name: 'Momentum 12-1' })).toHaveAttribute('href', `/strategies/${STRATEGY.id}`);
    expect(origin).toHaveTextContent('version 2');
    expect(calls.some((c) => c.path === `/api/v1/sweeps/${SWEEP_ID}/out-of-sample`)).toBe(true);
  });

  it('shows why there is no chained out-of-sample result', async () => {
    const reason = 'out-of-sample windows overlap (stepMonths < outOfSampleMonths)';
    const calls = setup(`/sweeps/${SWEEP_ID}`, sweepRoutes(
      { walkForward: [{ ...WINDOWS[0], winnerIndex: null, winnerLabel: null, inSample: null, outOfSample: null }, WINDOWS[1]], outOfSample: null, outOfSampleUnavailable: reason },
      { sweepId: SWEEP_ID, available: false, reason, equity: [] },
      { strategyId: null, strategyVersion: null },
    ));
    const table = await screen.findByTestId('wf-windows');
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('no winner');
    expect(screen.getByTestId('oos-unavailable')).toHaveTextContent(`No chained out-of-sample result: ${reason}`);
    expect(screen.queryByTestId('oos-result')).not.toBeInTheDocument();
    expect(screen.getByTestId('sweep-origin')).toHaveTextContent('Swept an inline spec');
    expect(calls.some((c) => c.path.endsWith('/out-of-sample'))).toBe(false);
  });

  it('shows no walk-forward section for a plain sweep', async () => {
    setup(`/sweeps/${SWEEP_ID}`, sweepRoutes({ best: { index: 0, label: 'maxPositions=5', parameters: {}, objective: 0.9 } }, { available: false, equity: [] }));
    await screen.findByTestId('sweep-results');
    expect(screen.queryByTestId('wf-windows')).not.toBeInTheDocument();
    expect(screen.queryByTestId('oos-unavailable')).not.toBeInTheDocument();
  });
});
