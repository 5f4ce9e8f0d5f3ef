import { describe, expect, it } from 'vitest';

import { moodStreak } from './streak';

const day = (date: string) => ({ date, entries: 1 });

describe('moodStreak', () => {
  it('counts the days in a row up to today', () => {
    expect(moodStreak([day('2026-01-01'), day('2025-12-31'), day('2025-12-30'), day('2025-12-27')], '2026-01-01')).toBe(3);
  });
  it('keeps yesterday’s streak alive until today ends', () => {
    expect(moodStreak([day('2025-12-31'), day('2025-12-30')], '2026-01-01')).toBe(2);
  });
  it('is 0 when neither today nor yesterday has a check-in', () => {
    expect(moodStreak([day('2025-12-29')], '2026-01-01')).toBe(0);
  });
  it('crosses a month and a year boundary', () => {
    expect(moodStreak([day('2026-03-01'), day('2026-02-28'), day('2026-02-27')], '2026-03-01')).toBe(3);
  });
});
