import type { PortalRow } from '../../portal.tx';

/** A therapist change request as the client and portal admins see it. */
export interface ChangeRequestView {
  changeRequestId: string;
  patientId: string;
  reason: string;
  /** The client marked it sensitive: the current therapist never sees it (the read policy). */
  sensitive: boolean;
  /** pending | under_review | approved | denied */
  status: string;
  requestedAt: string;
  reviewStartedAt: string | null;
  decidedAt: string | null;
  /** The therapist an approval assigned. */
  newTherapistId: string | null;
  denialReason: string | null;
}

export function toChangeRequestView(r: PortalRow<'therapistChangeRequest'>): ChangeRequestView {
  return {
    changeRequestId: r.id,
    patientId: r.patientId,
    reason: r.reason,
    sensitive: !r.sharedWithClinician,
    status: r.status,
    requestedAt: r.requestedAt.toISOString(),
    reviewStartedAt: r.reviewStartedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    newTherapistId: r.newTherapistId,
    denialReason: r.denialReason,
  };
}
