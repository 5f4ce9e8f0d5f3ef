import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { PaymentMethodView, toPaymentMethodView } from '../../domain/payment-method.view';
import { billingVisible } from '../../infrastructure/billing-scope.repository';
import { ListPaymentMethodsQuery } from './list-payment-methods.query';

@QueryHandler(ListPaymentMethodsQuery)
@TenantUseCase(ListPaymentMethodsQuery, {
  audit: { action: 'portal.payment-method.list', resource: 'payment_method', patient: (q) => q.patientId },
})
export class ListPaymentMethodsHandler implements PortalUseCaseHandler<ListPaymentMethodsQuery, PaymentMethodView[] | null> {
  async execute({ patientId }: ListPaymentMethodsQuery, { ctx, tx, audit }: PortalUseCase): Promise<PaymentMethodView[] | null> {
    if (!(await billingVisible(tx, ctx.organizationId, patientId, ctx.patientScope === 'portal'))) return null;
    const rows = await tx.paymentMethod.findMany({
      where: { organizationId: ctx.organizationId, patientId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: 50,
    });
    audit.scope({ resultCount: rows.length });
    return rows.map(toPaymentMethodView);
  }
}
