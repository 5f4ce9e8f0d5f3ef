import type { PatientAppointment } from '@cairn/platform/scheduling';

/** The clinician's portal-activity tab of a client (seed §2 A) and the client's dashboard share this envelope. */
export interface PortalActivityView {
  patientId: string;
  /** The organization's calendar day the sections were read for. */
  today: string;
  generatedAt: string;
  /** The next appointments (PM, through ListPatientAppointmentsQuery): "prep for upcoming appointments". */
  upcomingAppointments: PatientAppointment[];
  /** One entry per registered section (mood, journal, prompts, notifications, and what other features add). */
  sections: Record<string, unknown>;
}

/** How far ahead "upcoming" looks, and how many it lists. */
export const UPCOMING_DAYS = 90;
export const UPCOMING_LIMIT = 10;
const UPCOMING_STATUSES = new Set(['scheduled', 'checked_in']);

export function upcoming(appointments: readonly PatientAppointment[], now: Date): PatientAppointment[] {
  return appointments.filter((a) => UPCOMING_STATUSES.has(a.status) && new Date(a.endAt) > now).slice(0, UPCOMING_LIMIT);
}
