import { ConflictError, InvalidInputError, RuleViolationError } from '@cairn/platform/kernel';

/** HH:MM, 24-hour, zero-padded (the site's local time). */
export const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export const ATTENDANCE_STATUSES = ['present', 'partial', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const GROUP_SESSION_STATUSES = ['draft', 'documented'] as const;
export type GroupSessionStatus = (typeof GROUP_SESSION_STATUSES)[number];

/** Minutes since midnight of an HH:MM time. */
export function minutesOf(time: string): number {
  if (!HH_MM.test(time)) throw new RangeError(`not an HH:MM time: ${time}`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

const invalid = (field: string, message: string) => new InvalidInputError(message, [{ field, message }]);

/** A session starts and ends the same day, end after start; returns its length in minutes. */
export function sessionLength(startTime: string, endTime: string): number {
  if (!HH_MM.test(startTime)) throw invalid('startTime', 'startTime must be an HH:MM time');
  if (!HH_MM.test(endTime)) throw invalid('endTime', 'endTime must be an HH:MM time');
  const length = minutesOf(endTime) - minutesOf(startTime);
  if (length <= 0) throw invalid('endTime', 'endTime must be after startTime');
  return length;
}

export interface AttendanceInput {
  patientId: string;
  status: AttendanceStatus;
  minutesAttended?: number;
  arrivalTime?: string;
  departureTime?: string;
}

export interface ResolvedAttendance {
  patientId: string;
  status: AttendanceStatus;
  minutesAttended: number;
  arrivalTime: string | null;
  departureTime: string | null;
}

/**
 * Checks one attendee against the session's times and fills in the minutes:
 * - absent: 0 minutes (none given, or 0), no arrival or departure;
 * - partial: more than 0 and fewer than the session's minutes, given or derived from arrival and departure;
 * - present: defaults to the session's length (or departure − arrival when both are given); at most the length.
 * Arrival and departure lie within the session, departure after arrival, and given minutes match them
 * (exactly when both are given; no more than the span they leave open when one is).
 * `field` prefixes the error's field name (e.g. `attendees.2`).
 */
export function resolveAttendance(a: AttendanceInput, session: { startTime: string; endTime: string }, field = ''): ResolvedAttendance {
  const f = (name: string) => (field ? `${field}.${name}` : name);
  const start = minutesOf(session.startTime);
  const end = minutesOf(session.endTime);
  const length = end - start;
  const arrival = a.arrivalTime ?? null;
  const departure = a.departureTime ?? null;
  if (arrival !== null && !HH_MM.test(arrival)) throw invalid(f('arrivalTime'), 'arrivalTime must be an HH:MM time');
  if (departure !== null && !HH_MM.test(departure)) throw invalid(f('departureTime'), 'departureTime must be an HH:MM time');
  if (a.minutesAttended !== undefined && (!Number.isInteger(a.minutesAttended) || a.minutesAttended < 0)) {
    throw invalid(f('minutesAttended'), 'minutesAttended must be a whole number of minutes, 0 or more');
  }

  if (a.status === 'absent') {
    if (a.minutesAttended !== undefined && a.minutesAttended !== 0)
      throw invalid(f('minutesAttended'), 'an absent attendee has 0 minutesAttended');
    if (arrival !== null) throw invalid(f('arrivalTime'), 'an absent attendee has no arrivalTime');
    if (departure !== null) throw invalid(f('departureTime'), 'an absent attendee has no departureTime');
    return { patientId: a.patientId, status: 'absent', minutesAttended: 0, arrivalTime: null, departureTime: null };
  }

  const from = arrival === null ? start : minutesOf(arrival);
  const to = departure === null ? end : minutesOf(departure);
  if (arrival !== null && (from < start || from >= end))
    throw invalid(f('arrivalTime'), `arrivalTime must lie within the session (${session.startTime}–${session.endTime})`);
  if (departure !== null && (to <= start || to > end))
    throw invalid(f('departureTime'), `departureTime must lie within the session (${session.startTime}–${session.endTime})`);
  if (to <= from) throw invalid(f('departureTime'), 'departureTime must be after arrivalTime');
  const span = to - from;

  let minutes: number;
  if (a.minutesAttended === undefined) {
    if (a.status === 'partial' && arrival === null && departure === null) {
      throw invalid(f('minutesAttended'), 'a partial attendance needs minutesAttended (or its arrivalTime and departureTime)');
    }
    minutes = span;
  } else {
    minutes = a.minutesAttended;
    if (minutes > length) throw invalid(f('minutesAttended'), `minutesAttended cannot exceed the session's ${length} minutes`);
    if (arrival !== null && departure !== null && minutes !== span) {
      throw invalid(f('minutesAttended'), `minutesAttended must equal departureTime − arrivalTime (${span})`);
    }
    if (minutes > span)
      throw invalid(f('minutesAttended'), `minutesAttended cannot exceed the ${span} minutes between arrival and departure`);
  }
  if (a.status === 'partial') {
    if (minutes <= 0) throw invalid(f('minutesAttended'), 'a partial attendance has more than 0 minutesAttended (record absent instead)');
    if (minutes >= length)
      throw invalid(f('minutesAttended'), `a partial attendance has fewer than the session's ${length} minutes (record present instead)`);
  } else if (minutes <= 0) {
    throw invalid(f('minutesAttended'), 'a present attendee has more than 0 minutesAttended');
  }
  return { patientId: a.patientId, status: a.status, minutesAttended: minutes, arrivalTime: arrival, departureTime: departure };
}

/** Checks a whole roster: each attendee once, each valid. */
export function resolveRoster(
  attendees: readonly AttendanceInput[],
  session: { startTime: string; endTime: string },
): ResolvedAttendance[] {
  if (attendees.length === 0) throw invalid('attendees', 'attendees must list at least one patient');
  const seen = new Set<string>();
  return attendees.map((a, i) => {
    if (seen.has(a.patientId)) throw invalid(`attendees.${i}.patientId`, 'each patient appears once in attendees');
    seen.add(a.patientId);
    return resolveAttendance(a, session, `attendees.${i}`);
  });
}

/** Draft sessions take edits (note, attendance); a documented one is locked (the database refuses too). */
export function assertDraft(session: { status: string }): void {
  if (session.status !== 'draft') throw new ConflictError(`The group session is ${session.status} and locked.`);
}

/** A session is signed with attendance for at least one patient. */
export function assertDocumentable(attendeeCount: number): void {
  if (attendeeCount < 1) {
    throw new RuleViolationError('A group session is documented with attendance for at least one patient.', [
      { field: 'attendance', message: 'record attendance for at least one patient before documenting' },
    ]);
  }
}

/** A session is documented once it has ended (its date and end time have passed in the site's time zone). */
export function assertSessionEnded(ended: boolean): void {
  if (!ended) {
    throw new RuleViolationError('A group session is documented once it has ended.', [
      { field: 'sessionDate', message: 'the session has not ended yet (its date and endTime are not past in the site time zone)' },
    ]);
  }
}
