import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { InvalidInputError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { generationsByIds, rejectPending } from '../../group-encounter-generation.repository';
import { part2AuditScope, toGenerationView } from '../../group-encounter-generation.view';
import { rejectionDecision, RejectionDecision } from '../../group-encounter-rules';
import { OUTCOME_DETAIL, ReviewItemResult, ReviewOutcome, ReviewResult } from '../../review-result';
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
    const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const seen = new Map((await generationsByIds(tx, org, unique)).map((r) => [r.id, r]));
      const candidates = unique.filter((id) => seen.has(id) && rejectionDecision(seen.get(id)!) === 'reject');
      const rejected = new Map((await rejectPending(tx, org, candidates, ctx.userId, trimmed)).map((r) => [r.id, r]));
      const lost = candidates.filter((id) => !rejected.has(id));
      const after = new Map((await generationsByIds(tx, org, lost)).map((r) => [r.id, r]));

      const results: ReviewItemResult[] = unique.map((id) => {
        const row = rejected.get(id) ?? after.get(id) ?? seen.get(id);
        if (!row) return { id, outcome: 'not_found', detail: OUTCOME_DETAIL.not_found, generation: null };
        if (rejected.has(id)) return { id, outcome: 'rejected', detail: null, generation: toGenerationView(row) };
        const decision = rejectionDecision(row);
        const outcome = decision === 'reject' ? 'conflict' : OUTCOME[decision];
        return { id, outcome, detail: OUTCOME_DETAIL[outcome], generation: toGenerationView(row) };
      });
      const counts = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.outcome]: (acc[r.outcome] ?? 0) + 1 }), {});
      await this.audit.record({
        action: 'group-encounter-generation.reject', resourceType: 'group_encounter_generation', resourceId: unique.length === 1 ? unique[0] : null,
        patientId: unique.length === 1 && rejected.has(unique[0]!) ? rejected.get(unique[0]!)!.patient_id : null,
        outcome: rejected.size > 0 || counts['already_rejected'] ? 'success' : results.every((r) => r.outcome === 'not_found') ? 'not_found' : 'denied',
        scope: { requested: unique.length, outcomes: counts, rejectedIds: [...rejected.keys()], ...part2AuditScope([...seen.values()]) },
      });
      return { results, eventsPublished: 0 };
    });
  }
}
