import { Command } from '@nestjs/cqrs';

import type { GroupSessionView } from '../../domain/group-session.view';

/** Removes a patient recorded on a draft session by mistake; returns the session (null: session not found in scope). */
export class RemoveGroupAttendeeCommand extends Command<GroupSessionView | null> {
  constructor(
    readonly sessionId: string,
    readonly patientId: string,
  ) {
    super();
  }
}
