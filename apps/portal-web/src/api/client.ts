import createClient from 'openapi-fetch';

import type { components, paths } from './generated/schema';
import { ApiError, toProblem } from './problem';
import { API_BASE_URL } from './runtime-config';

export type Schemas = components['schemas'];
export type PortalSession = Schemas['PortalSessionDto'];
export type MoodEntry = Schemas['MoodEntryResponseDto'];
export type MoodTrend = Schemas['MoodTrendResponseDto'];
export type Symptom = Schemas['LogMoodEntryDto']['symptoms'][number];
export type JournalEntry = Schemas['JournalEntryResponseDto'];
export type Homework = Schemas['HomeworkResponseDto'];
export type Goal = Schemas['GoalResponseDto'];
export type GoalDetail = Schemas['GoalDetailResponseDto'];
export type Resource = Schemas['ResourceResponseDto'];
export type CrisisToolkit = Schemas['CrisisToolkitResponseDto'];
export type Prompt = Schemas['PortalPromptResponseDto'];
export type Appointment = Schemas['PatientAppointmentDto'];
export type PortalFile = Schemas['PortalFileResponseDto'];
export type SessionPrep = Schemas['SessionPrepResponseDto'];
export type SessionReview = Schemas['SessionReviewResponseDto'];
export type ChangeRequest = Schemas['ChangeRequestResponseDto'];
export type InsuranceCard = Schemas['InsuranceCardResponseDto'];
export type PaymentMethod = Schemas['PaymentMethodResponseDto'];
export type NewPaymentMethod = Schemas['AddPaymentMethodDto'];
export type SessionSummary = Schemas['SessionSummaryResponseDto'];
export type AudioMessage = Schemas['AudioMessageResponseDto'];
export type ClientNotification = Schemas['ClientNotificationResponseDto'];
export type ClientNotificationPage = Schemas['ClientNotificationPageDto'];

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export const TOKENS_KEY = 'cairn.portal.tokens';
const AUTH_PATHS = '/api/v1/portal/auth/';

/**
 * The client's session: the portal tokens, kept in sessionStorage (gone when the tab closes, so a shared phone or
 * computer does not stay signed in). Every API call goes through `authFetch`, which adds the bearer token and, on a
 * 401, rotates the refresh token once and retries.
 */
class SessionStore {
  private listeners = new Set<() => void>();
  private refreshing?: Promise<boolean>;

  get tokens(): Tokens | undefined {
    const raw = sessionStorage.getItem(TOKENS_KEY);
    return raw ? (JSON.parse(raw) as Tokens) : undefined;
  }
  setTokens(t: Tokens | undefined): void {
    if (t) sessionStorage.setItem(TOKENS_KEY, JSON.stringify(t));
    else sessionStorage.removeItem(TOKENS_KEY);
    for (const fn of this.listeners) fn();
  }
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /**
   * One refresh at a time: concurrent 401s wait for the same rotation. A refresh token is single use and the API
   * treats a spent one as theft (it ends the whole session), so two parallel refreshes with the same token would
   * sign the client out.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      const t = this.tokens;
      if (!t) return false;
      let res: Response;
      try {
        res = await fetch(`${API_BASE_URL}${AUTH_PATHS}refresh`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken: t.refreshToken }),
        });
      } catch {
        return false; // offline: keep the tokens, the next request tries again
      }
      if (!res.ok) {
        this.setTokens(undefined);
        return false;
      }
      const s = (await res.json()) as PortalSession;
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
  if (t && !new URL(r.url).pathname.startsWith(AUTH_PATHS + 'refresh')) r.headers.set('Authorization', `Bearer ${t.accessToken}`);
  return r;
}

export async function authFetch(request: Request): Promise<Response> {
  const res = await fetch(withAuth(request));
  if (res.status !== 401 || !session.tokens || new URL(request.url).pathname.startsWith(AUTH_PATHS)) return res;
  return (await session.refresh()) ? fetch(withAuth(request)) : res;
}

/** The API at its deploy-time base URL (runtime-config.ts): the page's origin unless config.js names another. */
export const api = createClient<paths>({ baseUrl: API_BASE_URL, fetch: authFetch });

/** The data of an openapi-fetch result, or an ApiError carrying the problem+json. */
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

/**
 * Uploads one file (`POST /api/v1/portal/files`, multipart) and answers its record. Not through openapi-fetch:
 * its body serialiser would turn the File into JSON.
 */
export async function uploadFile(file: File, sharedWithClinician: boolean): Promise<PortalFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('sharedWithClinician', String(sharedWithClinician));
  let res: Response;
  try {
    res = await authFetch(new Request(`${API_BASE_URL}/api/v1/portal/files`, { method: 'POST', body: form }));
  } catch {
    throw new ApiError({ status: 0, title: 'Network error', fieldErrors: [] });
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(toProblem(res.status, body));
  return body as PortalFile;
}
