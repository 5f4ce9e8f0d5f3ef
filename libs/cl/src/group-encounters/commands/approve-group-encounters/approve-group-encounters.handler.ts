import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { CL_GROUP_ENCOUNTERS_APPROVED_V1, ClGroupEncountersApprovedV1 } from '@cairn/platform/clinical';
import { OutboxPublisher } from '@cairn/platform/messaging';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { bulkReview, singlePatient } from '../../domain/bulk-review.service';
import { GenerationRow } from '../../domain/group-encounter-generation.view';
import { approvalDecision, ApprovalDecision } from '../../domain/group-encounter.rules';
import { ReviewOutcome, ReviewResult } from '../../domain/review-result.view';
import { approvePending } from '../../infrastructure/group-encounter-generation.repository';
import { ApproveGroupEncountersCommand } from './approve-group-encounters.command';

const OUTCOME: Record<Exclude<ApprovalDecision, 'approve'>, ReviewOutcome> = {
  already_approved: 'already_approved',
  conflict: 'conflict',
  not_billable: 'not_billable',
  consent_required: 'consent_required',
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
      // A re-approval after a reopen names its round, so PM charges it again (a first approval is exactly the seed's).
      ...(r.review_round > 1 ? { review_round: r.review_round } : {}),
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
@TenantUseCase(ApproveGroupEncountersCommand, {
  audit: { action: 'group-encounter-generation.approve', resource: 'group_encounter_generation' },
})
export class ApproveGroupEncountersHandler implements ClUseCaseHandler<ApproveGroupEncountersCommand, ReviewResult> {
  constructor(private readonly outbox: OutboxPublisher) {}

  async execute({ ids }: ApproveGroupEncountersCommand, { ctx, tx, audit }: ClUseCase): Promise<ReviewResult> {
    const org = ctx.organizationId;
    const approvalId = randomUUID();
    const review = await bulkReview(tx, org, ids, {
      decide: approvalDecision,
      apply: 'approve' as const,
      done: 'approved',
      outcomes: OUTCOME,
      change: (candidates) => approvePending(tx, org, candidates, ctx.userId, approvalId),
    });
    const payloads = approvalPayloads(org, [...review.changed.values()]);
    for (const payload of payloads) await this.outbox.publish(CL_GROUP_ENCOUNTERS_APPROVED_V1, org, payload);
    // The action answers per id; its one row carries the whole action's outcome (refused rows change nothing, so
    // the row commits with the transaction even when it says denied or not_found).
    audit
      .outcome(review.auditOutcome)
      .set({ resourceId: review.ids.length === 1 ? review.ids[0] : null, patientId: singlePatient(review) })
      .scope({
        ...review.auditScope,
        approvalId: review.changed.size ? approvalId : null,
        approvedIds: [...review.changed.keys()],
        sessionIds: payloads.map((p) => p.session_id),
      });
    return { results: review.results, eventsPublished: payloads.length };
  }
}
