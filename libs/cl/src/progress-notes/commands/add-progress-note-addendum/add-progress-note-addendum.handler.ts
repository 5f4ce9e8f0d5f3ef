import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertAmendable } from '../../domain/progress-note.rules';
import { NOTE_INCLUDE, part2Scope, ProgressNoteView, toProgressNoteView } from '../../domain/progress-note.view';
import { AddProgressNoteAddendumCommand } from './add-progress-note-addendum.command';

@CommandHandler(AddProgressNoteAddendumCommand)
@TenantUseCase(AddProgressNoteAddendumCommand, {
  audit: { action: 'progress-note.addendum', resource: 'progress_note', id: (c) => c.noteId },
})
export class AddProgressNoteAddendumHandler implements ClUseCaseHandler<AddProgressNoteAddendumCommand, ProgressNoteView | null> {
  async execute({ noteId, body }: AddProgressNoteAddendumCommand, { ctx, tx, audit }: ClUseCase): Promise<ProgressNoteView | null> {
    const where = { organizationId_id: { organizationId: ctx.organizationId, id: noteId } };
    const note = await tx.progressNote.findUnique({ where, include: NOTE_INCLUDE });
    if (!note) return null;
    assertAmendable(note);
    const id = randomUUID();
    await tx.progressNoteAddendum.create({ data: { organizationId: ctx.organizationId, id, noteId, authorId: ctx.userId, body } });
    audit.set({ patientId: note.patientId }).scope({ addendumId: id, ...part2Scope(note) });
    return toProgressNoteView(await tx.progressNote.findUniqueOrThrow({ where, include: NOTE_INCLUDE }));
  }
}
