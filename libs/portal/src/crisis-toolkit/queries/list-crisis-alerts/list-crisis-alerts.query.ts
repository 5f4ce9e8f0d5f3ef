import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { CrisisAlertView } from '../../domain/crisis-toolkit.view';

export interface ListCrisisAlertsFilter {
  /** Only episodes still live (an open within the last 7 days). */
  liveOnly?: boolean;
  page?: number;
  pageSize?: number;
}

/** The admins' high-risk list: crisis-toolkit alert episodes across every client, newest first. */
export class ListCrisisAlertsQuery extends Query<Page<CrisisAlertView>> {
  constructor(readonly filter: ListCrisisAlertsFilter) {
    super();
  }
}
