import { daysBefore, FIRST_RECOMPUTE_DAYS, previousDay, sourcesToCatchUp } from './affected-days.rules';

describe('catching up sources on a near-real-time tick', () => {
  it('computes a never-computed source from its trailing eight weeks, and one not computed since today began for today', () => {
    const last = new Map<string, string | null>([
      ['pm.charges', '2026-12-05'],
      ['cl.documentation', '2026-12-04'],
      ['cl.consents', null],
    ]);
    const { never, notToday } = sourcesToCatchUp(['pm.appointments', 'pm.charges', 'cl.documentation', 'cl.consents'], last, '2026-12-05');
    expect(never).toEqual(['pm.appointments']);
    expect(notToday).toEqual(['cl.documentation', 'cl.consents']);
  });

  it('leaves a source computed today alone (events keep it current)', () => {
    expect(sourcesToCatchUp(['pm.charges'], new Map([['pm.charges', '2026-12-05']]), '2026-12-05')).toEqual({ never: [], notToday: [] });
  });

  it('counts days back across months and leap days', () => {
    expect(daysBefore('2024-03-01', 1)).toBe('2024-02-29');
    expect(daysBefore('2026-12-05', FIRST_RECOMPUTE_DAYS)).toBe('2026-10-10');
    expect(previousDay('2026-01-01')).toBe('2025-12-31');
  });
});
