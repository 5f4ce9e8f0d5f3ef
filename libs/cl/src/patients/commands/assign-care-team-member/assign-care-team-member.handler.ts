import { randomUUID } from 'node:crypto';
import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';

import { ConflictError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { DELETED_PATIENT_STATUS } from '../../domain/patient.rules';
import { PATIENT_INCLUDE, PatientView, toPatientView } from '../../domain/patient.view';
import { AssignCareTeamMemberCommand } from './assign-care-team-member.command';

/** Not found names the patient asked for; success names the new assignment (resource type care_team_assignment). */
@CommandHandler(AssignCareTeamMemberCommand)
@TenantUseCase(AssignCareTeamMemberCommand, {
  audit: { action: 'patient.care-team.assign', resource: 'patient', id: (c) => c.patientId, patient: (c) => c.patientId },
})
export class AssignCareTeamMemberHandler implements ClUseCaseHandler<AssignCareTeamMemberCommand, PatientView | null> {
  async execute(
    { patientId, staffUserId, role, startedOn }: AssignCareTeamMemberCommand,
    { ctx, tx, audit }: ClUseCase,
  ): Promise<PatientView | null> {
    const start = new Date(`${startedOn ?? new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    const key = { organizationId_id: { organizationId: ctx.organizationId, id: patientId } };
    const patient = await tx.patient.findUnique({ where: key, include: PATIENT_INCLUDE });
    if (!patient) return null;
    if (patient.status === DELETED_PATIENT_STATUS) {
      throw audit.refuse('patient_deleted', new ConflictError('The patient is deleted; their care team is closed.'), 'denied');
    }
    const member = await tx.roleBinding.findFirst({ where: { organizationId: ctx.organizationId, staffUserId, revokedAt: null } });
    if (!member) {
      throw new UnprocessableEntityException({
        message: 'staffUserId is not a staff member of this organization',
        errors: [{ field: 'staffUserId', message: 'not a staff member of this organization' }],
      });
    }
    const active = patient.careTeam.filter((a) => !a.endedOn || a.endedOn >= start);
    if (active.some((a) => a.staffUserId === staffUserId && a.role === role)) {
      throw new ConflictException('That staff member already holds this role on the care team.');
    }
    const id = randomUUID();
    // The new assignment is written first: row-level security lets care-team rows be written only for a patient
    // the caller can see, and a primary therapist handing their patient over stops seeing them once their own
    // assignment has ended.
    await tx.careTeamAssignment.createMany({
      data: [{ organizationId: ctx.organizationId, id, patientId, staffUserId, role, startedOn: start }],
    });
    if (role === 'primary_therapist') {
      // One primary therapist at a time: the previous one's assignment ends the day before.
      const dayBefore = new Date(start.getTime() - 86_400_000);
      await tx.careTeamAssignment.updateMany({
        where: { organizationId: ctx.organizationId, patientId, role: 'primary_therapist', endedOn: null, id: { not: id } },
        data: { endedOn: dayBefore },
      });
    }
    // Success even when the caller no longer sees the patient (a handover): the response is then null.
    audit
      .outcome('success')
      .set({ resourceType: 'care_team_assignment', resourceId: id })
      .scope({
        // The response carries the chart: a Part 2 one goes out with the §2.32 notice (CL-11).
        staffUserId,
        role,
        ...(patient.chart?.isPart2 ? { part2: true, part2NoticeApplies: true } : {}),
      });
    const p = await tx.patient.findUnique({ where: key, include: PATIENT_INCLUDE });
    return p ? toPatientView(p) : null;
  }
}
