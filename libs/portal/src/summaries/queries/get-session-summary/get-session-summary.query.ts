import { Query } from '@nestjs/cqrs';

import type { SessionSummaryView } from '../../domain/session-summary.view';

/** The client reads one of their session summaries (audited), e.g. from its notification. Null when it is not theirs. */
export class GetSessionSummaryQuery extends Query<SessionSummaryView | null> {
  constructor(
    readonly patientId: string,
    readonly summaryId: string,
  ) {
    super();
  }
}
