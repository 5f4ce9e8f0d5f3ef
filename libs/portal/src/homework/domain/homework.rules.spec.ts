import { homeworkOverdue, homeworkTransition } from './homework.rules';

describe('homework rules', () => {
  it('allows assigned -> completed -> reviewed and assigned -> cancelled', () => {
    expect(homeworkTransition('assigned', 'complete')).toEqual({ ok: true, status: 'completed' });
    expect(homeworkTransition('completed', 'review')).toEqual({ ok: true, status: 'reviewed' });
    expect(homeworkTransition('assigned', 'cancel')).toEqual({ ok: true, status: 'cancelled' });
  });

  it.each([
    ['completed', 'complete'],
    ['reviewed', 'complete'],
    ['cancelled', 'complete'],
    ['assigned', 'review'],
    ['reviewed', 'review'],
    ['cancelled', 'review'],
    ['completed', 'cancel'],
    ['reviewed', 'cancel'],
    ['cancelled', 'cancel'],
  ] as const)('refuses %s homework to %s', (status, action) => {
    const t = homeworkTransition(status, action);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.reason).toContain(status);
  });

  it('is overdue only while assigned and after its due day', () => {
    expect(homeworkOverdue('assigned', '2026-12-01', '2026-12-02')).toBe(true);
    expect(homeworkOverdue('assigned', '2026-12-02', '2026-12-02')).toBe(false);
    expect(homeworkOverdue('completed', '2026-12-01', '2026-12-02')).toBe(false);
  });
});
