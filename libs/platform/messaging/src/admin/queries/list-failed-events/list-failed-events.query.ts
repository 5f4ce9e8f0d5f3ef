import { Query } from '@nestjs/cqrs';

import type { FailedEventView } from '../../failed-event.view';

export interface FailedEventPage {
  items: FailedEventView[];
  page: number;
  pageSize: number;
  total: number;
}

export class ListFailedEventsQuery extends Query<FailedEventPage> {
  constructor(
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}
