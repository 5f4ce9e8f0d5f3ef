import { Command } from '@nestjs/cqrs';

import type { SessionSummaryView } from '../../domain/session-summary.view';

/** The therapist shares a summary of a completed appointment with the client (seed §5, EHR -> Portal 5). */
export class ShareSessionSummaryCommand extends Command<SessionSummaryView | null> {
  constructor(
    readonly patientId: string,
    readonly appointmentId: string,
    readonly summary: string,
  ) {
    super();
  }
}
