import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { ChangeRequestView } from '../../domain/change-request.view';

export interface ListChangeRequestsFilter {
  status?: string;
  /** The client's own (the portal route); admins list every client's. */
  patientId?: string;
  page?: number;
  pageSize?: number;
}

/** Therapist change requests, newest first: every client's for portal admins (seed §3.B), one's own for a client. */
export class ListChangeRequestsQuery extends Query<Page<ChangeRequestView>> {
  constructor(readonly filter: ListChangeRequestsFilter) {
    super();
  }
}
