import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { CL_GROUP_ENCOUNTERS_APPROVED_V1, ClGroupEncountersApprovedV1, OutboxPublisher } from '@cairn/platform/messaging';
import { RequestContextService } from '@cairn/platform/tenancy';
import { approvePending, generationsByIds } from '../../group-encounter-generation.repository';
import { GenerationRow, part2AuditScope, toGenerationView } from '../../group-encounter-generation.view';
import { approvalDecision, ApprovalDecision } from '../../group-encounter-rules';
import { OUTCOME_DETAIL, ReviewItemResult, ReviewOutcome, ReviewResult } from '../../review-result';
import { ApproveGroupEncountersCommand } from './approve-group-encounters.command';

const OUTCOME: Record<Exclude<ApprovalDecision, 'approve'>, ReviewOutcome> = {
  already_approved: 'already_approved', conflict: 'conflict', not_billable: 'not_billable', consent_required: 'consent_required',
};

/** One cl_group_encounters_approved payload per session, exactly the seed's fields, in the seed's order. */
export function approvalPayloads(organizationId: string, approved: GenerationRow[]): ClGroupEncountersApprovedV1[] {
  const bySession = new Map<string, GenerationRow[]>();
  for (const r of approved) bySession.set(r.group_session_id, [...(bySession.get(r.group_session_id) ?? []), r]);
  return [...bySession.entries()].map(([sessionId, rows]) => ({
    session_id: sessionId,
    approved_generations: rows.map((r) => ({
      generation_id: r.id,
      encounter_id: r.encounter_id!,
      patient_id: r.patient_id,
      proposed_cpt_code: r.proposed_cpt_code!,
      duration_minutes: r.minutes_attended,
      modifiers: r.proposed_modifiers,
    })),
    organization_id: organizationId,
  }));
}

/**
 * pending_review -> approved for every id the state machine allows, with a conditional UPDATE (so a racing
 * reviewer cannot approve a row twice), then one `cl_group_encounters_approved.v1` per session listing its
 * newly approved rows, written to the outbox in the same transaction. Ids already approved answer
 * already_approved and publish nothing; rejected ones conflict; Part 2 rows without consent are refused.
 */
@CommandHandler(ApproveGroupEncountersCommand)
export class ApproveGroupEncountersHandler implements ICommandHandler<ApproveGroupEncountersCommand, ReviewResult> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute({ ids }: ApproveGroupEncountersCommand): Promise<ReviewResult> {
    const ctx = this.requestContext.requireTenant();
    const org = ctx.organizationId;
    const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const seen = new Map((await generationsByIds(tx, org, unique)).map((r) => [r.id, r]));
      const candidates = unique.filter((id) => seen.has(id) && approvalDecision(seen.get(id)!) === 'approve');
      const approvalId = randomUUID();
      const approved = new Map((await approvePending(tx, org, candidates, ctx.userId, approvalId)).map((r) => [r.id, r]));
      // Candidates another reviewer decided meanwhile: read their committed state and answer from it.
      const lost = candidates.filter((id) => !approved.has(id));
      const after = new Map((await generationsByIds(tx, org, lost)).map((r) => [r.id, r]));

      const results: ReviewItemResult[] = unique.map((id) => {
        const row = approved.get(id) ?? after.get(id) ?? seen.get(id);
        if (!row) return { id, outcome: 'not_found', detail: OUTCOME_DETAIL.not_found, generation: null };
        if (approved.has(id)) return { id, outcome: 'approved', detail: null, generation: toGenerationView(row) };
        const decision = approvalDecision(row);
        // A row still pending that the UPDATE skipped would be a bug: say conflict rather than claim success.
        const outcome = decision === 'approve' ? 'conflict' : OUTCOME[decision];
        return { id, outcome, detail: OUTCOME_DETAIL[outcome], generation: toGenerationView(row) };
      });

      const payloads = approvalPayloads(org, [...approved.values()]);
      for (const payload of payloads) await this.outbox.publish(CL_GROUP_ENCOUNTERS_APPROVED_V1, org, payload);
      const counts = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.outcome]: (acc[r.outcome] ?? 0) + 1 }), {});
      await this.audit.record({
        action: 'group-encounter-generation.approve', resourceType: 'group_encounter_generation', resourceId: unique.length === 1 ? unique[0] : null,
        patientId: unique.length === 1 && approved.has(unique[0]!) ? approved.get(unique[0]!)!.patient_id : null,
        outcome: approved.size > 0 || counts['already_approved'] ? 'success' : results.every((r) => r.outcome === 'not_found') ? 'not_found' : 'denied',
        scope: {
          requested: unique.length, outcomes: counts, approvalId: approved.size ? approvalId : null,
          approvedIds: [...approved.keys()], sessionIds: payloads.map((p) => p.session_id),
          ...part2AuditScope([...seen.values()]),
        },
      });
      return { results, eventsPublished: payloads.length };
    });
  }
}
