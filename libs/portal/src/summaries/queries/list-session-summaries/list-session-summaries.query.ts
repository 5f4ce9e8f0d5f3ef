import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { SessionSummaryView } from '../../domain/session-summary.view';

/** A client's session summaries, latest session first: the client's own, or a patient's for staff. */
export class ListSessionSummariesQuery extends Query<Page<SessionSummaryView> | null> {
  constructor(
    readonly patientId: string,
    readonly filter: { page?: number; pageSize?: number },
  ) {
    super();
  }
}
