import { Query } from '@nestjs/cqrs';

import type { ShareableSessionsView } from '../../domain/shareable-session.view';

/**
 * The client's held sessions of the last `days` days a summary may be shared for, newest first, each saying whether a
 * summary was shared already: what the share form offers instead of asking for an appointment reference.
 */
export class ListShareableSessionsQuery extends Query<ShareableSessionsView | null> {
  constructor(
    readonly patientId: string,
    readonly days: number,
  ) {
    super();
  }
}
