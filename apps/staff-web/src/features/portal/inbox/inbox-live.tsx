import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { NavLink } from 'react-router';

import { api, authFetch, call } from '../../../api/client';
import { API_BASE_URL } from '../../../api/runtime-config';
import { useAuth } from '../../../shared/auth';
import { notificationWords, type PortalNotification } from './notification-words';
import { usePatientFullNames } from './patient-full-names';
import { parseSse } from './sse';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

export const INBOX_PERMISSION = 'portal.activity.view';
const STREAM_PATH = '/api/v1/therapist/portal-notifications/stream';

/**
 * The therapist's portal notifications, live (GET /therapist/portal-notifications/stream). That stream takes the
 * bearer token like any request (it has no ticket exchange, unlike the dashboards' stream), so it is read with
 * fetch and the session's `authFetch` (token, organization header, one refresh on a 401) rather than EventSource,
 * which cannot send the header, and parsed here. The server replays the last minute on every connection, so a
 * reconnect after a drop delivers what arrived meanwhile; ids already seen are not announced twice. A dropped or
 * failed stream is "reconnecting" and retried after a growing pause; a 403 means no live updates here.
 */
export function useNotificationStream(enabled: boolean, organizationId: string | undefined, onArrival: (n: PortalNotification) => void) {
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const arrival = useRef(onArrival);
  arrival.current = onArrival;
  useEffect(() => {
    if (!enabled || !organizationId) return undefined;
    let stopped = false;
    let controller: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const seen = new Set<string>();
    // What the first connection replays (the last minute) is already in the list the page loaded: not news.
    const openedAt = Date.now();
    const retry = () => {
      if (stopped) return;
      setState('reconnecting');
      attempt += 1;
      timer = setTimeout(() => void connect(), Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
    };
    const deliver = (data: string) => {
      let n: PortalNotification;
      try {
        n = JSON.parse(data) as PortalNotification;
      } catch {
        return;
      }
      if (!n.notificationId || seen.has(n.notificationId)) return;
      seen.add(n.notificationId);
      void qc.invalidateQueries({ queryKey: ['portal-notifications'] });
      if (Date.parse(n.createdAt) >= openedAt - 2000) arrival.current(n);
    };
    const connect = async () => {
      controller = new AbortController();
      let res: Response;
      try {
        res = await authFetch(
          new Request(new URL(`${API_BASE_URL}${STREAM_PATH}`, window.location.origin).toString(), {
            headers: { Accept: 'text/event-stream' },
            signal: controller.signal,
          }),
        );
      } catch {
        retry();
        return;
      }
      if (stopped) return;
      if (res.status === 403) {
        setState('unavailable');
        return;
      }
      if (!res.ok || !res.body) {
        retry();
        return;
      }
      attempt = 0;
      setState('live');
      // Whatever was missed while the stream was down: the list and the count are read again.
      void qc.invalidateQueries({ queryKey: ['portal-notifications'] });
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          const { events, rest } = parseSse(buffer);
          buffer = rest;
          for (const e of events) if (e.event === 'portal-notification') deliver(e.data);
        }
      } catch {
        // aborted or dropped: below
      }
      retry();
    };
    void connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
    };
  }, [enabled, organizationId, qc]);
  return enabled ? state : 'unavailable';
}

interface InboxLive {
  state: LiveState;
  unread: number | undefined;
}

const InboxLiveContext = createContext<InboxLive>({ state: 'unavailable', unread: undefined });

export function useInboxLive(): InboxLive {
  return useContext(InboxLiveContext);
}

/** The unread count of the caller's portal notifications (the list's `unread`), shared by the nav and the inbox. */
export function useUnreadCount(enabled: boolean, organizationId: string | undefined) {
  return useQuery({
    queryKey: ['portal-notifications', organizationId ?? null, 'unread-count'],
    enabled: enabled && !!organizationId,
    queryFn: async () => (await call(api.GET('/api/v1/therapist/portal-notifications', { params: { query: { pageSize: 1 } } }))).unread,
  });
}

/**
 * Keeps one live stream for the signed-in user who may see portal activity, whatever page is open, and announces
 * each arrival politely (a status region: read out when the reader is idle, focus stays where it is).
 */
export function InboxLiveProvider({ children }: { children: ReactNode }) {
  const { signedIn, permissions, scope, me } = useAuth();
  const enabled = signedIn && !!me && permissions.has(INBOX_PERMISSION);
  const [arrived, setArrived] = useState<PortalNotification[]>([]);
  const state = useNotificationStream(enabled, scope.organizationId, (n) => setArrived((a) => [...a.slice(-4), n]));
  const unread = useUnreadCount(enabled, scope.organizationId);
  const names = usePatientFullNames(
    arrived.map((n) => n.patientId),
    scope.organizationId,
    permissions.has('patients.view'),
  );
  const latest = arrived.at(-1);
  const announcement = latest ? `New portal notification: ${notificationWords(latest, names.nameOf(latest.patientId))}` : '';
  return (
    <InboxLiveContext.Provider value={{ state: enabled ? state : 'unavailable', unread: enabled ? unread.data : undefined }}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="portal-inbox-announcer">
        {enabled && !names.isPending ? announcement : ''}
      </div>
    </InboxLiveContext.Provider>
  );
}

/** The navigation entry: "Portal inbox" and the unread count in words for a screen reader ("3 unread"). */
export function PortalInboxNavLink() {
  const { unread } = useInboxLive();
  return (
    <NavLink to="/portal/inbox">
      Portal inbox
      {unread !== undefined && unread > 0 && (
        <>
          {' '}
          <span className="nav-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
          <span className="visually-hidden"> ({unread} unread)</span>
        </>
      )}
    </NavLink>
  );
}
