import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { assertAmendable } from '../../progress-note-rules';
import { NOTE_INCLUDE, part2Scope, toProgressNoteView } from '../../progress-note.view';
import { AddProgressNoteAddendumCommand } from './add-progress-note-addendum.command';

@CommandHandler(AddProgressNoteAddendumCommand)
export class AddProgressNoteAddendumHandler implements ICommandHandler<AddProgressNoteAddendumCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ noteId, body }: AddProgressNoteAddendumCommand) {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const where = { organizationId_id: { organizationId: ctx.organizationId, id: noteId } };
      const note = await tx.progressNote.findUnique({ where, include: NOTE_INCLUDE });
      if (!note) {
        await this.audit.record({ action: 'progress-note.addendum', resourceType: 'progress_note', resourceId: noteId, outcome: 'not_found' });
        return null;
      }
      assertAmendable(note);
      const id = randomUUID();
      await tx.progressNoteAddendum.create({ data: { organizationId: ctx.organizationId, id, noteId, authorId: ctx.userId, body } });
      await this.audit.record({
        action: 'progress-note.addendum', resourceType: 'progress_note', resourceId: noteId, patientId: note.patientId, outcome: 'success', scope: { addendumId: id, ...part2Scope(note) },
      });
      return toProgressNoteView(await tx.progressNote.findUniqueOrThrow({ where, include: NOTE_INCLUDE }));
    });
  }
}
