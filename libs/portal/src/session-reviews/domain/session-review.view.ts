import type { PortalRow } from '../../portal.tx';

/** A session review as its client and the staff the row policy admits see it. */
export interface SessionReviewView {
  reviewId: string;
  patientId: string;
  appointmentId: string;
  appointmentStartAt: string;
  clinicianId: string;
  status: string;
  promptedAt: string;
  rating: number | null;
  feedback: string | null;
  sharedWithClinician: boolean;
  anonymous: boolean;
  submittedAt: string | null;
}

export function toSessionReviewView(r: PortalRow<'sessionReview'>): SessionReviewView {
  return {
    reviewId: r.id,
    patientId: r.patientId,
    appointmentId: r.appointmentId,
    appointmentStartAt: r.appointmentStartAt.toISOString(),
    clinicianId: r.clinicianId,
    status: r.status,
    promptedAt: r.promptedAt.toISOString(),
    rating: r.rating,
    feedback: r.feedback,
    sharedWithClinician: r.sharedWithClinician,
    anonymous: r.anonymous,
    submittedAt: r.submittedAt?.toISOString() ?? null,
  };
}

/** A review in the admins' quality view (seed §3.C): the patient is withheld (null) when the review is anonymous. */
export interface ReviewOversightView {
  reviewId: string;
  patientId: string | null;
  appointmentId: string;
  appointmentStartAt: string;
  clinicianId: string;
  rating: number;
  feedback: string | null;
  sharedWithClinician: boolean;
  anonymous: boolean;
  submittedAt: string;
}

/** The session-review section of a portal overview. */
export interface SessionReviewSectionView {
  /** Prompts the client has not answered (the client's dashboard). */
  pending: SessionReviewView[];
  /** The latest answered reviews the caller may see (shared, not anonymous, for the therapist). */
  recent: SessionReviewView[];
  averageRating: number | null;
}
