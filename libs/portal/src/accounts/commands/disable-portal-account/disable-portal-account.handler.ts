import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { PortalAccountView, toPortalAccountView } from '../../domain/portal-account.view';
import { DisablePortalAccountCommand } from './disable-portal-account.command';

/**
 * Disables the account, revokes its refresh tokens and open invitations. The session check (and the client's row
 * policy) already refuse a disabled account; revoking also keeps a later re-invitation from reviving old sessions.
 */
@CommandHandler(DisablePortalAccountCommand)
@TenantUseCase(DisablePortalAccountCommand, {
  audit: { action: 'portal.account.disable', resource: 'portal_account', patient: (c) => c.patientId },
})
export class DisablePortalAccountHandler implements PortalUseCaseHandler<DisablePortalAccountCommand, PortalAccountView | null> {
  async execute({ patientId }: DisablePortalAccountCommand, { ctx, tx, audit }: PortalUseCase): Promise<PortalAccountView | null> {
    const organizationId = ctx.organizationId;
    const existing = await tx.portalAccount.findUnique({ where: { organizationId_patientId: { organizationId, patientId } } });
    if (!existing) return null;
    const now = new Date();
    const account = await tx.portalAccount.update({
      where: { organizationId_id: { organizationId, id: existing.id } },
      data: { status: 'disabled', disabledAt: existing.disabledAt ?? now, disabledBy: existing.disabledBy ?? ctx.userId },
    });
    const sessions = await tx.portalRefreshToken.updateMany({
      where: { organizationId, accountId: existing.id, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.portalInvitation.updateMany({
      where: { organizationId, accountId: existing.id, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    audit.set({ resourceId: existing.id }).scope({ revokedTokens: sessions.count, wasStatus: existing.status });
    return toPortalAccountView(account);
  }
}
