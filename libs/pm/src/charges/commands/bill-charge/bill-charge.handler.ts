import { CommandHandler } from '@nestjs/cqrs';

import { OutboxPublisher } from '@cairn/platform/messaging';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { transitionConflict } from '../../domain/charge-transition.rules';
import type { ChargeView } from '../../domain/charge.view';
import { publishChargeStatusChanged } from '../../infrastructure/charge-events.gateway';
import { chargeViewsFor } from '../../infrastructure/charge-view.mapper';
import { ChargesRepository } from '../../infrastructure/charges.repository';
import { BillChargeCommand } from './bill-charge.command';

@CommandHandler(BillChargeCommand)
@TenantUseCase(BillChargeCommand, { audit: { action: 'charge.bill', resource: 'charge', id: (c) => c.chargeId } })
export class BillChargeHandler implements PmUseCaseHandler<BillChargeCommand, ChargeView | null> {
  constructor(
    private readonly charges: ChargesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute({ chargeId }: BillChargeCommand, { ctx, tx, audit }: PmUseCase): Promise<ChargeView | null> {
    const org = ctx.organizationId;
    const billed = await this.charges.transition(tx, org, chargeId, { status: 'billed', by: ctx.userId });
    if (!billed) {
      const now = await this.charges.find(tx, org, chargeId);
      if (!now) return null;
      throw audit.refuse(`charge_${now.status}`, transitionConflict(now.status, 'bill'));
    }
    const event = await publishChargeStatusChanged(this.outbox, billed, 'ready', ctx.userId);
    audit.set({ patientId: billed.patientId }).scope({ eventId: event.id, amountCents: billed.amountCents });
    return (await chargeViewsFor(tx, this.charges, [billed]))[0]!;
  }
}
