import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { GroupView, toGroupView } from '../../group-session.view';
import { GetGroupQuery } from './get-group.query';

@QueryHandler(GetGroupQuery)
export class GetGroupHandler implements IQueryHandler<GetGroupQuery, GroupView | null> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ groupId }: GetGroupQuery): Promise<GroupView | null> {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const group = await this.txHost.tx.group.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id: groupId } } });
      await this.audit.record({ action: 'group.read', resourceType: 'group', resourceId: groupId, outcome: group ? 'success' : 'not_found' });
      return group ? toGroupView(group) : null;
    });
  }
}
