import type { PatientAppointment } from '@cairn/platform/scheduling';

import { summaryRefusal } from './session-summary.view';

/** How far back the share form looks for held sessions by default, and at most (a summary is written soon after). */
export const SHAREABLE_DAYS_DEFAULT = 60;
export const SHAREABLE_DAYS_MAX = 365;

/** A held session of the client that a summary may be (or has been) shared for. */
export interface ShareableSessionView {
  appointmentId: string;
  startAt: string;
  endAt: string;
  status: string;
  serviceType: string;
  clinicianId: string;
  clinicianName: string | null;
  siteId: string;
  siteName: string;
  /** The summary already shared for this session (one per session), or null. */
  summaryId: string | null;
  summarySharedAt: string | null;
}

export interface ShareableSessionsView {
  patientId: string;
  days: number;
  /** ISO 8601: the start of the period looked at; it ends now. */
  from: string;
  /** Newest first. */
  sessions: ShareableSessionView[];
}

/**
 * The sessions a summary may be shared for: the client's appointments the share rule accepts (summaryRefusal, so the
 * list and POST /session-summaries cannot disagree), newest first, each with the summary shared for it if any.
 */
export function shareableSessions(
  appointments: readonly PatientAppointment[],
  shared: ReadonlyMap<string, { summaryId: string; sharedAt: Date }>,
): ShareableSessionView[] {
  return appointments
    .filter((a) => summaryRefusal(a.status) === null)
    .sort((a, b) => b.startAt.localeCompare(a.startAt) || a.appointmentId.localeCompare(b.appointmentId))
    .map((a) => {
      const summary = shared.get(a.appointmentId);
      return {
        appointmentId: a.appointmentId,
        startAt: a.startAt,
        endAt: a.endAt,
        status: a.status,
        serviceType: a.serviceType,
        clinicianId: a.providerId,
        clinicianName: a.providerName,
        siteId: a.siteId,
        siteName: a.siteName,
        summaryId: summary?.summaryId ?? null,
        summarySharedAt: summary ? summary.sharedAt.toISOString() : null,
      };
    });
}
