import { CommandHandler } from '@nestjs/cqrs';

import { NotFoundError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertDraft } from '../../domain/group-session.rules';
import type { GroupSessionView } from '../../domain/group-session.view';
import { loadGroupSession } from '../../infrastructure/group-session.repository';
import { lockSession } from '../../infrastructure/session-lock.repository';
import { RemoveGroupAttendeeCommand } from './remove-group-attendee.command';

/**
 * Attendance correction: removes a patient recorded on a draft session by mistake (the row is marked removed, kept
 * as the trace of the correction, and read by nothing that builds a roster), so documenting publishes a roster
 * without them and no encounter, generation or charge is ever made for them. Drafts only (409 once documented, audited as
 * denied; the lock trigger refuses the UPDATE then too). The session row is locked first, like every draft write, so a concurrent
 * document either sees the removal or makes it a 409. A patient not on the roster, or outside the caller's patient
 * scope (row-level security hides the row), answers 404 alike. Audited with the patient and the removed status.
 */
@CommandHandler(RemoveGroupAttendeeCommand)
@TenantUseCase(RemoveGroupAttendeeCommand, {
  audit: { action: 'group-session.attendance.remove', resource: 'group_session', id: (c) => c.sessionId, patient: (c) => c.patientId },
})
export class RemoveGroupAttendeeHandler implements ClUseCaseHandler<RemoveGroupAttendeeCommand, GroupSessionView | null> {
  async execute({ sessionId, patientId }: RemoveGroupAttendeeCommand, { ctx, tx, audit }: ClUseCase): Promise<GroupSessionView | null> {
    const org = ctx.organizationId;
    const locked = await lockSession(tx, org, sessionId);
    if (!locked) return null;
    // An attempt to change a signed roster is audited as denied (the row says which session and patient).
    try {
      assertDraft(locked);
    } catch (e) {
      throw audit.refuse('session documented: attendance is locked', e, 'denied');
    }
    const key = { organizationId_sessionId_patientId: { organizationId: org, sessionId, patientId } };
    const row = await tx.groupAttendance.findUnique({ where: key, select: { status: true, removedAt: true } });
    if (!row || row.removedAt) throw new NotFoundError('That patient is not on the roster of this session in your scope.');
    // Marked, never deleted (the app role has no DELETE): the row stays as the trace of the correction, on no roster.
    await tx.groupAttendance.update({ where: key, data: { removedAt: new Date(), removedBy: ctx.userId } });
    const loaded = (await loadGroupSession(tx, org, sessionId))!;
    audit.scope({ removedStatus: row.status, ...(loaded.auditScope['part2'] === true ? { part2: true } : {}) });
    return loaded.view;
  }
}
