import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { GroupView } from '../../domain/group-session.view';

export interface ListGroupsFilter {
  siteId?: string;
  groupType?: string;
  active?: boolean;
  page?: number;
  pageSize?: number;
}

/** Groups at the caller's sites, by name. */
export class ListGroupsQuery extends Query<Page<GroupView>> {
  constructor(readonly filter: ListGroupsFilter) {
    super();
  }
}
