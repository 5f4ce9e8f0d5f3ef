import { CommandBus, CommandHandler } from '@nestjs/cqrs';

import { CL_GROUP_ENCOUNTER_GENERATION_REOPENED_V1 } from '@cairn/platform/clinical';
import { ConflictError, ForbiddenError } from '@cairn/platform/kernel';
import { OutboxPublisher } from '@cairn/platform/messaging';
import { VoidChargeOfSourceCommand } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { GroupEncounterGenerationView, part2AuditScope, toGenerationView } from '../../domain/group-encounter-generation.view';
import { OUTCOME_DETAIL } from '../../domain/review-result.view';
import { generationsByIds, reopenDecided } from '../../infrastructure/group-encounter-generation.repository';
import { ReopenGroupEncounterGenerationCommand } from './reopen-group-encounter-generation.command';

/**
 * Reopens a review decision before its charge is billed (ADR 0011). In one transaction: the row goes back to
 * pending review (a conditional UPDATE: of two concurrent reopens one wins, the other answers 409), its review round
 * grows by one, and for an approval PM voids the round's charge through VoidChargeOfSourceCommand (CL never touches
 * PM's tables). PM refuses with 409 when that charge is billed or does not exist yet; the whole reopen rolls back.
 * A Part 2 row needs the reviewer's consent (403), as every other review action.
 */
@CommandHandler(ReopenGroupEncounterGenerationCommand)
@TenantUseCase(ReopenGroupEncounterGenerationCommand, {
  audit: { action: 'group-encounter-generation.reopen', resource: 'group_encounter_generation', id: (c) => c.generationId },
})
export class ReopenGroupEncounterGenerationHandler implements ClUseCaseHandler<
  ReopenGroupEncounterGenerationCommand,
  GroupEncounterGenerationView | null
> {
  constructor(
    private readonly commands: CommandBus,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute(
    { generationId }: ReopenGroupEncounterGenerationCommand,
    { ctx, tx, audit }: ClUseCase,
  ): Promise<GroupEncounterGenerationView | null> {
    const org = ctx.organizationId;
    const [row] = await generationsByIds(tx, org, [generationId]);
    if (!row) return null;
    const refusalScope = part2AuditScope([row]);
    if (!row.consented)
      throw audit.refuse('consent_required', new ForbiddenError(OUTCOME_DETAIL.consent_required!), 'denied', refusalScope);
    if (row.status !== 'approved' && row.status !== 'rejected') {
      throw audit.refuse(
        `not_decided:${row.status}`,
        new ConflictError(`A ${row.status} generation has no decision to reopen.`),
        'denied',
        refusalScope,
      );
    }
    const reopened = await reopenDecided(tx, org, generationId, ctx.userId);
    if (!reopened) {
      throw audit.refuse('reopened_meanwhile', new ConflictError('The decision was reopened meanwhile.'), 'denied', refusalScope);
    }
    let voidedChargeId: string | null = null;
    if (reopened.previous_status === 'approved') {
      try {
        const voided = await this.commands.execute(
          new VoidChargeOfSourceCommand({
            sourceType: 'group_encounter_generation',
            sourceId: generationId,
            sourceRound: reopened.previous_round,
          }),
        );
        voidedChargeId = voided.voidedChargeId;
      } catch (e) {
        if (e instanceof ConflictError) throw audit.refuse('charge_not_voidable', e, 'denied', refusalScope);
        throw e;
      }
    }
    const event = await this.outbox.publish(CL_GROUP_ENCOUNTER_GENERATION_REOPENED_V1, org, {
      organization_id: org,
      generation_id: generationId,
      session_id: reopened.group_session_id,
      previous_status: reopened.previous_status,
      previous_round: reopened.previous_round,
      voided_charge_id: voidedChargeId,
      reopened_by: ctx.userId,
      reopened_at: reopened.updated_at.toISOString(),
    });
    audit.set({ patientId: reopened.patient_id }).scope({
      ...part2AuditScope([reopened]),
      eventId: event.id,
      previousStatus: reopened.previous_status,
      round: reopened.previous_round + 1,
      voidedChargeId,
    });
    return toGenerationView(reopened);
  }
}
