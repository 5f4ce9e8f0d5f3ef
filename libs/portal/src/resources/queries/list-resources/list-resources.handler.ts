import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { ResourceView, toResourceView } from '../../domain/resource.view';
import { ListResourcesQuery } from './list-resources.query';

const MAX_RESOURCES = 200;

@QueryHandler(ListResourcesQuery)
@TenantUseCase(ListResourcesQuery, { audit: { action: 'portal.resource.list', resource: 'portal_resource', patient: (q) => q.patientId } })
export class ListResourcesHandler implements PortalUseCaseHandler<ListResourcesQuery, ResourceView[] | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId, includeWithdrawn }: ListResourcesQuery, { ctx, tx, audit }: PortalUseCase): Promise<ResourceView[] | null> {
    const organizationId = ctx.organizationId;
    if (!((await this.queries.execute(new GetPortalRelationshipQuery(patientId))) !== null)) return null;
    const rows = await tx.portalResource.findMany({
      where: { organizationId, patientId, ...(includeWithdrawn ? {} : { withdrawnAt: null }) },
      orderBy: [{ assignedAt: 'desc' }, { id: 'asc' }],
      take: MAX_RESOURCES,
    });
    audit.scope({ resultCount: rows.length });
    return rows.map(toResourceView);
  }
}
