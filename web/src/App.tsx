import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from './api/auth';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import { DashboardPage } from './pages/DashboardPage';

// Every page but the dashboard is its own chunk; the chart libraries load only with the pages that draw charts.
const LoginPage = lazy(() => import('./pages/AuthPages').then((m) => ({ default: m.LoginPage })));
const SignupPage = lazy(() => import('./pages/AuthPages').then((m) => ({ default: m.SignupPage })));
const AccountPage = lazy(() => import('./pages/AccountPage'));
const MarketPage = lazy(() => import('./pages/MarketPage'));
const AssetPage = lazy(() => import('./pages/AssetPage'));
const StrategiesPage = lazy(() => import('./pages/StrategiesPage'));
const BuilderPage = lazy(() => import('./pages/BuilderPage'));
const RunPage = lazy(() => import('./pages/RunPage'));
const ResultPage = lazy(() => import('./pages/ResultPage'));
const ComparePage = lazy(() => import('./pages/ComparePage'));
const SweepsPage = lazy(() => import('./pages/SweepsPage'));
const HistoryPage = lazy(() => import('./pages/HistoryPage'));
const RankingsPage = lazy(() => import('./pages/RankingsPage'));
const CommunityPage = lazy(() => import('./pages/CommunityPage'));
const PostPage = lazy(() => import('./pages/PostPage'));
const PostEditorPage = lazy(() => import('./pages/PostEditorPage'));
const ReportsPage = lazy(() => import('./pages/ReportsPage'));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage'));
const WatchlistPage = lazy(() => import('./pages/WatchlistPage'));

function RequireAuth({ children }: { children: ReactNode }) {
  const { loggedIn, loading } = useAuth();
  const location = useLocation();
  if (!loggedIn) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (loading) return <Loading />;
  return <>{children}</>;
}

function NotFound() {
  const { t } = useTranslation();
  return <div className="page narrow"><h1>{t('notFound.title')}</h1><Link to="/dashboard">{t('notFound.back')}</Link></div>;
}

export function App() {
  const { loggedIn } = useAuth();
  const guard = (el: ReactNode) => <RequireAuth>{el}</RequireAuth>;
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Navigate to={loggedIn ? '/dashboard' : '/login'} replace />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/signup" element={<SignupPage />} />
          <Route path="/account" element={guard(<AccountPage />)} />
          <Route path="/dashboard" element={guard(<DashboardPage />)} />
          <Route path="/market" element={guard(<MarketPage />)} />
          <Route path="/market/:code" element={guard(<AssetPage />)} />
          <Route path="/strategies" element={guard(<StrategiesPage />)} />
          <Route path="/strategies/new" element={guard(<BuilderPage />)} />
          <Route path="/strategies/:id" element={guard(<BuilderPage />)} />
          <Route path="/backtests/:id/run" element={guard(<RunPage />)} />
          <Route path="/backtests/:id" element={guard(<ResultPage />)} />
          <Route path="/backtests" element={<Navigate to="/history" replace />} />
          <Route path="/compare" element={guard(<ComparePage />)} />
          <Route path="/sweeps" element={guard(<SweepsPage />)} />
          <Route path="/sweeps/:id" element={guard(<SweepsPage />)} />
          <Route path="/history" element={guard(<HistoryPage />)} />
          <Route path="/rankings" element={guard(<RankingsPage />)} />
          <Route path="/community" element={<CommunityPage />} />
          <Route path="/community/new" element={guard(<PostEditorPage />)} />
          <Route path="/community/reports" element={guard(<ReportsPage />)} />
          <Route path="/community/posts/:id" element={<PostPage />} />
          <Route path="/community/posts/:id/edit" element={guard(<PostEditorPage />)} />
          <Route path="/notifications" element={guard(<NotificationsPage />)} />
          <Route path="/watchlist" element={guard(<WatchlistPage />)} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
