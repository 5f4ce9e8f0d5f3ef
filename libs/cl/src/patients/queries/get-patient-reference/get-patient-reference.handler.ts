import { QueryHandler } from '@nestjs/cqrs';

import { GetPatientReferenceQuery, PatientReference } from '@cairn/platform/clinical';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { DELETED_PATIENT_STATUS } from '../../domain/patient.rules';

/**
 * Answers another context's "does this patient exist in my scope, and where" (platform/clinical contract). Called
 * through the bus inside another use case, it joins that transaction, so its audit row commits with the caller's work.
 */
@QueryHandler(GetPatientReferenceQuery)
@TenantUseCase(GetPatientReferenceQuery, {
  audit: { action: 'patient.reference', resource: 'patient', id: (q) => q.patientId, patient: (q) => q.patientId },
})
export class GetPatientReferenceHandler implements ClUseCaseHandler<GetPatientReferenceQuery, PatientReference | null> {
  async execute({ patientId }: GetPatientReferenceQuery, { ctx, tx }: ClUseCase): Promise<PatientReference | null> {
    const p = await tx.patient.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id: patientId } },
      select: { id: true, siteId: true, status: true },
    });
    // A deleted patient is closed for good (ADR 0018): no context starts anything new for them (an appointment, a portal invitation).
    return p && p.status !== DELETED_PATIENT_STATUS ? { patientId: p.id, siteId: p.siteId } : null;
  }
}
