import { assertDateRange, calendarDay, dateRange, isCalendarDate, isoDate, serviceHasEnded, wallClockIn } from './calendar-date';
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

describe('wallClockIn and serviceHasEnded', () => {
  // 2026-03-01T03:30Z is still 2026-02-28 20:30 in Phoenix (UTC-7, no daylight saving).
  const at = new Date('2026-03-01T03:30:00Z');

  it('gives the local date and time of an instant', () => {
    expect(wallClockIn('America/Phoenix', at)).toEqual({ date: '2026-02-28', time: '20:30' });
    expect(wallClockIn('UTC', at)).toEqual({ date: '2026-03-01', time: '03:30' });
  });

  it('counts a service as ended only once its end time has passed in the site time zone', () => {
    expect(serviceHasEnded('2026-02-28', '20:30', 'America/Phoenix', at)).toBe(true);
    expect(serviceHasEnded('2026-02-28', '20:29', 'America/Phoenix', at)).toBe(true);
    expect(serviceHasEnded('2026-02-28', '20:31', 'America/Phoenix', at)).toBe(false);
    // UTC already says March 1st, but in Phoenix the session of March 1st has not even begun.
    expect(serviceHasEnded('2026-03-01', '01:00', 'America/Phoenix', at)).toBe(false);
    expect(serviceHasEnded('2026-03-01', '01:00', 'UTC', at)).toBe(true);
    expect(serviceHasEnded('2027-01-04', '10:00', 'America/Phoenix', at)).toBe(false);
  });

  it('without an end time, judges by the local day alone', () => {
    expect(serviceHasEnded('2026-02-28', null, 'America/Phoenix', at)).toBe(true);
    expect(serviceHasEnded('2026-03-01', null, 'America/Phoenix', at)).toBe(false);
    expect(serviceHasEnded('2026-03-01', null, 'UTC', at)).toBe(true);
  });
});

describe('isCalendarDate', () => {
  it('accepts a real day and refuses what is none, never throwing (0000-00-00 is an invalid Date)', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['0000-00-00', '2026-02-30', '2026-13-01', '2026-1-01', '2026-01-01T00:00:00Z', '', '\u0000', 20260101, null])
      expect(isCalendarDate(bad)).toBe(false);
  });
});
