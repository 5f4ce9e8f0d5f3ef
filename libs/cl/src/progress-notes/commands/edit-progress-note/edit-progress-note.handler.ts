import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { assertEditableDraft, checkSession } from '../../progress-note-rules';
import { NOTE_INCLUDE, part2Scope, toProgressNoteView } from '../../progress-note.view';
import { EditProgressNoteCommand } from './edit-progress-note.command';

@CommandHandler(EditProgressNoteCommand)
export class EditProgressNoteHandler implements ICommandHandler<EditProgressNoteCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ noteId, changes }: EditProgressNoteCommand) {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const where = { organizationId_id: { organizationId: ctx.organizationId, id: noteId } };
      const note = await tx.progressNote.findUnique({ where, include: NOTE_INCLUDE });
      if (!note) {
        await this.audit.record({ action: 'progress-note.update', resourceType: 'progress_note', resourceId: noteId, outcome: 'not_found' });
        return null;
      }
      assertEditableDraft(note, ctx.userId, 'edit');
      const sessionStart = changes.sessionStart ? new Date(changes.sessionStart) : note.sessionStart;
      const sessionEnd = changes.sessionEnd ? new Date(changes.sessionEnd) : note.sessionEnd;
      checkSession(sessionStart, sessionEnd);
      const updated = await tx.progressNote.update({ where, data: { sessionStart, sessionEnd, body: changes.body ?? note.body }, include: NOTE_INCLUDE });
      await this.audit.record({
        action: 'progress-note.update', resourceType: 'progress_note', resourceId: noteId, patientId: note.patientId, outcome: 'success',
        scope: { changedFields: Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined).sort(), ...part2Scope(note) },
      });
      return toProgressNoteView(updated);
    });
  }
}
