import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { PATIENT_INCLUDE, toPatientView } from '../../patient.view';
import { GetPatientQuery } from './get-patient.query';

@QueryHandler(GetPatientQuery)
export class GetPatientHandler implements IQueryHandler<GetPatientQuery> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ patientId }: GetPatientQuery) {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      // The organization filter is explicit; row-level security adds site and care-team scope on top.
      const patient = await this.txHost.tx.patient.findUnique({
        where: { organizationId_id: { organizationId: ctx.organizationId, id: patientId } },
        include: PATIENT_INCLUDE,
        relationLoadStrategy: 'join', // one query instead of one per relation
      });
      // A Part 2 chart's record goes out with the 42 CFR §2.32 notice; the audit row says so (CL-11).
      const part2 = patient?.chart?.isPart2 === true;
      await this.audit.record({
        action: 'patient.read', resourceType: 'patient', resourceId: patientId, patientId: patient ? patientId : null,
        outcome: patient ? 'success' : 'not_found',
        ...(part2 ? { scope: { part2: true, part2NoticeApplies: true } } : {}),
      });
      return patient ? toPatientView(patient) : null;
    });
  }
}
