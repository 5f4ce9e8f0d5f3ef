import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { FeeScheduleEntryView } from '../../domain/fee-schedule-entry.view';

export interface FeeScheduleFilter {
  code?: string;
  /** Only entries in effect on this day (YYYY-MM-DD). */
  on?: string;
  page: number;
  pageSize: number;
}

/** The organization's fee schedule, by code, then modifiers, then first day. */
export class ListFeeScheduleQuery extends Query<Page<FeeScheduleEntryView>> {
  constructor(readonly filter: FeeScheduleFilter) {
    super();
  }
}
