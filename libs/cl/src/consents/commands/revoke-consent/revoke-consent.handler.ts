import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { ConflictError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { toConsentView } from '../../part2-consent.view';
import { RevokeConsentCommand } from './revoke-consent.command';

@CommandHandler(RevokeConsentCommand)
export class RevokeConsentHandler implements ICommandHandler<RevokeConsentCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ patientId, consentId, method }: RevokeConsentCommand) {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const where = { organizationId: ctx.organizationId, id: consentId, patientId };
      const existing = await tx.part2Consent.findFirst({ where });
      if (!existing) {
        await this.audit.record({ action: 'part2.consent.revoke', resourceType: 'part2_consent', resourceId: consentId, patientId: null, outcome: 'not_found' });
        return null;
      }
      // Conditional on revoked_at IS NULL: of two concurrent revocations exactly one wins.
      const { count } = await tx.part2Consent.updateMany({
        where: { ...where, revokedAt: null },
        data: { revokedAt: new Date(), revokedBy: ctx.userId, revocationMethod: method },
      });
      if (count === 0) {
        await this.audit.recordDetached({
          action: 'part2.consent.revoke', resourceType: 'part2_consent', resourceId: consentId, patientId, outcome: 'failure', reason: 'already_revoked',
          scope: { chartId: existing.chartId, part2: true },
        });
        throw new ConflictError('The consent was already revoked.');
      }
      await this.audit.record({
        action: 'part2.consent.revoke', resourceType: 'part2_consent', resourceId: consentId, patientId, outcome: 'success',
        scope: { chartId: existing.chartId, method, part2: true, part2NoticeApplies: true },
      });
      const revoked = await tx.part2Consent.findUniqueOrThrow({ where: { organizationId_id: { organizationId: ctx.organizationId, id: consentId } } });
      return toConsentView(revoked);
    });
  }
}
