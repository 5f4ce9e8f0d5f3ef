import { Injectable } from '@nestjs/common';

import { ConsumerDeps, EventConsumer, type QueueEvent } from '@cairn/platform/messaging';

import { ScheduleReviewPromptWhenAppointmentCompletedHandler } from '../session-reviews/event-handlers/schedule-review-prompt-when-appointment-completed.handler';

/** The portal's consumer of PM's appointment status changes: a completed appointment schedules its review prompt. */
@Injectable()
export class PortalSessionReviewsProcessor extends EventConsumer<'portal-session-reviews'> {
  readonly queue = 'portal-session-reviews';
  readonly consumerName = 'portal.session-reviews';

  constructor(
    deps: ConsumerDeps,
    private readonly completed: ScheduleReviewPromptWhenAppointmentCompletedHandler,
  ) {
    super(deps);
  }

  protected handle(event: QueueEvent<'portal-session-reviews'>): Promise<void> {
    return this.completed.handle(event);
  }
}
