import { Command } from '@nestjs/cqrs';

import type { ProgressNoteView } from '../../domain/progress-note.view';

/** Changes a draft (its author only). Null when the note is not in scope. */
export class EditProgressNoteCommand extends Command<ProgressNoteView | null> {
  constructor(
    readonly noteId: string,
    readonly changes: { sessionStart?: string; sessionEnd?: string; body?: string },
  ) {
    super();
  }
}
