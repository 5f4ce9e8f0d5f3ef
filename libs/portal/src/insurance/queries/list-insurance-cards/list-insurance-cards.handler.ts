import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import { billingVisible } from '../../../payment-methods/infrastructure/billing-scope.repository';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { InsuranceCardView, toInsuranceCardView } from '../../domain/insurance-card.view';
import { ListInsuranceCardsQuery } from './list-insurance-cards.query';

/** A client has a handful of cards: no paging. Nobody the policy hides the patient from learns they exist (empty). */
@QueryHandler(ListInsuranceCardsQuery)
@TenantUseCase(ListInsuranceCardsQuery, {
  audit: { action: 'portal.insurance-card.list', resource: 'insurance_card', patient: (q) => q.patientId },
})
export class ListInsuranceCardsHandler implements PortalUseCaseHandler<ListInsuranceCardsQuery, InsuranceCardView[] | null> {
  async execute({ patientId }: ListInsuranceCardsQuery, { ctx, tx, audit }: PortalUseCase): Promise<InsuranceCardView[] | null> {
    if (!(await billingVisible(tx, ctx.organizationId, patientId, ctx.patientScope === 'portal'))) return null;
    const rows = await tx.insuranceCard.findMany({
      where: { organizationId: ctx.organizationId, patientId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: 50,
    });
    audit.scope({ resultCount: rows.length });
    return rows.map(toInsuranceCardView);
  }
}
