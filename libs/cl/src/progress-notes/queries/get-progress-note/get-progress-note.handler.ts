import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { NOTE_INCLUDE, part2Scope, ProgressNoteView, toProgressNoteView } from '../../progress-note.view';
import { GetProgressNoteQuery } from './get-progress-note.query';

@QueryHandler(GetProgressNoteQuery)
export class GetProgressNoteHandler implements IQueryHandler<GetProgressNoteQuery, ProgressNoteView | null> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ noteId }: GetProgressNoteQuery): Promise<ProgressNoteView | null> {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const note = await this.txHost.tx.progressNote.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id: noteId } }, include: NOTE_INCLUDE });
      await this.audit.record({
        action: 'progress-note.read', resourceType: 'progress_note', resourceId: noteId, patientId: note?.patientId ?? null, outcome: note ? 'success' : 'not_found', ...(note && part2Scope(note).part2 ? { scope: part2Scope(note) } : {}),
      });
      return note ? toProgressNoteView(note) : null;
    });
  }
}
