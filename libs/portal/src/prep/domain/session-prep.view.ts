import type { HomeworkSectionView } from '../../homework/queries/get-homework-section/get-homework-section.query';
import type { PortalRow } from '../../portal.tx';

export interface SessionPrepView {
  prepId: string;
  patientId: string;
  appointmentId: string;
  appointmentStartAt: string;
  topics: string[];
  recentFeelings: string | null;
  urgentConcern: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toSessionPrepView(r: PortalRow<'sessionPrep'>): SessionPrepView {
  return {
    prepId: r.id,
    patientId: r.patientId,
    appointmentId: r.appointmentId,
    appointmentStartAt: r.appointmentStartAt.toISOString(),
    topics: r.topics,
    recentFeelings: r.recentFeelings,
    urgentConcern: r.urgentConcern,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A mood check-in the client shared, as the prep view shows it. */
export interface PrepMoodPoint {
  entryDate: string;
  score: number;
  symptoms: string[];
}

/** The therapist's session preparation (seed §2.C): the client's prep, recent mood and homework status. */
export interface SessionPrepBriefView {
  appointmentId: string;
  prep: SessionPrepView | null;
  /** Shared mood check-ins of the last 14 days, newest first. */
  recentMood: PrepMoodPoint[];
  averageMood: number | null;
  homework: HomeworkSectionView | null;
}
