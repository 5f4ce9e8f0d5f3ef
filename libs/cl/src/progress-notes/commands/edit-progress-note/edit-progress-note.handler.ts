import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertEditableDraft, checkSession } from '../../domain/progress-note.rules';
import { NOTE_INCLUDE, part2Scope, ProgressNoteView, toProgressNoteView } from '../../domain/progress-note.view';
import { EditProgressNoteCommand } from './edit-progress-note.command';

@CommandHandler(EditProgressNoteCommand)
@TenantUseCase(EditProgressNoteCommand, { audit: { action: 'progress-note.update', resource: 'progress_note', id: (c) => c.noteId } })
export class EditProgressNoteHandler implements ClUseCaseHandler<EditProgressNoteCommand, ProgressNoteView | null> {
  async execute({ noteId, changes }: EditProgressNoteCommand, { ctx, tx, audit }: ClUseCase): Promise<ProgressNoteView | null> {
    const where = { organizationId_id: { organizationId: ctx.organizationId, id: noteId } };
    const note = await tx.progressNote.findUnique({ where, include: NOTE_INCLUDE });
    if (!note) return null;
    assertEditableDraft(note, ctx.userId, 'edit');
    const sessionStart = changes.sessionStart ? new Date(changes.sessionStart) : note.sessionStart;
    const sessionEnd = changes.sessionEnd ? new Date(changes.sessionEnd) : note.sessionEnd;
    checkSession(sessionStart, sessionEnd);
    const updated = await tx.progressNote.update({
      where,
      data: { sessionStart, sessionEnd, body: changes.body ?? note.body },
      include: NOTE_INCLUDE,
    });
    audit.set({ patientId: note.patientId }).scope({
      changedFields: Object.keys(changes)
        .filter((k) => changes[k as keyof typeof changes] !== undefined)
        .sort(),
      ...part2Scope(note),
    });
    return toProgressNoteView(updated);
  }
}
