import { CommandHandler } from '@nestjs/cqrs';

import { ConflictError } from '@cairn/platform/kernel';
import { OutboxPublisher } from '@cairn/platform/messaging';
import { ChargeOfSourceVoided, VoidChargeOfSourceCommand } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { publishChargeStatusChanged } from '../../infrastructure/charge-events.gateway';
import { ChargesRepository } from '../../infrastructure/charges.repository';

/**
 * Voids the current charge of a reopened review round (ADR 0011), in the caller's (CL's reopen) transaction: the
 * charge is locked, so a concurrent bill, void or correction either finishes first (and is seen) or waits. Billed:
 * 409, the reopen is refused. No charge yet: 409 (the approval event is still on its way). Already voided: nothing.
 */
@CommandHandler(VoidChargeOfSourceCommand)
@TenantUseCase(VoidChargeOfSourceCommand, {
  audit: { action: 'charge.void', resource: 'charge', actor: 'derived-from-context' },
})
export class VoidChargeOfSourceHandler implements PmUseCaseHandler<VoidChargeOfSourceCommand, ChargeOfSourceVoided> {
  constructor(
    private readonly charges: ChargesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute({ input }: VoidChargeOfSourceCommand, { ctx, tx, audit }: PmUseCase): Promise<ChargeOfSourceVoided> {
    const org = ctx.organizationId;
    const current = await this.charges.lockCurrentOfRound(tx, org, input.sourceType, input.sourceId, input.sourceRound);
    if (!current) {
      throw audit.refuse(
        'not_charged_yet',
        new ConflictError('The approval has not been charged yet; reopen it once its charge exists (usually within seconds).'),
      );
    }
    audit.set({ resourceId: current.id, patientId: current.patientId });
    if (current.status === 'billed') {
      throw audit.refuse('charge_billed', new ConflictError('The charge of this decision is billed; a billed charge cannot be reopened.'));
    }
    if (current.status === 'voided') {
      audit.skip('the charge was voided already');
      return { voidedChargeId: null };
    }
    const voided = await this.charges.transition(tx, org, current.id, { status: 'voided', reason: 'reopened', by: ctx.userId });
    if (!voided) throw new Error(`charge ${current.id} was locked ${current.status} but could not be voided`);
    const event = await publishChargeStatusChanged(this.outbox, voided, current.status, ctx.userId);
    audit.scope({
      eventId: event.id,
      previousStatus: current.status,
      reason: 'reopened',
      sourceId: input.sourceId,
      round: input.sourceRound,
    });
    return { voidedChargeId: voided.id };
  }
}
