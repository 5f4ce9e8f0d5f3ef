import { Inject, Injectable } from '@nestjs/common';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import type { IntegrationEvent } from '@cairn/platform/messaging';

import { promptDelayMs, promptsReview } from '../domain/session-review.rules';
import { SessionReviewPromptQueue } from '../infrastructure/session-review-prompt.gateway';

/**
 * Scenario 4, step 1: a completed appointment (PM's `pm_appointment_status_changed.v1`) schedules the client's review
 * prompt PORTAL_SESSION_REVIEW_DELAY_SECONDS after the completion, as a delayed BullMQ job; cancelled, late-cancelled
 * and no-show appointments schedule nothing. One job id per appointment, and the prompt itself is made once per
 * appointment by a unique key (PromptSessionReviewHandler), so a redelivered or repeated event adds nothing.
 */
@Injectable()
export class ScheduleReviewPromptWhenAppointmentCompletedHandler {
  constructor(
    private readonly prompts: SessionReviewPromptQueue,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(event: IntegrationEvent<'pm_appointment_status_changed.v1'>): Promise<void> {
    const p = event.payload;
    if (!promptsReview(p.status)) return;
    await this.prompts.schedule(
      {
        organizationId: event.organizationId,
        appointmentId: p.appointment_id,
        patientId: p.patient_id,
        clinicianId: p.provider_id,
        startAt: p.start_at,
      },
      promptDelayMs(p.changed_at, this.config.PORTAL_SESSION_REVIEW_DELAY_SECONDS, new Date()),
    );
  }
}
