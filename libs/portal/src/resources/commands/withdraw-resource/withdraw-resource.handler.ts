import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import {
  GetPortalRelationshipQuery,
  staffWrites,
} from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { ResourceView, toResourceView } from '../../domain/resource.view';
import { WithdrawResourceCommand } from './withdraw-resource.command';

/** Idempotent: withdrawing a withdrawn resource keeps the first time. */
@CommandHandler(WithdrawResourceCommand)
@TenantUseCase(WithdrawResourceCommand, {
  audit: { action: 'portal.resource.withdraw', resource: 'portal_resource', id: (c) => c.resourceId, patient: (c) => c.patientId },
})
export class WithdrawResourceHandler implements PortalUseCaseHandler<WithdrawResourceCommand, ResourceView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute(cmd: WithdrawResourceCommand, { ctx, tx }: PortalUseCase): Promise<ResourceView | null> {
    const organizationId = ctx.organizationId;
    const row = await tx.portalResource.findFirst({ where: { organizationId, id: cmd.resourceId, patientId: cmd.patientId } });
    if (!row || !staffWrites(await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId)))) return null;
    if (row.withdrawnAt) return toResourceView(row);
    return toResourceView(
      await tx.portalResource.update({ where: { organizationId_id: { organizationId, id: row.id } }, data: { withdrawnAt: new Date() } }),
    );
  }
}
