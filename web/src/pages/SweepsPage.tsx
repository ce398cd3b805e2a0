import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useForm, useFieldArray } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FINAL, strategies, sweeps, type Sweep, type SweepVariant } from '../api/endpoints';
import { useMyStrategies } from '../api/hooks';
import { Card, Empty, ErrorBox, Field, Loading, ProgressBar, Select, StatusBadge, FieldError } from '../components/ui';
import { EChart } from '../charts/EChart';
import { formatNumber } from '../lib/format';

const num = z.string().refine((s) => s.trim() !== '' && Number.isFinite(Number(s)), 'v.number');
const schema = z.object({
  strategyId: z.string().min(1, 'v.required'),
  mode: z.enum(['grid', 'random']),
  samples: z.string(),
  objective: z.enum(['sharpe', 'cagr', 'calmar', 'totalReturn', 'sortino', 'maxDrawdown']),
  walkForward: z.boolean(),
  inSampleMonths: z.string(),
  outOfSampleMonths: z.string(),
  params: z.array(z.object({ path: z.string().min(1, 'v.required'), from: num, to: num, step: num })).min(1, 'v.required'),
}).superRefine((f, ctx) => {
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

function NewSweep() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mine = useMyStrategies();
  const { register, control, handleSubmit, watch, formState: { errors } } = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: { strategyId: '', mode: 'grid', samples: '100', objective: 'sharpe', walkForward: false, inSampleMonths: '36', outOfSampleMonths: '12', params: [{ path: '/buy/maxPositions', from: '10', to: '30', step: '10' }] },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'params' });
  const create = useMutation({
    mutationFn: async (f: Form) => {
      const s = await strategies.get(f.strategyId);
      return sweeps.create({
        name: s.name, spec: s.spec ?? {}, mode: f.mode, samples: f.mode === 'random' ? Number(f.samples) : undefined, objective: f.objective,
        parameters: Object.fromEntries(f.params.map((p) => [toPointer(p.path), { min: Number(p.from), max: Number(p.to), step: Number(p.step) }])),
        walkForward: f.walkForward ? { inSampleMonths: Number(f.inSampleMonths), outOfSampleMonths: Number(f.outOfSampleMonths) } : null,
      });
    },
    onSuccess: (s) => navigate(`/sweeps/${s.id}`),
  });
  const params = watch('params');
  const count = params.reduce((n, p) => n * Math.max(1, sweepValues(Number(p.from), Number(p.to), Number(p.step) || 1).length), 1);
  if (mine.data && !mine.data.items.length) return <Card title={t('sweeps.new')}><Empty><Link to="/strategies/new">{t('sweeps.pickStrategy')}</Link></Empty></Card>;
  return (
    <Card title={t('sweeps.new')}>
      <form className="stack" noValidate onSubmit={handleSubmit((f) => create.mutate(f))}>
        <div className="row">
          <Select label={t('sweeps.strategy')} {...register('strategyId')} error={errors.strategyId?.message} options={[{ value: '', label: '—' }, ...(mine.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))]} />
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
        {watch('walkForward') && <div className="row"><Field label={t('sweeps.inSample')} {...register('inSampleMonths')} /><Field label={t('sweeps.outOfSample')} {...register('outOfSampleMonths')} /></div>}
        <ErrorBox error={create.error} />
        <button className="button primary" disabled={create.isPending}>{t('sweeps.start')}</button>
      </form>
    </Card>
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
        {s.error && <div className="error-box">{s.error}</div>}
        {!FINAL.includes(s.status) && <button type="button" className="button danger" onClick={() => void sweeps.cancel(id)}>{t('run.cancel')}</button>}
      </Card>
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
              <ul className="plain">{list.data.map((s) => <li key={s.id}><Link to={`/sweeps/${s.id}`}>{s.name ?? s.objective ?? s.id.slice(0, 8)}</Link> <span className="muted">{s.objective}</span> <StatusBadge status={s.status} /> {s.variants != null && <span className="muted">{t('sweeps.variants', { count: s.variants })}</span>}</li>)}</ul>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
