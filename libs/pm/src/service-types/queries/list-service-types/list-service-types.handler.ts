import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { ServiceTypeView, toServiceTypeView } from '../../domain/service-type.view';
import { ListServiceTypesQuery } from './list-service-types.query';

/** The organization's service types and their categories (no patient data, so not audited). */
@QueryHandler(ListServiceTypesQuery)
@TenantUseCase(ListServiceTypesQuery, { audit: false, reason: "the organization's service-type catalogue: configuration, no PHI" })
export class ListServiceTypesHandler implements PmUseCaseHandler<ListServiceTypesQuery, ServiceTypeView[]> {
  async execute(_query: ListServiceTypesQuery, { ctx, tx }: PmUseCase): Promise<ServiceTypeView[]> {
    const rows = await tx.serviceType.findMany({ where: { organizationId: ctx.organizationId }, orderBy: { code: 'asc' } });
    return rows.map(toServiceTypeView);
  }
}
