import { useEffect, useMemo, useRef, useState } from 'react';
import { Controller, get, useFieldArray, useForm, useWatch, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { FollowButton } from '../components/InterestButtons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { strategies, type Factor, type SpecProblem, type Strategy, type ValidateResponse } from '../api/endpoints';
import { useDatasets, useFactors, useRunBacktest, useTemplates } from '../api/hooks';
import { builderSchema, defaultForm, formToSpec, OPERATORS, specPathToField, specToForm, type BuilderForm, type StrategySpec } from '../strategy/spec';
import { Card, Checkbox, ErrorBox, Field, FieldError, Loading, Select } from '../components/ui';
import { FactorInput } from '../components/FactorInput';
import { formatDateTime, formatKrwKorean } from '../lib/format';
import { useLang } from '../i18n';

const errAt = (errors: FieldErrors<BuilderForm>, path: string): string | undefined =>
  (get(errors, path) as { message?: string } | undefined)?.message;

type RowsName = 'filterRows' | 'buyRows' | 'sellRows';
type ModeName = 'filterMode' | 'buyMode' | 'sellMode';
type RawName = 'filterRaw' | 'buyRaw' | 'sellRaw';

/** Condition rows (factor · operator · value) or a raw expression, with the server's problems inline. */
function ConditionEditor({ control, register, errors, rows, mode, raw, factors, problems, testId }: {
  control: Control<BuilderForm>; register: UseFormRegister<BuilderForm>; errors: FieldErrors<BuilderForm>;
  rows: RowsName; mode: ModeName; raw: RawName; factors: Factor[]; problems: string[]; testId: string;
}) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: rows });
  const current = useWatch({ control, name: mode });
  return (
    <div className="conditions" data-testid={testId}>
      <div className="segmented" role="radiogroup">
        <label><input type="radio" value="rows" {...register(mode)} /> {t('builder.rows')}</label>
        <label><input type="radio" value="raw" {...register(mode)} /> {t('builder.raw')}</label>
      </div>
      {current === 'raw' ? (
        <Controller control={control} name={raw} render={({ field }) => (
          <>
            <FactorInput label={t('builder.raw')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} factors={factors} placeholder="per > 0 and per < 10 and roe > 15" testId={`${testId}-raw`} />
            <FieldError message={errAt(errors, raw)} />
          </>
        )} />
      ) : (
        <>
          {fields.length === 0 && <p className="muted small">{t(rows === 'sellRows' ? 'builder.noSellConditions' : 'builder.noConditions')}</p>}
          {fields.map((f, i) => (
            <div className="condition-row" key={f.id}>
              <Controller control={control} name={`${rows}.${i}.left`} render={({ field }) => (
                <FactorInput label={t('builder.left')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} factors={factors} placeholder="per" error={errAt(errors, `${rows}.${i}.left`)} testId={`${testId}-left-${i}`} />
              )} />
              <select aria-label={t('builder.operator')} {...register(`${rows}.${i}.op`)}>
                {OPERATORS.map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
              <Controller control={control} name={`${rows}.${i}.right`} render={({ field }) => (
                <FactorInput label={t('builder.right')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} factors={factors} placeholder="10" error={errAt(errors, `${rows}.${i}.right`)} testId={`${testId}-right-${i}`} />
              )} />
              <button type="button" className="icon" aria-label={t('common.remove')} onClick={() => remove(i)}>×</button>
              <FieldError message={errAt(errors, `${rows}.${i}.left`) ?? errAt(errors, `${rows}.${i}.right`)} />
            </div>
          ))}
          <button type="button" className="button small" onClick={() => append({ left: '', op: '>', right: '' })}>+ {t('builder.addCondition')}</button>
        </>
      )}
      {problems.map((p) => <span className="field-error" role="alert" key={p}>{p}</span>)}
    </div>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export default function BuilderPage() {
  const { id } = useParams();
  const isNew = !id;
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const factors = useFactors();
  const datasets = useDatasets();
  const templates = useTemplates();
  const existing = useQuery({ queryKey: ['strategies', id], queryFn: () => strategies.get(id!), enabled: !isNew });
  const versions = useQuery({ queryKey: ['strategies', id, 'versions'], queryFn: () => strategies.versions(id!), enabled: !isNew && existing.data?.mine === true });
  const initialSpec = (location.state as { spec?: StrategySpec } | null)?.spec;

  const form = useForm<BuilderForm>({ resolver: zodResolver(builderSchema) as never, defaultValues: initialSpec ? specToForm(initialSpec) : defaultForm(), mode: 'onChange' });
  const { register, control, handleSubmit, reset, formState: { errors } } = form;
  const [sharing, setSharing] = useState({ visibility: 'PRIVATE' as 'PUBLIC' | 'PRIVATE', anonymous: false, hideDetails: false, note: '' });
  const loadedId = useRef<string | null>(null);
  useEffect(() => {
    const s = existing.data;
    if (s && loadedId.current !== s.id) {
      loadedId.current = s.id;
      if (s.spec) reset(specToForm({ ...s.spec, name: s.name, description: s.description ?? s.spec.description }));
      setSharing({ visibility: s.visibility === 'PUBLIC' ? 'PUBLIC' : 'PRIVATE', anonymous: !!s.anonymous, hideDetails: !!s.hideDetails, note: '' });
    }
  }, [existing.data, reset]);

  // live validation by the server, debounced; problems land next to their fields
  const values = useWatch({ control }) as BuilderForm;
  const spec = useMemo(() => formToSpec({ ...defaultForm(), ...values }), [values]);
  const debounced = useDebounced(JSON.stringify(spec), 500);
  const validation = useQuery<ValidateResponse>({
    queryKey: ['validate', debounced],
    queryFn: ({ signal }) => strategies.validate(JSON.parse(debounced) as StrategySpec, { signal }),
    staleTime: Infinity,
    retry: false,
    placeholderData: (prev) => prev,
  });
  const problemsByField = useMemo(() => {
    const m: Record<string, string[]> = {};
    for (const p of (validation.data?.problems ?? []) as SpecProblem[]) {
      const f = specPathToField(p.path, values);
      (m[f] ??= []).push(f === 'root' ? `${p.path}: ${p.message}` : p.message);
    }
    return m;
  }, [validation.data, values]);
  const fieldError = (name: string): string | undefined => errAt(errors, name) ?? problemsByField[name]?.[0];

  const save = useMutation({
    mutationFn: async (f: BuilderForm): Promise<Strategy> => {
      const s = formToSpec(f);
      const req = { name: f.name, description: f.description || undefined, spec: s, ...sharing, note: sharing.note || undefined };
      return isNew || !existing.data?.mine ? strategies.create(req) : strategies.update(id!, req);
    },
    onSuccess: (s) => {
      void qc.invalidateQueries({ queryKey: ['strategies'] });
      loadedId.current = s.id;
      if (s.id !== id) navigate(`/strategies/${s.id}`, { replace: true });
    },
  });
  const clone = useMutation({ mutationFn: () => strategies.clone(id!), onSuccess: (s) => navigate(`/strategies/${s.id}`) });
  const run = useRunBacktest();
  const onSave = handleSubmit((f) => save.mutate(f));
  const onSaveRun = handleSubmit(async (f) => {
    const s = await save.mutateAsync(f);
    run.mutate({ strategyId: s.id });
  });

  if (!isNew && existing.isLoading) return <Loading />;
  const readOnly = !isNew && existing.data && (!existing.data.mine || existing.data.detailsHidden);
  const facts = factors.data ?? [];
  const problems = validation.data?.problems ?? [];
  const clientErrorCount = Object.keys(errors).length;
  const capital = Number(values.initialCapital);

  return (
    <div className="page builder">
      <div className="page-head">
        <h1>{isNew ? t('builder.title') : t('builder.editTitle')}</h1>
        {isNew && templates.data && templates.data.length > 0 && (
          <label className="field inline">
            <span className="label">{t('builder.templates')}</span>
            <select defaultValue="" onChange={(e) => { const tp = templates.data.find((x) => x.id === e.target.value); if (tp) reset(specToForm(tp.spec)); }} data-testid="template-select">
              <option value="" disabled>—</option>
              {templates.data.map((tp) => <option key={tp.id} value={tp.id}>{tp.name}</option>)}
            </select>
          </label>
        )}
      </div>
      <ErrorBox error={existing.error} />
      {readOnly && (
        <div className="notice">{existing.data?.detailsHidden ? t('builder.hideDetails') : existing.data?.name} — <button type="button" className="button small" onClick={() => clone.mutate()}>{t('builder.clone')}</button>
          {existing.data && !existing.data.mine && existing.data.visibility === 'PUBLIC' && <> <FollowButton strategyId={existing.data.id} /></>}
          <ErrorBox error={clone.error} /></div>
      )}
      <form className="builder-grid" onSubmit={onSave} noValidate>
        <div className="builder-main">
          <Card title={t('builder.basics')}>
            <div className="row">
              <Field label={t('builder.name')} {...register('name')} error={fieldError('name')} data-testid="strategy-name" />
              <Controller control={control} name="dataset" render={({ field }) => (
                <Select label={t('builder.dataset')} {...field} error={fieldError('dataset')}
                  options={(datasets.data?.length ? datasets.data : [{ id: field.value || 'krx-demo' }]).map((d) => ({ value: d.id, label: d.name ?? d.id }))} />
              )} />
            </div>
            <label className="field"><span className="label">{t('builder.description')}</span><textarea rows={2} {...register('description')} /></label>
          </Card>

          <Card title={t('builder.universe')}>
            <div className="row">
              <fieldset className="field">
                <legend className="label">{t('builder.markets')}</legend>
                <div className="chips">
                  {['KOSPI', 'KOSDAQ', 'KONEX', 'NYSE', 'NASDAQ'].map((m) => <label key={m} className="chip"><input type="checkbox" value={m} {...register('markets')} /> {m}</label>)}
                </div>
                <FieldError message={fieldError('markets')} />
              </fieldset>
            </div>
            <div className="row">
              <Field label={t('builder.symbols')} hint={t('builder.symbolsHint')} {...register('symbols')} error={fieldError('symbols')} />
              <Field label={t('builder.exclude')} {...register('exclude')} error={fieldError('exclude')} />
            </div>
            <h3>{t('builder.filter')}</h3>
            <ConditionEditor control={control} register={register} errors={errors} rows="filterRows" mode="filterMode" raw="filterRaw" factors={facts} problems={problemsByField.filterRows ?? problemsByField.filterRaw ?? []} testId="filter" />
          </Card>

          <Card title={t('builder.buy')}>
            <ConditionEditor control={control} register={register} errors={errors} rows="buyRows" mode="buyMode" raw="buyRaw" factors={facts} problems={problemsByField.buyRows ?? problemsByField.buyRaw ?? []} testId="buy" />
            <h3>{t('builder.ranking')}</h3>
            <RankEditor control={control} register={register} factors={facts} fieldError={fieldError} />
          </Card>

          <Card title={t('builder.positions')}>
            <div className="row">
              <Field label={t('builder.maxPositions')} inputMode="numeric" {...register('maxPositions')} error={fieldError('maxPositions')} data-testid="max-positions" />
              <Select label={t('builder.sizing')} options={[{ value: 'equal', label: t('builder.equal') }]} disabled />
              <Select label={t('builder.rebalance')} {...register('rebalance')} error={fieldError('rebalance')} options={['daily', 'weekly', 'monthly', 'quarterly'].map((r) => ({ value: r, label: t(`builder.${r}`) }))} />
            </div>
            <Checkbox label={t('builder.rebalanceToTarget')} {...register('rebalanceToTarget')} />
          </Card>

          <Card title={t('builder.sell')}>
            <div className="row">
              <Field label={t('builder.takeProfitPct')} inputMode="decimal" {...register('takeProfitPct')} error={fieldError('takeProfitPct')} />
              <Field label={t('builder.stopLossPct')} inputMode="decimal" {...register('stopLossPct')} error={fieldError('stopLossPct')} data-testid="stop-loss" />
              <Field label={t('builder.trailingStopPct')} inputMode="decimal" {...register('trailingStopPct')} error={fieldError('trailingStopPct')} />
              <Field label={t('builder.maxHoldDays')} inputMode="numeric" {...register('maxHoldDays')} error={fieldError('maxHoldDays')} />
            </div>
            <div className="row">
              <Select label={t('builder.stopMode')} {...register('stopMode')} options={[{ value: 'close', label: t('builder.close') }, { value: 'intraday', label: t('builder.intraday') }]} />
            </div>
            <Checkbox label={t('builder.dropUnselected')} {...register('dropUnselected')} />
            <h3>{t('builder.sellWhen')}</h3>
            <ConditionEditor control={control} register={register} errors={errors} rows="sellRows" mode="sellMode" raw="sellRaw" factors={facts} problems={problemsByField.sellRows ?? problemsByField.sellRaw ?? []} testId="sell" />
          </Card>

          <Card title={t('builder.costs')}>
            <div className="row">
              <Select label={t('builder.fill')} {...register('fill')} options={[{ value: 'next_open', label: t('builder.nextOpen') }, { value: 'close', label: t('builder.fillClose') }]} />
              <Field label={t('builder.commissionPct')} inputMode="decimal" {...register('commissionPct')} error={fieldError('commissionPct')} />
              <Field label={t('builder.sellTaxPct')} inputMode="decimal" {...register('sellTaxPct')} error={fieldError('sellTaxPct')} />
              <Field label={t('builder.slippagePct')} inputMode="decimal" {...register('slippagePct')} error={fieldError('slippagePct')} />
            </div>
            <div className="row">
              <Select label={t('builder.marketRules')} {...register('marketRules')} options={[{ value: 'none', label: t('builder.none') }, { value: 'krx', label: t('builder.krx') }]} />
              <Checkbox label={t('builder.fractionalShares')} {...register('fractionalShares')} />
            </div>
          </Card>

          <Card title={t('builder.period')}>
            <div className="row">
              <Field label={t('builder.start')} type="date" {...register('start')} error={fieldError('start')} data-testid="period-start" />
              <Field label={t('builder.end')} type="date" {...register('end')} error={fieldError('end')} data-testid="period-end" />
              <Field label={t('builder.capital')} inputMode="numeric" {...register('initialCapital')} error={fieldError('initialCapital')} hint={Number.isFinite(capital) && capital > 0 ? formatKrwKorean(capital) : undefined} />
              <Field label={t('builder.benchmark')} placeholder="KOSPI" {...register('benchmark')} error={fieldError('benchmark')} />
              <Field label={t('builder.riskFree')} inputMode="decimal" {...register('riskFreeRatePct')} error={fieldError('riskFreeRatePct')} />
            </div>
          </Card>
        </div>

        <aside className="builder-side">
          <Card title={t('builder.sharing')}>
            <Checkbox label={t('builder.public')} checked={sharing.visibility === 'PUBLIC'} onChange={(e) => setSharing({ ...sharing, visibility: e.target.checked ? 'PUBLIC' : 'PRIVATE' })} />
            <Checkbox label={t('builder.anonymous')} checked={sharing.anonymous} onChange={(e) => setSharing({ ...sharing, anonymous: e.target.checked })} />
            <Checkbox label={t('builder.hideDetails')} checked={sharing.hideDetails} onChange={(e) => setSharing({ ...sharing, hideDetails: e.target.checked })} />
            {!isNew && <Field label={t('builder.versionNote')} value={sharing.note} onChange={(e) => setSharing({ ...sharing, note: e.target.value })} />}
          </Card>
          <Card>
            <div className="validation" data-testid="validation" aria-live="polite">
              {validation.isFetching ? <span className="muted">{t('builder.validating')}</span>
                : validation.error ? <ErrorBox error={validation.error} />
                  : problems.length || clientErrorCount ? <span className="down">{t('builder.invalid', { count: problems.length + clientErrorCount })}</span>
                    : validation.data?.valid ? <span className="ok">✓ {t('builder.valid')}</span> : null}
              {problemsByField.root?.map((p) => <span className="field-error" key={p}>{p}</span>)}
            </div>
            <ErrorBox error={save.error ?? run.error} />
            {save.data && <p className="ok" role="status">{t('builder.saved', { version: save.data.version })}</p>}
            <div className="actions stack">
              <button type="submit" className="button" disabled={save.isPending || !!readOnly} data-testid="save">{t('builder.save')}</button>
              <button type="button" className="button primary" onClick={onSaveRun} disabled={save.isPending || run.isPending || !!readOnly} data-testid="save-run">{t('builder.saveRun')}</button>
              {!isNew && existing.data?.mine && (
                <Link to={`/sweeps?strategy=${existing.data.id}`} className="button" title={t('builder.sweepHint')} data-testid="sweep-strategy">{t('builder.sweep')}</Link>
              )}
            </div>
          </Card>
          {!isNew && versions.data && versions.data.length > 0 && (
            <Card title={t('builder.versions')}>
              <ul className="versions">
                {[...versions.data].sort((a, b) => b.version - a.version).map((v) => (
                  <li key={v.version}>
                    <strong>v{v.version}</strong> <span className="muted small">{formatDateTime(v.createdAt, lang)}</span> {v.note && <em>{v.note}</em>}
                    <button type="button" className="link" onClick={() => reset(specToForm({ ...v.spec, name: values.name }))}>{t('builder.load')}</button>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card>
            <details><summary>{t('builder.specJson')}</summary><pre className="code" data-testid="spec-json">{JSON.stringify(spec, null, 2)}</pre></details>
            <p className="small"><Link to="/strategies">← {t('builder.myStrategies')}</Link></p>
          </Card>
        </aside>
      </form>
    </div>
  );
}

function RankEditor({ control, register, factors, fieldError }: { control: Control<BuilderForm>; register: UseFormRegister<BuilderForm>; factors: Factor[]; fieldError: (n: string) => string | undefined }) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: 'rank' });
  return (
    <div className="rank" data-testid="rank">
      {fields.map((f, i) => (
        <div className="condition-row" key={f.id}>
          <Controller control={control} name={`rank.${i}.by`} render={({ field }) => (
            <FactorInput label={t('builder.rankBy')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} factors={factors} error={fieldError(`rank.${i}.by`)} testId={`rank-by-${i}`} />
          )} />
          <select aria-label={t('builder.order')} {...register(`rank.${i}.order`)}>
            <option value="asc">{t('builder.asc')}</option>
            <option value="desc">{t('builder.desc')}</option>
          </select>
          <input aria-label={t('builder.weight')} className="short" inputMode="decimal" {...register(`rank.${i}.weight`)} aria-invalid={fieldError(`rank.${i}.weight`) ? true : undefined} />
          <button type="button" className="icon" aria-label={t('common.remove')} onClick={() => remove(i)}>×</button>
          <FieldError message={fieldError(`rank.${i}.by`) ?? fieldError(`rank.${i}.weight`)} />
        </div>
      ))}
      <button type="button" className="button small" onClick={() => append({ by: '', order: 'desc', weight: '1' })}>+ {t('builder.addRank')}</button>
      <FieldError message={fieldError('rank')} />
    </div>
  );
}
