import { useMemo, useRef, useState } from 'react';
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { Trade } from '../api/endpoints';
import { formatNumber, formatQty, signClass } from '../lib/format';
import { saveFile, toCsv } from '../lib/csv';

const ROW = 32;

/** Sortable trades table; only the visible rows are in the DOM, so 5,000+ trades scroll smoothly. */
export function TradesTable({ trades, fileName = 'trades.csv' }: { trades: Trade[]; fileName?: string }) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo<ColumnDef<Trade>[]>(() => [
    { accessorKey: 'date', header: t('trades.date') },
    { accessorKey: 'symbol', header: t('trades.symbol'), cell: (c) => <>{c.row.original.symbol}{c.row.original.name ? <span className="muted"> {c.row.original.name}</span> : null}</> },
    { accessorKey: 'side', header: t('trades.side'), cell: (c) => <span className={c.getValue<string>() === 'BUY' ? 'up' : 'down'}>{t(`trades.${c.getValue<string>()}`, { defaultValue: c.getValue<string>() })}</span> },
    { id: 'qty', accessorFn: (r) => r.qty ?? r.quantity, header: t('trades.qty'), cell: (c) => formatQty(c.getValue<number>()), meta: { num: true } },
    { accessorKey: 'price', header: t('trades.price'), cell: (c) => formatNumber(c.getValue<number>(), 2), meta: { num: true } },
    { accessorKey: 'commission', header: t('trades.commission'), cell: (c) => formatNumber(c.getValue<number>(), 0), meta: { num: true } },
    { accessorKey: 'tax', header: t('trades.tax'), cell: (c) => formatNumber(c.getValue<number>(), 0), meta: { num: true } },
    { id: 'pnl', accessorFn: (r) => r.pnl ?? undefined, header: t('trades.pnl'), cell: (c) => <span className={signClass(c.getValue<number>())}>{formatNumber(c.getValue<number>(), 0)}</span>, meta: { num: true }, sortUndefined: 'last' },
  ], [t]);
  const table = useReactTable({ data: trades, columns, state: { sorting }, onSortingChange: setSorting, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel() });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12, initialRect: { width: 800, height: 420 } });
  const items = virtual.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtual.getTotalSize() - items[items.length - 1]!.end : 0;

  const exportCsv = () => {
    const header = ['date', 'symbol', 'side', 'qty', 'price', 'commission', 'tax', 'pnl'];
    saveFile(fileName, toCsv(header, rows.map(({ original: r }) => [r.date, r.symbol, r.side, r.qty ?? r.quantity, r.price, r.commission, r.tax, r.pnl])));
  };

  return (
    <div className="trades">
      <div className="table-toolbar">
        <span className="muted">{t('trades.rows', { count: trades.length })}</span>
        <button type="button" className="button small" onClick={exportCsv} data-testid="export-csv">{t('result.exportCsv')}</button>
      </div>
      <div className="table-scroll" ref={scroller} data-testid="trades-table">
        <table className="table">
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  return (
                    <th key={h.id} className={(h.column.columnDef.meta as { num?: boolean } | undefined)?.num ? 'num' : ''} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                      <button type="button" className="th-sort" onClick={h.column.getToggleSortingHandler()}>
                        {flexRender(h.column.columnDef.header, h.getContext())}{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && <tr style={{ height: padTop }} aria-hidden><td colSpan={columns.length} /></tr>}
            {items.map((vi) => {
              const row = rows[vi.index]!;
              return (
                <tr key={row.id} style={{ height: ROW }}>
                  {row.getVisibleCells().map((c) => (
                    <td key={c.id} className={(c.column.columnDef.meta as { num?: boolean } | undefined)?.num ? 'num' : ''}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden><td colSpan={columns.length} /></tr>}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export default TradesTable;
