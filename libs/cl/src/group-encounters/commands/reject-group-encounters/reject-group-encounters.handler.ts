import { CommandHandler } from '@nestjs/cqrs';

import { InvalidInputError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { bulkReview, singlePatient } from '../../domain/bulk-review.service';
import { rejectionDecision, RejectionDecision } from '../../domain/group-encounter.rules';
import { ReviewOutcome, ReviewResult } from '../../domain/review-result.view';
import { rejectPending } from '../../infrastructure/group-encounter-generation.repository';
import { RejectGroupEncountersCommand } from './reject-group-encounters.command';

const OUTCOME: Record<Exclude<RejectionDecision, 'reject'>, ReviewOutcome> = {
  already_rejected: 'already_rejected',
  conflict: 'conflict',
  consent_required: 'consent_required',
};

/**
 * pending_review -> rejected (with the reason) for every id the state machine allows, with the same
 * conditional UPDATE as approval, so an approve/reject race has exactly one winner per row. Nothing is
 * published: a rejected generation never becomes a charge. The reason is kept on the row, not in the audit log.
 */
@CommandHandler(RejectGroupEncountersCommand)
@TenantUseCase(RejectGroupEncountersCommand, {
  audit: { action: 'group-encounter-generation.reject', resource: 'group_encounter_generation' },
})
export class RejectGroupEncountersHandler implements ClUseCaseHandler<RejectGroupEncountersCommand, ReviewResult> {
  async execute({ ids, reason }: RejectGroupEncountersCommand, { ctx, tx, audit }: ClUseCase): Promise<ReviewResult> {
    const trimmed = reason?.trim() ?? '';
    if (!trimmed) throw new InvalidInputError('A rejection needs a reason.', [{ field: 'reason', message: 'reason must not be empty' }]);
    const org = ctx.organizationId;
    const review = await bulkReview(tx, org, ids, {
      decide: rejectionDecision,
      apply: 'reject' as const,
      done: 'rejected',
      outcomes: OUTCOME,
      change: (candidates) => rejectPending(tx, org, candidates, ctx.userId, trimmed),
    });
    // As approval: one row with the whole action's outcome, committed with the transaction.
    audit
      .outcome(review.auditOutcome)
      .set({ resourceId: review.ids.length === 1 ? review.ids[0] : null, patientId: singlePatient(review) })
      .scope({ ...review.auditScope, rejectedIds: [...review.changed.keys()] });
    return { results: review.results, eventsPublished: 0 };
  }
}
