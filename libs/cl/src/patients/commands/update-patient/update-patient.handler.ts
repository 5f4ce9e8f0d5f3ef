import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { Prisma, TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { assertSitePermitted, parseDateOfBirth } from '../../patient-rules';
import { PATIENT_INCLUDE, toPatientView } from '../../patient.view';
import { UpdatePatientCommand } from './update-patient.command';

@CommandHandler(UpdatePatientCommand)
export class UpdatePatientHandler implements ICommandHandler<UpdatePatientCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ patientId, changes }: UpdatePatientCommand) {
    const ctx = this.requestContext.requireTenant();
    if (changes.siteId) assertSitePermitted(ctx, changes.siteId);
    const data: Prisma.PatientUpdateManyMutationInput = {};
    const copy = ['firstName', 'middleName', 'lastName', 'preferredName', 'sexAtBirth', 'genderIdentity', 'pronouns', 'phone', 'email', 'status', 'siteId'] as const;
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

    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      // updateMany: a row outside the caller's scope is simply not matched (no exception), so the not-found
      // outcome is audited in this same transaction.
      const { count } = changed.length
        ? await tx.patient.updateMany({ where: { organizationId: ctx.organizationId, id: patientId }, data: { ...data, updatedAt: new Date() } })
        : { count: await tx.patient.count({ where: { organizationId: ctx.organizationId, id: patientId } }) };
      const p = count
        ? await tx.patient.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id: patientId } }, include: PATIENT_INCLUDE })
        : null;
      // The response carries the chart: a Part 2 one goes out with the §2.32 notice (CL-11).
      await this.audit.record({
        action: 'patient.update', resourceType: 'patient', resourceId: patientId, patientId: count ? patientId : null,
        outcome: count ? 'success' : 'not_found',
        scope: { changedFields: changed, ...(p?.chart?.isPart2 ? { part2: true, part2NoticeApplies: true } : {}) },
      });
      return p ? toPatientView(p) : null;
    });
  }
}
