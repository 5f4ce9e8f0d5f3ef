/** A session review is a prompt until the client answers it, once (scenario 4). */
export const SESSION_REVIEW_STATUSES = ['pending', 'submitted'] as const;
export type SessionReviewStatus = (typeof SESSION_REVIEW_STATUSES)[number];

export const MIN_RATING = 1;
export const MAX_RATING = 5;
export const FEEDBACK_MAX = 2000;

/** Only a completed appointment is reviewed: never a cancelled, late-cancelled or no-show one (nor a check-in). */
export function promptsReview(appointmentStatus: string): boolean {
  return appointmentStatus === 'completed';
}

/** How long until the prompt: the configured delay after the completion, never negative (a late event prompts at once). */
export function promptDelayMs(completedAt: string, delaySeconds: number, now: Date): number {
  const due = Date.parse(completedAt) + delaySeconds * 1000;
  return Number.isFinite(due) ? Math.max(0, due - now.getTime()) : delaySeconds * 1000;
}

/** The delayed job's id: one per appointment, so a redelivered completion does not add a second job while one waits. */
export function promptJobId(organizationId: string, appointmentId: string): string {
  return `session-review-${organizationId}-${appointmentId}`;
}

export type AnswerRefusal = { ok: true } | { ok: false; reason: string };

/** The client answers a pending prompt only. */
export function mayAnswer(status: string): AnswerRefusal {
  return status === 'pending' ? { ok: true } : { ok: false, reason: 'This session has been reviewed already.' };
}
