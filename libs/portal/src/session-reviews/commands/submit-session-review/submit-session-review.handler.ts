import { CommandBus, CommandHandler } from '@nestjs/cqrs';

import { ConflictError, InvalidInputError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordPortalNotificationCommand } from '../../../notifications/commands/record-portal-notification/record-portal-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { MAX_RATING, mayAnswer, MIN_RATING } from '../../domain/session-review.rules';
import { SessionReviewView, toSessionReviewView } from '../../domain/session-review.view';
import { SubmitSessionReviewCommand } from './submit-session-review.command';

/**
 * Answers the prompt once. A review shared and not anonymous notifies the therapist (`session_review.shared`); an
 * anonymous one notifies nobody (the therapist must not learn of it), whatever `sharedWithClinician` says.
 */
@CommandHandler(SubmitSessionReviewCommand)
@TenantUseCase(SubmitSessionReviewCommand, {
  audit: { action: 'portal.session-review.submit', resource: 'session_review', id: (c) => c.reviewId, patient: (c) => c.patientId },
})
export class SubmitSessionReviewHandler implements PortalUseCaseHandler<SubmitSessionReviewCommand, SessionReviewView | null> {
  constructor(private readonly commands: CommandBus) {}

  async execute(cmd: SubmitSessionReviewCommand, { ctx, tx, audit }: PortalUseCase): Promise<SessionReviewView | null> {
    const organizationId = ctx.organizationId;
    if (!Number.isInteger(cmd.rating) || cmd.rating < MIN_RATING || cmd.rating > MAX_RATING)
      throw new InvalidInputError('rating must be a whole number from 1 to 5', [
        { field: 'rating', message: 'rating must be a whole number from 1 to 5' },
      ]);
    // The client's own rows only (the row policy); another client's review is not found.
    const row = await tx.sessionReview.findFirst({ where: { organizationId, id: cmd.reviewId, patientId: cmd.patientId } });
    if (!row) return null;
    const answer = mayAnswer(row.status);
    if (!answer.ok) throw audit.refuse(`status:${row.status}`, new ConflictError(answer.reason));
    const done = await tx.sessionReview.update({
      where: { organizationId_id: { organizationId, id: row.id } },
      data: {
        status: 'submitted',
        rating: cmd.rating,
        feedback: cmd.feedback,
        sharedWithClinician: cmd.sharedWithClinician,
        anonymous: cmd.anonymous,
        submittedAt: new Date(),
      },
    });
    if (done.sharedWithClinician && !done.anonymous)
      await this.commands.execute(new RecordPortalNotificationCommand(cmd.patientId, 'session_review.shared', 'session_review', row.id));
    audit.scope({ shared: done.sharedWithClinician, anonymous: done.anonymous, withFeedback: cmd.feedback !== null });
    return toSessionReviewView(done);
  }
}
