import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { InvalidInputError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { todayIn } from '../../../homework/domain/homework.rules';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { cardExpired, PaymentMethodView, toPaymentMethodView } from '../../domain/payment-method.view';
import { AddPaymentMethodCommand } from './add-payment-method.command';

/** No card number reaches this handler: the portal's HTTP layer refuses one in any field (card-number.rules.ts). */
@CommandHandler(AddPaymentMethodCommand)
@TenantUseCase(AddPaymentMethodCommand, {
  audit: { action: 'portal.payment-method.add', resource: 'payment_method', patient: (c) => c.patientId },
})
export class AddPaymentMethodHandler implements PortalUseCaseHandler<AddPaymentMethodCommand, PaymentMethodView> {
  async execute(cmd: AddPaymentMethodCommand, { ctx, tx, audit }: PortalUseCase): Promise<PaymentMethodView> {
    const organizationId = ctx.organizationId;
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
    const today = todayIn(org?.timezone ?? 'UTC');
    if (cardExpired(cmd.expMonth, cmd.expYear, today))
      throw new InvalidInputError('The card has expired.', [{ field: 'expYear', message: 'the card expired before this month' }]);
    const row = await tx.paymentMethod.create({
      data: {
        organizationId,
        id: randomUUID(),
        patientId: cmd.patientId,
        processor: cmd.processor,
        processorToken: cmd.processorToken,
        brand: cmd.brand,
        last4: cmd.last4,
        expMonth: cmd.expMonth,
        expYear: cmd.expYear,
      },
    });
    audit.set({ resourceId: row.id }).scope({ processor: cmd.processor, brand: cmd.brand });
    return toPaymentMethodView(row);
  }
}
