import { Module } from '@nestjs/common';

import { AuditModule } from '@cairn/platform/audit';

import { PortalSessionReviewsProcessor } from './processors/portal-session-reviews.processor';
import { PromptSessionReviewHandler } from './session-reviews/event-handlers/create-review-when-prompt-due.handler';
import { ScheduleReviewPromptWhenAppointmentCompletedHandler } from './session-reviews/event-handlers/schedule-review-prompt-when-appointment-completed.handler';
import { SessionReviewPromptQueue } from './session-reviews/infrastructure/session-review-prompt.gateway';

/**
 * The portal in the worker process (apps/worker WORKER_MODULES): its consumers and delayed jobs. Session reviews
 * (scenario 4): the consumer of PM's appointment status changes, and the delayed prompt jobs it schedules. A consumer
 * in a module the API imports would consume in the API too.
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
export class PortalWorkerModule {}
