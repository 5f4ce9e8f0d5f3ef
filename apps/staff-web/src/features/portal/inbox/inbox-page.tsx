import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';

import { api, call } from '../../../api/client';
import { useAddressFilters } from '../../../shared/address-filters';
import { useAuth } from '../../../shared/auth';
import { Button } from '../../../shared/button';
import { ErrorMessage } from '../../../shared/error-message';
import { Card, PageHeader } from '../../../shared/layout';
import { Pager } from '../../../shared/pager';
import { isRefusal, RefusedPage } from '../../../shared/refusal';
import { ArrivalAnnouncer, INBOX_PERMISSION, useNotificationStream, type LiveState } from './inbox-live';
import { needsAttention, notificationWords, type PortalNotification } from './notification-words';
import { usePatientFullNames } from './patient-full-names';

const PAGE_SIZE = 25;
const TITLE = 'Portal inbox';

const LIVE_WORDS: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unavailable: 'Not live: reload the page for new activity',
};

function LiveBadge({ state }: { state: LiveState }) {
  const symbol = state === 'live' ? '●' : state === 'unavailable' ? '○' : '◌';
  return (
    <p className={`live live-${state}`}>
      <span aria-hidden="true">{symbol} </span>
      {LIVE_WORDS[state]}
    </p>
  );
}

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * What the therapist's clients did in the portal (GET /therapist/portal-notifications): newest first, each in plain
 * words with a link to the client's portal tab, unread ones marked and counted, "Mark read" / "Mark unread". New
 * ones arrive live while the page is open (the stream refetches this list and the count) and are announced politely,
 * never moving focus.
 */
export function InboxPage() {
  const { scope, permissions } = useAuth();
  const { params, setFilter, setPage } = useAddressFilters();
  const unreadOnly = params.get('unread') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [arrived, setArrived] = useState<PortalNotification>();
  const liveState = useNotificationStream(permissions.has(INBOX_PERMISSION), scope.organizationId, setArrived);
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['portal-notifications', scope.organizationId ?? null, 'list', { unreadOnly, page }],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/therapist/portal-notifications', {
          params: { query: { page, pageSize: PAGE_SIZE, ...(unreadOnly ? { unread: 'true' as const } : {}) } },
        }),
      ),
  });
  const items = list.data?.items ?? [];
  const names = usePatientFullNames(
    items.map((n) => n.patientId),
    scope.organizationId,
    permissions.has('patients.view'),
  );
  const [markError, setMarkError] = useState<{ id: string; error: unknown }>();
  const mark = useMutation({
    mutationFn: (v: { id: string; read: boolean }) =>
      call(api.POST('/api/v1/therapist/portal-notifications/{id}/read', { params: { path: { id: v.id } }, body: { read: v.read } })),
    onMutate: () => setMarkError(undefined),
    onError: (error, v) => setMarkError({ id: v.id, error }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['portal-notifications'] }),
  });

  if (isRefusal(list.error)) return <RefusedPage title={TITLE} error={list.error} />;
  const unread = list.data?.unread;
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeader
        title={TITLE}
        description="What your clients did in the portal: check-ins, shared entries, homework and crisis alerts, as it happens. Only you and portal administrators see these."
        actions={<LiveBadge state={liveState} />}
      />
      <form className="inline-form" onSubmit={(e) => e.preventDefault()} aria-label="Which notifications">
        <span className="field">
          <label htmlFor="inbox-show">Show</label>
          <select id="inbox-show" value={unreadOnly ? 'true' : ''} onChange={(e) => setFilter('unread', e.target.value)}>
            <option value="">All notifications</option>
            <option value="true">Unread only</option>
          </select>
        </span>
      </form>
      <Card title={unread === undefined ? 'Notifications' : unread === 0 ? 'Notifications: all read' : `Notifications: ${unread} unread`}>
        {list.error ? (
          <ErrorMessage error={list.error} />
        ) : list.isPending ? (
          <p role="status">Loading notifications…</p>
        ) : items.length === 0 ? (
          <p>{unreadOnly ? 'Nothing unread.' : 'No portal activity from your clients yet.'}</p>
        ) : (
          <ul className="portal-inbox-list" aria-label="Portal notifications">
            {items.map((n) => (
              <NotificationItem
                key={n.notificationId}
                n={n}
                name={names.nameOf(n.patientId)}
                namesPending={names.isPending}
                busy={mark.isPending && mark.variables?.id === n.notificationId}
                error={markError?.id === n.notificationId ? markError.error : undefined}
                onMark={(read) => mark.mutate({ id: n.notificationId, read })}
              />
            ))}
          </ul>
        )}
        <Pager page={page} pages={pages} onPage={setPage} label="More notifications" />
      </Card>
      <ArrivalAnnouncer arrived={arrived} />
    </>
  );
}

function NotificationItem({
  n,
  name,
  namesPending,
  busy,
  error,
  onMark,
}: {
  n: PortalNotification;
  name: string;
  namesPending: boolean;
  busy: boolean;
  error: unknown;
  onMark: (read: boolean) => void;
}) {
  const unread = n.readAt === null;
  const words = namesPending ? notificationWords(n, 'A client') : notificationWords(n, name);
  return (
    <li className={unread ? 'portal-inbox-item unread' : 'portal-inbox-item'} data-notification-id={n.notificationId}>
      <p className="portal-inbox-status">
        {unread ? (
          <span className="badge">
            <span aria-hidden="true">● </span>Unread
          </span>
        ) : (
          <span className="muted">
            <span aria-hidden="true">✓ </span>Read
          </span>
        )}
        {needsAttention(n) && (
          <span className="badge flag-attention">
            <span aria-hidden="true">⚠ </span>Needs attention
          </span>
        )}
      </p>
      <p className="portal-inbox-words">{words}</p>
      <p className="muted">
        <time dateTime={n.createdAt}>{when.format(new Date(n.createdAt))}</time>
      </p>
      <div className="portal-inbox-actions">
        <Link to={`/patients/${n.patientId}/portal`}>Open {namesPending || name === 'A client' ? 'the client' : name}’s portal tab</Link>
        <Button variant="quiet" disabled={busy} onClick={() => onMark(unread)}>
          {unread ? 'Mark read' : 'Mark unread'}
          <span className="visually-hidden">: {words}</span>
        </Button>
      </div>
      {error !== undefined && <ErrorMessage error={error} />}
    </li>
  );
}
