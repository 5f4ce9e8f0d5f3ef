import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
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
 * which cannot send the header, and parsed here. It is open only while the inbox is: a streamed fetch, unlike an
 * EventSource, keeps the page's network busy (browser tests wait for it to be idle on every page). The server replays the last minute on every connection, so a
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

/** How often the navigation's unread count is read again while the inbox (and its live stream) is not open. */
export const UNREAD_POLL_MS = 60_000;

/**
 * The unread count of the caller's portal notifications (the list's `unread`). The inbox's live stream and its
 * "Mark read" refetch it at once (same query key prefix); elsewhere it is read again every minute.
 */
export function useUnreadCount(enabled: boolean, organizationId: string | undefined) {
  return useQuery({
    queryKey: ['portal-notifications', organizationId ?? null, 'unread-count'],
    enabled: enabled && !!organizationId,
    refetchInterval: UNREAD_POLL_MS,
    queryFn: async () => (await call(api.GET('/api/v1/therapist/portal-notifications', { params: { query: { pageSize: 1 } } }))).unread,
  });
}

/** The announcement of the latest arrival, polite: read out when the reader is idle, focus stays where it is. */
export function ArrivalAnnouncer({ arrived }: { arrived: PortalNotification | undefined }) {
  const { scope, permissions } = useAuth();
  const names = usePatientFullNames(arrived ? [arrived.patientId] : [], scope.organizationId, permissions.has('patients.view'));
  const text = arrived && !names.isPending ? `New portal notification: ${notificationWords(arrived, names.nameOf(arrived.patientId))}` : '';
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="portal-inbox-announcer">
      {text}
    </div>
  );
}

/** The navigation entry: "Portal inbox" and the unread count in words for a screen reader ("3 unread"). */
export function PortalInboxNavLink() {
  const { permissions, scope } = useAuth();
  const unread = useUnreadCount(permissions.has(INBOX_PERMISSION), scope.organizationId).data;
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
