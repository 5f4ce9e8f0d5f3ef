import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { ServiceTypeView, toServiceTypeView } from '../../service-type.view';
import { ListServiceTypesQuery } from './list-service-types.query';

/** The organization's service types and their categories (no patient data, so not audited). */
@QueryHandler(ListServiceTypesQuery)
export class ListServiceTypesHandler implements IQueryHandler<ListServiceTypesQuery, ServiceTypeView[]> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
  ) {}

  async execute(): Promise<ServiceTypeView[]> {
    const ctx = this.requestContext.requireTenant();
    const rows = await this.txHost.withTransaction(() =>
      this.txHost.tx.serviceType.findMany({ where: { organizationId: ctx.organizationId }, orderBy: { code: 'asc' } }),
    );
    return rows.map(toServiceTypeView);
  }
}
