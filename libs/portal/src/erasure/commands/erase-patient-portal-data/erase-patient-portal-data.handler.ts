import { CommandHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { ErasePatientPortalDataCommand, PatientPortalDataErased } from '@cairn/platform/portal';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { PatientErasureRepository } from '../../infrastructure/patient-erasure.repository';

/**
 * Erases every portal row and file of a patient (the platform contract CL sends when an administrator deletes a
 * patient, ADR 0018). It joins the caller's transaction, so the erasure commits with CL's change or not at all. The
 * audit row carries the rows erased per table (counts, never content); the account goes with the rest, so every
 * portal session of the patient ends at its next request.
 */
@CommandHandler(ErasePatientPortalDataCommand)
@TenantUseCase(ErasePatientPortalDataCommand, {
  audit: { action: 'portal.patient-data.erase', resource: 'patient', id: (c) => c.patientId, patient: (c) => c.patientId },
})
export class ErasePatientPortalDataHandler implements PortalUseCaseHandler<ErasePatientPortalDataCommand, PatientPortalDataErased | null> {
  constructor(private readonly repo: PatientErasureRepository) {}

  async execute({ patientId }: ErasePatientPortalDataCommand, { ctx, tx, audit }: PortalUseCase): Promise<PatientPortalDataErased | null> {
    let byTable: Record<string, number> | null;
    try {
      byTable = await this.repo.erase(tx, ctx.organizationId, patientId);
    } catch (e) {
      if (e instanceof ForbiddenError) throw audit.refuse('permission_required', e, 'denied');
      throw e;
    }
    if (!byTable) return null;
    const rowsErased = Object.values(byTable).reduce((a, b) => a + b, 0);
    audit.scope({ rowsErased, rowsErasedByTable: byTable });
    return { rowsErased, rowsErasedByTable: byTable };
  }
}
