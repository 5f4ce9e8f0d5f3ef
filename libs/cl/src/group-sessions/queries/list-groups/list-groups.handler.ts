import { QueryHandler } from '@nestjs/cqrs';

import { Page } from '@cairn/platform/http';
import { pagedAuditedList, setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { GroupView, toGroupView } from '../../domain/group-session.view';
import { ListGroupsQuery } from './list-groups.query';

@QueryHandler(ListGroupsQuery)
@TenantUseCase(ListGroupsQuery, { audit: { action: 'group.list', resource: 'group' } })
export class ListGroupsHandler implements ClUseCaseHandler<ListGroupsQuery, Page<GroupView>> {
  execute({ filter }: ListGroupsQuery, { ctx, tx, audit }: ClUseCase): Promise<Page<GroupView>> {
    // Row-level security keeps this to the caller's sites.
    const where = {
      organizationId: ctx.organizationId,
      ...(filter.siteId ? { siteId: filter.siteId } : {}),
      ...(filter.groupType ? { groupType: filter.groupType } : {}),
      ...(filter.active !== undefined ? { active: filter.active } : {}),
    };
    return pagedAuditedList(audit, {
      page: filter,
      // The names of every key set, the page's too, as before.
      filters: setFilterNames(filter),
      sequential: true,
      count: () => tx.group.count({ where }),
      rows: ({ skip, take }) => tx.group.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip, take }),
      toItems: (rows) => rows.map(toGroupView),
      scope: ({ rows }) => ({ resultCount: rows.length }),
    });
  }
}
