import { useId, type ReactNode, type InputHTMLAttributes, type SelectHTMLAttributes, forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { translateMessage } from '../i18n';
import type { BacktestStatus } from '../api/endpoints';

/** An error in words, next to what caused it: the API's detail, its field errors and the request id. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const notThere = api?.status === 404 && !api.problem.detail;
  const message = notThere ? t('common.notAvailable') : error instanceof Error ? error.message : String(error);
  return (
    <div className="error-box" role="alert">
      <strong>{api?.problem.title && api.problem.title !== message ? `${api.problem.title}: ` : ''}</strong>
      {message}
      {api && api.fieldErrors.length > 0 && (
        <ul>{api.fieldErrors.map((e) => <li key={e.field + e.message}><code>{e.field}</code> {e.message}</li>)}</ul>
      )}
      {api?.problem.requestId && <small className="muted"> ({t('common.requestId')} {api.problem.requestId})</small>}
      {onRetry && <button type="button" className="link" onClick={onRetry}>{t('common.retry')}</button>}
    </div>
  );
}

export function FieldError({ message, id }: { message?: string; id?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  return <span className="field-error" id={id} role="alert">{translateMessage(t, message)}</span>;
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return <div className="loading" role="status" aria-live="polite"><span className="spinner" aria-hidden />{label ?? t('common.loading')}</div>;
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <div className="empty">{children ?? t('common.empty')}</div>;
}

export function Card({ title, actions, children, className }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`card ${className ?? ''}`}>
      {(title || actions) && <header className="card-header">{title && <h2>{title}</h2>}{actions && <div className="actions">{actions}</div>}</header>}
      {children}
    </section>
  );
}

export function StatusBadge({ status }: { status: BacktestStatus | string }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; error?: string; hint?: ReactNode };

/** A labelled input with its error right under it (aria-invalid and aria-describedby wired). */
export const Field = forwardRef<HTMLInputElement, InputProps>(function Field({ label, error, hint, className, ...rest }, ref) {
  const id = useId();
  const errId = `${id}-err`;
  return (
    <div className={`field ${className ?? ''} ${error ? 'has-error' : ''}`}>
      <label className="label" htmlFor={id}>{label}</label>
      <input id={id} ref={ref} aria-invalid={error ? true : undefined} aria-describedby={error ? errId : hint ? `${id}-hint` : undefined} {...rest} />
      {hint && !error && <span className="hint" id={`${id}-hint`}>{hint}</span>}
      <FieldError message={error} id={errId} />
    </div>
  );
});

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { label: ReactNode; error?: string; options: { value: string; label: ReactNode }[] };

export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select({ label, error, options, className, ...rest }, ref) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''} ${error ? 'has-error' : ''}`}>
      <label className="label" htmlFor={id}>{label}</label>
      <select id={id} ref={ref} aria-invalid={error ? true : undefined} {...rest}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <FieldError message={error} />
    </div>
  );
});

export const Checkbox = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & { label: ReactNode }>(function Checkbox({ label, ...rest }, ref) {
  return <label className="checkbox"><input type="checkbox" ref={ref} {...rest} /> <span>{label}</span></label>;
});

export function ProgressBar({ percent, label }: { percent: number; label?: string }) {
  const p = Math.max(0, Math.min(100, percent));
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p)} aria-label={label}>
      <div className="progress-fill" style={{ width: `${p}%` }} />
      <span className="progress-text">{p.toFixed(0)} %</span>
    </div>
  );
}
