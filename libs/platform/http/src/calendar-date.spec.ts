import { validateSync } from 'class-validator';
import { assertDateRange, dateRange, IsCalendarDate } from './calendar-date';
import { InvalidInputError } from './domain-errors';

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

describe('assertDateRange', () => {
  it('accepts an open or one-day period and refuses one that ends before it starts, naming to', () => {
    expect(() => assertDateRange(undefined, '2026-01-01')).not.toThrow();
    expect(() => assertDateRange('2026-01-01', '2026-01-01')).not.toThrow();
    const refusal = (() => { try { assertDateRange('2026-01-02', '2026-01-01'); } catch (e) { return e; } return null; })();
    expect(refusal).toBeInstanceOf(InvalidInputError);
    expect((refusal as InvalidInputError).errors).toEqual([{ field: 'to', message: 'to must not be before from' }]);
  });
});

describe('dateRange', () => {
  it('is no condition without ends, and inclusive midnight-UTC bounds for the ends given', () => {
    expect(dateRange(undefined, undefined)).toBeUndefined();
    expect(dateRange('2026-01-01', undefined)).toEqual({ gte: new Date('2026-01-01T00:00:00Z') });
    expect(dateRange(undefined, '2026-01-31')).toEqual({ lte: new Date('2026-01-31T00:00:00Z') });
    expect(dateRange('2026-01-01', '2026-01-31')).toEqual({ gte: new Date('2026-01-01T00:00:00Z'), lte: new Date('2026-01-31T00:00:00Z') });
  });
});
