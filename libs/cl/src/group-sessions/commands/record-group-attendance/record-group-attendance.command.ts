import { Command } from '@nestjs/cqrs';

import type { AttendanceInput } from '../../domain/group-session.rules';
import type { GroupSessionView } from '../../domain/group-session.view';

/**
 * Records or replaces the attendance of the listed patients (one row per patient and session; patients not
 * listed keep theirs). Draft sessions only. Null when the session is not in scope.
 */
export class RecordGroupAttendanceCommand extends Command<GroupSessionView | null> {
  constructor(
    readonly sessionId: string,
    readonly attendees: AttendanceInput[],
  ) {
    super();
  }
}
