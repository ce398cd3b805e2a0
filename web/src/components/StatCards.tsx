import { useTranslation } from 'react-i18next';
import { formatNumber, formatPct, signClass } from '../lib/format';

export const STAT_KEYS = ['totalReturnPct', 'cagrPct', 'maxDrawdownPct', 'sharpe', 'sortino', 'volatilityPct', 'winRatePct', 'trades', 'exposurePct'] as const;
export type StatKey = (typeof STAT_KEYS)[number] | 'calmar' | 'roundTrips' | 'avgHoldDays' | 'alpha' | 'beta';

export function formatStat(key: StatKey, v: number | undefined | null): string {
  if (v == null) return '—';
  switch (key) {
    case 'totalReturnPct': case 'cagrPct': return formatPct(v, 2, true);
    case 'maxDrawdownPct': return formatPct(-Math.abs(v), 2);
    case 'volatilityPct': case 'winRatePct': case 'exposurePct': return formatPct(v, 1);
    case 'trades': case 'roundTrips': return formatNumber(v, 0);
    case 'avgHoldDays': return formatNumber(v, 1);
    default: return formatNumber(v, 2);
  }
}

/** Higher is better for every stat but drawdown and volatility. */
export const lowerIsBetter = (key: StatKey) => key === 'maxDrawdownPct' || key === 'volatilityPct';

/** Cards of the given statistics (by default a backtest's main ones); a missing value shows as a dash. */
export function StatCards({ stats, keys = STAT_KEYS }: {
  stats: Partial<Record<StatKey, number | null>> | null | undefined;
  keys?: readonly StatKey[];
}) {
  const { t } = useTranslation();
  return (
    <div className="stat-cards">
      {keys.map((k) => {
        const v = stats?.[k];
        const cls = k === 'totalReturnPct' || k === 'cagrPct' ? signClass(v) : k === 'maxDrawdownPct' && v ? 'down' : '';
        return (
          <div className="stat-card" key={k} data-stat={k}>
            <div className="stat-label">{t(`stats.${k}`)}</div>
            <div className={`stat-value ${cls}`}>{formatStat(k, v)}</div>
          </div>
        );
      })}
    </div>
  );
}
