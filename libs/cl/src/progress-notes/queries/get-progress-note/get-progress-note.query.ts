import { Query } from '@nestjs/cqrs';

import type { ProgressNoteView } from '../../domain/progress-note.view';

/** A note with its addenda; null when it does not exist or its patient is outside the caller's scope. */
export class GetProgressNoteQuery extends Query<ProgressNoteView | null> {
  constructor(readonly noteId: string) {
    super();
  }
}
