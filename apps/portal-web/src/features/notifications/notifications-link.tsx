import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';

import { api, call } from '../../api/client';

/** How often the header asks for the unread count while the portal is open (and on every return to the tab). */
const POLL_MS = 60_000;

export const UNREAD_KEY = ['notifications', 'unread'] as const;

/** The header's link to the notifications: the unread count as a number on the badge and in words in its name. */
export function NotificationsLink() {
  const unread = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => call(api.GET('/api/v1/portal/notifications', { params: { query: { unread: 'true', pageSize: 1 } } })),
    refetchInterval: POLL_MS,
    select: (p) => p.unread,
  });
  const n = unread.data ?? 0;
  const shown = n > 99 ? '99+' : String(n);
  // The name starts with the visible words ("Notifications 3") and adds what the badge means.
  return (
    <NavLink to="/notifications" className="notifications-link" aria-label={n > 0 ? `Notifications ${shown} unread` : 'Notifications'}>
      Notifications {n > 0 && <span className="count-badge">{shown}</span>}
    </NavLink>
  );
}
