import createClient from 'openapi-fetch';

import type { components, paths } from './generated/schema';
import { ApiError, toProblem } from './problem';
import { API_BASE_URL } from './runtime-config';

export type Schemas = components['schemas'];
export type Me = Schemas['MeDto'];
export type Patient = Schemas['PatientResponseDto'];
export type ProductivityRow = Schemas['ProviderProductivityDto'];
export type Generation = Schemas['GroupEncounterGenerationDto'];
export type ReviewItem = Schemas['ReviewItemResultDto'];
export type ReviewResult = Schemas['ReviewResultDto'];
export type Charge = Schemas['ChargeResponseDto'];

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export interface Scope {
  organizationId?: string;
  siteId?: string;
}

const TOKENS_KEY = 'cairn.staff.tokens';
const SCOPE_KEY = 'cairn.staff.scope';

/**
 * The signed-in session: tokens and the chosen organization and site, kept in sessionStorage (gone when the tab
 * closes). Every API call goes through `authFetch`, which adds the bearer token and the scope headers and, on a
 * 401, rotates the refresh token once and retries.
 */
class SessionStore {
  private listeners = new Set<() => void>();
  private refreshing?: Promise<boolean>;

  get tokens(): Tokens | undefined {
    const raw = sessionStorage.getItem(TOKENS_KEY);
    return raw ? (JSON.parse(raw) as Tokens) : undefined;
  }
  get scope(): Scope {
    const raw = sessionStorage.getItem(SCOPE_KEY);
    return raw ? (JSON.parse(raw) as Scope) : {};
  }
  setTokens(t: Tokens | undefined): void {
    if (t) sessionStorage.setItem(TOKENS_KEY, JSON.stringify(t));
    else sessionStorage.removeItem(TOKENS_KEY);
    this.emit();
  }
  setScope(s: Scope): void {
    sessionStorage.setItem(SCOPE_KEY, JSON.stringify(s));
    this.emit();
  }
  clear(): void {
    sessionStorage.removeItem(TOKENS_KEY);
    sessionStorage.removeItem(SCOPE_KEY);
    this.emit();
  }
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  /** One refresh at a time: concurrent 401s wait for the same rotation (a spent refresh token revokes the session). */
  refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      const t = this.tokens;
      if (!t) return false;
      const res = await fetch(`${API_BASE_URL}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: t.refreshToken }),
      });
      if (!res.ok) {
        this.setTokens(undefined);
        return false;
      }
      const s = (await res.json()) as Schemas['SessionDto'];
      this.setTokens({ accessToken: s.accessToken, refreshToken: s.refreshToken });
      return true;
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }
}

export const session = new SessionStore();

function withAuth(request: Request): Request {
  const r = request.clone();
  const t = session.tokens;
  if (t) r.headers.set('Authorization', `Bearer ${t.accessToken}`);
  const { organizationId, siteId } = session.scope;
  if (organizationId && !r.headers.has('X-Organization-Id')) r.headers.set('X-Organization-Id', organizationId);
  if (siteId && !r.headers.has('X-Site-Id')) r.headers.set('X-Site-Id', siteId);
  return r;
}

export async function authFetch(request: Request): Promise<Response> {
  const res = await fetch(withAuth(request));
  if (res.status !== 401 || !session.tokens || new URL(request.url).pathname.startsWith('/api/v1/auth/')) return res;
  return (await session.refresh()) ? fetch(withAuth(request)) : res;
}

/** The API at its deploy-time base URL (runtime-config.ts): the page's origin unless config.js names another. */
export const api = createClient<paths>({ baseUrl: API_BASE_URL, fetch: authFetch });

/** The data of an openapi-fetch result, or an ApiError carrying the problem+json in plain words. */
export function unwrap<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || !r.response.ok) throw new ApiError(toProblem(r.response.status, r.error));
  return r.data as T;
}

/** Wraps a network failure (no response at all) as a problem with status 0. */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let r;
  try {
    r = await p;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError({ status: 0, title: 'Network error', fieldErrors: [] });
  }
  return unwrap(r);
}
