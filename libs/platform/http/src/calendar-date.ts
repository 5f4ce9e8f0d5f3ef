import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

const YMD = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date written YYYY-MM-DD that exists: `2026-02-30` is refused rather than rolled forward to March (as
 * `new Date('2026-02-30')` would). One message, naming the field, for every failure.
 */
export function IsCalendarDate(field: string): PropertyDecorator {
  const message = `${field} must be a date (YYYY-MM-DD)`;
  return applyDecorators(Matches(YMD, { message }), IsISO8601({ strict: true }, { message }));
}

export { assertDateRange, calendarDay, dateRange, isoDate } from '@cairn/platform/kernel';
