import { Query } from '@nestjs/cqrs';

import type { HomeworkView } from '../../domain/homework.view';

/** The homework part of a client's portal overview (the therapist's portal activity, the client's dashboard). */
export interface HomeworkSectionView {
  assigned: number;
  overdue: number;
  /** Completed by the client, not reviewed yet. */
  awaitingReview: number;
  reviewed: number;
  /** Assigned homework by due date, soonest first (at most 5). */
  due: HomeworkView[];
  /** The latest completed or reviewed homework (at most 5). */
  recentlyCompleted: HomeworkView[];
}

/**
 * Sent on the query bus by the use case that assembles a portal overview (which audits the read); answers null
 * when the caller has no relationship to the patient.
 */
export class GetHomeworkSectionQuery extends Query<HomeworkSectionView | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
