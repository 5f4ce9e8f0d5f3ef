import { Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { PortalActivitySections } from '../activity/domain/portal-activity-sections.service';
import { SubmitSessionReviewHandler } from './commands/submit-session-review/submit-session-review.handler';
import { SessionReviewsController } from './http/session-reviews.controller';
import { SessionReviewRepository } from './infrastructure/session-review.repository';
import { ListReviewOversightHandler } from './queries/list-review-oversight/list-review-oversight.handler';
import { ListSessionReviewsHandler } from './queries/list-session-reviews/list-session-reviews.handler';

/** Session reviews (seed scenario 4) in the API; the prompts are made in the worker (PortalWorkerModule). */
@Module({
  imports: [CqrsModule],
  controllers: [SessionReviewsController],
  providers: [SessionReviewRepository, SubmitSessionReviewHandler, ListSessionReviewsHandler, ListReviewOversightHandler],
})
export class SessionReviewsModule implements OnModuleInit {
  constructor(
    private readonly sections: PortalActivitySections,
    private readonly repo: SessionReviewRepository,
  ) {}

  /** "Session reviews (if client chose to share)" on the therapist's tab; the prompts to answer on the client's dashboard. */
  onModuleInit(): void {
    this.sections.register({
      key: 'sessionReviews',
      audiences: ['staff', 'client'],
      read: ({ tx, organizationId, patientId }) => this.repo.section(tx, organizationId, patientId),
    });
  }
}
