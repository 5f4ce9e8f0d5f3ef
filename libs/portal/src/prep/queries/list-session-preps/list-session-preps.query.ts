import { Query } from '@nestjs/cqrs';

import type { SessionPrepView } from '../../domain/session-prep.view';

/** The client's preps for appointments still ahead, soonest first (the client's own, or a patient's for staff). */
export class ListSessionPrepsQuery extends Query<SessionPrepView[] | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
