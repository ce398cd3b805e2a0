import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { adoptTokens, clearSession, hasSession, onSessionChange, refreshSession, typed, unwrap, type UserResponse } from './client';

interface AuthState {
  loggedIn: boolean;
  user: UserResponse | undefined;
  loading: boolean;
  login: (email: string, password: string) => Promise<void>;
  register: (email: string, nickname: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [loggedIn, setLoggedIn] = useState(hasSession());
  useEffect(() => onSessionChange((v) => {
    setLoggedIn(v);
    if (!v) qc.clear();
  }), [qc]);
  // a stored session whose access token expired while the page was closed: refresh it silently first
  const [ready, setReady] = useState(!hasSession());
  useEffect(() => {
    if (ready) return;
    void refreshSession().finally(() => setReady(true));
  }, [ready]);

  const me = useQuery({
    queryKey: ['me'],
    enabled: loggedIn && ready,
    queryFn: async () => unwrap(await typed.GET('/api/v1/users/me')),
  });

  const login = useCallback(async (email: string, password: string) => {
    adoptTokens(unwrap(await typed.POST('/api/v1/auth/login', { body: { email, password } })));
    setReady(true);
    await qc.invalidateQueries({ queryKey: ['me'] });
  }, [qc]);

  const register = useCallback(async (email: string, nickname: string, password: string) => {
    unwrap(await typed.POST('/api/v1/auth/register', { body: { email, nickname, password } }));
    await login(email, password);
  }, [login]);

  const logout = useCallback(async () => {
    const raw = localStorage.getItem('stocklab.session');
    const refreshToken = raw ? (JSON.parse(raw) as { refreshToken?: string }).refreshToken : undefined;
    try {
      await typed.POST('/api/v1/auth/logout', { body: refreshToken ? { refreshToken } : {} });
    } finally {
      clearSession();
      qc.clear();
    }
  }, [qc]);

  const value = useMemo<AuthState>(() => ({
    loggedIn,
    user: me.data,
    loading: !ready || (loggedIn && me.isLoading),
    login,
    register,
    logout,
  }), [loggedIn, me.data, me.isLoading, ready, login, register, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
