import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { Page, pageOf, pageWindow } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { GroupView, toGroupView } from '../../group-session.view';
import { ListGroupsQuery } from './list-groups.query';

@QueryHandler(ListGroupsQuery)
export class ListGroupsHandler implements IQueryHandler<ListGroupsQuery, Page<GroupView>> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ filter }: ListGroupsQuery): Promise<Page<GroupView>> {
    const ctx = this.requestContext.requireTenant();
    const { skip, take } = pageWindow(filter);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      // Row-level security keeps this to the caller's sites.
      const where = {
        organizationId: ctx.organizationId,
        ...(filter.siteId ? { siteId: filter.siteId } : {}),
        ...(filter.groupType ? { groupType: filter.groupType } : {}),
        ...(filter.active !== undefined ? { active: filter.active } : {}),
      };
      const rows = await tx.group.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip, take });
      const total = await tx.group.count({ where });
      await this.audit.record({
        action: 'group.list', resourceType: 'group', outcome: 'success',
        scope: { filters: Object.keys(filter).filter((k) => (filter as Record<string, unknown>)[k] !== undefined), resultCount: rows.length, total },
      });
      return pageOf(rows.map(toGroupView), total, filter);
    });
  }
}
