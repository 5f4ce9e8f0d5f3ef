import { ConflictError, InvalidInputError, RuleViolationError } from '@cairn/platform/kernel';

import type { AppointmentStatus, CancelledBy } from './appointment.view';

/** Which status may follow which. Completed, cancelled, late-cancelled and no-show are final. */
const NEXT: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  scheduled: ['checked_in', 'completed', 'cancelled', 'late_cancelled', 'no_show'],
  checked_in: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
  late_cancelled: [],
  no_show: [],
};

export interface StatusChange {
  status: AppointmentStatus;
  cancelledBy?: CancelledBy;
  cancelledAt?: Date;
}

/**
 * Checks a status change and returns the columns to write. A no-show is recorded explicitly and only once the
 * appointment has started; a cancellation (late or not) names who cancelled and when (not in the future).
 */
export function applyStatusChange(current: { status: string; startAt: Date }, change: StatusChange, now: Date) {
  const from = current.status as AppointmentStatus;
  if (!NEXT[from]?.includes(change.status)) {
    throw new ConflictError(`An appointment that is ${from} cannot become ${change.status}.`);
  }
  const cancelling = change.status === 'cancelled' || change.status === 'late_cancelled';
  if (cancelling && !change.cancelledBy) {
    throw new InvalidInputError('cancelledBy is required when cancelling', [
      { field: 'cancelledBy', message: 'cancelledBy is required (patient or clinic) when cancelling' },
    ]);
  }
  if (!cancelling && (change.cancelledBy || change.cancelledAt)) {
    throw new InvalidInputError('cancelledBy and cancelledAt apply to cancellations only', [
      { field: change.cancelledBy ? 'cancelledBy' : 'cancelledAt', message: 'applies to cancelled and late_cancelled only' },
    ]);
  }
  const cancelledAt = cancelling ? (change.cancelledAt ?? now) : null;
  if (cancelledAt && cancelledAt.getTime() > now.getTime() + 60_000) {
    throw new RuleViolationError('cancelledAt cannot be in the future.', [
      { field: 'cancelledAt', message: 'cancelledAt cannot be in the future' },
    ]);
  }
  if (change.status === 'no_show' && current.startAt.getTime() > now.getTime()) {
    throw new RuleViolationError('An appointment that has not started cannot be a no-show.', [
      { field: 'status', message: 'no_show is only possible once the appointment has started' },
    ]);
  }
  return { status: change.status, cancelledBy: cancelling ? change.cancelledBy! : null, cancelledAt };
}

/** Start and end of a booking or reschedule: end after start, at most 12 hours. */
export function checkPeriod(startAt: Date, endAt: Date): void {
  if (endAt.getTime() <= startAt.getTime()) {
    throw new InvalidInputError('endAt must be after startAt', [{ field: 'endAt', message: 'endAt must be after startAt' }]);
  }
  if (endAt.getTime() - startAt.getTime() > 12 * 3600_000) {
    throw new InvalidInputError('an appointment lasts at most 12 hours', [
      { field: 'endAt', message: 'endAt must be at most 12 hours after startAt' },
    ]);
  }
}
