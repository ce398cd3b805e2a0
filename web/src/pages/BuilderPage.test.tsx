import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import BuilderPage from './BuilderPage';

const FACTORS = [
  { id: 'per', name: 'Price / earnings (PER)', formula: 'market_cap / net_income_ttm' },
  { id: 'pbr', name: 'Price / book (PBR)', formula: 'market_cap / equity' },
  { id: 'roe', name: 'Return on equity', formula: 'net_income_ttm / equity' },
  { id: 'roa', name: 'Return on assets', formula: 'net_income_ttm / assets' },
];

function mockApi() {
  const calls: { url: string; body?: unknown }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: Request) => {
    const url = new URL(input.url, 'http://localhost').pathname;
    const body = input.method === 'POST' ? await input.clone().json() : undefined;
    calls.push({ url, body });
    const json = (v: unknown, status = 200) => new Response(JSON.stringify(v), { status, headers: { 'Content-Type': 'application/json' } });
    if (url === '/api/v1/factors') return json({ count: FACTORS.length, categories: [{ category: 'value', label: 'Value', factors: FACTORS.slice(0, 2) }, { category: 'quality', label: 'Quality', factors: FACTORS.slice(2) }] });
    if (url === '/api/v1/datasets') return json({ defaultDataset: 'krx-demo', items: [{ id: 'krx-demo', name: 'KRX demo', isDefault: true }] });
    if (url === '/api/v1/strategies/templates') return json([]);
    if (url === '/api/v1/strategies/validate') {
      const when = (body as { buy?: { when?: string } }).buy?.when ?? '';
      return json(when.includes('pre')
        ? { valid: false, problems: [{ path: '$.buy.when', message: "unknown identifier 'pre' at 1:1 — did you mean 'per'?" }] }
        : { valid: true, problems: [] });
    }
    return json({ title: 'Not Found', status: 404 }, 404);
  }));
  return calls;
}

function renderBuilder() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MemoryRouter initialEntries={['/strategies/new']}>
        <Routes><Route path="/strategies/new" element={<BuilderPage />} /></Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('strategy builder', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a range error next to max positions as you type', async () => {
    mockApi();
    renderBuilder();
    const input = screen.getByTestId('max-positions');
    await userEvent.clear(input);
    await userEvent.type(input, '0');
    const field = input.closest('.field') as HTMLElement;
    expect(await within(field).findByRole('alert')).toHaveTextContent('Must be between 1 and 10000');
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the end-before-start error on the end date', async () => {
    mockApi();
    renderBuilder();
    await userEvent.type(screen.getByTestId('period-start'), '2022-01-01');
    await userEvent.type(screen.getByTestId('period-end'), '2021-01-01');
    const end = screen.getByTestId('period-end').closest('.field') as HTMLElement;
    expect(await within(end).findByRole('alert')).toHaveTextContent('The end is before the start');
  });

  it('puts the server validation message under the raw expression that caused it', async () => {
    const calls = mockApi();
    renderBuilder();
    await userEvent.click(within(screen.getByTestId('buy')).getByLabelText('Expression'));
    const raw = screen.getByTestId('buy-raw');
    await userEvent.type(raw, 'pre > 1');
    const box = screen.getByTestId('buy');
    expect(await within(box).findByText(/unknown identifier 'pre' at 1:1 — did you mean 'per'\?/, {}, { timeout: 3000 })).toBeInTheDocument();
    expect(calls.some((c) => c.url === '/api/v1/strategies/validate' && (c.body as { buy?: { when?: string } }).buy?.when === 'pre > 1')).toBe(true);
  });

  it('completes factor ids from the catalogue', async () => {
    mockApi();
    renderBuilder();
    await waitFor(() => expect(screen.getByTestId('buy-left-0')).toBeInTheDocument());
    const left = screen.getByTestId('buy-left-0');
    await userEvent.clear(left);
    await userEvent.type(left, 'ro');
    const options = within(await screen.findByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['roe Return on equity', 'roa Return on assets']);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(left).toHaveValue('roa');
  });
});
