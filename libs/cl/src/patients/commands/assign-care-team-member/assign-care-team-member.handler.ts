import { randomUUID } from 'node:crypto';
import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { PATIENT_INCLUDE, toPatientView } from '../../patient.view';
import { AssignCareTeamMemberCommand } from './assign-care-team-member.command';

@CommandHandler(AssignCareTeamMemberCommand)
export class AssignCareTeamMemberHandler implements ICommandHandler<AssignCareTeamMemberCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ patientId, staffUserId, role, startedOn }: AssignCareTeamMemberCommand) {
    const ctx = this.requestContext.requireTenant();
    const start = new Date(`${startedOn ?? new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const key = { organizationId_id: { organizationId: ctx.organizationId, id: patientId } };
      const patient = await tx.patient.findUnique({ where: key, include: PATIENT_INCLUDE });
      if (!patient) {
        await this.audit.record({ action: 'patient.care-team.assign', resourceType: 'patient', resourceId: patientId, outcome: 'not_found' });
        return null;
      }
      const member = await tx.roleBinding.findFirst({ where: { organizationId: ctx.organizationId, staffUserId, revokedAt: null } });
      if (!member) {
        throw new UnprocessableEntityException({ message: 'staffUserId is not a staff member of this organization', errors: [{ field: 'staffUserId', message: 'not a staff member of this organization' }] });
      }
      const active = patient.careTeam.filter((a) => !a.endedOn || a.endedOn >= start);
      if (active.some((a) => a.staffUserId === staffUserId && a.role === role)) {
        throw new ConflictException('That staff member already holds this role on the care team.');
      }
      const id = randomUUID();
      // The new assignment is written first: row-level security lets care-team rows be written only for a patient
      // the caller can see, and a primary therapist handing their patient over stops seeing them once their own
      // assignment has ended.
      await tx.careTeamAssignment.createMany({ data: [{ organizationId: ctx.organizationId, id, patientId, staffUserId, role, startedOn: start }] });
      if (role === 'primary_therapist') {
        // One primary therapist at a time: the previous one's assignment ends the day before.
        const dayBefore = new Date(start.getTime() - 86_400_000);
        await tx.careTeamAssignment.updateMany({
          where: { organizationId: ctx.organizationId, patientId, role: 'primary_therapist', endedOn: null, id: { not: id } },
          data: { endedOn: dayBefore },
        });
      }
      await this.audit.record({
        action: 'patient.care-team.assign', resourceType: 'care_team_assignment', resourceId: id, patientId, outcome: 'success',
        // The response carries the chart: a Part 2 one goes out with the §2.32 notice (CL-11).
        scope: { staffUserId, role, ...(patient.chart?.isPart2 ? { part2: true, part2NoticeApplies: true } : {}) },
      });
      const p = await tx.patient.findUnique({ where: key, include: PATIENT_INCLUDE });
      return p ? toPatientView(p) : null;
    });
  }
}
