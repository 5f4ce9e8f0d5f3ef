import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { loadGroupSession } from '../../group-session-reader';
import { assertDraft } from '../../group-session-rules';
import { lockSession } from '../../session-lock';
import { EditGroupSessionNoteCommand } from './edit-group-session-note.command';

@CommandHandler(EditGroupSessionNoteCommand)
export class EditGroupSessionNoteHandler implements ICommandHandler<EditGroupSessionNoteCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ sessionId, note }: EditGroupSessionNoteCommand) {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const locked = await lockSession(tx, ctx.organizationId, sessionId);
      if (!locked) {
        await this.audit.record({ action: 'group-session.update', resourceType: 'group_session', resourceId: sessionId, outcome: 'not_found' });
        return null;
      }
      assertDraft(locked);
      await tx.groupSession.update({ where: { organizationId_id: { organizationId: ctx.organizationId, id: sessionId } }, data: { note } });
      const loaded = (await loadGroupSession(tx, ctx.organizationId, sessionId))!;
      await this.audit.record({ action: 'group-session.update', resourceType: 'group_session', resourceId: sessionId, outcome: 'success', scope: { fields: ['note'], ...loaded.auditScope } });
      return loaded.view;
    });
  }
}
