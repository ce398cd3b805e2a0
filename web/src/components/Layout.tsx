import { useState, type ReactNode } from 'react';
import { NavLink, Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../api/auth';
import { setLang, useLang } from '../i18n';
import { NotificationBell } from './NotificationBell';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { loggedIn, user, logout } = useAuth();
  const lang = useLang();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const links = loggedIn
    ? [['/dashboard', 'nav.dashboard'], ['/market', 'nav.market'], ['/strategies', 'nav.strategies'], ['/history', 'nav.history'], ['/compare', 'nav.compare'], ['/sweeps', 'nav.sweeps'], ['/rankings', 'nav.rankings'], ['/community', 'nav.community'], ['/watchlist', 'nav.watchlist']]
    : [['/market', 'nav.market'], ['/community', 'nav.community']];
  return (
    <div className="app">
      <header className="topbar">
        <Link to={loggedIn ? '/dashboard' : '/'} className="brand">Stock<span>Lab</span></Link>
        {loggedIn && <NotificationBell />}
        <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>☰<span className="sr-only">{t('nav.menu')}</span></button>
        <nav id="main-nav" className={open ? 'open' : ''} onClick={() => setOpen(false)}>
          {links.map(([to, key]) => <NavLink key={to} to={to!}>{t(key!)}</NavLink>)}
          <span className="spacer" />
          <button type="button" className="lang" onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')} aria-label={t('nav.language')}>{lang === 'ko' ? 'EN' : '한국어'}</button>
          {loggedIn ? (
            <>
              <NavLink to="/account" data-testid="account-link">{user?.nickname ?? t('nav.account')}</NavLink>
              <button type="button" className="link" data-testid="logout" onClick={async () => { await logout(); navigate('/login'); }}>{t('nav.logout')}</button>
            </>
          ) : (
            <>
              <NavLink to="/login">{t('nav.login')}</NavLink>
              <NavLink to="/signup" className="button small">{t('nav.signup')}</NavLink>
            </>
          )}
        </nav>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
