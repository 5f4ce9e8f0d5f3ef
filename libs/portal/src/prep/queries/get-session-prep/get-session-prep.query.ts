import { Query } from '@nestjs/cqrs';

import type { SessionPrepBriefView } from '../../domain/session-prep.view';

/**
 * The therapist's session preparation for one appointment of a client (seed §2.C): the client's prep (topics,
 * feelings, urgent concern), recent shared mood and homework status. Null when the caller has no relationship.
 */
export class GetSessionPrepQuery extends Query<SessionPrepBriefView | null> {
  constructor(
    readonly patientId: string,
    readonly appointmentId: string,
  ) {
    super();
  }
}
