import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from './EChart';
import { monthlyHeatmap } from './mapping';
import { formatPct } from '../lib/format';

const MONTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];

/** Years × months heatmap of monthly returns with each year's compounded total in the last column. */
export function MonthlyHeatmap({ rows }: { rows: { month: string; returnPct: number }[] }) {
  const { t } = useTranslation();
  const h = useMemo(() => monthlyHeatmap(rows), [rows]);
  const option = useMemo(() => {
    const bound = Math.max(1, Math.abs(h.min), Math.abs(h.max));
    const yearlyCells = h.years.map((y, i) => [12, i, h.yearly[y] ?? 0]);
    return {
      tooltip: { formatter: (p: { value: [number, number, number] }) => `${h.years[p.value[1]]} ${p.value[0] === 12 ? t('result.total') : MONTHS[p.value[0]]}: ${formatPct(p.value[2], 2, true)}` },
      grid: { left: 48, right: 8, top: 8, bottom: 56 },
      xAxis: { type: 'category', data: [...MONTHS, t('result.total')], splitArea: { show: true } },
      yAxis: { type: 'category', data: h.years.map(String), inverse: true },
      visualMap: { min: -bound, max: bound, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#3e63dd', '#f8fafc', '#e5484d'] }, text: ['+', '−'] },
      series: [{
        type: 'heatmap',
        data: [...h.cells, ...yearlyCells],
        label: { show: h.years.length <= 15, fontSize: 9, formatter: (p: { value: [number, number, number] }) => p.value[2].toFixed(1) },
      }],
    };
  }, [h, t]);
  return <EChart option={option} height={Math.max(160, 70 + h.years.length * 24)} testId="monthly-heatmap" />;
}

export default MonthlyHeatmap;
