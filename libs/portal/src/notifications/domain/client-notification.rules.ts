/**
 * What the client is told is new, one kind per event of the records the therapist (or the clinic, or the system)
 * makes for them. The words are what the client already sees in the portal, never the record's content: a
 * notification can be read over a shoulder on a lock screen or a shared phone.
 * The database's check constraint (po_client_notifications_kind_check) lists the same kinds.
 */
export const CLIENT_NOTIFICATION_KINDS = {
  'homework.assigned': { recordKind: 'homework', message: 'Your therapist gave you new homework.' },
  'homework.reviewed': { recordKind: 'homework', message: 'Your therapist left feedback on your homework.' },
  'resource.recommended': { recordKind: 'resource', message: 'Your therapist recommended a resource.' },
  'session_summary.shared': { recordKind: 'session_summary', message: 'Your therapist shared a session summary.' },
  'audio_message.received': { recordKind: 'audio_message', message: 'Your therapist sent you an audio message.' },
  'session_review.requested': { recordKind: 'session_review', message: 'How was your session? You can tell us in a short review.' },
  'change_request.approved': { recordKind: 'change_request', message: 'Your request to change therapist was approved.' },
  'change_request.denied': { recordKind: 'change_request', message: 'Your request to change therapist was decided. See the reason.' },
  'prompt.received': { recordKind: 'prompt', message: 'Your therapist sent you a question or check-in.' },
} as const satisfies Record<string, { recordKind: string; message: string }>;

export type ClientNotificationKind = keyof typeof CLIENT_NOTIFICATION_KINDS;

export function isClientNotificationKind(kind: string): kind is ClientNotificationKind {
  return Object.prototype.hasOwnProperty.call(CLIENT_NOTIFICATION_KINDS, kind);
}

/** The client's sentence for a kind (a kind the API does not know, e.g. from a newer writer, reads plainly). */
export function clientNotificationMessage(kind: string): string {
  return isClientNotificationKind(kind) ? CLIENT_NOTIFICATION_KINDS[kind].message : 'There is something new in your portal.';
}
