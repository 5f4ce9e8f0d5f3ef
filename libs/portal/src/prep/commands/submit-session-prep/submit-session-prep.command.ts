import { Command } from '@nestjs/cqrs';

import type { SessionPrepView } from '../../domain/session-prep.view';

/**
 * The client's preparation for an upcoming appointment (seed §2.C, §5 "submits pre-session prep"): topics, recent
 * feelings and an optional urgent concern. One per appointment; a second submission revises it until it starts.
 */
export class SubmitSessionPrepCommand extends Command<SessionPrepView | null> {
  constructor(
    readonly patientId: string,
    readonly appointmentId: string,
    readonly topics: string[],
    readonly recentFeelings: string | null,
    readonly urgentConcern: string | null,
  ) {
    super();
  }
}
