import type { PortalRow } from '../../portal.tx';
import { clientNotificationMessage } from './client-notification.rules';

/** Something new for the client: what kind, which record (so the app links to it), the words, read or not. */
export interface ClientNotificationView {
  notificationId: string;
  /** e.g. homework.assigned, session_summary.shared */
  kind: string;
  recordKind: string;
  recordId: string;
  /** A plain sentence with no clinical content ("Your therapist shared a session summary."). */
  message: string;
  createdAt: string;
  readAt: string | null;
}

export function toClientNotificationView(n: PortalRow<'clientNotification'>): ClientNotificationView {
  return {
    notificationId: n.id,
    kind: n.kind,
    recordKind: n.recordKind,
    recordId: n.recordId,
    message: clientNotificationMessage(n.kind),
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
