import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { GetPatientReferenceQuery, PatientReference } from '@cairn/platform/clinical';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';

/** Answers another context's "does this patient exist in my scope, and where" (platform/clinical contract). */
@QueryHandler(GetPatientReferenceQuery)
export class GetPatientReferenceHandler implements IQueryHandler<GetPatientReferenceQuery, PatientReference | null> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ patientId }: GetPatientReferenceQuery): Promise<PatientReference | null> {
    const ctx = this.requestContext.requireTenant();
    // Joins the caller's transaction when there is one (the default propagation), so the audit commits with its work.
    return this.txHost.withTransaction(async () => {
      const p = await this.txHost.tx.patient.findUnique({
        where: { organizationId_id: { organizationId: ctx.organizationId, id: patientId } },
        select: { id: true, siteId: true },
      });
      await this.audit.record({
        action: 'patient.reference', resourceType: 'patient', resourceId: patientId, patientId: p ? patientId : null,
        outcome: p ? 'success' : 'not_found',
      });
      return p ? { patientId: p.id, siteId: p.siteId } : null;
    });
  }
}
