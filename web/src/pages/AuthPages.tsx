import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../api/auth';
import { ApiError } from '../api/client';
import { ErrorBox, Field } from '../components/ui';
import { loginSchema, signupSchema, type LoginForm, type SignupForm } from '../lib/authSchema';

export function LoginPage() {
  const { t } = useTranslation();
  const { login, loggedIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/dashboard';
  const [error, setError] = useState<unknown>(null);
  const { register, handleSubmit, formState: { errors, isSubmitting } } = useForm<LoginForm>({ resolver: zodResolver(loginSchema) });
  if (loggedIn) return <Navigate to={from} replace />;
  const onSubmit = handleSubmit(async (f) => {
    setError(null);
    try {
      await login(f.email, f.password);
      navigate(from, { replace: true });
    } catch (e) {
      setError(e);
    }
  });
  return (
    <div className="page narrow auth">
      <h1>{t('auth.loginTitle')}</h1>
      <p className="muted">{t('app.tagline')}</p>
      <form onSubmit={onSubmit} noValidate className="stack">
        <Field label={t('auth.email')} type="email" autoComplete="email" {...register('email')} error={errors.email?.message} />
        <Field label={t('auth.password')} type="password" autoComplete="current-password" {...register('password')} error={errors.password?.message} />
        <ErrorBox error={error} />
        <button type="submit" className="button primary" disabled={isSubmitting}>{t('auth.login')}</button>
      </form>
      <p>{t('auth.noAccount')} <Link to="/signup">{t('nav.signup')}</Link></p>
    </div>
  );
}

export function SignupPage() {
  const { t } = useTranslation();
  const { register: signup, loggedIn } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const { register, handleSubmit, setError: setFieldError, formState: { errors, isSubmitting } } = useForm<SignupForm>({ resolver: zodResolver(signupSchema), mode: 'onTouched' });
  if (loggedIn) return <Navigate to="/dashboard" replace />;
  const onSubmit = handleSubmit(async (f) => {
    setError(null);
    try {
      await signup(f.email, f.nickname, f.password);
      navigate('/dashboard', { replace: true });
    } catch (e) {
      // the server's words go next to the field they are about; the rest above the button
      if (e instanceof ApiError && e.fieldErrors.length) {
        let placed = 0;
        for (const fe of e.fieldErrors) {
          if (fe.field === 'email' || fe.field === 'nickname' || fe.field === 'password') {
            setFieldError(fe.field, { message: fe.message });
            placed++;
          }
        }
        if (placed === e.fieldErrors.length) return;
      }
      if (e instanceof ApiError && e.status === 409) {
        const d = (e.problem.detail ?? '').toLowerCase();
        if (d.includes('nickname')) return setFieldError('nickname', { message: e.message });
        if (d.includes('email')) return setFieldError('email', { message: e.message });
      }
      setError(e);
    }
  });
  return (
    <div className="page narrow auth">
      <h1>{t('auth.signupTitle')}</h1>
      <form onSubmit={onSubmit} noValidate className="stack">
        <Field label={t('auth.email')} type="email" autoComplete="email" {...register('email')} error={errors.email?.message} />
        <Field label={t('auth.nickname')} autoComplete="nickname" hint={t('auth.nicknameHint')} {...register('nickname')} error={errors.nickname?.message} />
        <Field label={t('auth.password')} type="password" autoComplete="new-password" hint={t('auth.passwordHint')} {...register('password')} error={errors.password?.message} />
        <Field label={t('auth.passwordConfirm')} type="password" autoComplete="new-password" {...register('confirm')} error={errors.confirm?.message} />
        <ErrorBox error={error} />
        <button type="submit" className="button primary" disabled={isSubmitting}>{t('auth.signup')}</button>
      </form>
      <p>{t('auth.haveAccount')} <Link to="/login">{t('nav.login')}</Link></p>
    </div>
  );
}
