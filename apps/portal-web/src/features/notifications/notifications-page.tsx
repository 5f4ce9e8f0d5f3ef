import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';

import { api, call, ClientNotification } from '../../api/client';
import { ErrorMessage } from '../../shared/error-message';
import { notificationTarget, targetWords } from './notification-links';

const PAGE_SIZE = 20;

/** When it came: the weekday and time, and the year too once it is not this year's. */
function whenWords(iso: string, now = new Date()): string {
  const d = new Date(iso);
  return d.toLocaleString('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: d.getFullYear() === now.getFullYear() ? undefined : 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

function NotificationItem({ n }: { n: ClientNotification }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const target = notificationTarget(n);
  const mark = useMutation({
    mutationFn: () => call(api.POST('/api/v1/portal/notifications/{id}/read', { params: { path: { id: n.notificationId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = n.readAt === null;
  const open = async () => {
    // Opening it is reading it; a failed mark does not keep the client from what they came for.
    if (unread) await mark.mutateAsync().catch(() => undefined);
    if (target) void navigate(target);
  };
  return (
    <li className={`card notification${unread ? ' unread' : ''}`}>
      <p>
        {unread && <span className="badge new">New</span>} {n.message}
      </p>
      <p className="muted">{whenWords(n.createdAt)}</p>
      <div className="actions">
        {target && (
          <a
            href={target}
            onClick={(e) => {
              e.preventDefault();
              void open();
            }}
          >
            {targetWords(n)}
          </a>
        )}
        {unread && (
          <button type="button" className="secondary" disabled={mark.isPending} onClick={() => mark.mutate()}>
            Mark as read
          </button>
        )}
      </div>
      {mark.isError && <ErrorMessage error={mark.error} />}
    </li>
  );
}

export function NotificationsPage() {
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['notifications', 'list', page],
    queryFn: () => call(api.GET('/api/v1/portal/notifications', { params: { query: { page, pageSize: PAGE_SIZE } } })),
  });
  const readAll = useMutation({
    mutationFn: () => call(api.POST('/api/v1/portal/notifications/read-all')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const unread = list.data?.unread ?? 0;
  return (
    <>
      <h1>Notifications</h1>
      <p className="muted">
        What is new for you from your therapist and your clinic. Notifications say only what kind of thing is new, never what it says, so
        they are safe to see on a shared screen.
      </p>
      {list.isPending && <p>Loading…</p>}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && (
        <p role="status">
          {unread === 0
            ? 'You have no unread notifications.'
            : `You have ${unread} unread ${unread === 1 ? 'notification' : 'notifications'}.`}
        </p>
      )}
      {unread > 0 && (
        <button type="button" className="secondary" disabled={readAll.isPending} onClick={() => readAll.mutate()}>
          Mark all as read
        </button>
      )}
      {readAll.isError && <ErrorMessage error={readAll.error} />}
      {list.data && list.data.total === 0 && <p>Nothing yet. When your therapist shares something with you, it shows up here.</p>}
      <ul className="cards notifications">
        {list.data?.items.map((n) => (
          <NotificationItem key={n.notificationId} n={n} />
        ))}
      </ul>
      {pages > 1 && (
        <nav className="pager" aria-label="Notification pages">
          <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Newer
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" className="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Older
          </button>
        </nav>
      )}
    </>
  );
}
