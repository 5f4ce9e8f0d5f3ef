import { Module } from '@nestjs/common';

import { AuditModule } from '@cairn/platform/audit';

import { PortalSessionReviewsProcessor } from '../processors/portal-session-reviews.processor';
import { PromptSessionReviewHandler } from './event-handlers/prompt-session-review.handler';
import { ScheduleReviewPromptWhenAppointmentCompletedHandler } from './event-handlers/schedule-review-prompt-when-appointment-completed.handler';
import { SessionReviewPromptQueue } from './infrastructure/session-review-prompt.queue';

/**
 * Session reviews in the worker only (scenario 4): the consumer of PM's appointment status changes, and the delayed
 * prompt jobs it schedules. A consumer in a module the API imports would consume in the API too.
 */
@Module({
  imports: [AuditModule],
  providers: [
    PortalSessionReviewsProcessor,
    ScheduleReviewPromptWhenAppointmentCompletedHandler,
    PromptSessionReviewHandler,
    SessionReviewPromptQueue,
  ],
  exports: [SessionReviewPromptQueue],
})
export class SessionReviewsWorkerModule {}
