import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertDraft } from '../../domain/group-session.rules';
import type { GroupSessionView } from '../../domain/group-session.view';
import { loadGroupSession } from '../../infrastructure/group-session.repository';
import { lockSession } from '../../infrastructure/session-lock.repository';
import { EditGroupSessionNoteCommand } from './edit-group-session-note.command';

@CommandHandler(EditGroupSessionNoteCommand)
@TenantUseCase(EditGroupSessionNoteCommand, {
  audit: { action: 'group-session.update', resource: 'group_session', id: (c) => c.sessionId },
})
export class EditGroupSessionNoteHandler implements ClUseCaseHandler<EditGroupSessionNoteCommand, GroupSessionView | null> {
  async execute({ sessionId, note }: EditGroupSessionNoteCommand, { ctx, tx, audit }: ClUseCase): Promise<GroupSessionView | null> {
    // The row lock first (infrastructure/session-lock.repository.ts): a concurrent document either sees this edit committed or makes it a 409.
    const locked = await lockSession(tx, ctx.organizationId, sessionId);
    if (!locked) return null;
    assertDraft(locked);
    await tx.groupSession.update({ where: { organizationId_id: { organizationId: ctx.organizationId, id: sessionId } }, data: { note } });
    const loaded = (await loadGroupSession(tx, ctx.organizationId, sessionId))!;
    audit.scope({ fields: ['note'], ...loaded.auditScope });
    return loaded.view;
  }
}
