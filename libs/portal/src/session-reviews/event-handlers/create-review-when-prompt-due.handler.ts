import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

import { AuditService } from '@cairn/platform/audit';
import type { ScheduledJobMap } from '@cairn/platform/messaging';

import type { PortalTx } from '../../portal.tx';
import { promptReview } from '../infrastructure/session-review.repository';

export type SessionReviewPrompt = ScheduledJobMap['portal-session-review-prompts']['portal-session-review-prompts.prompt'];

/**
 * The delayed job's effect (scenario 4, step 1): the client's pending review of the appointment, made by
 * `po_session_review_prompt` as the system of the organization, once per appointment (its unique key). The pending
 * row is the client's prompt (the dashboard's `sessionReviews` section, `GET /api/v1/portal/session-reviews`).
 * Returns the review's id, or null when the appointment had been prompted already.
 */
@Injectable()
export class PromptSessionReviewHandler {
  constructor(private readonly audit: AuditService) {}

  async handle(prompt: SessionReviewPrompt, tx: PortalTx): Promise<string | null> {
    const id = await promptReview(tx, randomUUID(), prompt);
    if (id)
      await this.audit.record({
        action: 'portal.session-review.prompt',
        resourceType: 'session_review',
        resourceId: id,
        patientId: prompt.patientId,
        outcome: 'success',
        actorType: 'system',
        scope: { appointmentId: prompt.appointmentId },
      });
    return id;
  }
}
