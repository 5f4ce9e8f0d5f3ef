import { summaryFileName, summaryRefusal } from './session-summary.view';

describe('session summary rules', () => {
  it('is shared for completed appointments only', () => {
    expect(summaryRefusal('completed')).toBeNull();
    for (const s of ['scheduled', 'checked_in', 'cancelled', 'late_cancelled', 'no_show']) expect(summaryRefusal(s)).toContain(s);
  });
  it('names the PDF by the session day', () => {
    expect(summaryFileName({ appointmentStartAt: '2026-12-01T16:00:00.000Z' })).toBe('session-summary-2026-12-01.pdf');
  });
});
