import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { PATIENT_INCLUDE, PatientView, toPatientView } from '../../domain/patient.view';
import { GetPatientQuery } from './get-patient.query';

@QueryHandler(GetPatientQuery)
@TenantUseCase(GetPatientQuery, {
  audit: { action: 'patient.read', resource: 'patient', id: (q) => q.patientId, patient: (q) => q.patientId },
})
export class GetPatientHandler implements ClUseCaseHandler<GetPatientQuery, PatientView | null> {
  async execute({ patientId }: GetPatientQuery, { ctx, tx, audit }: ClUseCase): Promise<PatientView | null> {
    // The organization filter is explicit; row-level security adds site and care-team scope on top.
    const patient = await tx.patient.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id: patientId } },
      include: PATIENT_INCLUDE,
      relationLoadStrategy: 'join', // one query instead of one per relation
    });
    if (!patient) return null;
    // A Part 2 chart's record goes out with the 42 CFR §2.32 notice; the audit row says so (CL-11).
    if (patient.chart?.isPart2 === true) audit.scope({ part2: true, part2NoticeApplies: true });
    return toPatientView(patient);
  }
}
