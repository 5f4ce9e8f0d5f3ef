import { Command } from '@nestjs/cqrs';

import type { ProgressNoteView } from '../../domain/progress-note.view';

/** Signs and locks a draft (its author only, once the session has ended). Null when not in scope. */
export class SignProgressNoteCommand extends Command<ProgressNoteView | null> {
  constructor(readonly noteId: string) {
    super();
  }
}
