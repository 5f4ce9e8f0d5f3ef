import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { ConsentWorklistItemView } from '../../domain/consent-worklist.view';

/** Patients whose SUD-program generations wait for a Part 2 consent before anyone may review them. Paginated. */
export class ListConsentWorklistQuery extends Query<Page<ConsentWorklistItemView>> {
  constructor(readonly page: { page?: number; pageSize?: number }) {
    super();
  }
}
