import { QueryHandler } from '@nestjs/cqrs';

import { assertDateRange, dateRange, Page } from '@cairn/platform/http';
import { pagedAuditedList, setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { GroupSessionSummaryView, SESSION_GROUP_SELECT, toGroupSessionSummary } from '../../domain/group-session.view';
import { ListGroupSessionsQuery } from './list-group-sessions.query';

@QueryHandler(ListGroupSessionsQuery)
@TenantUseCase(ListGroupSessionsQuery, { audit: { action: 'group-session.list', resource: 'group_session' } })
export class ListGroupSessionsHandler implements ClUseCaseHandler<ListGroupSessionsQuery, Page<GroupSessionSummaryView>> {
  execute({ filter }: ListGroupSessionsQuery, { ctx, tx, audit }: ClUseCase): Promise<Page<GroupSessionSummaryView>> {
    assertDateRange(filter.from, filter.to);
    // Row-level security keeps this to the caller's sites; the indexes (organization, site | group, date) serve it.
    const where = {
      organizationId: ctx.organizationId,
      ...(filter.groupId ? { groupId: filter.groupId } : {}),
      ...(filter.siteId ? { siteId: filter.siteId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.from || filter.to ? { sessionDate: dateRange(filter.from, filter.to) } : {}),
    };
    return pagedAuditedList(audit, {
      page: filter,
      // The names of every key set, the page's too, as before.
      filters: setFilterNames(filter),
      sequential: true,
      count: () => tx.groupSession.count({ where }),
      rows: ({ skip, take }) =>
        tx.groupSession.findMany({
          where,
          include: SESSION_GROUP_SELECT,
          orderBy: [{ sessionDate: 'desc' }, { startTime: 'desc' }, { id: 'asc' }],
          skip,
          take,
        }),
      toItems: (rows) => rows.map(toGroupSessionSummary),
      scope: ({ rows }) => ({ resultCount: rows.length }),
    });
  }
}
