import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useForm, useFieldArray } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FINAL, strategies, sweeps, type Sweep, type SweepOutOfSample, type SweepRequest, type SweepVariant, type SweepWindow } from '../api/endpoints';
import type { StrategySpec } from '../strategy/spec';
import { useMyStrategies } from '../api/hooks';
import { Card, Empty, ErrorBox, Field, Loading, ProgressBar, Select, StatusBadge, FieldError } from '../components/ui';
import { StatCards, type StatKey } from '../components/StatCards';
import { TimeChart, type ChartSeries } from '../charts/TimeChart';
import { toLineData } from '../charts/mapping';
import { EChart } from '../charts/EChart';
import { formatNumber, signClass } from '../lib/format';

const num = z.string().refine((s) => s.trim() !== '' && Number.isFinite(Number(s)), 'v.number');
/** An inline spec as typed: a JSON object, or undefined when it is not one. */
export function parseSpec(text: string): StrategySpec | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as StrategySpec) : undefined;
  } catch {
    return undefined;
  }
}

const schema = z.object({
  /** strategy: sweep a saved strategy (linked to it, versioned, can be ranked); spec: sweep an inline spec */
  source: z.enum(['strategy', 'spec']),
  strategyId: z.string(),
  specJson: z.string(),
  mode: z.enum(['grid', 'random']),
  samples: z.string(),
  objective: z.enum(['sharpe', 'cagr', 'calmar', 'totalReturn', 'sortino', 'maxDrawdown']),
  walkForward: z.boolean(),
  inSampleMonths: z.string(),
  outOfSampleMonths: z.string(),
  params: z.array(z.object({ path: z.string().min(1, 'v.required'), from: num, to: num, step: num })).min(1, 'v.required'),
}).superRefine((f, ctx) => {
  if (f.source === 'strategy' && !f.strategyId) ctx.addIssue({ code: 'custom', path: ['strategyId'], message: 'v.required' });
  if (f.source === 'spec') {
    if (!f.specJson.trim()) ctx.addIssue({ code: 'custom', path: ['specJson'], message: 'v.required' });
    else if (!parseSpec(f.specJson)) ctx.addIssue({ code: 'custom', path: ['specJson'], message: 'v.jsonObject' });
  }
  if (f.walkForward) {
    for (const k of ['inSampleMonths', 'outOfSampleMonths'] as const) {
      const m = Number(f[k]);
      if (!Number.isInteger(m) || m < 1 || m > 240) ctx.addIssue({ code: 'custom', path: [k], message: 'v.range|1|240' });
    }
  }
  let variants = 1;
  f.params.forEach((p, i) => {
    const from = Number(p.from); const to = Number(p.to); const step = Number(p.step);
    if (!(step > 0)) ctx.addIssue({ code: 'custom', path: ['params', i, 'step'], message: 'v.range|0|∞' });
    else if (to < from) ctx.addIssue({ code: 'custom', path: ['params', i, 'to'], message: 'v.endBeforeStart' });
    else variants *= Math.floor((to - from) / step + 1e-9) + 1;
  });
  if (f.mode === 'grid' && variants > 10_000) ctx.addIssue({ code: 'custom', path: ['params'], message: 'v.range|1|10000' });
});
type Form = z.infer<typeof schema>;

/** "sell.stopLossPct" or "/sell/stopLossPct" → the JSON pointer the server takes. */
export const toPointer = (path: string): string => (path.trim().startsWith('/') ? path.trim() : '/' + path.trim().replace(/\./g, '/'));
const OBJECTIVE_STAT: Record<string, string> = { sharpe: 'sharpe', cagr: 'cagrPct', calmar: 'calmar', totalReturn: 'totalReturnPct', sortino: 'sortino', maxDrawdown: 'maxDrawdownPct' };

export function sweepValues(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from, i = 0; v <= to + 1e-9 && i < 10_001; i++, v = from + i * step) out.push(Number(v.toFixed(10)));
  return out;
}

/** The request of the form: a saved strategy by its id (no spec), or the inline spec (no strategy). */
export function sweepRequest(f: Form): SweepRequest {
  const common = {
    mode: f.mode, samples: f.mode === 'random' ? Number(f.samples) : undefined, objective: f.objective,
    parameters: Object.fromEntries(f.params.map((p) => [toPointer(p.path), { min: Number(p.from), max: Number(p.to), step: Number(p.step) }])),
    walkForward: f.walkForward ? { inSampleMonths: Number(f.inSampleMonths), outOfSampleMonths: Number(f.outOfSampleMonths) } : null,
  };
  if (f.source === 'strategy') return { strategyId: f.strategyId, ...common };
  const spec = parseSpec(f.specJson)!;
  return { name: typeof spec.name === 'string' && spec.name ? spec.name : undefined, spec, ...common };
}

function NewSweep() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const mine = useMyStrategies();
  const { register, control, handleSubmit, watch, setValue, formState: { errors } } = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: {
      source: 'strategy', strategyId: search.get('strategy') ?? '', specJson: '', mode: 'grid', samples: '100', objective: 'sharpe', walkForward: false,
      inSampleMonths: '36', outOfSampleMonths: '12', params: [{ path: '/buy/maxPositions', from: '10', to: '30', step: '10' }],
    },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'params' });
  // the strategy named in the address (the strategy page's "sweep" link), once the picker has its options
  const preselected = search.get('strategy');
  useEffect(() => {
    if (preselected && mine.data?.items.some((s) => s.id === preselected)) setValue('strategyId', preselected);
  }, [preselected, mine.data, setValue]);
  const create = useMutation({ mutationFn: (f: Form) => sweeps.create(sweepRequest(f)), onSuccess: (s) => navigate(`/sweeps/${s.id}`) });
  const copy = useMutation({
    mutationFn: (id: string) => strategies.get(id),
    onSuccess: (s) => setValue('specJson', JSON.stringify(s.spec ?? {}, null, 2), { shouldValidate: true }),
  });
  const params = watch('params');
  const source = watch('source');
  const count = params.reduce((n, p) => n * Math.max(1, sweepValues(Number(p.from), Number(p.to), Number(p.step) || 1).length), 1);
  const strategyOptions = [{ value: '', label: '—' }, ...(mine.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} (v${s.version ?? 1})` }))];
  const noStrategies = !!mine.data && !mine.data.items.length;
  return (
    <Card title={t('sweeps.new')}>
      <form className="stack" noValidate onSubmit={handleSubmit((f) => create.mutate(f))}>
        <div className="field">
          <span className="label" id="sweep-source-label">{t('sweeps.source')}</span>
          <div className="segmented" role="radiogroup" aria-labelledby="sweep-source-label" data-testid="sweep-source">
            <label><input type="radio" value="strategy" {...register('source')} /> {t('sweeps.fromStrategy')}</label>
            <label><input type="radio" value="spec" {...register('source')} /> {t('sweeps.fromSpec')}</label>
          </div>
        </div>
        {source === 'strategy' ? (
          <>
            {noStrategies && <Empty><Link to="/strategies/new">{t('sweeps.pickStrategy')}</Link></Empty>}
            <div className="row">
              <Select label={t('sweeps.strategy')} {...register('strategyId')} error={errors.strategyId?.message} options={strategyOptions} />
            </div>
            <p className="muted small">{t('sweeps.fromStrategyHint')}</p>
          </>
        ) : (
          <>
            <div className="row">
              <Select label={t('sweeps.copyFrom')} value="" disabled={copy.isPending || noStrategies} onChange={(e) => { if (e.target.value) copy.mutate(e.target.value); }} options={strategyOptions} />
            </div>
            <ErrorBox error={copy.error} />
            <div className={`field ${errors.specJson ? 'has-error' : ''}`}>
              <label className="label" htmlFor="sweep-spec">{t('sweeps.spec')}</label>
              <textarea id="sweep-spec" className="code" rows={10} spellCheck={false} aria-invalid={errors.specJson ? true : undefined} {...register('specJson')} />
              <FieldError message={errors.specJson?.message} />
            </div>
            <p className="muted small">{t('sweeps.fromSpecHint')}</p>
          </>
        )}
        <div className="row">
          <Select label={t('sweeps.objective')} {...register('objective')} options={Object.entries(OBJECTIVE_STAT).map(([o, k]) => ({ value: o, label: t(`stats.${k}`) }))} />
          <Select label={t('sweeps.mode')} {...register('mode')} options={[{ value: 'grid', label: t('sweeps.grid') }, { value: 'random', label: t('sweeps.random') }]} />
          {watch('mode') === 'random' && <Field label={t('sweeps.samples')} {...register('samples')} />}
        </div>
        {fields.map((f, i) => (
          <div className="row" key={f.id}>
            <Field label={t('sweeps.param')} {...register(`params.${i}.path`)} error={errors.params?.[i]?.path?.message} placeholder="/sell/stopLossPct" />
            <Field label={t('sweeps.from')} {...register(`params.${i}.from`)} error={errors.params?.[i]?.from?.message} />
            <Field label={t('sweeps.to')} {...register(`params.${i}.to`)} error={errors.params?.[i]?.to?.message} />
            <Field label={t('sweeps.step')} {...register(`params.${i}.step`)} error={errors.params?.[i]?.step?.message} />
            <button type="button" className="icon" aria-label={t('common.remove')} onClick={() => remove(i)}>×</button>
          </div>
        ))}
        <FieldError message={errors.params?.message ?? errors.params?.root?.message} />
        <div className="row">
          <button type="button" className="button small" onClick={() => append({ path: '', from: '', to: '', step: '1' })}>+ {t('sweeps.addParam')}</button>
          <span className="muted">{t('sweeps.variants', { count })}</span>
        </div>
        <label className="checkbox"><input type="checkbox" {...register('walkForward')} /> {t('sweeps.walkForward')}</label>
        {watch('walkForward') && (
          <div className="row">
            <Field label={t('sweeps.inSample')} {...register('inSampleMonths')} error={errors.inSampleMonths?.message} />
            <Field label={t('sweeps.outOfSample')} {...register('outOfSampleMonths')} error={errors.outOfSampleMonths?.message} />
          </div>
        )}
        <ErrorBox error={create.error} />
        <button className="button primary" disabled={create.isPending}>{t('sweeps.start')}</button>
      </form>
    </Card>
  );
}

/** Which strategy (and version) a sweep belongs to, or that it swept an inline spec. */
function SweepOrigin({ sweep }: { sweep: Sweep }) {
  const { t } = useTranslation();
  const id = sweep.strategyId ?? undefined;
  const strategy = useQuery({ queryKey: ['strategies', id], queryFn: () => strategies.get(id!), enabled: !!id, retry: false });
  if (!id) return <p className="muted small" data-testid="sweep-origin">{t('sweeps.inlineSpec')}</p>;
  return (
    <p className="small" data-testid="sweep-origin">
      {t('sweeps.strategy')}: <Link to={`/strategies/${id}`}>{strategy.data?.name ?? id.slice(0, 8)}</Link>
      {sweep.strategyVersion != null && <> · {t('sweeps.version', { version: sweep.strategyVersion })}</>}
    </p>
  );
}

/** The walk-forward windows: periods, the in-sample winner and its objective in and out of sample. */
export function WalkForwardWindows({ windows }: { windows: SweepWindow[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll"><table className="table" data-testid="wf-windows">
      <thead><tr>
        <th className="num">#</th><th>{t('sweeps.is')}</th><th>{t('sweeps.oos')}</th><th>{t('sweeps.winner')}</th>
        <th className="num">{t('sweeps.objective')} ({t('sweeps.is')})</th><th className="num">{t('sweeps.objective')} ({t('sweeps.oos')})</th>
      </tr></thead>
      <tbody>{windows.map((w, i) => (
        <tr key={`${w.outStart}-${i}`}>
          <td className="num">{i + 1}</td>
          <td className="small">{w.inStart} – {w.inEnd}</td>
          <td className="small">{w.outStart} – {w.outEnd}</td>
          <td>{w.winnerLabel ?? (w.winnerIndex != null ? `#${w.winnerIndex}` : <span className="muted">{t('sweeps.noWinner')}</span>)}</td>
          <td className="num">{formatNumber(w.inSample, 3)}</td>
          <td className={`num ${signClass(w.outOfSample)}`}>{formatNumber(w.outOfSample, 3)}</td>
        </tr>
      ))}</tbody>
    </table></div>
  );
}

const OOS_STATS: StatKey[] = ['totalReturnPct', 'cagrPct', 'sharpe', 'calmar', 'maxDrawdownPct'];

/** The winners' chained out-of-sample result: its statistics and curve, or why there is none. */
export function OutOfSampleResult({ sweepId, stats, unavailable, ranked }: { sweepId: string; stats?: SweepOutOfSample | null; unavailable?: string | null; ranked: boolean }) {
  const { t } = useTranslation();
  const curve = useQuery({ queryKey: ['sweeps', sweepId, 'out-of-sample'], queryFn: () => sweeps.outOfSample(sweepId), enabled: !!stats });
  const series = useMemo<ChartSeries[]>(() => {
    const data = toLineData(curve.data?.equity ?? [], (p) => p.date, (p) => p.value);
    return data.length ? [{ id: 'oos', label: t('sweeps.oos'), kind: 'line', data, color: '#2563eb' }] : [];
  }, [curve.data, t]);
  if (!stats) {
    return <div className="notice" data-testid="oos-unavailable">{t('sweeps.oosUnavailable')}: {unavailable ?? curve.data?.reason ?? '—'}</div>;
  }
  return (
    <div className="stack" data-testid="oos-result">
      <p className="small">{t('sweeps.oosExplain')}{!ranked && <> {t('sweeps.oosNotRanked')}</>}</p>
      <p className="muted small">{stats.start} – {stats.end}{stats.days != null && <> · {t('sweeps.days', { count: stats.days })}</>}</p>
      <StatCards stats={stats} keys={OOS_STATS} />
      {curve.isLoading ? <Loading /> : curve.error ? <ErrorBox error={curve.error} /> : series.length
        ? <TimeChart series={series} format={(v) => formatNumber(v, 0)} testId="oos-chart" />
        : curve.data?.reason ? <p className="muted small">{curve.data.reason}</p> : null}
    </div>
  );
}

function SweepView({ id }: { id: string }) {
  const { t } = useTranslation();
  const sweep = useQuery({ queryKey: ['sweeps', id], queryFn: () => sweeps.get(id), refetchInterval: (q) => (q.state.data && FINAL.includes(q.state.data.status) ? false : 1000) });
  const done = sweep.data?.status === 'COMPLETED';
  const results = useQuery({ queryKey: ['sweeps', id, 'results'], queryFn: () => sweeps.results(id), enabled: done });
  const [sortKey, setSortKey] = useState<string>('objective');
  const rows: SweepVariant[] = useMemo(() => {
    const r = (results.data ?? []).filter((v) => !v.error);
    const val = (v: SweepVariant) => (sortKey === 'objective' ? v.objective : sortKey === 'oos' ? v.outOfSampleObjective : v.parameters[sortKey]) ?? -Infinity;
    return [...r].sort((a, b) => val(b) - val(a));
  }, [results.data, sortKey]);
  const paramNames = Object.keys(rows[0]?.parameters ?? {});
  const heat = useMemo(() => {
    if (paramNames.length < 2) return null;
    const [px, py] = paramNames as [string, string];
    const xs = [...new Set(rows.map((r) => r.parameters[px]!))].sort((a, b) => a - b);
    const ys = [...new Set(rows.map((r) => r.parameters[py]!))].sort((a, b) => a - b);
    const data = rows.map((r) => [xs.indexOf(r.parameters[px]!), ys.indexOf(r.parameters[py]!), r.objective ?? 0]);
    const vals = data.map((d) => d[2]!);
    return {
      tooltip: {}, grid: { left: 60, right: 80, top: 30, bottom: 50 },
      xAxis: { type: 'category', name: px, nameLocation: 'middle', nameGap: 28, data: xs.map(String) },
      yAxis: { type: 'category', name: py, data: ys.map(String) },
      visualMap: { min: Math.min(...vals), max: Math.max(...vals), orient: 'vertical', right: 0, top: 'middle', itemHeight: 140, precision: 2, inRange: { color: ['#3e63dd', '#f8fafc', '#e5484d'] } },
      series: [{ type: 'heatmap', data, label: { show: data.length <= 100, formatter: (p: { value: number[] }) => (p.value[2] ?? 0).toFixed(2) } }],
    };
  }, [rows, paramNames]);
  if (sweep.isLoading) return <Loading />;
  if (sweep.error || !sweep.data) return <ErrorBox error={sweep.error} />;
  const s: Sweep = sweep.data;
  return (
    <>
      <Card title={`${s.name ?? t('sweeps.title')} · ${s.objective ?? ''}`} actions={<StatusBadge status={s.status} />}>
        <ProgressBar percent={done ? 100 : s.percent ?? 0} />
        {s.summary?.best && <p>{t('sweeps.is')}: <strong>{formatNumber(s.summary.bestInSample ?? s.summary.best.objective, 3)}</strong>{s.summary.bestOutOfSample != null && <> · {t('sweeps.oos')}: <strong>{formatNumber(s.summary.bestOutOfSample, 3)}</strong></>} <span className="muted">({s.summary.best.label})</span></p>}
        <SweepOrigin sweep={s} />
        {s.error && <div className="error-box">{s.error}</div>}
        {!FINAL.includes(s.status) && <button type="button" className="button danger" onClick={() => void sweeps.cancel(id)}>{t('run.cancel')}</button>}
      </Card>
      {done && (s.summary?.walkForward?.length || s.summary?.outOfSample || s.summary?.outOfSampleUnavailable) && (
        <Card title={t('sweeps.walkForwardResult')}>
          {!!s.summary?.walkForward?.length && <WalkForwardWindows windows={s.summary.walkForward} />}
          <OutOfSampleResult sweepId={s.id} stats={s.summary?.outOfSample} unavailable={s.summary?.outOfSampleUnavailable} ranked={!!s.strategyId} />
        </Card>
      )}
      {heat && <Card title={t('sweeps.heatmap')}><EChart option={heat} height={320} testId="sweep-heatmap" /></Card>}
      {rows.length > 0 && (
        <Card title={t('sweeps.results')}>
          <div className="table-scroll tall"><table className="table" data-testid="sweep-results">
            <thead><tr>{paramNames.map((p) => <th key={p}><button type="button" className="th-sort" onClick={() => setSortKey(p)}>{p}</button></th>)}
              <th className="num"><button type="button" className="th-sort" onClick={() => setSortKey('objective')}>{t('sweeps.objective')} ({t('sweeps.is')})</button></th>
              <th className="num"><button type="button" className="th-sort" onClick={() => setSortKey('oos')}>{t('sweeps.objective')} ({t('sweeps.oos')})</button></th><th className="num">{t('stats.cagrPct')}</th><th className="num">{t('stats.maxDrawdownPct')}</th><th className="num">{t('stats.sharpe')}</th></tr></thead>
            <tbody>{rows.slice(0, 500).map((r, i) => (
              <tr key={r.index ?? i}>{paramNames.map((p) => <td key={p}>{formatNumber(r.parameters[p], 4)}</td>)}
                <td className="num">{formatNumber(r.objective, 3)}</td><td className="num">{formatNumber(r.outOfSampleObjective, 3)}</td><td className="num">{formatNumber(r.stats?.cagrPct, 2)}</td><td className="num">{formatNumber(r.stats?.maxDrawdownPct, 2)}</td>
                <td className="num">{formatNumber(r.stats?.sharpe, 2)}</td></tr>
            ))}</tbody>
          </table></div>
        </Card>
      )}
    </>
  );
}

export default function SweepsPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['sweeps'], queryFn: sweeps.list, enabled: !id, retry: false });
  return (
    <div className="page">
      <div className="page-head"><h1>{t('sweeps.title')}</h1>{id && <Link to="/sweeps" className="button">{t('sweeps.new')}</Link>}</div>
      {id ? <SweepView id={id} /> : (
        <>
          <NewSweep />
          <Card title={t('sweeps.mine')}>
            {list.isLoading ? <Loading /> : list.error ? <ErrorBox error={list.error} /> : !list.data?.length ? <Empty>{t('sweeps.none')}</Empty> : (
              <ul className="plain">{list.data.map((s) => <li key={s.id}><Link to={`/sweeps/${s.id}`}>{s.name ?? s.objective ?? s.id.slice(0, 8)}</Link> <span className="muted">{s.objective}</span> <StatusBadge status={s.status} /> {s.variants != null && <span className="muted">{t('sweeps.variants', { count: s.variants })}</span>}{s.strategyVersion != null && <span className="muted small"> · {t('sweeps.version', { version: s.strategyVersion })}</span>}</li>)}</ul>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
