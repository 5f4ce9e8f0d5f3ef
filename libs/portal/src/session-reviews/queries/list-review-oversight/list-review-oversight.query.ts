import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { ReviewOversightView } from '../../domain/session-review.view';

export interface ReviewOversightFilter {
  /** Exact rating, or with `maxRating` the low ratings of the seed's quality view. */
  rating?: number;
  maxRating?: number;
  clinicianId?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Every answered session review of the organization, private and anonymous ones included, for holders of
 * `portal.admin` (seed §3.A, §3.C), newest first. Read from `po_session_reviews_oversight`, which withholds the
 * patient of an anonymous review in the database.
 */
export class ListReviewOversightQuery extends Query<Page<ReviewOversightView>> {
  constructor(readonly filter: ReviewOversightFilter) {
    super();
  }
}
