// HTTP client of the StockLab API: bearer tokens with silent refresh (one refresh at a time, across tabs too,
// because a refresh token works once and presenting a used one again ends the session), problem+json errors as
// ApiError, and a typed client for the endpoints in the OpenAPI snapshot (src/api/schema.d.ts, generated).
import createClient from 'openapi-fetch';
import type { paths, components } from './schema';

export type Schemas = components['schemas'];
export type TokenResponse = Schemas['TokenResponse'];
export type UserResponse = Schemas['UserResponse'];

export interface FieldError { field: string; message: string }
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  requestId?: string;
  errors?: FieldError[];
}

/** An API error in words: the problem's detail (or title), with its field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
  /** The message for one field (request body field name), if the server named it. */
  forField(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }
}

// ---- token store ---------------------------------------------------------------------------------------------

const KEY = 'stocklab.session';
interface Session { accessToken: string; refreshToken: string; accessExpiresAt: number }
type Listener = (loggedIn: boolean) => void;
const listeners = new Set<Listener>();
let session: Session | null = readStored();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;

function readStored(): Session | null {
  try {
    const raw = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function store(next: Session | null) {
  session = next;
  try {
    if (next) localStorage.setItem(KEY, JSON.stringify(next));
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: keep it in memory */
  }
  scheduleRefresh();
  listeners.forEach((l) => l(next !== null));
}

export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function hasSession(): boolean {
  return session !== null;
}

export function accessToken(): string | null {
  return session?.accessToken ?? null;
}

export function adoptTokens(t: TokenResponse) {
  store({
    accessToken: t.accessToken ?? '',
    refreshToken: t.refreshToken ?? '',
    accessExpiresAt: Date.now() + (t.expiresIn ?? 900) * 1000,
  });
}

export function clearSession() {
  store(null);
}

/** Refreshes the access token a minute before it expires, while the page is open (silent refresh). */
function scheduleRefresh() {
  if (refreshTimer) clearTimeout(refreshTimer);
  if (!session || typeof window === 'undefined') return;
  const delay = Math.max(5_000, session.accessExpiresAt - Date.now() - 60_000);
  refreshTimer = setTimeout(() => void refreshSession(), Math.min(delay, 2 ** 31 - 1));
}

// another tab logged in, refreshed or logged out
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    session = readStored();
    scheduleRefresh();
    listeners.forEach((l) => l(session !== null));
  });
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  return locks ? locks.request('stocklab-refresh', fn) : fn();
}

/** Exchanges the refresh token for a new pair; false (and logged out) when the session is over. */
export function refreshSession(): Promise<boolean> {
  if (refreshing) return refreshing;
  const used = session?.refreshToken;
  refreshing = withLock(async () => {
    const latest = readStored() ?? session;
    if (latest && latest.refreshToken !== used && latest.accessExpiresAt > Date.now() + 30_000) {
      session = latest; // another tab refreshed already
      scheduleRefresh();
      return true;
    }
    if (!latest?.refreshToken) return false;
    const res = await fetch(abs('/api/v1/auth/refresh'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken: latest.refreshToken }),
    });
    if (!res.ok) {
      if (res.status === 401 || res.status === 400 || res.status === 422) store(null);
      return false;
    }
    adoptTokens((await res.json()) as TokenResponse);
    return true;
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

// ---- fetch with auth -----------------------------------------------------------------------------------------

async function problemOf(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  try {
    const json = JSON.parse(text) as Problem;
    return { status: res.status, ...json };
  } catch {
    return { status: res.status, title: res.statusText || `HTTP ${res.status}`, detail: text.slice(0, 300) || undefined };
  }
}

/** fetch() with the bearer token; on 401 refreshes once and retries. */
export async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const send = (req: Request) => {
    const token = accessToken();
    if (token && !req.headers.has('Authorization')) req.headers.set('Authorization', `Bearer ${token}`);
    return fetch(req);
  };
  const res = await send(input);
  if (res.status === 401 && session && !input.url.includes('/api/v1/auth/')) {
    if (await refreshSession()) return send(retry);
  }
  return res;
}

/** An absolute URL on this origin (Request() needs one outside the browser, e.g. in tests). */
export function abs(path: string): string {
  return typeof location !== 'undefined' && location.origin && location.origin !== 'null' ? new URL(path, location.origin).toString() : path;
}

export interface RequestOptions { signal?: AbortSignal; query?: Record<string, string | number | boolean | string[] | undefined | null> }

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else q.append(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

/** A JSON call to the API; errors become ApiError with the server's words. */
export async function api<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await authFetch(new Request(abs(withQuery(path, opts.query)), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: opts.signal,
  }));
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A download (CSV export) as a Blob, with the bearer token. */
export async function download(path: string): Promise<Blob> {
  const res = await authFetch(new Request(abs(path), { headers: { Accept: '*/*' } }));
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  return res.blob();
}

/** The typed client for the endpoints of the OpenAPI snapshot. */
export const typed = createClient<paths>({ baseUrl: abs('/').replace(/\/$/, ''), fetch: authFetch });

/** Unwraps an openapi-fetch result: data, or an ApiError. */
export function unwrap<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || !r.response.ok) {
    const p = (r.error ?? {}) as Problem;
    throw new ApiError(r.response.status, { status: r.response.status, ...p });
  }
  return r.data as T;
}
