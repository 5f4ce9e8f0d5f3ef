import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { PortalAccountView, toPortalAccountView } from '../../domain/portal-account.view';
import { GetPortalAccountQuery } from './get-portal-account.query';

@QueryHandler(GetPortalAccountQuery)
@TenantUseCase(GetPortalAccountQuery, { audit: { action: 'portal.account.read', resource: 'portal_account', patient: (q) => q.patientId } })
export class GetPortalAccountHandler implements PortalUseCaseHandler<GetPortalAccountQuery, PortalAccountView | null> {
  async execute({ patientId }: GetPortalAccountQuery, { ctx, tx, audit }: PortalUseCase): Promise<PortalAccountView | null> {
    const account = await tx.portalAccount.findUnique({
      where: { organizationId_patientId: { organizationId: ctx.organizationId, patientId } },
    });
    if (!account) return null;
    audit.set({ resourceId: account.id });
    return toPortalAccountView(account);
  }
}
