import type { Homework } from '../../api/client';

export const HOMEWORK_TYPE_WORDS: Record<Homework['homeworkType'], string> = {
  thought_record: 'Thought record',
  behavioral_activation: 'Activity planning',
  exposure: 'Exposure practice',
  mindfulness: 'Mindfulness',
  journaling: 'Journaling',
  worksheet: 'Worksheet',
  reading: 'Reading',
  skills_practice: 'Skills practice',
  other: 'Other',
};

/** Where a piece of homework stands, in words and a symbol (never colour alone). */
export function homeworkState(h: Homework): string {
  if (h.status === 'assigned') return h.overdue ? '⚠ Past its due day' : '◷ To do';
  if (h.status === 'completed') return '✓ Done, waiting for feedback';
  if (h.status === 'reviewed') return '✓ Done, feedback ready';
  return '✕ Cancelled by your therapist';
}

/** The list's groups, in the order a client works through them. */
export function groupHomework(items: readonly Homework[]): { todo: Homework[]; waiting: Homework[]; feedback: Homework[] } {
  const byDue = (a: Homework, b: Homework) => a.dueOn.localeCompare(b.dueOn);
  return {
    todo: items.filter((h) => h.status === 'assigned').sort(byDue),
    waiting: items.filter((h) => h.status === 'completed'),
    feedback: items.filter((h) => h.status === 'reviewed'),
  };
}
