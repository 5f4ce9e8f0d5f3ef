import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { SessionReviewView } from '../../domain/session-review.view';

export interface ListSessionReviewsFilter {
  status?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Session reviews, newest prompt first: of one patient (`patientId`: the client's own, or a patient's for staff),
 * or, with `patientId` null, the caller's own sessions' reviews across their clients (the therapist's view). The
 * row policy decides what shows: the therapist only reviews shared and not anonymous.
 */
export class ListSessionReviewsQuery extends Query<Page<SessionReviewView> | null> {
  constructor(
    readonly patientId: string | null,
    readonly filter: ListSessionReviewsFilter,
  ) {
    super();
  }
}
