import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { AssignPrimaryTherapistCommand, type AssignPrimaryTherapistResult } from '@cairn/platform/clinical';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { careTeamToday } from '../../infrastructure/care-team.repository';

/**
 * The platform contract behind another context's reassignment (the portal's approved change request): the same
 * care-team rule as AssignCareTeamMemberHandler for role primary_therapist (one at a time; the new assignment is
 * written first, then the previous one ends the day before), from the database's today, which is the day the row
 * policies (cl_is_primary_therapist) compare with, so access moves in the caller's next statement.
 */
@CommandHandler(AssignPrimaryTherapistCommand)
@TenantUseCase(AssignPrimaryTherapistCommand, {
  audit: { action: 'patient.care-team.assign', resource: 'patient', id: (c) => c.patientId, patient: (c) => c.patientId },
})
export class AssignPrimaryTherapistHandler implements ClUseCaseHandler<AssignPrimaryTherapistCommand, AssignPrimaryTherapistResult> {
  async execute(
    { patientId, staffUserId, reason }: AssignPrimaryTherapistCommand,
    { ctx, tx, audit }: ClUseCase,
  ): Promise<AssignPrimaryTherapistResult> {
    const organizationId = ctx.organizationId;
    const patient = await tx.patient.findUnique({ where: { organizationId_id: { organizationId, id: patientId } }, select: { id: true } });
    if (!patient) {
      audit.notFound();
      return { outcome: 'patient_not_found' };
    }
    const member = await tx.roleBinding.findFirst({ where: { organizationId, staffUserId, revokedAt: null } });
    if (!member) {
      audit.outcome('failure', 'not_staff');
      return { outcome: 'not_staff' };
    }
    const today = await careTeamToday(tx);
    const current = await tx.careTeamAssignment.findMany({
      where: {
        organizationId,
        patientId,
        role: 'primary_therapist',
        startedOn: { lte: today },
        OR: [{ endedOn: null }, { endedOn: { gte: today } }],
      },
    });
    if (current.some((a) => a.staffUserId === staffUserId)) {
      audit.outcome('failure', 'already_primary');
      return { outcome: 'already_primary' };
    }
    const id = randomUUID();
    await tx.careTeamAssignment.createMany({
      data: [{ organizationId, id, patientId, staffUserId, role: 'primary_therapist', startedOn: today }],
    });
    // Every other open primary-therapist assignment ends the day before, even one that started today (it then never
    // applied): the former therapist is no longer today's primary therapist in the very next statement.
    const others = {
      organizationId,
      patientId,
      role: 'primary_therapist',
      id: { not: id },
      OR: [{ endedOn: null }, { endedOn: { gte: today } }],
    };
    const open = await tx.careTeamAssignment.findMany({ where: others, select: { staffUserId: true } });
    await tx.careTeamAssignment.updateMany({ where: others, data: { endedOn: new Date(today.getTime() - 86_400_000) } });
    audit
      .set({ resourceType: 'care_team_assignment', resourceId: id })
      .scope({ staffUserId, role: 'primary_therapist', reasonKind: reason.kind, reasonId: reason.id, ended: open.length });
    return { outcome: 'assigned', assignmentId: id, previousStaffUserIds: [...new Set(open.map((a) => a.staffUserId))] };
  }
}
