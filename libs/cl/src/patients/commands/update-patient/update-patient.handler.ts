import { CommandHandler } from '@nestjs/cqrs';

import { Prisma } from '@cairn/platform/db';
import { ConflictError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertSitePermitted, DELETED_PATIENT_STATUS, parseDateOfBirth } from '../../domain/patient.rules';
import { PATIENT_INCLUDE, PatientView, toPatientView } from '../../domain/patient.view';
import { UpdatePatientCommand } from './update-patient.command';

@CommandHandler(UpdatePatientCommand)
@TenantUseCase(UpdatePatientCommand, {
  audit: { action: 'patient.update', resource: 'patient', id: (c) => c.patientId, patient: (c) => c.patientId },
})
export class UpdatePatientHandler implements ClUseCaseHandler<UpdatePatientCommand, PatientView | null> {
  async execute({ patientId, changes }: UpdatePatientCommand, { ctx, tx, audit }: ClUseCase): Promise<PatientView | null> {
    if (changes.siteId) assertSitePermitted(ctx, changes.siteId);
    const data: Prisma.PatientUpdateManyMutationInput = {};
    const copy = [
      'firstName',
      'middleName',
      'lastName',
      'preferredName',
      'sexAtBirth',
      'genderIdentity',
      'pronouns',
      'phone',
      'email',
      'status',
      'siteId',
    ] as const;
    for (const k of copy) if (changes[k] !== undefined) (data as Record<string, unknown>)[k] = changes[k];
    if (changes.dateOfBirth) data.dateOfBirth = parseDateOfBirth(changes.dateOfBirth);
    if (changes.address) {
      const a = changes.address;
      if (a.line1 !== undefined) data.addressLine1 = a.line1;
      if (a.line2 !== undefined) data.addressLine2 = a.line2;
      if (a.city !== undefined) data.city = a.city;
      if (a.state !== undefined) data.state = a.state;
      if (a.postalCode !== undefined) data.postalCode = a.postalCode;
    }
    const changed = Object.keys(data).sort();
    audit.scope({ changedFields: changed });
    const current = await tx.patient.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id: patientId } },
      select: { status: true },
    });
    if (!current) return null;
    // A deleted patient is closed for good (ADR 0018): their portal data is gone, and reviving them would not bring it back.
    if (current.status === DELETED_PATIENT_STATUS) {
      throw audit.refuse('patient_deleted', new ConflictError('The patient is deleted; their record is closed.'), 'denied');
    }

    // updateMany: a row outside the caller's scope is simply not matched (no exception), so the not-found
    // outcome is audited in this same transaction.
    const { count } = changed.length
      ? await tx.patient.updateMany({
          where: { organizationId: ctx.organizationId, id: patientId, status: { not: DELETED_PATIENT_STATUS } },
          data: { ...data, updatedAt: new Date() },
        })
      : { count: await tx.patient.count({ where: { organizationId: ctx.organizationId, id: patientId } }) };
    if (!count) return null;
    // The change is made: its row says success even if the patient were no longer readable afterwards.
    audit.outcome('success');
    const p = await tx.patient.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id: patientId } },
      include: PATIENT_INCLUDE,
    });
    // The response carries the chart: a Part 2 one goes out with the §2.32 notice (CL-11).
    if (p?.chart?.isPart2) audit.scope({ part2: true, part2NoticeApplies: true });
    return p ? toPatientView(p) : null;
  }
}
