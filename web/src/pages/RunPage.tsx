import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { backtests, FINAL, normalizeProgress, type BacktestStatus, type Progress } from '../api/endpoints';
import { ApiError } from '../api/client';
import { readSse } from '../lib/sse';
import { formatDuration } from '../lib/format';
import { Card, ErrorBox, ProgressBar, StatusBadge } from '../components/ui';

interface LiveState { status: BacktestStatus; progress: Progress; queuePosition?: number | null; error?: string | null }

/**
 * Follows a backtest over SSE (first message: the current state; last: the final state). When the stream drops
 * it reconnects with back-off and reads the status first, so the final state is never lost; without SSE it polls.
 */
function useLiveBacktest(id: string) {
  const [state, setState] = useState<LiveState>({ status: 'QUEUED', progress: { percent: 0 } });
  const [reconnecting, setReconnecting] = useState(false);
  const [fatal, setFatal] = useState<unknown>(null);
  useEffect(() => {
    const abort = new AbortController();
    let finished = false;
    const apply = (raw: Record<string, unknown>) => {
      const p = normalizeProgress({ ...(raw.progress as Record<string, unknown> | undefined), ...raw });
      const status = (raw.status as BacktestStatus | undefined) ?? (p.percent >= 100 ? 'COMPLETED' : undefined);
      setState((s) => ({
        status: status ?? s.status,
        progress: status === 'COMPLETED' ? { ...p, percent: 100 } : { ...s.progress, ...p, percent: Math.max(p.percent, status === 'RUNNING' || !status ? s.progress.percent : 0) },
        queuePosition: (raw.queuePosition as number | undefined) ?? s.queuePosition,
        error: (raw.error ?? raw.errorMessage ?? s.error) as string | null,
      }));
      if (status && FINAL.includes(status)) finished = true;
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    (async () => {
      let failures = 0;
      let sse = true;
      while (!finished && !abort.signal.aborted) {
        try {
          if (failures > 0 || !sse) apply(await backtests.status(id)); // catch up on what we missed
          if (finished) break;
          if (sse) {
            await readSse(`/api/v1/backtests/${id}/events`, (e) => {
              try { apply(JSON.parse(e.data) as Record<string, unknown>); } catch { /* not JSON: ignore */ }
              failures = 0;
              setReconnecting(false);
            }, abort.signal);
            if (!finished) { failures++; setReconnecting(true); }
          } else {
            await sleep(500);
          }
        } catch (e) {
          if (abort.signal.aborted) return;
          if (e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 406) && sse) {
            sse = false; // no SSE on this server: poll /status
            continue;
          }
          if (e instanceof ApiError && e.status < 500 && e.status !== 429) {
            setFatal(e);
            return;
          }
          failures++;
          setReconnecting(true);
        }
        if (!finished && failures > 0) await sleep(Math.min(8000, 500 * 2 ** Math.min(failures, 4)));
      }
      setReconnecting(false);
    })();
    return () => abort.abort();
  }, [id]);
  return { state, reconnecting, fatal };
}

export default function RunPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { state, reconnecting, fatal } = useLiveBacktest(id);
  const cancel = useMutation({ mutationFn: () => backtests.cancel(id) });
  const redirected = useRef(false);
  useEffect(() => {
    if (state.status === 'COMPLETED' && !redirected.current) {
      redirected.current = true;
      void qc.invalidateQueries({ queryKey: ['backtests'] });
      const timer = setTimeout(() => navigate(`/backtests/${id}`, { replace: true }), 900);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [state.status, id, navigate, qc]);
  const phase = state.status === 'QUEUED' ? 'queued' : state.status === 'COMPLETED' ? 'done' : state.progress.phase ?? 'loading';
  const final = FINAL.includes(state.status);
  return (
    <div className="page narrow">
      <h1>{t('run.title')}</h1>
      <Card>
        <div className="run-head"><StatusBadge status={state.status} /> <span data-testid="run-phase">{t(`run.phases.${phase}`, { defaultValue: phase })}</span></div>
        <ProgressBar percent={state.progress.percent} label={t('run.title')} />
        <dl className="kv compact">
          {state.status === 'QUEUED' && state.queuePosition != null && <><dt>{t('run.queue')}</dt><dd>{state.queuePosition}</dd></>}
          <dt>{t('run.date')}</dt><dd>{state.progress.currentDate ?? '—'}</dd>
          <dt>{t('run.eta')}</dt><dd>{final ? '—' : formatDuration(state.progress.etaSeconds)}</dd>
        </dl>
        {reconnecting && !final && <p className="warn" role="status">{t('run.reconnecting')}</p>}
        {state.status === 'COMPLETED' && <p className="ok" role="status">{t('run.done')} <Link to={`/backtests/${id}`}>{t('run.viewResult')}</Link></p>}
        {state.status === 'FAILED' && <div className="error-box" role="alert"><strong>{t('run.failed')}:</strong> {state.error ?? state.progress.message ?? '—'}</div>}
        {state.status === 'CANCELLED' && <p className="warn" role="status">{t('run.cancelled')}</p>}
        <ErrorBox error={fatal ?? cancel.error} />
        {!final && <button type="button" className="button danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>{t('run.cancel')}</button>}
      </Card>
    </div>
  );
}
