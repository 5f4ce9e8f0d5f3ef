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

/** An inclusive from/to filter on a DATE column, or undefined when neither end is given (no condition). */
export function dateRange(from: string | undefined, to: string | undefined): { gte?: Date; lte?: Date } | undefined {
  if (!from && !to) return undefined;
  return { ...(from ? { gte: calendarDay(from) } : {}), ...(to ? { lte: calendarDay(to) } : {}) };
}
