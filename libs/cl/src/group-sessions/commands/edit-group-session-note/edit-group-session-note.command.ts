import { Command } from '@nestjs/cqrs';

import type { GroupSessionView } from '../../domain/group-session.view';

/** Replaces the shared note of a draft session. Null when the session is not in scope. */
export class EditGroupSessionNoteCommand extends Command<GroupSessionView | null> {
  constructor(
    readonly sessionId: string,
    readonly note: string,
  ) {
    super();
  }
}
