import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { AddProgressNoteAddendumHandler } from './commands/add-progress-note-addendum/add-progress-note-addendum.handler';
import { CreateProgressNoteHandler } from './commands/create-progress-note/create-progress-note.handler';
import { EditProgressNoteHandler } from './commands/edit-progress-note/edit-progress-note.handler';
import { SignProgressNoteHandler } from './commands/sign-progress-note/sign-progress-note.handler';
import { ProgressNotesController } from './http/progress-notes.controller';
import { GetProgressNoteHandler } from './queries/get-progress-note/get-progress-note.handler';

/** CL progress notes: draft, edit, sign, addenda. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [ProgressNotesController],
  providers: [
    AddProgressNoteAddendumHandler,
    CreateProgressNoteHandler,
    EditProgressNoteHandler,
    SignProgressNoteHandler,
    GetProgressNoteHandler,
  ],
})
export class ProgressNotesModule {}
