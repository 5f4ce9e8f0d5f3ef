import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { GroupSessionStatus } from '../../domain/group-session.rules';
import type { GroupSessionSummaryView } from '../../domain/group-session.view';

export interface ListGroupSessionsFilter {
  groupId?: string;
  siteId?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  status?: GroupSessionStatus;
  page?: number;
  pageSize?: number;
}

/** Sessions at the caller's sites, newest first (no attendance: read one session for that). */
export class ListGroupSessionsQuery extends Query<Page<GroupSessionSummaryView>> {
  constructor(readonly filter: ListGroupSessionsFilter) {
    super();
  }
}
