import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TradesTable } from './TradesTable';
import type { Trade } from '../api/endpoints';
import { toCsv } from '../lib/csv';

const trades: Trade[] = Array.from({ length: 5000 }, (_, i) => ({
  seq: i + 1, date: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, symbol: `S${String(i).padStart(4, '0')}`,
  side: i % 2 ? 'SELL' : 'BUY', qty: 10 + i, price: 1000 + i, commission: 15, tax: i % 2 ? 20 : 0, pnl: i % 2 ? i - 2500 : null,
}));

describe('TradesTable', () => {
  // jsdom has no layout: give the scroll box the size it has in the browser
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect({ width: 800, height: 420 }));
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(420);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
  });
  afterEach(() => vi.restoreAllMocks());

  it('renders only the visible rows of 5,000 trades', () => {
    render(<TradesTable trades={trades} />);
    const rows = within(screen.getByTestId('trades-table')).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(80);
    expect(screen.getByText('5000 trades')).toBeInTheDocument();
  });

  it('sorts by a column when its header is clicked', async () => {
    render(<TradesTable trades={trades.slice(0, 20)} />);
    const table = screen.getByTestId('trades-table');
    await userEvent.click(within(table).getByRole('button', { name: 'Price' }));
    const header = within(table).getByRole('columnheader', { name: /Price/ });
    const first = () => within(table).getAllByRole('row')[1]!;
    // numbers sort descending first, then ascending
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(first()).toHaveTextContent('S0019');
    await userEvent.click(within(table).getByRole('button', { name: /Price/ }));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(first()).toHaveTextContent('S0000');
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], [1.5, null], ['=SUM(A1)', '-3']])).toBe('a,b\r\n"x,y","say ""hi"""\r\n1.5,\r\n\'=SUM(A1),-3\r\n');
  });
});
