import { assertDateRange, calendarDay, dateRange, isoDate } from './calendar-date';
import { InvalidInputError } from './domain-errors';

describe('assertDateRange', () => {
  it('accepts an open or one-day period and refuses one that ends before it starts, naming to', () => {
    expect(() => assertDateRange(undefined, '2026-01-01')).not.toThrow();
    expect(() => assertDateRange('2026-01-01', '2026-01-01')).not.toThrow();
    const refusal = (() => {
      try {
        assertDateRange('2026-01-02', '2026-01-01');
      } catch (e) {
        return e;
      }
      return null;
    })();
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

describe('isoDate and calendarDay', () => {
  it('round-trip a DATE column value', () => {
    expect(isoDate(calendarDay('2024-02-29'))).toBe('2024-02-29');
  });
});
