import { Command } from '@nestjs/cqrs';

import type { ProgressNoteView } from '../../domain/progress-note.view';

export interface CreateProgressNoteInput {
  patientId: string;
  appointmentId?: string;
  sessionStart: string;
  sessionEnd: string;
  body: string;
}

/** Opens a draft note for a session, authored by the caller. Null when the patient is not in scope. */
export class CreateProgressNoteCommand extends Command<ProgressNoteView | null> {
  constructor(readonly input: CreateProgressNoteInput) {
    super();
  }
}
