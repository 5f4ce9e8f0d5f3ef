import { mayAnswer, promptDelayMs, promptJobId, promptsReview } from './session-review.rules';

describe('session review rules', () => {
  it('prompts for completed appointments only', () => {
    expect(promptsReview('completed')).toBe(true);
    for (const s of ['scheduled', 'checked_in', 'cancelled', 'late_cancelled', 'no_show']) expect(promptsReview(s)).toBe(false);
  });

  it('waits the configured delay after the completion, and never a negative time', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    expect(promptDelayMs('2026-12-07T10:00:00Z', 86_400, now)).toBe(86_400_000);
    expect(promptDelayMs('2026-12-07T09:00:00Z', 86_400, now)).toBe(82_800_000);
    expect(promptDelayMs('2026-12-01T09:00:00Z', 86_400, now)).toBe(0);
    expect(promptDelayMs('not a date', 5, now)).toBe(5000);
  });

  it('names one job per appointment', () => {
    expect(promptJobId('o', 'a')).toBe(promptJobId('o', 'a'));
    expect(promptJobId('o', 'a')).not.toBe(promptJobId('o', 'b'));
    expect(promptJobId('o', 'a')).not.toContain(':');
  });

  it('takes one answer', () => {
    expect(mayAnswer('pending')).toEqual({ ok: true });
    expect(mayAnswer('submitted').ok).toBe(false);
  });
});
