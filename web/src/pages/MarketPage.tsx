import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { market, type Asset } from '../api/endpoints';
import { useDatasets, useFactors } from '../api/hooks';
import { Card, Empty, ErrorBox, Loading } from '../components/ui';
import { FactorInput } from '../components/FactorInput';
import { TimeChart, type ChartSeries } from '../charts/TimeChart';
import { isPriceLike, normalizeHistory, toCandles } from '../charts/mapping';

const PALETTE = ['#f59e0b', '#8b5cf6', '#0ea5e9', '#16a34a', '#db2777'];
const PRESETS = ['sma(close,20)', 'sma(close,60)', 'ema(close,12)', 'rsi_14'];

/** Candlesticks with volume and any factor or expression, on the price pane or below it. */
export function PriceChartPanel({ code, dataset }: { code: string; dataset?: string }) {
  const { t } = useTranslation();
  const factors = useFactors();
  const [exprs, setExprs] = useState<string[]>(['sma(close,20)']);
  const [draft, setDraft] = useState('');
  const history = useQuery({ queryKey: ['history', code, exprs, dataset], queryFn: () => market.history(code, exprs, dataset), placeholderData: (p) => p });
  const series = useMemo<ChartSeries[]>(() => {
    if (!history.data) return [];
    const h = normalizeHistory(history.data, exprs);
    const { candles, volumes } = toCandles(h.bars);
    const closes = candles.map((c) => c.close);
    const out: ChartSeries[] = [
      { id: 'candles', label: code, kind: 'candles', data: candles },
      { id: 'volume', label: t('market.volume'), kind: 'histogram', data: volumes, color: '#94a3b8', overlay: true },
    ];
    exprs.forEach((e, i) => {
      const data = h.series[e] ?? [];
      out.push({ id: e, label: e, kind: 'line', data, color: PALETTE[i % PALETTE.length]!, pane: isPriceLike(data.map((p) => p.value), closes) ? 0 : 1 });
    });
    return out;
  }, [history.data, exprs, code, t]);
  const add = (e: string) => {
    const x = e.trim();
    if (x && !exprs.includes(x)) setExprs([...exprs, x].slice(-5));
    setDraft('');
  };
  return (
    <Card title={t('market.indicators')}>
      <div className="chips">
        {exprs.map((e) => <span className="chip" key={e}><code>{e}</code> <button type="button" className="icon" aria-label={t('common.remove')} onClick={() => setExprs(exprs.filter((x) => x !== e))}>×</button></span>)}
        {PRESETS.filter((p) => !exprs.includes(p)).map((p) => <button key={p} type="button" className="chip ghost" onClick={() => add(p)}>+ {p}</button>)}
      </div>
      <form className="row" onSubmit={(ev) => { ev.preventDefault(); add(draft); }}>
        <FactorInput label={t('market.addExpr')} value={draft} onChange={setDraft} factors={factors.data ?? []} placeholder={t('market.exprPlaceholder')} />
        <button className="button small">{t('market.addExpr')}</button>
      </form>
      <ErrorBox error={history.error} />
      {history.isLoading ? <Loading /> : series.length ? <TimeChart series={series} height={420} testId="price-chart" /> : null}
    </Card>
  );
}

export default function MarketPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced, setDebounced] = useState(q);
  useEffect(() => { const h = setTimeout(() => setDebounced(q), 250); return () => clearTimeout(h); }, [q]);
  const selected = params.get('code');
  const datasets = useDatasets();
  const dataset = params.get('dataset') ?? undefined;
  const results = useQuery({ queryKey: ['symbols', debounced, dataset], queryFn: () => market.search(debounced, dataset), placeholderData: (p) => p });
  const pick = (a: Asset) => setParams({ code: a.code, q, ...(dataset ? { dataset } : {}) });
  return (
    <div className="page">
      <h1>{t('market.title')}</h1>
      <div className="grid market">
        <Card>
          {datasets.data && datasets.data.length > 1 && (
            <select aria-label={t('builder.dataset')} value={dataset ?? ''} onChange={(e) => setParams(e.target.value ? { dataset: e.target.value } : {})}>
              <option value="">{t('builder.dataset')}: {datasets.data.find((d) => d.isDefault)?.name ?? datasets.data[0]?.name ?? '—'}</option>
              {datasets.data.map((d) => <option key={d.id} value={d.id}>{d.name ?? d.id}</option>)}
            </select>
          )}
          <input type="search" className="search" placeholder={t('market.search')} aria-label={t('market.search')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="symbol-search" />
          <ErrorBox error={results.error} />
          {results.isLoading ? <Loading /> : !results.data?.length ? <Empty>{t('market.noResults')}</Empty> : (
            <ul className="symbols">{results.data.map((a) => (
              <li key={a.code} className={a.code === selected ? 'active' : ''}>
                <button type="button" onClick={() => pick(a)}><code>{a.code}</code> {a.name} <span className="muted small">{a.market}</span></button>
              </li>
            ))}</ul>
          )}
        </Card>
        <div>
          {selected ? (
            <>
              <div className="page-head"><h2>{selected}</h2><Link to={`/market/${encodeURIComponent(selected)}${dataset ? `?dataset=${dataset}` : ''}`} className="button small">{t('market.openAsset')}</Link></div>
              <PriceChartPanel code={selected} dataset={dataset} />
            </>
          ) : <Empty>{t('market.pick')}</Empty>}
        </div>
      </div>
    </div>
  );
}
