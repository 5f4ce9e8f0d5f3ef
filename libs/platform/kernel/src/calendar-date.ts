import { InvalidInputError } from './domain-errors';

/** Refuses a period that ends before it starts (YYYY-MM-DD strings compare as dates), naming `to`. */
export function assertDateRange(from: string | undefined, to: string | undefined): void {
  if (from && to && to < from) {
    throw new InvalidInputError('The period ends before it starts.', [{ field: 'to', message: 'to must not be before from' }]);
  }
}

/** A date column's calendar day, YYYY-MM-DD (Prisma gives DATE columns as midnight UTC). */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** A YYYY-MM-DD calendar date as the Date Prisma stores in a DATE column (midnight UTC). */
export const calendarDay = (d: string): Date => new Date(`${d}T00:00:00Z`);

/**
 * Whether `value` is a real YYYY-MM-DD calendar date: 2026-02-30 and 2026-13-01 are not, and neither is 0000-00-00
 * (an invalid Date: checked before toISOString, which would throw a RangeError and answer 500).
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** An inclusive from/to filter on a DATE column, or undefined when neither end is given (no condition). */
export function dateRange(from: string | undefined, to: string | undefined): { gte?: Date; lte?: Date } | undefined {
  if (!from && !to) return undefined;
  return { ...(from ? { gte: calendarDay(from) } : {}), ...(to ? { lte: calendarDay(to) } : {}) };
}

/** The wall-clock date and time (YYYY-MM-DD, HH:MM) of an instant in an IANA time zone. */
export function wallClockIn(timeZone: string, now: Date = new Date()): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/**
 * Whether a service held on `date` (YYYY-MM-DD) until `endTime` (HH:MM, the site's local time) is over at `now` in
 * the site's time zone. A service is documented and billed only once it has happened: group sessions, peer
 * encounters and PM's charge step share this rule. Without an end time, the service is over once its day has begun
 * and is not in the future (a day-granular check for callers that only know the date).
 */
export function serviceHasEnded(date: string, endTime: string | null, timeZone: string, now: Date = new Date()): boolean {
  const local = wallClockIn(timeZone, now);
  if (endTime === null) return date <= local.date;
  return `${date}T${endTime}` <= `${local.date}T${local.time}`;
}
