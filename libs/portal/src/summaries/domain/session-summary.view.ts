import type { PortalRow } from '../../portal.tx';

export const SUMMARY_MAX = 8000;

export interface SessionSummaryView {
  summaryId: string;
  patientId: string;
  appointmentId: string;
  appointmentStartAt: string;
  clinicianName: string | null;
  summary: string;
  sharedBy: string;
  sharedAt: string;
}

export function toSessionSummaryView(r: PortalRow<'sessionSummary'>): SessionSummaryView {
  return {
    summaryId: r.id,
    patientId: r.patientId,
    appointmentId: r.appointmentId,
    appointmentStartAt: r.appointmentStartAt.toISOString(),
    clinicianName: r.clinicianName,
    summary: r.summary,
    sharedBy: r.sharedBy,
    sharedAt: r.sharedAt.toISOString(),
  };
}

/** A summary is shared for a completed appointment only (seed §5: "shares session summary" after the session). */
export function summaryRefusal(appointmentStatus: string): string | null {
  return appointmentStatus === 'completed' ? null : `appointmentId must name a completed appointment; this one is ${appointmentStatus}`;
}

/** The PDF's file name: the session's day, no PHI beyond what the client downloads anyway. */
export function summaryFileName(v: Pick<SessionSummaryView, 'appointmentStartAt'>): string {
  return `session-summary-${v.appointmentStartAt.slice(0, 10)}.pdf`;
}
