import { sparklinePoints } from '../charts/mapping';

/** A tiny SVG line (no chart library, so the dashboard stays light). */
export function Sparkline({ values, width = 120, height = 32 }: { values: number[]; width?: number; height?: number }) {
  const points = sparklinePoints(values, width, height);
  if (!points) return <svg width={width} height={height} aria-hidden />;
  const up = (values[values.length - 1] ?? 0) >= (values[0] ?? 0);
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden>
      <polyline fill="none" stroke={up ? 'var(--up)' : 'var(--down)'} strokeWidth="1.5" points={points} />
    </svg>
  );
}
