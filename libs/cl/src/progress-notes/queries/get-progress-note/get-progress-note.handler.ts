import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { NOTE_INCLUDE, part2Scope, ProgressNoteView, toProgressNoteView } from '../../domain/progress-note.view';
import { GetProgressNoteQuery } from './get-progress-note.query';

@QueryHandler(GetProgressNoteQuery)
@TenantUseCase(GetProgressNoteQuery, { audit: { action: 'progress-note.read', resource: 'progress_note', id: (q) => q.noteId } })
export class GetProgressNoteHandler implements ClUseCaseHandler<GetProgressNoteQuery, ProgressNoteView | null> {
  async execute({ noteId }: GetProgressNoteQuery, { ctx, tx, audit }: ClUseCase): Promise<ProgressNoteView | null> {
    const note = await tx.progressNote.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id: noteId } },
      include: NOTE_INCLUDE,
    });
    if (!note) return null;
    audit.set({ patientId: note.patientId }).scope(part2Scope(note));
    return toProgressNoteView(note);
  }
}
