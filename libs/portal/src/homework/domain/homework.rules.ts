/** The seed's homework types (HomeworkAssignment.homeworkType), a fixed vocabulary. */
export const HOMEWORK_TYPES = [
  'thought_record',
  'behavioral_activation',
  'exposure',
  'mindfulness',
  'journaling',
  'worksheet',
  'reading',
  'skills_practice',
  'other',
] as const;
export type HomeworkType = (typeof HOMEWORK_TYPES)[number];

export const HOMEWORK_STATUSES = ['assigned', 'completed', 'reviewed', 'cancelled'] as const;
export type HomeworkStatus = (typeof HOMEWORK_STATUSES)[number];

/** What moves an assignment: the client completes, the therapist reviews (feedback) or cancels. */
export type HomeworkAction = 'complete' | 'review' | 'cancel';

const FROM: Record<HomeworkAction, { from: HomeworkStatus; to: HomeworkStatus }> = {
  complete: { from: 'assigned', to: 'completed' },
  review: { from: 'completed', to: 'reviewed' },
  cancel: { from: 'assigned', to: 'cancelled' },
};

/**
 * assigned -> completed -> reviewed, or assigned -> cancelled; nothing else. A refused move says why, for the 409.
 */
export function homeworkTransition(
  current: string,
  action: HomeworkAction,
): { ok: true; status: HomeworkStatus } | { ok: false; reason: string } {
  const rule = FROM[action];
  if (current === rule.from) return { ok: true, status: rule.to };
  return {
    ok: false,
    reason: `Homework that is ${current} cannot be ${action === 'complete' ? 'completed' : action === 'review' ? 'reviewed' : 'cancelled'}; only ${rule.from} homework can.`,
  };
}

/** Assigned homework whose due day has passed (in the organization's calendar, `today` as YYYY-MM-DD). */
export function homeworkOverdue(status: string, dueOn: string, today: string): boolean {
  return status === 'assigned' && dueOn < today;
}

/** The calendar day (YYYY-MM-DD) at `now` in the organization's time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
