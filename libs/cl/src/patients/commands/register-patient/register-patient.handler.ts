import { randomUUID } from 'node:crypto';
import { UnprocessableEntityException } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertSitePermitted, parseDateOfBirth } from '../../domain/patient.rules';
import { PATIENT_INCLUDE, PatientView, toPatientView } from '../../domain/patient.view';
import { nextMrnValue } from '../../infrastructure/mrn-counter.repository';
import { RegisterPatientCommand } from './register-patient.command';

@CommandHandler(RegisterPatientCommand)
@TenantUseCase(RegisterPatientCommand, { audit: { action: 'patient.create', resource: 'patient' } })
export class RegisterPatientHandler implements ClUseCaseHandler<RegisterPatientCommand, PatientView | { id: string; mrn: string }> {
  async execute(
    { input }: RegisterPatientCommand,
    { ctx, tx, audit, principal }: ClUseCase,
  ): Promise<PatientView | { id: string; mrn: string }> {
    assertSitePermitted(ctx, input.siteId);
    const dateOfBirth = parseDateOfBirth(input.dateOfBirth);
    const orgSlug = principal?.grants.find((g) => g.organizationId === ctx.organizationId)?.organizationSlug ?? 'CRN';

    const site = await tx.site.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id: input.siteId } } });
    if (!site) throw unprocessable('siteId', 'siteId is not a site of this organization');

    // A clinician who registers a patient becomes their primary therapist unless someone else is named,
    // so that they can see the record they just created.
    const therapistId = input.primaryTherapistId ?? (ctx.patientScope === 'assigned' ? ctx.userId : undefined);
    if (therapistId) {
      const member = await tx.roleBinding.findFirst({
        where: { organizationId: ctx.organizationId, staffUserId: therapistId, revokedAt: null },
      });
      if (!member) throw unprocessable('primaryTherapistId', 'primaryTherapistId is not a staff member of this organization');
    }

    const value = await nextMrnValue(tx, ctx.organizationId);
    const mrn = `${orgSlug.slice(0, 3).toUpperCase()}-${String(value).padStart(6, '0')}`;
    const id = randomUUID();
    const today = new Date(new Date().toISOString().slice(0, 10));

    // createMany (no RETURNING): under assigned-only scope the row is not readable until the care-team row exists.
    await tx.patient.createMany({
      data: [
        {
          organizationId: ctx.organizationId,
          id,
          siteId: input.siteId,
          firstName: input.firstName.trim(),
          middleName: input.middleName ?? null,
          lastName: input.lastName.trim(),
          preferredName: input.preferredName ?? null,
          dateOfBirth,
          sexAtBirth: input.sexAtBirth ?? null,
          genderIdentity: input.genderIdentity ?? null,
          pronouns: input.pronouns ?? null,
          phone: input.phone ?? null,
          email: input.email ?? null,
          addressLine1: input.address?.line1 ?? null,
          addressLine2: input.address?.line2 ?? null,
          city: input.address?.city ?? null,
          state: input.address?.state ?? null,
          postalCode: input.address?.postalCode ?? null,
          createdBy: ctx.userId,
        },
      ],
    });
    await tx.chart.createMany({
      data: [
        {
          organizationId: ctx.organizationId,
          id: randomUUID(),
          patientId: id,
          mrn,
          isPart2: input.isPart2 ?? false,
          part2ProgramName: input.isPart2 ? (input.part2ProgramName ?? null) : null,
          openedOn: today,
        },
      ],
    });
    if (therapistId) {
      await tx.careTeamAssignment.createMany({
        data: [
          {
            organizationId: ctx.organizationId,
            id: randomUUID(),
            patientId: id,
            staffUserId: therapistId,
            role: 'primary_therapist',
            startedOn: today,
          },
        ],
      });
    }
    audit.set({ resourceId: id, patientId: id }).scope({
      siteId: input.siteId,
      fields: Object.keys(input).sort(),
      ...(input.isPart2 ? { part2: true, part2NoticeApplies: true } : {}),
    });
    const created = await tx.patient.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id } },
      include: PATIENT_INCLUDE,
    });
    return created ? toPatientView(created) : { id, mrn };
  }
}

function unprocessable(field: string, message: string) {
  return new UnprocessableEntityException({ message, errors: [{ field, message }] });
}
