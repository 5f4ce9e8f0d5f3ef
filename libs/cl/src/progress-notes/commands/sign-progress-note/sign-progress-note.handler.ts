import { CommandHandler } from '@nestjs/cqrs';

import { CL_PROGRESS_NOTE_SIGNED_V1 } from '@cairn/platform/clinical';
import { OutboxPublisher } from '@cairn/platform/messaging';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertEditableDraft, assertSignable } from '../../domain/progress-note.rules';
import { NOTE_INCLUDE, part2Scope, ProgressNoteView, toProgressNoteView } from '../../domain/progress-note.view';
import { SignProgressNoteCommand } from './sign-progress-note.command';

@CommandHandler(SignProgressNoteCommand)
@TenantUseCase(SignProgressNoteCommand, { audit: { action: 'progress-note.sign', resource: 'progress_note', id: (c) => c.noteId } })
export class SignProgressNoteHandler implements ClUseCaseHandler<SignProgressNoteCommand, ProgressNoteView | null> {
  constructor(private readonly outbox: OutboxPublisher) {}

  async execute({ noteId }: SignProgressNoteCommand, { ctx, tx, audit }: ClUseCase): Promise<ProgressNoteView | null> {
    const now = new Date();
    const where = { organizationId_id: { organizationId: ctx.organizationId, id: noteId } };
    const note = await tx.progressNote.findUnique({ where, include: NOTE_INCLUDE });
    if (!note) return null;
    assertEditableDraft(note, ctx.userId, 'sign');
    assertSignable(note, now);
    const signed = await tx.progressNote.update({
      where,
      data: { status: 'signed', signedAt: now, signedBy: ctx.userId },
      include: NOTE_INCLUDE,
    });
    // The integration event commits with the signature or not at all (transactional outbox); ids and times only.
    await this.outbox.publish(CL_PROGRESS_NOTE_SIGNED_V1, ctx.organizationId, {
      organization_id: signed.organizationId,
      note_id: signed.id,
      site_id: signed.siteId,
      author_id: signed.authorId,
      session_end: signed.sessionEnd.toISOString(),
      signed_at: now.toISOString(),
    });
    audit.set({ patientId: note.patientId }).scope(part2Scope(note));
    return toProgressNoteView(signed);
  }
}
