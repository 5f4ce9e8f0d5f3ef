import { idKey, isCalendarDate } from '@cairn/platform/kernel';
import type { CreateGroupEncountersInput, CreatePeerEncounterInput } from '@cairn/platform/scheduling';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * What is wrong with a CreateGroupEncountersCommand's input (empty when nothing). The command comes from another
 * context's code, not from a user, but PM still refuses anything it would store wrongly.
 */
export function groupEncounterInputProblems(input: CreateGroupEncountersInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['groupSessionId', 'siteId', 'renderingProviderId'] as const) {
    if (!UUID.test(input[field] ?? '')) problems.push({ field, message: `${field} must be a UUID` });
  }
  if (!isCalendarDate(input.serviceDate ?? '')) problems.push({ field: 'serviceDate', message: 'serviceDate must be a date (YYYY-MM-DD)' });
  if (!Array.isArray(input.attendees) || input.attendees.length === 0) {
    problems.push({ field: 'attendees', message: 'attendees must list at least one present or partial attendee' });
    return problems;
  }
  const seen = new Set<string>();
  input.attendees.forEach((a, i) => {
    const at = `attendees[${i}]`;
    if (!UUID.test(a.patientId ?? '')) problems.push({ field: `${at}.patientId`, message: 'patientId must be a UUID' });
    else if (seen.has(idKey(a.patientId))) problems.push({ field: `${at}.patientId`, message: 'a patient may appear once per session' });
    else seen.add(idKey(a.patientId));
    if (!UUID.test(a.chartId ?? '')) problems.push({ field: `${at}.chartId`, message: 'chartId must be a UUID' });
    if (a.attendanceStatus !== 'present' && a.attendanceStatus !== 'partial') {
      problems.push({ field: `${at}.attendanceStatus`, message: 'only present or partial attendees get an encounter' });
    }
    if (!Number.isInteger(a.minutesAttended) || a.minutesAttended < 0 || a.minutesAttended > 1440) {
      problems.push({ field: `${at}.minutesAttended`, message: 'minutesAttended must be a whole number of minutes from 0 to 1440' });
    }
  });
  return problems;
}

/** What is wrong with a CreatePeerEncounterCommand's input (empty when nothing). */
export function peerEncounterInputProblems(input: CreatePeerEncounterInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['peerEncounterId', 'patientId', 'chartId', 'siteId', 'renderingProviderId'] as const) {
    if (!UUID.test(input[field] ?? '')) problems.push({ field, message: `${field} must be a UUID` });
  }
  if (!isCalendarDate(input.serviceDate ?? '')) problems.push({ field: 'serviceDate', message: 'serviceDate must be a date (YYYY-MM-DD)' });
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 1 || input.durationMinutes > 1440) {
    problems.push({ field: 'durationMinutes', message: 'durationMinutes must be a whole number of minutes from 1 to 1440' });
  }
  return problems;
}
