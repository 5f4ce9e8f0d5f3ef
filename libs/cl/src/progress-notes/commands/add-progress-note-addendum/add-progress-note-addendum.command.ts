import { Command } from '@nestjs/cqrs';

import type { ProgressNoteView } from '../../domain/progress-note.view';

/** Adds an addendum to a signed note. Null when the note is not in scope. */
export class AddProgressNoteAddendumCommand extends Command<ProgressNoteView | null> {
  constructor(
    readonly noteId: string,
    readonly body: string,
  ) {
    super();
  }
}
