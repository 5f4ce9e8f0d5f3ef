import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { assertEditableDraft, assertSignable } from '../../progress-note-rules';
import { NOTE_INCLUDE, part2Scope, toProgressNoteView } from '../../progress-note.view';
import { SignProgressNoteCommand } from './sign-progress-note.command';

@CommandHandler(SignProgressNoteCommand)
export class SignProgressNoteHandler implements ICommandHandler<SignProgressNoteCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ noteId }: SignProgressNoteCommand) {
    const ctx = this.requestContext.requireTenant();
    const now = new Date();
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const where = { organizationId_id: { organizationId: ctx.organizationId, id: noteId } };
      const note = await tx.progressNote.findUnique({ where, include: NOTE_INCLUDE });
      if (!note) {
        await this.audit.record({ action: 'progress-note.sign', resourceType: 'progress_note', resourceId: noteId, outcome: 'not_found' });
        return null;
      }
      assertEditableDraft(note, ctx.userId, 'sign');
      assertSignable(note, now);
      const signed = await tx.progressNote.update({ where, data: { status: 'signed', signedAt: now, signedBy: ctx.userId }, include: NOTE_INCLUDE });
      await this.audit.record({ action: 'progress-note.sign', resourceType: 'progress_note', resourceId: noteId, patientId: note.patientId, outcome: 'success', scope: part2Scope(note) });
      return toProgressNoteView(signed);
    });
  }
}
