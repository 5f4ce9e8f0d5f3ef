import type { Schemas } from '../../../api/client';

export type PortalNotification = Schemas['PortalNotificationResponseDto'];

/** Kinds a therapist should act on soon: shown with "⚠ Needs attention" (a symbol and words, never colour alone). */
const URGENT = new Set(['crisis_toolkit.alert', 'mood_entry.low_score', 'session_prep.urgent']);

export function needsAttention(n: Pick<PortalNotification, 'kind'>): boolean {
  return URGENT.has(n.kind);
}

/**
 * A notification in plain words, with the client's name ("Alex Rivera's crisis toolkit was opened 3 times in 7
 * days"). The API sends ids and a kind only (no content), so the words say what happened, never what was written.
 * A crisis alert is raised by the third open within a rolling 7 days (libs/portal crisis-episode.rules), hence "3".
 */
export function notificationWords(n: Pick<PortalNotification, 'kind'>, name: string): string {
  switch (n.kind) {
    case 'crisis_toolkit.alert':
      return `${name}'s crisis toolkit was opened 3 times in 7 days. Reach out to them.`;
    case 'mood_entry.low_score':
      return `${name} logged a low mood.`;
    case 'mood_entry.logged':
      return `${name} logged a mood check-in.`;
    case 'journal_entry.shared':
      return `${name} shared a journal entry with you.`;
    case 'prompt.answered':
      return `${name} answered a daily prompt.`;
    case 'check_in.answered':
      return `${name} answered a scheduled check-in.`;
    case 'goal.created':
      return `${name} set a new goal.`;
    case 'goal.progress':
      return `${name} updated their progress on a goal.`;
    case 'homework.completed':
      return `${name} handed in homework.`;
    case 'session_review.shared':
      return `${name} shared a review of a session with you.`;
    case 'session_prep.urgent':
      return `${name} flagged an urgent concern before the next session.`;
    default:
      return `${name} has new activity in the portal.`;
  }
}
