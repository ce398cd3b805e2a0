import { useEffect } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { market } from '../api/endpoints';
import { Card, ErrorBox, Loading } from '../components/ui';
import { PriceChartPanel } from './MarketPage';
import { formatMoney, formatNumber, formatPct, signClass } from '../lib/format';
import { useLang } from '../i18n';
import { interests } from '../api/social';
import { WatchButton } from '../components/InterestButtons';

export default function AssetPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const dataset = params.get('dataset') ?? undefined;
  const asset = useQuery({ queryKey: ['asset', code, dataset], queryFn: () => market.asset(code, dataset) });
  const a = asset.data;
  const qc = useQueryClient();
  // record the view once the asset exists (recently viewed); a failure here must not disturb the page
  const loadedCode = a?.code;
  useEffect(() => {
    if (!loadedCode) return;
    interests.viewed(loadedCode, dataset).then(() => qc.invalidateQueries({ queryKey: ['interests', 'recent'] }), () => undefined);
  }, [loadedCode, dataset, qc]);
  const currency = a?.currency ?? 'KRW';
  const change = a?.lastBar?.close != null && a.lastBar.open ? (a.lastBar.close / a.lastBar.open - 1) * 100 : null;
  const big = (k: string, v: unknown) => typeof v === 'number' && /cap|revenue|income|equity|assets|cash|debt|sales|profit/i.test(k) ? formatMoney(v, currency, lang) : typeof v === 'number' ? formatNumber(v, 4) : String(v ?? '—');
  return (
    <div className="page">
      {asset.isLoading ? <Loading /> : asset.error ? <ErrorBox error={asset.error} /> : a && (
        <div className="page-head">
          <div>
            <h1>{a.name ?? a.code} <code className="muted">{a.code}</code></h1>
            <p className="muted">{[a.market, a.sector, a.industry].filter(Boolean).join(' · ')}</p>
            <WatchButton symbol={a.code} datasetId={dataset} />
          </div>
          {a.lastBar && <div className="quote"><strong>{formatMoney(a.lastBar.close, currency, lang)}</strong> <span className="muted small">{a.lastBar.date}</span> {change != null && <span className={signClass(change)}>{formatPct(change, 2, true)}</span>}</div>}
        </div>
      )}
      <PriceChartPanel code={code} dataset={dataset} />
      {a && (
        <div className="grid two">
          <Card title={t('market.fundamentals')} actions={a.latestFundamentals?.disclosed ? <span className="muted small">{a.latestFundamentals.periodEnd} · {a.latestFundamentals.disclosed}</span> : undefined}>
            <dl className="kv compact">{Object.entries(a.latestFundamentals?.items ?? {}).map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{big(k, v)}</dd></div>)}</dl>
          </Card>
          <Card title={t('market.factors')}>
            <dl className="kv compact">{Object.entries(a.factors ?? {}).map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{formatNumber(v, 4)}</dd></div>)}</dl>
          </Card>
        </div>
      )}
    </div>
  );
}
