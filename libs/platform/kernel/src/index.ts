export { assertDateRange, calendarDay, dateRange, isCalendarDate, isoDate, serviceHasEnded, wallClockIn } from './calendar-date';
export {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
  TooManyRequestsError,
  UnauthorizedError,
} from './domain-errors';
export type { DomainErrorKind, FieldError } from './domain-errors';
export { idKey, isUuid, toId } from './id';
export type { Id } from './id';
