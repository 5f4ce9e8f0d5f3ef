import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { assertDateRange, dateRange, Page, pageOf, pageWindow } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { GroupSessionSummaryView, SESSION_GROUP_SELECT, toGroupSessionSummary } from '../../group-session.view';
import { ListGroupSessionsQuery } from './list-group-sessions.query';

@QueryHandler(ListGroupSessionsQuery)
export class ListGroupSessionsHandler implements IQueryHandler<ListGroupSessionsQuery, Page<GroupSessionSummaryView>> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ filter }: ListGroupSessionsQuery): Promise<Page<GroupSessionSummaryView>> {
    const ctx = this.requestContext.requireTenant();
    assertDateRange(filter.from, filter.to);
    const { skip, take } = pageWindow(filter);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      // Row-level security keeps this to the caller's sites; the indexes (organization, site | group, date) serve it.
      const where = {
        organizationId: ctx.organizationId,
        ...(filter.groupId ? { groupId: filter.groupId } : {}),
        ...(filter.siteId ? { siteId: filter.siteId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.from || filter.to ? { sessionDate: dateRange(filter.from, filter.to) } : {}),
      };
      const rows = await tx.groupSession.findMany({
        where, include: SESSION_GROUP_SELECT, orderBy: [{ sessionDate: 'desc' }, { startTime: 'desc' }, { id: 'asc' }], skip, take,
      });
      const total = await tx.groupSession.count({ where });
      await this.audit.record({
        action: 'group-session.list', resourceType: 'group_session', outcome: 'success',
        scope: { filters: Object.keys(filter).filter((k) => (filter as Record<string, unknown>)[k] !== undefined), resultCount: rows.length, total },
      });
      return pageOf(rows.map(toGroupSessionSummary), total, filter);
    });
  }
}
