import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { InvalidInputError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { bulkReview, singlePatient } from '../../bulk-review';
import { rejectPending } from '../../group-encounter-generation.repository';
import { rejectionDecision, RejectionDecision } from '../../group-encounter-rules';
import { ReviewOutcome, ReviewResult } from '../../review-result';
import { RejectGroupEncountersCommand } from './reject-group-encounters.command';

const OUTCOME: Record<Exclude<RejectionDecision, 'reject'>, ReviewOutcome> = {
  already_rejected: 'already_rejected', conflict: 'conflict', consent_required: 'consent_required',
};

/**
 * pending_review -> rejected (with the reason) for every id the state machine allows, with the same
 * conditional UPDATE as approval, so an approve/reject race has exactly one winner per row. Nothing is
 * published: a rejected generation never becomes a charge. The reason is kept on the row, not in the audit log.
 */
@CommandHandler(RejectGroupEncountersCommand)
export class RejectGroupEncountersHandler implements ICommandHandler<RejectGroupEncountersCommand, ReviewResult> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ ids, reason }: RejectGroupEncountersCommand): Promise<ReviewResult> {
    const trimmed = reason?.trim() ?? '';
    if (!trimmed) throw new InvalidInputError('A rejection needs a reason.', [{ field: 'reason', message: 'reason must not be empty' }]);
    const ctx = this.requestContext.requireTenant();
    const org = ctx.organizationId;
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const review = await bulkReview(tx, org, ids, {
        decide: rejectionDecision, apply: 'reject' as const, done: 'rejected', outcomes: OUTCOME,
        change: (candidates) => rejectPending(tx, org, candidates, ctx.userId, trimmed),
      });
      await this.audit.record({
        action: 'group-encounter-generation.reject', resourceType: 'group_encounter_generation', resourceId: review.ids.length === 1 ? review.ids[0] : null,
        patientId: singlePatient(review), outcome: review.auditOutcome,
        scope: { ...review.auditScope, rejectedIds: [...review.changed.keys()] },
      });
      return { results: review.results, eventsPublished: 0 };
    });
  }
}
