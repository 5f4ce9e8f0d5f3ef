import { InvalidInputError, isCalendarDate, isUuid } from '@cairn/platform/kernel';

/** The longest range one call may ask (a source reads only the asked days; two years and a day of leap). */
export const MAX_SIGNAL_RANGE_DAYS = 732;

/**
 * Refuses a range a source must not run: `from`/`to` not YYYY-MM-DD calendar days, `to` before `from`, or longer
 * than MAX_SIGNAL_RANGE_DAYS. Every handler of the contract calls it first (an InvalidInputError naming the field).
 */
export function assertSignalRange(from: string, to: string): void {
  const errors = [
    ...(isCalendarDate(from) ? [] : [{ field: 'from', message: 'from must be a calendar date YYYY-MM-DD' }]),
    ...(isCalendarDate(to) ? [] : [{ field: 'to', message: 'to must be a calendar date YYYY-MM-DD' }]),
  ];
  if (errors.length > 0) throw new InvalidInputError('The signal range is not a pair of calendar dates.', errors);
  if (to < from) {
    throw new InvalidInputError('The period ends before it starts.', [{ field: 'to', message: 'to must not be before from' }]);
  }
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_SIGNAL_RANGE_DAYS) {
    throw new InvalidInputError('The signal range is too long.', [
      { field: 'to', message: `the range may cover at most ${MAX_SIGNAL_RANGE_DAYS} days` },
    ]);
  }
}

/**
 * Refuses a drill-through request a source must not run: the range as assertSignalRange, a site or provider that
 * is not a UUID, a page below 1 or a page size outside 1..100 (InvalidInputError naming each field).
 */
export function assertSignalRecordRequest(
  filters: { from: string; to: string; siteId?: string; providerId?: string },
  page: { page: number; pageSize: number },
): void {
  const errors = [
    ...(filters.siteId !== undefined && !isUuid(filters.siteId) ? [{ field: 'siteId', message: 'siteId must be a UUID' }] : []),
    ...(filters.providerId !== undefined && !isUuid(filters.providerId)
      ? [{ field: 'providerId', message: 'providerId must be a UUID' }]
      : []),
    ...(Number.isInteger(page.page) && page.page >= 1 ? [] : [{ field: 'page', message: 'page must be an integer of at least 1' }]),
    ...(Number.isInteger(page.pageSize) && page.pageSize >= 1 && page.pageSize <= 100
      ? []
      : [{ field: 'pageSize', message: 'pageSize must be an integer from 1 to 100' }]),
  ];
  if (errors.length > 0) throw new InvalidInputError('The drill-through request is not valid.', errors);
  assertSignalRange(filters.from, filters.to);
}
