import { ConflictError, InvalidInputError, RuleViolationError } from '@cairn/platform/kernel';

import { applyStatusChange, checkPeriod } from './appointment.rules';

const now = new Date('2026-03-10T12:00:00Z');
const past = { status: 'scheduled', startAt: new Date('2026-03-10T09:00:00Z') };
const future = { status: 'scheduled', startAt: new Date('2026-03-11T09:00:00Z') };

describe('applyStatusChange', () => {
  it('records who cancelled and when, defaulting to now', () => {
    expect(applyStatusChange(future, { status: 'cancelled', cancelledBy: 'clinic' }, now)).toEqual({
      status: 'cancelled',
      cancelledBy: 'clinic',
      cancelledAt: now,
    });
    const at = new Date('2026-03-09T08:00:00Z');
    expect(applyStatusChange(future, { status: 'late_cancelled', cancelledBy: 'patient', cancelledAt: at }, now)).toEqual({
      status: 'late_cancelled',
      cancelledBy: 'patient',
      cancelledAt: at,
    });
  });

  it('requires cancelledBy for cancellations and refuses it for anything else', () => {
    expect(() => applyStatusChange(future, { status: 'late_cancelled' }, now)).toThrow(InvalidInputError);
    expect(() => applyStatusChange(past, { status: 'completed', cancelledBy: 'patient' }, now)).toThrow(InvalidInputError);
  });

  it('refuses a cancellation time in the future', () => {
    expect(() =>
      applyStatusChange(future, { status: 'cancelled', cancelledBy: 'patient', cancelledAt: new Date('2026-03-10T13:00:00Z') }, now),
    ).toThrow(RuleViolationError);
  });

  it('allows a no-show only once the appointment has started, and clears cancellation fields', () => {
    expect(() => applyStatusChange(future, { status: 'no_show' }, now)).toThrow(RuleViolationError);
    expect(applyStatusChange(past, { status: 'no_show' }, now)).toEqual({ status: 'no_show', cancelledBy: null, cancelledAt: null });
  });

  it('treats completed, cancelled, late_cancelled and no_show as final', () => {
    for (const status of ['completed', 'cancelled', 'late_cancelled', 'no_show']) {
      expect(() => applyStatusChange({ ...past, status }, { status: 'checked_in' }, now)).toThrow(ConflictError);
    }
    expect(applyStatusChange({ ...past, status: 'checked_in' }, { status: 'completed' }, now).status).toBe('completed');
    expect(() => applyStatusChange({ ...past, status: 'checked_in' }, { status: 'no_show' }, now)).toThrow(ConflictError);
  });
});

describe('checkPeriod', () => {
  it('wants the end after the start and at most 12 hours later', () => {
    const start = new Date('2026-03-10T09:00:00Z');
    expect(() => checkPeriod(start, start)).toThrow(InvalidInputError);
    expect(() => checkPeriod(start, new Date('2026-03-10T21:00:01Z'))).toThrow(InvalidInputError);
    expect(() => checkPeriod(start, new Date('2026-03-10T09:50:00Z'))).not.toThrow();
  });
});
