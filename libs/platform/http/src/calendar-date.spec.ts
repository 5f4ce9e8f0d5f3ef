import { validateSync } from 'class-validator';

import { IsCalendarDate } from './calendar-date';

class Probe {
  @IsCalendarDate('on') on!: string;
}

const errors = (on: string) => validateSync(Object.assign(new Probe(), { on })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('IsCalendarDate', () => {
  it('accepts a date that exists, including 29 February of a leap year', () => {
    expect(errors('2026-11-24')).toEqual([]);
    expect(errors('2024-02-29')).toEqual([]);
  });

  it('refuses a day the month does not have, other shapes and a time, naming the field', () => {
    for (const bad of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-5', '2026-11-24T10:00:00Z', 'tomorrow']) {
      expect(errors(bad)).toContain('on must be a date (YYYY-MM-DD)');
    }
  });
});
