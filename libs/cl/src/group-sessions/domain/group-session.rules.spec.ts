import { ConflictError, InvalidInputError, RuleViolationError } from '@cairn/platform/kernel';

import { assertDocumentable, assertDraft, resolveAttendance, resolveRoster, sessionLength } from './group-session.rules';

const S = { startTime: '10:00', endTime: '11:30' }; // 90 minutes
const P = '3f0c7a9e-1b2d-4c5e-8f90-123456789abc';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).errors?.[0]?.field;
  }
  throw new Error('expected an InvalidInputError');
}

describe('sessionLength', () => {
  it('is the minutes between start and end', () => expect(sessionLength('10:00', '11:30')).toBe(90));
  it('rejects an end at or before the start, naming endTime', () => {
    expect(fieldOf(() => sessionLength('11:00', '10:00'))).toBe('endTime');
    expect(fieldOf(() => sessionLength('11:00', '11:00'))).toBe('endTime');
  });
  it('rejects malformed times, naming the field', () => {
    expect(fieldOf(() => sessionLength('9:00', '10:00'))).toBe('startTime');
    expect(fieldOf(() => sessionLength('09:00', '24:00'))).toBe('endTime');
  });
});

describe('resolveAttendance', () => {
  it('defaults a present attendee to the session length', () => {
    expect(resolveAttendance({ patientId: P, status: 'present' }, S)).toEqual({
      patientId: P,
      status: 'present',
      minutesAttended: 90,
      arrivalTime: null,
      departureTime: null,
    });
  });
  it('derives present minutes from arrival and departure', () => {
    expect(resolveAttendance({ patientId: P, status: 'present', arrivalTime: '10:05' }, S).minutesAttended).toBe(85);
  });
  it('gives absent attendees 0 minutes and refuses minutes or times for them', () => {
    expect(resolveAttendance({ patientId: P, status: 'absent' }, S).minutesAttended).toBe(0);
    expect(resolveAttendance({ patientId: P, status: 'absent', minutesAttended: 0 }, S).minutesAttended).toBe(0);
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'absent', minutesAttended: 30 }, S))).toBe('minutesAttended');
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'absent', arrivalTime: '10:00' }, S))).toBe('arrivalTime');
  });
  it('accepts a partial attendance strictly between 0 and the session length', () => {
    expect(resolveAttendance({ patientId: P, status: 'partial', minutesAttended: 25 }, S).minutesAttended).toBe(25);
    expect(resolveAttendance({ patientId: P, status: 'partial', arrivalTime: '10:30', departureTime: '11:00' }, S).minutesAttended).toBe(
      30,
    );
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'partial', minutesAttended: 0 }, S))).toBe('minutesAttended');
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'partial', minutesAttended: 90 }, S))).toBe('minutesAttended');
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'partial' }, S))).toBe('minutesAttended');
  });
  it('refuses minutes above the session length', () => {
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'present', minutesAttended: 91 }, S))).toBe('minutesAttended');
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'present', minutesAttended: 1.5 }, S))).toBe('minutesAttended');
  });
  it('keeps arrival and departure within the session and in order', () => {
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'partial', arrivalTime: '09:55', minutesAttended: 20 }, S))).toBe(
      'arrivalTime',
    );
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'partial', departureTime: '11:45', minutesAttended: 20 }, S))).toBe(
      'departureTime',
    );
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'partial', arrivalTime: '11:00', departureTime: '10:30' }, S))).toBe(
      'departureTime',
    );
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'partial', arrivalTime: '10:5' }, S))).toBe('arrivalTime');
  });
  it('requires minutes consistent with arrival and departure', () => {
    expect(
      fieldOf(() =>
        resolveAttendance({ patientId: P, status: 'partial', arrivalTime: '10:30', departureTime: '11:00', minutesAttended: 20 }, S),
      ),
    ).toBe('minutesAttended');
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'partial', arrivalTime: '11:10', minutesAttended: 40 }, S))).toBe(
      'minutesAttended',
    );
    expect(resolveAttendance({ patientId: P, status: 'partial', arrivalTime: '11:00', minutesAttended: 20 }, S).minutesAttended).toBe(20);
  });
  it('prefixes the field with the attendee position', () => {
    expect(fieldOf(() => resolveAttendance({ patientId: P, status: 'absent', minutesAttended: 5 }, S, 'attendees.3'))).toBe(
      'attendees.3.minutesAttended',
    );
  });
});

describe('resolveRoster', () => {
  it('refuses an empty roster and a patient listed twice', () => {
    expect(fieldOf(() => resolveRoster([], S))).toBe('attendees');
    expect(
      fieldOf(() =>
        resolveRoster(
          [
            { patientId: P, status: 'present' },
            { patientId: P, status: 'absent' },
          ],
          S,
        ),
      ),
    ).toBe('attendees.1.patientId');
  });
  it('names the failing attendee', () => {
    expect(
      fieldOf(() =>
        resolveRoster(
          [
            { patientId: P, status: 'present' },
            { patientId: 'x', status: 'present', minutesAttended: 100 },
          ],
          S,
        ),
      ),
    ).toBe('attendees.1.minutesAttended');
  });
});

describe('the session state machine', () => {
  it('lets drafts be edited and refuses documented sessions with 409', () => {
    expect(() => assertDraft({ status: 'draft' })).not.toThrow();
    expect(() => assertDraft({ status: 'documented' })).toThrow(ConflictError);
  });
  it('documents only with attendance for at least one patient', () => {
    expect(() => assertDocumentable(0)).toThrow(RuleViolationError);
    expect(() => assertDocumentable(1)).not.toThrow();
  });
});
