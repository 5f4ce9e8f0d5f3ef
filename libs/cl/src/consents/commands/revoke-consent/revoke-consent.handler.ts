import { CommandHandler } from '@nestjs/cqrs';

import { ConflictError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { Part2ConsentView, toConsentView } from '../../domain/part2-consent.view';
import { RevokeConsentCommand } from './revoke-consent.command';

@CommandHandler(RevokeConsentCommand)
@TenantUseCase(RevokeConsentCommand, {
  audit: { action: 'part2.consent.revoke', resource: 'part2_consent', id: (c) => c.consentId, patient: (c) => c.patientId },
})
export class RevokeConsentHandler implements ClUseCaseHandler<RevokeConsentCommand, Part2ConsentView | null> {
  async execute({ patientId, consentId, method }: RevokeConsentCommand, { ctx, tx, audit }: ClUseCase): Promise<Part2ConsentView | null> {
    const where = { organizationId: ctx.organizationId, id: consentId, patientId };
    const existing = await tx.part2Consent.findFirst({ where });
    if (!existing) return null;
    // Conditional on revoked_at IS NULL: of two concurrent revocations exactly one wins.
    const { count } = await tx.part2Consent.updateMany({
      where: { ...where, revokedAt: null },
      data: { revokedAt: new Date(), revokedBy: ctx.userId, revocationMethod: method },
    });
    if (count === 0) {
      throw audit.refuse('already_revoked', new ConflictError('The consent was already revoked.'), 'failure', {
        chartId: existing.chartId,
        part2: true,
      });
    }
    audit.scope({ chartId: existing.chartId, method, part2: true, part2NoticeApplies: true });
    const revoked = await tx.part2Consent.findUniqueOrThrow({
      where: { organizationId_id: { organizationId: ctx.organizationId, id: consentId } },
    });
    return toConsentView(revoked);
  }
}
