import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { isoDate, RuleViolationError } from '@cairn/platform/kernel';
import { OutboxPublisher } from '@cairn/platform/messaging';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { transitionConflict } from '../../domain/charge-transition.rules';
import { normalizeModifiers, priceCorrection } from '../../domain/charge.rules';
import { publishChargeStatusChanged } from '../../infrastructure/charge-events.gateway';
import { todayBySite } from '../../infrastructure/charge-facts.gateway';
import { chargeViewsFor } from '../../infrastructure/charge-view.mapper';
import { ChargesRepository } from '../../infrastructure/charges.repository';
import { ChargeCorrection, CorrectChargeCommand } from './correct-charge.command';

@CommandHandler(CorrectChargeCommand)
@TenantUseCase(CorrectChargeCommand, { audit: { action: 'charge.correct', resource: 'charge', id: (c) => c.chargeId } })
export class CorrectChargeHandler implements PmUseCaseHandler<CorrectChargeCommand, ChargeCorrection | null> {
  constructor(
    private readonly charges: ChargesRepository,
    private readonly outbox: OutboxPublisher,
    readonly queries: QueryBus,
  ) {}

  async execute({ chargeId, input }: CorrectChargeCommand, { ctx, tx, audit }: PmUseCase): Promise<ChargeCorrection | null> {
    const org = ctx.organizationId;
    const before = await this.charges.find(tx, org, chargeId);
    if (!before) return null;
    const serviceDate = isoDate(before.serviceDate);
    const code = input.code ?? before.proposedCode;
    const modifiers = normalizeModifiers(input.modifiers ?? before.proposedModifiers);
    // Priced before anything changes: a correction nothing prices is refused and the charge stays as it was.
    const entries = await this.charges.feeEntries(tx, org, [code], serviceDate, serviceDate);
    const priced = priceCorrection(entries, code, modifiers, serviceDate, input.units);
    if (!priced)
      throw new RuleViolationError('No fee schedule entry prices the correction on the service date.', [
        { field: 'code', message: `no fee schedule entry for ${[code, ...modifiers].join(' ')} on ${serviceDate}` },
      ]);
    const today = (await todayBySite(tx, org, [before.siteId])).get(before.siteId)!;
    const future = serviceDate > today;
    const voided = await this.charges.transition(tx, org, chargeId, { status: 'voided', reason: 'corrected', by: ctx.userId });
    if (!voided) {
      const now = (await this.charges.find(tx, org, chargeId))!;
      throw audit.refuse(`charge_${now.status}`, transitionConflict(now.status, 'correct'));
    }
    const correction = await this.charges.insertCorrection(
      tx,
      voided,
      { ...priced, status: future ? 'on_hold' : 'ready', holdReason: future ? 'future_service_date' : null },
      { reason: 'corrected', by: ctx.userId, proposedCode: code, proposedModifiers: modifiers },
    );
    const event = await publishChargeStatusChanged(this.outbox, voided, before.status, ctx.userId, correction.id);
    audit.set({ patientId: voided.patientId }).scope({
      eventId: event.id,
      previousStatus: before.status,
      reason: input.reason,
      correctionChargeId: correction.id,
      units: { before: before.units, after: correction.units },
      amountCents: { before: before.amountCents, after: correction.amountCents },
    });
    const [v, c] = await chargeViewsFor(tx, this.charges, [voided, correction]);
    return { voided: v!, correction: c! };
  }
}
