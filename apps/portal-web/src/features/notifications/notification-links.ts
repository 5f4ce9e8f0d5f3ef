import type { ClientNotification } from '../../api/client';

/**
 * The screen a notification opens, from the kind of record it names. Null when the portal has no screen for it
 * (a decided change of therapist: the words say everything the client needs; the clinic contacts them).
 */
export function notificationTarget(n: Pick<ClientNotification, 'recordKind' | 'recordId'>): string | null {
  const id = encodeURIComponent(n.recordId);
  switch (n.recordKind) {
    case 'homework':
      return '/homework';
    case 'resource':
      return '/resources';
    case 'session_summary':
      return `/session-summaries/${id}`;
    case 'audio_message':
      return '/audio-messages';
    case 'session_review':
      return `/session-reviews/${id}`;
    case 'prompt':
      return '/';
    default:
      return null;
  }
}

/** The words of the link, so a list of "Open" links still says where each goes. */
export function targetWords(n: Pick<ClientNotification, 'recordKind'>): string {
  switch (n.recordKind) {
    case 'homework':
      return 'Open your homework';
    case 'resource':
      return 'Open your resources';
    case 'session_summary':
      return 'Read the summary';
    case 'audio_message':
      return 'Listen';
    case 'session_review':
      return 'Answer the review';
    case 'prompt':
      return 'Answer on your home page';
    default:
      return 'Open';
  }
}
