import { CommandHandler } from '@nestjs/cqrs';

import { OutboxPublisher } from '@cairn/platform/messaging';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { transitionConflict } from '../../domain/charge-transition.rules';
import type { ChargeView } from '../../domain/charge.view';
import { publishChargeStatusChanged } from '../../infrastructure/charge-events.gateway';
import { chargeViewsFor } from '../../infrastructure/charge-view.mapper';
import { ChargesRepository } from '../../infrastructure/charges.repository';
import { VoidChargeCommand } from './void-charge.command';

@CommandHandler(VoidChargeCommand)
@TenantUseCase(VoidChargeCommand, { audit: { action: 'charge.void', resource: 'charge', id: (c) => c.chargeId } })
export class VoidChargeHandler implements PmUseCaseHandler<VoidChargeCommand, ChargeView | null> {
  constructor(
    private readonly charges: ChargesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute({ chargeId, reason }: VoidChargeCommand, { ctx, tx, audit }: PmUseCase): Promise<ChargeView | null> {
    const org = ctx.organizationId;
    const before = await this.charges.find(tx, org, chargeId);
    if (!before) return null;
    const voided = await this.charges.transition(tx, org, chargeId, { status: 'voided', reason: 'voided', by: ctx.userId });
    if (!voided) {
      const now = (await this.charges.find(tx, org, chargeId))!;
      throw audit.refuse(`charge_${now.status}`, transitionConflict(now.status, 'void'));
    }
    const event = await publishChargeStatusChanged(this.outbox, voided, before.status, ctx.userId);
    audit.set({ patientId: voided.patientId }).scope({ eventId: event.id, previousStatus: before.status, reason });
    return (await chargeViewsFor(tx, this.charges, [voided]))[0]!;
  }
}
