import type { PortalRow } from '../../portal.tx';

/** New portal activity for a clinician: what happened, to which record, of which patient (ids, no content). */
export interface PortalNotificationView {
  notificationId: string;
  patientId: string;
  /** e.g. mood_entry.logged, journal_entry.shared, prompt.answered */
  kind: string;
  recordKind: string;
  recordId: string;
  createdAt: string;
  readAt: string | null;
}

export function toPortalNotificationView(n: PortalRow<'portalNotification'>): PortalNotificationView {
  return {
    notificationId: n.id,
    patientId: n.patientId,
    kind: n.kind,
    recordKind: n.recordKind,
    recordId: n.recordId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
